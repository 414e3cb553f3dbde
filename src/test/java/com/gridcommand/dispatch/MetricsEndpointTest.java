package com.gridcommand.dispatch;

import com.gridcommand.security.DeviceService;
import com.gridcommand.security.internal.DemoUsers;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.TestClock;
import com.gridcommand.support.TestClockConfiguration;
import com.gridcommand.support.WebClient;
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
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator's scraper reads the app's meters as Prometheus text, signed in as an administrator; nobody else does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class MetricsEndpointTest {

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
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
    private long deviceId, responderId;
    private double[] home;
    private Object[] before;

    @BeforeEach
    void device() {
        responderId = jdbc.sql("select id from responder where kind = 'GRID_WORKER' and position is not null order by id limit 1").query(Long.class).single();
        home = jdbc.sql("select ST_X(position), ST_Y(position) from responder where id = :id").param("id", responderId)
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        before = jdbc.sql("select position, position_at from responder where id = :id").param("id", responderId)
                .query((rs, i) -> new Object[]{rs.getObject(1), rs.getObject(2)}).single();
        DeviceService.Issued issued = As.user(users, "admin", () -> devices.issue("指标测试终端 " + System.nanoTime(), responderId));
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

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + DemoUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private int osmand(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/osmand?id=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = new WebClient(port).get("/actuator/prometheus", "Authorization", basic("admin"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return response.body();
    }

    /** The value of the sample of this name whose labels include this one (e.g. {@code reason="no_fix"}), if scraped. */
    private static OptionalDouble sample(String body, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$").matcher(body);
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            if (label == null || labels.contains(label)) return OptionalDouble.of(Double.parseDouble(m.group(2)));
        }
        return OptionalDouble.empty();
    }

    private static double value(String body, String name, String label) {
        OptionalDouble v = sample(body, name, label);
        assertThat(v).as(name + " " + label).isPresent();
        return v.getAsDouble();
    }

    @Test
    void pingsAcceptedAndRefusedByReasonTheFeedThePoolAndTheJobsAreScrapedByAnAdministrator() throws Exception {
        String earlier = scrape();
        double stored = value(earlier, "gridcommand_pings_accepted_total", "outcome=\"stored\"");
        double duplicates = value(earlier, "gridcommand_pings_accepted_total", "outcome=\"duplicate\"");
        double latitude = value(earlier, "gridcommand_pings_refused_total", "reason=\"latitude_range\"");
        double notANumber = value(earlier, "gridcommand_pings_refused_total", "reason=\"not_a_number\"");
        double lagCount = sample(earlier, "gridcommand_changefeed_lag_seconds_count", null).orElse(0);

        // Newer than any position the demo gave the responder, so it moves.
        Instant t = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(60);
        String at = "&lat=" + (home[1] + 0.001) + "&lon=" + (home[0] + 0.001);
        assertThat(osmand("timestamp=" + t.getEpochSecond() + at)).isEqualTo(200);
        assertThat(osmand("timestamp=" + t.plusSeconds(10).getEpochSecond() + "&lat=" + (home[1] + 0.0012) + "&lon=" + (home[0] + 0.0012))).isEqualTo(200);
        assertThat(osmand("timestamp=" + t.getEpochSecond() + at)).as("sent again").isEqualTo(200);
        assertThat(osmand("timestamp=" + t.plusSeconds(20).getEpochSecond() + "&lat=95&lon=" + home[0])).isEqualTo(400);
        assertThat(osmand("timestamp=" + t.plusSeconds(30).getEpochSecond() + "&lat=abc&lon=" + home[0])).isEqualTo(400);

        String now = scrape();
        assertThat(value(now, "gridcommand_pings_accepted_total", "outcome=\"stored\"") - stored).isEqualTo(2);
        assertThat(value(now, "gridcommand_pings_accepted_total", "outcome=\"duplicate\"") - duplicates).isEqualTo(1);
        assertThat(value(now, "gridcommand_pings_refused_total", "reason=\"latitude_range\"") - latitude).isEqualTo(1);
        assertThat(value(now, "gridcommand_pings_refused_total", "reason=\"not_a_number\"") - notANumber).as("refused before ingest").isEqualTo(1);
        assertThat(value(now, "gridcommand_pings_refused_total", "reason=\"implausible_jump\"")).as("every reason, from the start").isGreaterThanOrEqualTo(0);

        // The stored pings moved the responder: the change feed heard it, and says how long after the change it did.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sample(now, "gridcommand_changefeed_lag_seconds_count", null).orElse(0) <= lagCount && System.nanoTime() < deadline) {
            Thread.sleep(200);
            now = scrape();
        }
        assertThat(jdbc.sql("select position_at from responder where id = :id").param("id", responderId).query(java.time.OffsetDateTime.class)
                .single().toInstant()).as("the responder moved").isEqualTo(t.plusSeconds(10));
        assertThat(value(now, "gridcommand_changefeed_lag_seconds_count", null)).isGreaterThan(lagCount);
        assertThat(value(now, "gridcommand_changefeed_lag_seconds_bucket", "le=")).as("a histogram, for percentiles").isGreaterThanOrEqualTo(0);
        assertThat(value(now, "gridcommand_changefeed_resyncs_total", null)).isGreaterThanOrEqualTo(0);
        // Scraped as a whole number; that it counts a real browser's dashboard is DispatchBrowserTest's (this context is
        // shared with browserless view tests, whose screens may still be open here).
        double open = value(now, "gridcommand_ui_open", null);
        assertThat(open).as("open screens on this node").isNotNegative();
        assertThat(open % 1).isZero();
        assertThat(value(now, "gridcommand_jobs_runs_total", "job=\"position-partitions\"")).as("the start's partition job").isGreaterThanOrEqualTo(1);
        // The pool's own meters come with the registry.
        assertThat(value(now, "hikaricp_connections_active", null)).isGreaterThanOrEqualTo(0);
        assertThat(value(now, "hikaricp_connections_pending", null)).isGreaterThanOrEqualTo(0);
        assertThat(value(now, "hikaricp_connections_max", null)).isPositive();
    }

    @Test
    void theMetricsAreRefusedToAnonymousScrapersAndToUsersWhoAreNotAdministrators() throws Exception {
        WebClient client = new WebClient(port);
        HttpResponse<String> anonymous = client.get("/actuator/prometheus");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("gridcommand_");
        HttpResponse<String> commandStaff = client.get("/actuator/prometheus", "Authorization", basic("zhihui"));
        assertThat(commandStaff.statusCode()).isEqualTo(403);
        assertThat(commandStaff.body()).doesNotContain("gridcommand_");
        assertThat(client.get("/actuator/prometheus", "Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8)))
                .statusCode()).isEqualTo(401);
    }
}
