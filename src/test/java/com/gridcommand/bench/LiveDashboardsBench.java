package com.gridcommand.bench;

import com.gridcommand.security.DeviceService;
import com.gridcommand.security.internal.DemoUsers;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.BenchReport;
import com.gridcommand.support.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark, not a test: ping to screen with a wall of dashboards while a county's units report. {@value #DEFAULT_DASHBOARDS}
 * signed-in command maps, each in its own window of a few headless Chromiums and under its own loopback name
 * (dN.localhost: its own cookie and session), all zoomed to the probe unit's street; {@value #DEFAULT_UNITS} other units around it each post an OsmAnd request
 * through the real HTTP ingest every {@value #PERIOD_SECONDS} s, spread evenly over the period. The probe's tracker then
 * posts a move, and each window records when its map has the marker at the new place and has drawn a frame since
 * (a read-only hook on the map's diff; see {@link #HOOK}). Per window and probe: that moment minus the moment the
 * request was sent. Settings, each against the first in the same run: 1 dashboard quiet, all dashboards quiet, all
 * dashboards with the units reporting.
 * <p>
 * One node: every window talks to this test's app. {@code -Dbench.bases=http://host1:8080,http://host2:8080} spreads the
 * windows over the listed nodes instead (round robin, each window still under its own loopback name; the probe and the
 * units then post to the first). The nodes must share this test's database: run it with {@code spring.datasource.*}
 * set to theirs (for the topology of {@code src/cluster/cluster.sh}: its {@code jdbc-url}, user {@code gridcommand} and
 * its {@code db-password}); the server's share is then not measured (it is the nodes', not this JVM's).
 * <p>
 * Run: {@code ./mvnw -Pbench verify -Dit.test=LiveDashboardsBench}; the figures land in {@code target/bench/live-dashboards.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {"gridcommand.bench.name=live-dashboards", "gridcommand.embedded-db.durable=true"})
class LiveDashboardsBench {

    static final int DEFAULT_DASHBOARDS = 50;
    static final int DASHBOARDS = Integer.getInteger("bench.dashboards", DEFAULT_DASHBOARDS);
    static final int BROWSERS = Integer.getInteger("bench.browsers", 5);
    static final int DEFAULT_UNITS = 1_000;
    static final int UNITS = Integer.getInteger("bench.units", DEFAULT_UNITS);
    static final int PERIOD_SECONDS = 5;
    static final int PROBES = Integer.getInteger("bench.probes", 20);
    static final long MIN_FREE_BYTES = 3L << 30;

    /**
     * Installed once per window: wraps the map element's applyDiff (the call the server's push makes) to note, after it
     * has run, whether the probe stands where it was sent, and then the next animation frame (the canvas redraw). It
     * changes nothing the map does.
     */
    static final String HOOK = """
            const m = document.querySelector('leaflet-flow-map');
            if (!m.__benchHooked) {
              const apply = m.applyDiff;
              m.applyDiff = function (...args) {
                const result = apply.apply(this, args);
                const w = window.__probe;
                if (w) w.calls++;
                if (w && w.applied == null) {
                  const ll = m.featureLatLng('responders', w.id);
                  if (ll && Math.abs(ll.lat - w.lat) < 1e-5) { // the layer rounds to its zoom's decimals; the moves are 45 m
                    w.applied = Date.now();
                    requestAnimationFrame(() => { w.drawn = Date.now(); });
                  }
                }
                return result;
              };
              m.__benchHooked = true;
            }""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DeviceService devices;
    @Autowired
    GridUserRepository users;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private final BenchReport report = new BenchReport();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Window(Browser browser, String handle) {}

    private record Unit(String token, double[] at) {}

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, unit = TimeUnit.MINUTES) // opening fifty windows on 2 cores takes a while
    void pingToScreenOnAWallOfDashboards() throws Exception {
        long probe = jdbc.sql("select id from responder where kind = 'POLICE_PATROL' and position is not null order by id limit 1").query(Long.class).single();
        double[] home = jdbc.sql("select ST_X(position), ST_Y(position) from responder where id = :id").param("id", probe)
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        String probeToken = As.user(users, "admin", () -> devices.issue("bench probe", probe)).token();
        List<Unit> units = units(home);
        List<String> bases = bases();
        String ingestBase = bases.isEmpty() ? "http://localhost:" + port : bases.getFirst();

        List<Browser> browsers = new ArrayList<>();
        List<Window> windows = new ArrayList<>();
        report.line("Ping to screen on a wall of dashboards: %d signed-in command maps (each its own session) in %d headless Chromiums,",
                DASHBOARDS, BROWSERS);
        report.line("all zoomed to the probe unit's street, %s. %d probe moves per setting, each timed in every window from",
                bases.isEmpty() ? "on one node (this test's app; the multi-node harness is separate)" : "spread over " + bases, PROBES);
        report.line("sending the tracker's OsmAnd request until that window's map has the marker at the new place and has drawn a frame, ms.");
        report.line("Load: %d other units around the probe, each posting an OsmAnd request every %d s through the HTTP ingest, spread", UNITS, PERIOD_SECONDS);
        report.line("evenly over the period (the rate achieved is given).");
        report.line("%-40s %7s %7s %7s %7s   %s", "", "p50", "p95", "max", "n", "p95 / 1 quiet");
        try {
            for (int i = 0; i < BROWSERS; i++) browsers.add(Browser.forManyWindows(1200, 800, "zh-CN"));
            windows.add(open(browsers.getFirst(), base(bases, 0), home, probe));
            double[] single = probeRound(windows, probe, home, probeToken, ingestBase, null, "1 dashboard, quiet", 0);
            for (int i = 1; i < DASHBOARDS; i++) {
                if (DashboardHeapBench.freeMemory() < MIN_FREE_BYTES) throw new IllegalStateException("stopped at " + i + " windows: under 3 GB of memory left");
                windows.add(open(browsers.get(i % BROWSERS), base(bases, i), home, probe));
            }
            probeRound(windows, probe, home, probeToken, ingestBase, null, DASHBOARDS + " dashboards, quiet", single[1]);
            probeRound(windows, probe, home, probeToken, ingestBase, units, DASHBOARDS + " dashboards, " + UNITS + " units every " + PERIOD_SECONDS + " s", single[1]);
        } finally {
            browsers.forEach(Browser::close);
        }
        report.line("The change feed is pushed at most every 250 ms per window (coalesced), so each figure includes up to one such wait.");
        report.write("live-dashboards.txt");
        System.out.println(report);
    }

    /** The nodes' base URLs from {@code bench.bases}; empty: this test's app, each window on its own loopback address. */
    static List<String> bases() {
        String list = System.getProperty("bench.bases", "").trim();
        return list.isEmpty() ? List.of() : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private String base(List<String> bases, int window) {
        // d1.localhost onwards: each name keeps its own cookies, so each window has its own session. Cookies are kept per
        // host, not per port: nodes on one machine are reached the same way, each window under its own name.
        if (bases.isEmpty()) return "http://d" + (1 + window) + ".localhost:" + port;
        URI node = URI.create(bases.get(window % bases.size()));
        return node.getScheme() + "://d" + (1 + window) + ".localhost:" + node.getPort();
    }

    /** The units around the probe: generated responders within 2 km of it, each with a tracker. */
    private List<Unit> units(double[] home) {
        long township = jdbc.sql("select t.id from township t where ST_Intersects(t.geom, ST_SetSRID(ST_MakePoint(:x, :y), 4326)) order by t.code limit 1")
                .param("x", home[0]).param("y", home[1]).query(Long.class).single();
        List<double[]> points = jdbc.sql("""
                        insert into responder (code, name, kind, team, skills, status, township_id, position, position_at)
                        select 'LD-' || g.n, '负载' || g.n, 'GRID_WORKER', '负载', '{}'::text[], 'AVAILABLE', :t, g.p, now()
                          from (select row_number() over () as n, (d).geom as p
                                  from ST_Dump(ST_GeneratePoints(ST_Buffer(ST_SetSRID(ST_MakePoint(:x, :y), 4326)::geography, 2000)::geometry, :n, 11)) d) g
                        returning id, ST_X(position), ST_Y(position)""")
                .param("t", township).param("x", home[0]).param("y", home[1]).param("n", UNITS)
                .query((rs, i) -> new double[]{rs.getLong(1), rs.getDouble(2), rs.getDouble(3)}).list();
        return As.user(users, "admin", () -> points.stream()
                .map(p -> new Unit(devices.issue("bench unit " + (long) p[0], (long) p[0]).token(), new double[]{p[2], p[1]})).toList());
    }

    private static Window open(Browser b, String base, double[] home, long probe) {
        if (!b.driver().getCurrentUrl().startsWith("data:")) b.openWindow();
        b.signIn(base, "zhihui", DemoUsers.PASSWORD);
        b.open(base + "/");
        b.waitFor(Duration.ofSeconds(90), d -> ((Number) b.js("const m = document.querySelector('leaflet-flow-map'); "
                + "return m && m.featureIds ? m.featureIds('cells').length : 0;")).intValue() > 0);
        b.js("document.querySelector('leaflet-flow-map').setView(arguments[0], arguments[1], 15);", home[1], home[0]);
        b.waitFor(Duration.ofSeconds(60), d -> b.js("return document.querySelector('leaflet-flow-map').featureLatLng('responders', arguments[0]);",
                Long.toString(probe)) != null);
        b.js(HOOK);
        return new Window(b, b.window());
    }

    /** One setting: the probe moves {@link #PROBES} times (with the units reporting if given); p50, p95 and max over all windows. */
    private double[] probeRound(List<Window> windows, long probe, double[] home, String probeToken, String ingestBase, List<Unit> units,
                                String label, double baselineP95) throws Exception {
        AtomicLong sent = new AtomicLong(), failed = new AtomicLong();
        ScheduledExecutorService load = null;
        long loadStart = System.nanoTime();
        if (units != null) {
            // Every unit once per period, each at its own offset in it: a steady 200 requests a second, not bursts.
            load = Executors.newScheduledThreadPool(24);
            SplittableRandom random = new SplittableRandom(2026);
            long stepMicros = PERIOD_SECONDS * 1_000_000L / units.size();
            for (int k = 0; k < units.size(); k++) {
                Unit u = units.get(k);
                long seed = random.nextLong();
                load.scheduleAtFixedRate(() -> post(ingestBase, u, seed, sent, failed), k * stepMicros, PERIOD_SECONDS * 1_000_000L, TimeUnit.MICROSECONDS);
            }
            Thread.sleep(PERIOD_SECONDS * 2000L); // two periods to get going
        }
        io.micrometer.core.instrument.distribution.CountAtBucket[] serverBefore = serverPushBuckets();
        List<Double> latencies = new ArrayList<>();
        long missed = 0, hidden = 0;
        Instant next = Instant.now();
        for (int i = 0; i < PROBES; i++) {
            double lat = home[1] + 0.0004 * (i % 2 == 0 ? 1 : -1); // 45 m either side of home: a plausible move in 2.5 s
            for (Window w : windows) {
                w.browser().switchTo(w.handle());
                Object visibility = w.browser().js("window.__probe = {id: arguments[0], lat: arguments[1], applied: null, drawn: null, calls: 0}; return document.visibilityState;",
                        Long.toString(probe), lat);
                if (!"visible".equals(visibility)) hidden++;
            }
            next = next.plusMillis(2500);
            if (next.isAfter(Instant.now())) Thread.sleep(Duration.between(Instant.now(), next).toMillis());
            long at = System.currentTimeMillis();
            String q = "id=" + URLEncoder.encode(probeToken, StandardCharsets.UTF_8) + "&lat=" + lat + "&lon=" + home[0] + "&timestamp=" + Instant.now().toEpochMilli();
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(ingestBase + "/api/osmand?" + q))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) throw new IllegalStateException(res.body());
            for (Window w : windows) {
                w.browser().switchTo(w.handle());
                try {
                    Number drawn = w.browser().waitFor(Duration.ofSeconds(20), d -> (Number) w.browser().js("return window.__probe && window.__probe.drawn;"));
                    latencies.add((double) (drawn.longValue() - at));
                } catch (org.openqa.selenium.TimeoutException | org.openqa.selenium.ScriptTimeoutException e) {
                    // not drawn within 20 s, or the window too busy even to answer: a probe it did not see
                    missed++;
                    if (missed <= 3) {
                        try {
                            System.out.println("probe not seen: " + w.browser().js("""
                                    const m = document.querySelector('leaflet-flow-map');
                                    return JSON.stringify({probe: window.__probe, at: m.featureLatLng('responders', window.__probe.id), hooked: !!m.__benchHooked,
                                                           visible: document.visibilityState});"""));
                        } catch (org.openqa.selenium.WebDriverException busy) {
                            System.out.println("probe not seen, and the window does not answer: " + busy.getClass().getSimpleName());
                        }
                    }
                }
            }
        }
        double rate = 0;
        if (load != null) {
            load.shutdownNow();
            load.awaitTermination(10, TimeUnit.SECONDS);
            rate = sent.get() / ((System.nanoTime() - loadStart) / 1e9);
        }
        String server = serverShare(serverBefore, serverPushBuckets());
        if (latencies.isEmpty()) throw new IllegalStateException(label + ": no window saw a probe");
        double p50 = DispatchBench.percentile(latencies, 0.5), p95 = DispatchBench.percentile(latencies, 0.95), max = DispatchBench.percentile(latencies, 1.0);
        report.line("%-40s %7.0f %7.0f %7.0f %7d   %s%s%s", label, p50, p95, max, latencies.size(),
                baselineP95 > 0 ? String.format(Locale.ROOT, "%.2f", p95 / baselineP95) : "",
                (missed > 0 ? "   " + missed + " not seen within 20 s" : "") + (hidden > 0 ? "   " + hidden + " window-probes hidden" : ""),
                load != null ? String.format(Locale.ROOT, "   load %.0f requests/s achieved, %d failed", rate, failed.get()) : "");
        report.line("%-40s %s", "  of which the server (this node)", server);
        return new double[]{p50, p95};
    }

    /** The cumulative bucket counts of this node's ping-to-push timer (responders), or none yet. */
    private io.micrometer.core.instrument.distribution.CountAtBucket[] serverPushBuckets() {
        var timer = meters.find("gridcommand.live.push").tag("topic", "responder").timer();
        return timer == null ? new io.micrometer.core.instrument.distribution.CountAtBucket[0] : timer.takeSnapshot().histogramCounts();
    }

    /**
     * The server's part over a round, from the node's own timer (every responder change pushed to every window, from the
     * row's change in the database to the push being written): p50 and p95 as the histogram buckets bound them.
     */
    static String serverShare(io.micrometer.core.instrument.distribution.CountAtBucket[] before,
                              io.micrometer.core.instrument.distribution.CountAtBucket[] after) {
        if (after.length == 0) return "no pushes timed";
        double[] delta = new double[after.length];
        for (int i = 0; i < after.length; i++) delta[i] = after[i].count() - (i < before.length ? before[i].count() : 0);
        double total = delta[delta.length - 1];
        if (total <= 0) return "no pushes timed";
        double p50 = Double.NaN, p95 = Double.NaN;
        for (int i = 0; i < after.length; i++) {
            double ms = after[i].bucket(java.util.concurrent.TimeUnit.MILLISECONDS);
            if (Double.isNaN(p50) && delta[i] >= 0.5 * total) p50 = ms;
            if (Double.isNaN(p95) && delta[i] >= 0.95 * total) p95 = ms;
        }
        return String.format(Locale.ROOT, "p50 ≤ %.0f ms, p95 ≤ %.0f ms over %.0f pushes (bucket bounds)", p50, p95, total);
    }

    /** One unit's OsmAnd request: a step of about 10 m in a random direction from where it was. */
    private void post(String base, Unit u, long seed, AtomicLong sent, AtomicLong failed) {
        SplittableRandom r = new SplittableRandom(seed ^ System.nanoTime());
        synchronized (u) {
            u.at()[0] += (r.nextDouble() - 0.5) * 0.0002;
            u.at()[1] += (r.nextDouble() - 0.5) * 0.0002;
        }
        String q = "id=" + URLEncoder.encode(u.token(), StandardCharsets.UTF_8) + "&lat=" + u.at()[0] + "&lon=" + u.at()[1]
                + "&timestamp=" + Instant.now().toEpochMilli();
        try {
            HttpResponse<Void> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/osmand?" + q)).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            if (res.statusCode() == 200) sent.incrementAndGet();
            else failed.incrementAndGet();
        } catch (Exception e) {
            failed.incrementAndGet();
        }
    }
}
