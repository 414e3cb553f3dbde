package com.gridcommand.dispatch;

import com.gridcommand.security.DeviceService;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.TestClock;
import com.gridcommand.support.TestClockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Trackers over HTTP as the OsmAnd / Traccar apps speak it, and JSON batches. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class TrackerIngestTest {

    @Autowired
    TestClock clock;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DeviceService devices;
    @Autowired
    GridUserRepository users;
    @Autowired
    PositionIngest ingest;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private String token;
    private long deviceId;
    private long responderId;
    private double[] home;
    private Object[] before;

    @BeforeEach
    void device() {
        responderId = jdbc.sql("select id from responder where kind = 'POLICE_PATROL' and position is not null order by id limit 1").query(Long.class).single();
        home = jdbc.sql("select ST_X(position), ST_Y(position) from responder where id = :id").param("id", responderId)
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        before = jdbc.sql("select position, position_at from responder where id = :id").param("id", responderId)
                .query((rs, i) -> new Object[]{rs.getObject(1), rs.getObject(2)}).single();
        DeviceService.Issued issued = As.user(users, "admin", () -> devices.issue("测试终端 " + System.nanoTime(), responderId));
        token = issued.token();
        deviceId = issued.device().id();
    }

    @AfterEach
    void cleanUp() {
        jdbc.sql("delete from position_report where device_id = :d").param("d", deviceId).update();
        jdbc.sql("update responder set position = :p, position_at = :t where id = :id")
                .param("p", before[0]).param("t", before[1]).param("id", responderId).update();
        ingest.forget();
    }

    private HttpResponse<String> osmand(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/osmand?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> batch(String body, String bearer) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/positions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) request.header("Authorization", "Bearer " + bearer);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String q(Instant t, double lat, double lon) {
        return "id=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&lat=" + lat + "&lon=" + lon + "&timestamp=" + t.getEpochSecond();
    }

    private long stored() {
        return jdbc.sql("select count(*) from position_report where device_id = :d").param("d", deviceId).query(Long.class).single();
    }

    private double[] current() {
        return jdbc.sql("select ST_X(position), ST_Y(position) from responder where id = :id").param("id", responderId)
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
    }

    @Test
    void anOsmAndPingIsStoredAndMovesTheResponderAndTheSamePingAgainIsADuplicate() throws Exception {
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        double lat = home[1] + 0.001, lon = home[0] + 0.001;
        HttpResponse<String> first = osmand(q(t, lat, lon) + "&speed=10.8&bearing=90&altitude=12&accuracy=8&batt=77");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(stored()).isEqualTo(1);
        assertThat(current()[0]).isCloseTo(lon, org.assertj.core.api.Assertions.within(1e-9));
        var row = jdbc.sql("select speed_mps, bearing, battery_pct, device_time from position_report where device_id = :d").param("d", deviceId)
                .query((rs, i) -> new Object[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getObject(4, OffsetDateTime.class)}).single();
        assertThat((double) row[0]).as("10.8 knots in m/s").isCloseTo(10.8 * 1852 / 3600, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(row[1]).isEqualTo(90.0);
        assertThat(row[2]).isEqualTo(77.0);
        assertThat(((OffsetDateTime) row[3]).toInstant()).isEqualTo(t);
        // The app resends (it never saw the answer): accepted, stored once.
        HttpResponse<String> again = osmand(q(t, lat, lon));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("already stored");
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void aLatePingIsKeptAsTrackButDoesNotMoveTheResponderBack() throws Exception {
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        assertThat(osmand(q(t, home[1] + 0.002, home[0])).statusCode()).isEqualTo(200);
        // Arrives later, but was recorded 20 s earlier (a dead zone): track yes, current position no.
        assertThat(osmand(q(t.minusSeconds(20), home[1] + 0.001, home[0])).statusCode()).isEqualTo(200);
        assertThat(stored()).isEqualTo(2);
        assertThat(current()[1]).isCloseTo(home[1] + 0.002, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(jdbc.sql("select position_at from responder where id = :id").param("id", responderId)
                .query(OffsetDateTime.class).single().toInstant()).isEqualTo(t);
    }

    @Test
    void eachKindOfMalformedPingHasItsOwnReasonAndNothingIsStored() throws Exception {
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(10);
        String id = "id=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        String[][] cases = {
                {id + "&lon=" + home[0] + "&timestamp=" + t.getEpochSecond(), "MISSING_FIELD"},
                {id + "&lat=abc&lon=" + home[0], "NOT_A_NUMBER"},
                {id + "&lat=" + home[0] + "&lon=" + home[1] + "&timestamp=" + t.getEpochSecond(), "LATITUDE_RANGE"}, // swapped: 121 is no latitude
                {id + "&lat=30&lon=190&timestamp=" + t.getEpochSecond(), "LONGITUDE_RANGE"},
                {id + "&lat=0&lon=0&timestamp=" + t.getEpochSecond(), "NO_FIX"},
                {id + "&lat=" + home[1] + "&lon=" + home[0] + "&timestamp=yesterday", "BAD_TIME"},
                {id + "&lat=" + home[1] + "&lon=" + home[0] + "&timestamp=" + t.plusSeconds(3600).getEpochSecond(), "FUTURE_TIME"},
                {id + "&lat=" + home[1] + "&lon=" + home[0] + "&timestamp=" + t.minusSeconds(30L * 86400).getEpochSecond(), "TOO_OLD"},
                {id + "&lat=" + home[1] + "&lon=" + home[0] + "&timestamp=" + t.getEpochSecond() + "&speed=400", "SPEED_RANGE"},
                {id + "&lat=" + home[1] + "&lon=" + home[0] + "&timestamp=" + t.getEpochSecond() + "&bearing=400", "BEARING_RANGE"},
                {id + "&lat=" + home[1] + "&lon=" + home[0] + "&timestamp=" + t.getEpochSecond() + "&accuracy=-3", "ACCURACY_RANGE"},
                {id + "&lat=" + home[1] + "&lon=" + home[0] + "&timestamp=" + t.getEpochSecond() + "&altitude=20000", "ALTITUDE_RANGE"},
                {id + "&lat=" + home[1] + "&lon=" + home[0] + "&timestamp=" + t.getEpochSecond() + "&batt=140", "BATTERY_RANGE"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = osmand(c[0]);
            assertThat(r.statusCode()).as(c[1]).isEqualTo(400);
            assertThat(r.body()).as(c[1]).startsWith(c[1] + ":");
        }
        assertThat(stored()).isZero();
        // A jump: 1 s after a stored fix, 50 km away.
        assertThat(osmand(q(t, home[1], home[0])).statusCode()).isEqualTo(200);
        HttpResponse<String> jump = osmand(q(t.plusSeconds(1), home[1] + 0.45, home[0]));
        assertThat(jump.statusCode()).isEqualTo(400);
        assertThat(jump.body()).startsWith("IMPLAUSIBLE_JUMP:").contains("km/h");
        assertThat(stored()).isEqualTo(1);
        assertThat(current()[1]).isCloseTo(home[1], org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aDeviceWithoutAValidTokenIsRefused() throws Exception {
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String good = "&lat=" + home[1] + "&lon=" + home[0] + "&timestamp=" + t.getEpochSecond();
        assertThat(osmand("id=gcd_abcdefgh_" + "x".repeat(43) + good).statusCode()).isEqualTo(401);
        assertThat(osmand("id=123456" + good).statusCode()).isEqualTo(401);
        assertThat(osmand(good.substring(1)).statusCode()).isEqualTo(401);
        // Even a malformed ping from an unknown device learns only that it is unknown.
        assertThat(osmand("id=nobody&lat=abc").statusCode()).isEqualTo(401);
        assertThat(batch("[]", null).statusCode()).isEqualTo(401);
        As.user(users, "admin", () -> devices.revoke(deviceId));
        assertThat(osmand(q(t, home[1], home[0])).statusCode()).isEqualTo(401);
        assertThat(stored()).isZero();
    }

    @Test
    void theTraccarClientJsonBodyIsUnderstood() throws Exception {
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        String body = """
                {"device_id": "%s", "location": {"timestamp": "%s", "coords": {"latitude": %s, "longitude": %s, "speed": 4.5,
                 "heading": 180, "accuracy": 6, "altitude": 20}, "battery": {"level": 0.5, "is_charging": false}, "is_moving": true}}"""
                .formatted(token, t, home[1] + 0.0005, home[0]);
        var r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/osmand"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(jdbc.sql("select battery_pct from position_report where device_id = :d").param("d", deviceId).query(Double.class).single()).isEqualTo(50.0);
    }

    @Test
    void aBatchStoresTheGoodOnesNamesTheBadOnesAndIsIdempotent() throws Exception {
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
        String body = """
                {"positions": [
                  {"time": "%s", "lat": %s, "lon": %s, "speed": 5},
                  {"time": "%s", "lat": %s, "lon": %s},
                  {"time": "%s", "lat": 95, "lon": %s},
                  {"time": "%s", "lat": %s, "lon": %s}
                ]}""".formatted(t, home[1], home[0], t.plusSeconds(10), home[1] + 0.0003, home[0], t.plusSeconds(20), home[0],
                t.plusSeconds(10), home[1] + 0.0003, home[0]);
        HttpResponse<String> r = batch(body, token);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"stored\":2").contains("\"duplicates\":1").contains("\"index\":2").contains("LATITUDE_RANGE");
        assertThat(stored()).isEqualTo(2);
        HttpResponse<String> again = batch(body, token);
        assertThat(again.body()).contains("\"stored\":0").contains("\"duplicates\":3");
        assertThat(stored()).isEqualTo(2);
        assertThat(batch("{not json", token).body()).contains("MALFORMED_JSON");
        String tooMany = "[" + String.join(",", java.util.Collections.nCopies(1001, "{}")) + "]";
        assertThat(batch(tooMany, token).statusCode()).isEqualTo(413);
        assertThat(stored()).isEqualTo(2);
    }

    private String position(Instant t, String lat, String lon, String extra) {
        return "{\"time\": \"%s\", \"lat\": %s, \"lon\": %s%s}".formatted(t, lat, lon, extra);
    }

    private JsonNode rejectedByIndex(HttpResponse<String> r) {
        ObjectNode byIndex = JsonNodeFactory.instance.objectNode();
        json.readTree(r.body()).path("rejected").forEach(x -> byIndex.set(x.path("index").asString(), x));
        return byIndex;
    }

    @Test
    void aBatchWithFieldsOfTheWrongJsonTypeStoresTheGoodPositionsAndNamesEachBadOne() throws Exception {
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(300);
        String lat = Double.toString(home[1]), lon = Double.toString(home[0]);
        String huge = "1" + "0".repeat(399);
        java.util.List<String> items = java.util.List.of(
                position(t, lat, lon, ""),
                position(t.plusSeconds(1), lat, lon, ", \"speed\": [1]"),
                position(t.plusSeconds(2), "{}", lon, ""),
                position(t.plusSeconds(3), huge, lon, ""),
                position(t.plusSeconds(4), lat, lon, ", \"bearing\": true"),
                "{\"time\": {\"at\": 1}, \"lat\": %s, \"lon\": %s}".formatted(lat, lon),
                position(t.plusSeconds(6), lat, lon, ", \"battery\": \"half\""),
                "[1, 2]",
                // Longer than the JSON parser's own limit for a number (1000 digits): still this position's problem alone.
                position(t.plusSeconds(8), lat, "-" + "9".repeat(5000) + ".5", ""),
                position(t.plusSeconds(9), lat, lon, ", \"accuracy\": null"));
        HttpResponse<String> r = batch("{\"positions\": [" + String.join(",", items) + "]}", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode answer = json.readTree(r.body());
        assertThat(answer.path("stored").asInt()).as(r.body()).isEqualTo(2);
        JsonNode rejected = rejectedByIndex(r);
        assertThat(rejected.size()).as(r.body()).isEqualTo(8);
        String[][] expected = {{"1", "NOT_A_NUMBER", "speed"}, {"2", "NOT_A_NUMBER", "lat"}, {"3", "LATITUDE_RANGE", "latitude"},
                {"4", "NOT_A_NUMBER", "bearing"}, {"5", "BAD_TIME", "time"}, {"6", "NOT_A_NUMBER", "battery"},
                {"7", "NOT_AN_OBJECT", "object"}, {"8", "LONGITUDE_RANGE", "longitude"}};
        for (String[] e : expected) {
            assertThat(rejected.path(e[0]).path("reason").asString()).as("position " + e[0] + ": " + r.body()).isEqualTo(e[1]);
            assertThat(rejected.path(e[0]).path("message").asString()).as("position " + e[0]).contains(e[2]).hasSizeLessThan(200);
        }
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    void nineHundredNinetyNineGoodPositionsAreStoredBesideOneOfTheWrongType() throws Exception {
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(2000);
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            if (i > 0) body.append(',');
            body.append(i == 500 ? position(t.plusSeconds(i), "{}", Double.toString(home[0]), "")
                    : position(t.plusSeconds(i), Double.toString(home[1] + i * 1e-6), Double.toString(home[0]), ", \"speed\": 1.5"));
        }
        HttpResponse<String> r = batch(body.append(']').toString(), token);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode answer = json.readTree(r.body());
        assertThat(answer.path("stored").asInt()).isEqualTo(999);
        assertThat(answer.path("rejected").size()).isEqualTo(1);
        assertThat(answer.path("rejected").get(0).path("index").asInt()).isEqualTo(500);
        assertThat(stored()).isEqualTo(999);
    }

    @Test
    void aTimeInFractionalUnixSecondsIsStoredToTheMillisecond() throws Exception {
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        String body = "[{\"time\": %d.5, \"lat\": %s, \"lon\": %s}, {\"time\": %d.25, \"lat\": %s, \"lon\": %s}]".formatted(
                t.getEpochSecond(), home[1], home[0], t.getEpochSecond() + 1, home[1], home[0]);
        HttpResponse<String> r = batch(body, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(jdbc.sql("select device_time from position_report where device_id = :d order by device_time").param("d", deviceId)
                .query(OffsetDateTime.class).list().stream().map(OffsetDateTime::toInstant).toList())
                .containsExactly(t.plusMillis(500), t.plusMillis(1250));
        // The same in the OsmAnd protocol and in Traccar Client's JSON (a number there too).
        assertThat(osmand(q(t, home[1], home[0]).replace("&timestamp=" + t.getEpochSecond(), "&timestamp=" + (t.getEpochSecond() + 2) + ".75"))
                .statusCode()).isEqualTo(200);
        assertThat(traccar("""
                {"device_id": "%s", "location": {"timestamp": %d.125, "coords": {"latitude": %s, "longitude": %s}}}"""
                .formatted(token, t.getEpochSecond() + 3, home[1], home[0]), "application/json").statusCode()).isEqualTo(200);
        assertThat(stored()).isEqualTo(4);
        assertThat(jdbc.sql("select max(device_time) from position_report where device_id = :d").param("d", deviceId)
                .query(OffsetDateTime.class).single().toInstant()).isEqualTo(t.plusMillis(3125));
    }

    private HttpResponse<String> traccar(String body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/osmand"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void traccarJsonFromAKnownDeviceWithABadFieldIsToldWhichFieldNotThatTheDeviceIsUnknown() throws Exception {
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        String[][] cases = {
                {"\"latitude\": \"north\", \"longitude\": %s".formatted(home[0]), "NOT_A_NUMBER"},
                {"\"latitude\": [1], \"longitude\": %s".formatted(home[0]), "NOT_A_NUMBER"},
                {"\"latitude\": %s, \"longitude\": %s, \"speed\": {}".formatted(home[1], home[0]), "NOT_A_NUMBER"},
                {"\"latitude\": %s".formatted(home[1]), "MISSING_FIELD"},
                {"\"latitude\": 1%s, \"longitude\": %s".formatted("0".repeat(399), home[0]), "LATITUDE_RANGE"},
        };
        for (String[] c : cases) {
            String body = "{\"device_id\": \"%s\", \"location\": {\"timestamp\": \"%s\", \"coords\": {%s}}}".formatted(token, t, c[0]);
            HttpResponse<String> r = traccar(body, "application/json");
            assertThat(r.statusCode()).as(c[1] + ": " + r.body()).isEqualTo(400);
            assertThat(r.body()).as(c[1]).startsWith(c[1] + ":");
        }
        String badTime = "{\"device_id\": \"%s\", \"location\": {\"timestamp\": [2026], \"coords\": {\"latitude\": %s, \"longitude\": %s}}}"
                .formatted(token, home[1], home[0]);
        assertThat(traccar(badTime, "application/json").body()).startsWith("BAD_TIME:");
        // An unknown device still learns nothing but that it is unknown.
        String unknown = "{\"device_id\": \"nobody\", \"location\": {\"coords\": {\"latitude\": \"north\"}}}";
        assertThat(traccar(unknown, "application/json").statusCode()).isEqualTo(401);
        assertThat(stored()).isZero();
    }

    @Test
    void aJsonBodyIsUnderstoodWhateverTheCaseOfItsMediaType() throws Exception {
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        String body = "{\"device_id\": \"%s\", \"location\": {\"timestamp\": \"%s\", \"coords\": {\"latitude\": %s, \"longitude\": %s}}}";
        HttpResponse<String> upper = traccar(body.formatted(token, t, home[1], home[0]), "Application/JSON");
        assertThat(upper.statusCode()).as(upper.body()).isEqualTo(200);
        HttpResponse<String> charset = traccar(body.formatted(token, t.plusSeconds(1), home[1], home[0]), "APPLICATION/JSON; Charset=UTF-8");
        assertThat(charset.statusCode()).as(charset.body()).isEqualTo(200);
        assertThat(stored()).isEqualTo(2);
        // A header that is no media type at all is not JSON: the body is read as form parameters, which lack a position.
        HttpResponse<String> garbage = traccar(body.formatted(token, t.plusSeconds(2), home[1], home[0]), "json;;;=");
        assertThat(garbage.statusCode()).isIn(400, 401);
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    void aMalformedFormBodyIsA400WithoutAStackTraceInTheLog(CapturedOutput log) throws Exception {
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        String form = "id=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&lat=%ZZ" + "&lon=" + home[0] + "&timestamp=" + t.getEpochSecond();
        int before = log.getAll().length();
        HttpResponse<String> r = traccar(form, "application/x-www-form-urlencoded");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).startsWith("MALFORMED_FORM:");
        // The same in the query string, sent raw (Java's HTTP client refuses to send such a URI).
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(("POST /api/osmand?id=" + token + "&lat=%G1&lon=" + home[0]
                    + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("MALFORMED_FORM:");
        }
        String written = log.getAll().substring(before);
        assertThat(written).doesNotContain(" ERROR ").doesNotContain("\tat org.apache");
        assertThat(stored()).isZero();
    }

    @Test
    void aDeviceWhosePositionsComeWithoutItsTokenStillShowsWhenItLastReported() {
        // The simulator (and any in-process sender) hands positions to the ingest directly: no sign-in with a token.
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(20);
        DeviceService.DeviceIdentity identity = new DeviceService.DeviceIdentity(deviceId, "test tracker", responderId);
        assertThat(As.user(users, "admin", () -> devices.list()).stream().filter(d -> d.id() == deviceId).findFirst().orElseThrow().lastSeenAt()).isNull();
        ingest.accept(identity, java.util.List.of(Ping.at(t, home[1] + 0.0005, home[0])));
        OffsetDateTime seen = As.user(users, "admin", () -> devices.list()).stream().filter(d -> d.id() == deviceId).findFirst().orElseThrow().lastSeenAt();
        assertThat(seen).isNotNull();
        assertThat(Duration.between(seen.toInstant(), clock.instant()).abs()).isLessThan(Duration.ofMinutes(1));
    }
}
