package com.gridcommand.dispatch;

import com.gridcommand.security.DeviceService;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.TestClock;
import com.gridcommand.support.TestClockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Trackers over HTTP as the OsmAnd / Traccar apps speak it, and JSON batches. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
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
        DeviceService.Issued issued = As.user(users, "admin", () -> devices.issue("test tracker " + System.nanoTime(), responderId));
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
}
