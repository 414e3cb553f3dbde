package com.gridcommand.base.postgis;

import com.gridcommand.dispatch.PositionIngest;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole app while its database is away: the postmaster of the running app's own cluster is killed
 * ({@code kill -9}), as a crash would. Requests are answered 503 with {@code Retry-After} within a second,
 * the cluster is back within ten, and every ping a tracker was told was stored is stored (Spring MVC took the
 * driver's EOFException for a departed client and answered such a ping 200 with nothing stored). Its own context,
 * on a cluster as crash-safe as in run mode (the other tests' clusters skip fsync and synchronous commit,
 * so a crash there loses what was acknowledged — this test catches exactly that).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "gridcommand.embedded-db.durable=true")
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class DatabaseFaultTest {

    @Autowired
    TestClock clock;

    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedPostgis postgis;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DeviceService devices;
    @Autowired
    GridUserRepository users;
    @Autowired
    PositionIngest ingest;

    // HTTP/1.1, as trackers speak it.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private long responderId;
    private Object[] before;
    private String token;
    private long deviceId;

    /** One answer a client got: when it asked, how long it waited, what it was told. */
    private record Answer(long sentNanos, Duration took, int status, String retryAfter, String body) {}

    @BeforeEach
    void tracker() {
        responderId = jdbc.sql("select id from responder where kind = 'POLICE_PATROL' and position is not null order by id limit 1").query(Long.class).single();
        before = jdbc.sql("select position, position_at from responder where id = :id").param("id", responderId)
                .query((rs, i) -> new Object[]{rs.getObject(1), rs.getObject(2)}).single();
        DeviceService.Issued issued = As.user(users, "admin", () -> devices.issue("fault test tracker " + System.nanoTime(), responderId));
        token = issued.token();
        deviceId = issued.device().id();
    }

    @AfterEach
    void cleanUp() throws Exception {
        awaitPool(Duration.ofSeconds(30));
        jdbc.sql("delete from position_report where device_id = :d").param("d", deviceId).update();
        jdbc.sql("update responder set position = :p, position_at = :t where id = :id")
                .param("p", before[0]).param("t", before[1]).param("id", responderId).update();
        ingest.forget();
    }

    private Answer timed(Supplier<HttpResponse<String>> call) {
        long sent = System.nanoTime();
        HttpResponse<String> response = call.get();
        return new Answer(sent, Duration.ofNanos(System.nanoTime() - sent), response.statusCode(),
                response.headers().firstValue("Retry-After").orElse(null), response.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer ping(Instant time, double lat, double lon) {
        String query = "id=" + WebClient.encode(token) + "&lat=" + lat + "&lon=" + lon + "&timestamp=" + time.getEpochSecond();
        return timed(() -> send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/osmand?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build()));
    }

    private boolean databaseAnswers() {
        try (Connection c = postgis.connect()) {
            return c.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }

    /** Until the app's pool hands out working connections again (after a long outage it retries only every few seconds). */
    private void awaitPool(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                jdbc.sql("select 1").query(Integer.class).single();
                return;
            } catch (RuntimeException stillAway) {
                if (System.nanoTime() > deadline) throw new AssertionError("the pool did not reconnect within " + patience, stillAway);
                Thread.sleep(50);
            }
        }
    }

    /** Waits at most {@code patience}, failing with what was awaited: a test here never hangs the build. */
    private static void awaitUntil(java.util.function.BooleanSupplier condition, Duration patience, String what) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + " not within " + patience);
            Thread.sleep(20);
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        awaitUntil(condition, Duration.ofSeconds(30), what);
    }

    private long awaitDatabase(Duration patience) throws InterruptedException {
        awaitUntil(this::databaseAnswers, patience, "the database coming back");
        return System.nanoTime();
    }

    @Test
    void aKilledDatabaseIsBackWithinTenSecondsRequestsMeanwhileAreAnsweredWithinASecondAndNoAcknowledgedPingIsLost() throws Exception {
        double[] home = jdbc.sql("select ST_Y(position), ST_X(position) from responder where id = :id").param("id", responderId)
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        Instant first = clock.instant().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        List<Answer> answers = new CopyOnWriteArrayList<>();
        List<Instant> acknowledged = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        // A tracker reporting every 50 ms; what is not acknowledged it sends again, as OsmAnd and Traccar Client do.
        Thread tracker = Thread.ofPlatform().name("fault-test-tracker").start(() -> {
            for (int i = 0; !stop.get(); ) {
                Instant time = first.plusSeconds(i);
                Answer answer = ping(time, home[0] + i * 1e-5, home[1]);
                answers.add(answer);
                if (answer.status() == 200) {
                    acknowledged.add(time);
                    i++;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            awaitUntil(() -> acknowledged.size() >= 10, "10 pings acknowledged before the kill");
            long pid = postgis.postmasterPid();
            int restarts = postgis.restarts();
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            assertThat(postmaster.destroyForcibly()).isTrue();
            long killed = System.nanoTime();
            postmaster.onExit().get();
            long back = awaitDatabase(Duration.ofSeconds(20));
            awaitUntil(() -> postgis.restarts() != restarts, "the watchdog counting its restart");   // counted once pg_ctl has seen it up, a moment later
            assertThat(postgis.restarts()).isEqualTo(restarts + 1);
            int acknowledgedWhenBack = acknowledged.size();
            awaitUntil(() -> acknowledged.size() >= acknowledgedWhenBack + 10, "10 more pings acknowledged once the database was back");
            stop.set(true);
            tracker.join();

            List<Answer> duringOutage = answers.stream().filter(a -> a.sentNanos() >= killed && a.sentNanos() < back).toList();
            List<Answer> unavailable = answers.stream().filter(a -> a.status() == 503).toList();
            Duration slowest = duringOutage.stream().map(Answer::took).max(Duration::compareTo).orElse(Duration.ZERO);
            Duration recovery = Duration.ofNanos(back - killed);
            Set<Instant> stored = new HashSet<>(jdbc.sql("select device_time from position_report where device_id = :d")
                    .param("d", deviceId).query((rs, i) -> rs.getTimestamp(1).toInstant()).list());
            List<Instant> lost = acknowledged.stream().filter(t -> !stored.contains(t)).toList();
            String figures = "kill -9 of the postmaster: cluster back after %d ms; %d requests sent while it was away, answered within %d ms at most (%d of them 503); %d pings acknowledged, %d lost"
                    .formatted(recovery.toMillis(), duringOutage.size(), slowest.toMillis(), unavailable.size(), acknowledged.size(), lost.size());
            System.out.println("FAULT FIGURES: " + figures);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/fault-figures.txt"), figures + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);

            assertThat(recovery).as("time until the cluster answers again").isLessThan(Duration.ofSeconds(10));
            assertThat(duringOutage).as("the tracker reported while the database was away").isNotEmpty();
            assertThat(slowest).as("the slowest answer while the database was away").isLessThan(WITHIN_A_SECOND);
            assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isIn(200, 503));
            assertThat(unavailable).allSatisfy(a -> assertThat(a.retryAfter()).isEqualTo("5"));
            assertThat(lost).as("acknowledged pings missing from the database").isEmpty();
        } finally {
            stop.set(true);
            tracker.join();
        }
    }

    /** Keeps the database away for a while (its postmaster killed each time the watchdog has started it again). */
    private List<Answer> whileTheDatabaseIsAway(Duration howLong, Supplier<Answer> request) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread killer = Thread.ofPlatform().name("fault-test-killer").start(() -> {
            while (!stop.get()) {
                ProcessHandle.of(postgis.postmasterPid()).ifPresent(ProcessHandle::destroyForcibly);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        List<Answer> answers = new ArrayList<>();
        try {
            Thread.sleep(100);
            long until = System.nanoTime() + howLong.toNanos();
            while (System.nanoTime() < until) answers.add(request.get());
        } finally {
            stop.set(true);
            killer.join();
        }
        awaitDatabase(Duration.ofSeconds(20));
        awaitPool(Duration.ofSeconds(20));
        return answers;
    }

    private static List<Answer> unavailable(List<Answer> answers) {
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isNotEqualTo(500));
        List<Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
        assertThat(refused).as("answers while the database was away").isNotEmpty();
        assertThat(refused).allSatisfy(a -> assertThat(a.retryAfter()).isEqualTo("5"));
        return refused;
    }

    @Test
    void whileTheDatabaseIsAwayTrackersAndGisClientsGet503WithRetryAfterWithinASecond() throws Exception {
        Instant time = clock.instant().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<Answer> pings = unavailable(whileTheDatabaseIsAway(Duration.ofSeconds(2), () -> ping(time, 30.27, 120.16)));
        assertThat(pings).allSatisfy(a -> {
            assertThat(a.took()).isLessThan(WITHIN_A_SECOND);
            assertThat(a.body()).isEqualTo("{\"status\":503,\"error\":\"SERVICE_UNAVAILABLE\",\"retryAfterSeconds\":5}");
        });
        String basic = "Basic " + Base64.getEncoder().encodeToString(("zhihui:" + DemoUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
        List<Answer> gis = unavailable(whileTheDatabaseIsAway(Duration.ofSeconds(2), () -> timed(() -> send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/ogc/collections/townships/items?limit=1")).header("Authorization", basic)
                .timeout(Duration.ofSeconds(30)).build()))));
        assertThat(gis).allSatisfy(a -> assertThat(a.took()).isLessThan(WITHIN_A_SECOND));
        // Once it is back, the same requests succeed: the resent ping is stored once.
        assertThat(ping(time, 30.27, 120.16).status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from position_report where device_id = :d").param("d", deviceId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void whileTheDatabaseIsAwayTheAppIsAliveButNotReadyAndReadyAgainOnceItIsBack() throws Exception {
        WebClient probe = new WebClient(port);
        List<Answer> liveness = new ArrayList<>();
        List<Answer> readiness = whileTheDatabaseIsAway(Duration.ofSeconds(2), () -> {
            liveness.add(timed(() -> get(probe, "/actuator/health/liveness")));
            return timed(() -> get(probe, "/actuator/health/readiness"));
        });
        assertThat(readiness).allSatisfy(a -> assertThat(a.status()).isIn(200, 503));
        List<Answer> notReady = readiness.stream().filter(a -> a.status() == 503).toList();
        assertThat(notReady).as("readiness while the database was away").isNotEmpty()
                .allSatisfy(a -> assertThat(a.body()).isEqualTo("{\"status\":\"DOWN\"}"));
        assertThat(liveness).allSatisfy(a -> assertThat(a.status()).as("the app itself lives on").isEqualTo(200));
        assertThat(get(probe, "/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(WebClient client, String path) {
        try {
            return client.get(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void signingInWhileTheDatabaseIsAwayShowsAPlainChinesePageThatRetriesByItself() throws Exception {
        WebClient person = new WebClient(port);
        String form = "username=zhihui&password=" + WebClient.encode(DemoUsers.PASSWORD) + "&_csrf=" + WebClient.encode(person.loginPageToken());
        List<Answer> signIns = unavailable(whileTheDatabaseIsAway(Duration.ofSeconds(2), () -> timed(() -> {
            try {
                return person.postForm("/login", form, "Accept", "text/html");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })));
        assertThat(signIns).allSatisfy(a -> {
            assertThat(a.took()).isLessThan(WITHIN_A_SECOND);
            assertThat(a.body()).contains("系统暂时无法访问数据库").contains("http-equiv=\"refresh\" content=\"5;url=/login\"")
                    .doesNotContain("Whitelabel").doesNotContain("Exception");
        });
        // Back: the same form signs in.
        HttpResponse<String> back = person.postForm("/login", form);
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElse("")).doesNotContain("/login");
    }
}
