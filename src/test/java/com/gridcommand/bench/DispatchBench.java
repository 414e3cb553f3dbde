package com.gridcommand.bench;

import com.gridcommand.support.BenchReport;

import com.gridcommand.dispatch.CandidateFilter;
import com.gridcommand.dispatch.NearestResponders;
import com.gridcommand.dispatch.Ping;
import com.gridcommand.dispatch.PositionIngest;
import com.gridcommand.dispatch.TravelTimes;
import com.gridcommand.security.DeviceService;
import com.gridcommand.security.internal.DemoUsers;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.Browser;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Benchmark, not a test: dispatch at the scale of a large county. 10,000 responders (the demo's 150 and
 * generated ones in every township), then, each against baselines measured in the same run:
 * <ul>
 * <li>nearest 5 available: the service (index KNN, then exact metres) vs raw KNN SQL vs a full exact scan; the raw
 *     queries ask for positioned units ({@code position is not null}, the same rows), so they may walk the same partial
 *     index of dispatchable units as the service (V14);</li>
 * <li>travel times for 5 candidates: the service (one many-to-one pgRouting search with points on segments) vs
 *     one raw pgr_dijkstraCost from the nearest junctions vs five separate searches;</li>
 * <li>ingest, durable (fsync on), in pings per second: the service (checks, dedup, current position) vs a raw
 *     JDBC batch insert vs COPY of the same rows;</li>
 * <li>ping to screen: a tracker's OsmAnd request until the marker has moved, on 1 and on 20 open dashboards,
 *     with and without 1,000 other units reporting every second.</li>
 * </ul>
 * Run: {@code ./mvnw -Pbench verify -Dit.test=DispatchBench}; the figures land in {@code target/bench/dispatch.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {"gridcommand.bench.name=dispatch", "gridcommand.embedded-db.durable=true"})
class DispatchBench {

    static final int RUNS = Integer.getInteger("bench.query-runs", 21);
    static final int RESPONDERS = 10_000;
    /** Which parts run (all by default): {@code -Dbench.parts=queries,ingest,screen}, e.g. only ingest while working on it. */
    static final java.util.Set<String> PARTS = java.util.Set.of(System.getProperty("bench.parts", "queries,ingest,screen").split(","));

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    NearestResponders nearest;
    @Autowired
    TravelTimes travelTimes;
    @Autowired
    PositionIngest ingest;
    @Autowired
    DeviceService devices;
    @Autowired
    GridUserRepository users;

    private final BenchReport report = new BenchReport();
    private final SplittableRandom random = new SplittableRandom(2026);
    private double[] box;


    static double percentile(List<Double> values, double p) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v[Math.min(v.length - 1, (int) Math.ceil(p * v.length) - 1)];
    }


    private double[] randomPoint() {
        return new double[]{box[0] + random.nextDouble() * (box[2] - box[0]), box[1] + random.nextDouble() * (box[3] - box[1])};
    }


    /** Each round asks all three the same question (a fresh random point), in turns, so drift and order hit all alike. */
    private void compare(String what, java.util.function.Function<double[], Object> ours, java.util.function.Function<double[], Object> raw,
                         java.util.function.Function<double[], Object> naive) {
        for (int i = 0; i < 3; i++) {
            double[] p = randomPoint();
            ours.apply(p);
            raw.apply(p);
            naive.apply(p);
        }
        double[] o = new double[RUNS], r = new double[RUNS], n = new double[RUNS], or = new double[RUNS], on = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            double[] p = randomPoint();
            // The order turns each round: whichever asks first about a fresh point pays for reading its pages, and whichever
            // follows the full scan pays for that; turning, each pays alike.
            for (int turn = 0; turn < 3; turn++) {
                switch ((i + turn) % 3) {
                    case 0 -> o[i] = BenchReport.millis(() -> ours.apply(p));
                    case 1 -> r[i] = BenchReport.millis(() -> raw.apply(p));
                    default -> n[i] = BenchReport.millis(() -> naive.apply(p));
                }
            }
            or[i] = o[i] / r[i];
            on[i] = o[i] / n[i];
        }
        report.line("%-46s %9.2f %9.2f %9.2f   %8.2f   %8.3f", what, BenchReport.median(o), BenchReport.median(r), BenchReport.median(n), BenchReport.median(or), BenchReport.median(on));
    }

    @Test
    void dispatchAtScale() throws Exception {
        box = jdbc.sql("select ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) from (select ST_Extent(geom)::geometry e from township) x")
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)}).single();
        int existing = jdbc.sql("select count(*) from responder").query(Integer.class).single();
        jdbc.sql("""
                insert into responder (code, name, kind, team, skills, status, township_id, position, position_at)
                select 'B' || t.id || '-' || g.n, '生成' || g.n,
                       (array['POLICE_PATROL','GRID_WORKER','MEDIATOR','VILLAGE_GUARD','EMERGENCY_TEAM'])[1 + g.n % 5],
                       '队' || (g.n % 7), case when g.n % 3 = 0 then '{急救}'::text[] else '{}'::text[] end,
                       (array['AVAILABLE','AVAILABLE','AVAILABLE','ASSIGNED','EN_ROUTE','ON_SCENE','RETURNING','OFF_DUTY'])[1 + g.n % 8],
                       t.id, g.p, now()
                  from township t
                  cross join lateral (select row_number() over () as n, (d).geom as p
                                        from ST_Dump(ST_GeneratePoints(t.geom, :per, 7)) d) g""")
                .param("per", (RESPONDERS - existing) / 5 + 1).update();
        jdbc.sql("analyze responder").update();
        int total = jdbc.sql("select count(*) from responder").query(Integer.class).single();
        report.line("Dispatch with %,d responders (%d demo + generated, 3/8 available); the demo city's %,d road segments.", total, existing,
                jdbc.sql("select count(*) from road_segment").query(Integer.class).single());
        report.line("Query medians of %d rounds (a fresh random point each round, same point for all three), ms; ratios are medians of", RUNS);
        report.line("the per-round ratios. A city-wide dispatcher.");
        report.line("%-46s %9s %9s %9s   %8s   %8s", "", "ours", "raw SQL", "naive", "ours/raw", "ours/naive");
        if (PARTS.contains("queries")) As.user(users, "diaodu", () -> {
            compare("nearest 5 available (exact metres)", p -> nearest.nearest(p[0], p[1], 5, CandidateFilter.ANY),
                    p -> jdbc.sql("""
                                    select id from responder where status in ('AVAILABLE', 'RETURNING') and kind <> 'LEADER'
                                       and position is not null
                                     order by position::geography <-> ST_SetSRID(ST_MakePoint(:x, :y), 4326)::geography limit 5""")
                            .param("x", p[0]).param("y", p[1]).query(Long.class).list(),
                    p -> jdbc.sql("""
                                    select id from responder where status in ('AVAILABLE', 'RETURNING') and kind <> 'LEADER'
                                     order by ST_Distance(position::geography, ST_SetSRID(ST_MakePoint(:x, :y), 4326)::geography) limit 5""")
                            .param("x", p[0]).param("y", p[1]).query(Long.class).list());
            compare("nearest 5 + travel times by road (whole call)", p -> nearest.nearestWithTravel(p[0], p[1], 5, CandidateFilter.ANY, 5),
                    p -> rawEta(p), p -> naiveEta(p));
            compare("travel times for 5 candidates", p -> travelTimes.toTarget(candidates(p), new TravelTimes.Point(p[0], p[1])),
                    p -> rawEta(p), p -> naiveEta(p));
        });
        report.line("  raw (travel): one pgr_dijkstraCost from the 5 candidates' nearest junctions to the target's (KNN snapping, no");
        report.line("  points on segments, no off-network fallback); naive: 5 separate pgr_dijkstra path searches. Both include finding");
        report.line("  the 5 candidates by raw KNN.");

        if (PARTS.contains("ingest")) ingestThroughput();
        if (PARTS.contains("screen")) pingToScreen();

        report.write("dispatch.txt");
        System.out.println(report);
    }

    private List<TravelTimes.Point> candidates(double[] p) {
        return jdbc.sql("""
                        select ST_X(position), ST_Y(position) from responder where status in ('AVAILABLE', 'RETURNING') and kind <> 'LEADER'
                           and position is not null
                         order by position::geography <-> ST_SetSRID(ST_MakePoint(:x, :y), 4326)::geography limit 5""")
                .param("x", p[0]).param("y", p[1]).query((rs, i) -> new TravelTimes.Point(rs.getDouble(1), rs.getDouble(2))).list();
    }

    private static final String EDGES = "select id, source, target, cost, reverse_cost from road_segment where source is not null";

    private Object rawEta(double[] p) {
        return jdbc.sql("""
                        with c as (select r.position from responder r where r.status in ('AVAILABLE', 'RETURNING') and r.kind <> 'LEADER'
                                      and r.position is not null
                                    order by r.position::geography <-> ST_SetSRID(ST_MakePoint(:x, :y), 4326)::geography limit 5),
                        s as (select (select n.id from road_node n order by n.geom <-> c.position limit 1) as node from c),
                        t as (select n.id from road_node n order by n.geom <-> ST_SetSRID(ST_MakePoint(:x, :y), 4326) limit 1)
                        select agg_cost from pgr_dijkstraCost(:edges, (select array_agg(node) from s), (select id from t), directed => true)""")
                .param("x", p[0]).param("y", p[1]).param("edges", EDGES).query(Double.class).list();
    }

    private Object naiveEta(double[] p) {
        List<Long> starts = jdbc.sql("""
                        select (select n.id from road_node n order by n.geom <-> r.position limit 1) from responder r
                         where r.status in ('AVAILABLE', 'RETURNING') and r.kind <> 'LEADER' and r.position is not null
                         order by r.position::geography <-> ST_SetSRID(ST_MakePoint(:x, :y), 4326)::geography limit 5""")
                .param("x", p[0]).param("y", p[1]).query(Long.class).list();
        long target = jdbc.sql("select n.id from road_node n order by n.geom <-> ST_SetSRID(ST_MakePoint(:x, :y), 4326) limit 1")
                .param("x", p[0]).param("y", p[1]).query(Long.class).single();
        List<Double> costs = new ArrayList<>();
        for (long s : starts) {
            costs.add(jdbc.sql("select coalesce(max(agg_cost), -1) from pgr_dijkstra(:edges, :s, :t, directed => true)")
                    .param("edges", EDGES).param("s", s).param("t", target).query(Double.class).single());
        }
        return costs;
    }

    // ------------------------------------------------------------------ ingest

    private record Row(long device, Instant time, double lon, double lat) {}

    private void ingestThroughput() throws Exception {
        int devicesCount = 50, perBatch = 200, batchesPerDevice = 4;
        List<DeviceService.DeviceIdentity> ids = new ArrayList<>();
        for (int d = 0; d < devicesCount; d++) {
            long responder = jdbc.sql("select id from responder order by id offset :o limit 1").param("o", d).query(Long.class).single();
            var issued = As.user(users, "admin", () -> devices.issue("bench " + responder, responder));
            ids.add(new DeviceService.DeviceIdentity(issued.device().id(), issued.device().name(), responder));
        }
        int pings = devicesCount * perBatch * batchesPerDevice;
        double[] ours = new double[5], batch = new double[5], copy = new double[5];
        Instant base = Instant.now().minusSeconds(6 * 3600);
        for (int round = 0; round < 5; round++) {
            Instant start = base.plusSeconds(round * 4000L);
            jdbc.sql("truncate position_report").update();
            ingest.forget();
            ours[round] = pings / (BenchReport.millis(() -> {
                for (int b = 0; b < batchesPerDevice; b++) {
                    for (DeviceService.DeviceIdentity device : ids) {
                        List<Ping> list = new ArrayList<>(perBatch);
                        for (int i = 0; i < perBatch; i++) {
                            int k = b * perBatch + i;
                            list.add(new Ping(start.plusSeconds(k), 29.0 + device.id() * 1e-4 + k * 1e-5, 121.0 + k * 1e-5, 8.0, 90.0, null, 5.0, 80.0));
                        }
                        ingest.accept(device, list);
                    }
                }
            }) / 1000);
            List<Row> rows = new ArrayList<>(pings);
            for (int b = 0; b < batchesPerDevice; b++) {
                for (DeviceService.DeviceIdentity device : ids) {
                    for (int i = 0; i < perBatch; i++) {
                        int k = b * perBatch + i;
                        rows.add(new Row(device.id(), start.plusSeconds(k).plusMillis(500), 121.0 + k * 1e-5, 29.0 + device.id() * 1e-4 + k * 1e-5));
                    }
                }
            }
            jdbc.sql("truncate position_report").update();
            batch[round] = pings / (BenchReport.millis(() -> jdbcBatch(rows, perBatch)) / 1000);
            jdbc.sql("truncate position_report").update();
            copy[round] = pings / (BenchReport.millis(() -> copy(rows, perBatch)) / 1000);
        }
        double[] ob = new double[5], oc = new double[5];
        for (int i = 0; i < 5; i++) {
            ob[i] = ours[i] / batch[i];
            oc[i] = ours[i] / copy[i];
        }
        report.line("");
        report.line("Ingest, durable (fsync and synchronous commit on): %,d pings per round from %d devices in requests of %d,", pings, devicesCount, perBatch);
        report.line("one transaction per request; medians of 5 rounds, pings per second (higher is better).");
        report.line("  ours (range checks, jump check, dedup, current position): %,10.0f /s", BenchReport.median(ours));
        report.line("  raw JDBC batch insert, same rows and transactions:       %,10.0f /s   ours/batch %.2f", BenchReport.median(batch), BenchReport.median(ob));
        report.line("  COPY, same rows and transactions:                        %,10.0f /s   ours/COPY  %.2f", BenchReport.median(copy), BenchReport.median(oc));
        jdbc.sql("truncate position_report").update();
        ingest.forget();
    }

    private void jdbcBatch(List<Row> rows, int perTransaction) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into position_report (device_id, device_time, received_at, position, speed_mps, bearing, accuracy_m, battery_pct)
                    values (?, ?, now(), ST_SetSRID(ST_MakePoint(?, ?), 4326), 8, 90, 5, 80) on conflict do nothing""")) {
                int n = 0;
                for (Row r : rows) {
                    ps.setLong(1, r.device());
                    ps.setTimestamp(2, Timestamp.from(r.time()));
                    ps.setDouble(3, r.lon());
                    ps.setDouble(4, r.lat());
                    ps.addBatch();
                    if (++n % perTransaction == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void copy(List<Row> rows, int perTransaction) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int from = 0; from < rows.size(); from += perTransaction) {
                StringBuilder sb = new StringBuilder();
                for (Row r : rows.subList(from, Math.min(rows.size(), from + perTransaction))) {
                    sb.append(r.device()).append('\t').append(r.time()).append('\t').append("SRID=4326;POINT(").append(r.lon()).append(' ')
                            .append(r.lat()).append(")\t8\t90\t5\t80\n");
                }
                copy.copyIn("copy position_report (device_id, device_time, position, speed_mps, bearing, accuracy_m, battery_pct) from stdin",
                        new StringReader(sb.toString()));
                c.commit();
            }
        } catch (java.sql.SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ ping to screen

    private void pingToScreen() throws Exception {
        long probe = jdbc.sql("select id from responder where kind = 'POLICE_PATROL' and code not like 'B%' and position is not null order by id limit 1")
                .query(Long.class).single();
        double[] home = jdbc.sql("select ST_X(position), ST_Y(position) from responder where id = :id").param("id", probe)
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        var tracker = As.user(users, "admin", () -> devices.issue("bench probe", probe));
        // 1,000 other units, each with its own device, for the background load.
        List<DeviceService.DeviceIdentity> movers = jdbc.sql("""
                        select r.id from responder r where r.code like 'B%'
                         order by r.position::geography <-> ST_SetSRID(ST_MakePoint(:x, :y), 4326)::geography limit 1000""").param("x", home[0]).param("y", home[1]).query(Long.class).list().stream()
                .map(r -> {
                    var issued = As.user(users, "admin", () -> devices.issue("bench mover " + r, r));
                    return new DeviceService.DeviceIdentity(issued.device().id(), issued.device().name(), r);
                }).toList();
        List<Browser> browsers = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        report.line("");
        report.line("Ping to screen: from sending a tracker's OsmAnd request until the marker stands at the new place on every open");
        report.line("command map (Chromium, zoomed to the unit; 15 pings per setting, each browser timing its own arrival), ms.");
        report.line("Background: the %d units nearest the probe, each reporting once a second (4 senders, one request per ping) through", movers.size());
        report.line("the same ingest; the rate they achieved on this machine is given.");
        report.line("%-38s %8s %8s %8s", "", "median", "p90", "max");
        double single = 0;
        try {
            for (int dashboards : new int[]{1, 20}) {
                while (browsers.size() < dashboards) {
                    Browser b = new Browser(1200, 800, "zh-CN");
                    browsers.add(b);
                    b.signIn("http://localhost:" + port, "zhihui", DemoUsers.PASSWORD);
                    b.open("http://localhost:" + port + "/");
                    b.waitFor(Duration.ofSeconds(60), d -> ((Number) b.js("const m = document.querySelector('leaflet-flow-map'); "
                            + "return m && m.featureIds ? m.featureIds('cells').length : 0;")).intValue() > 0);
                    b.js("document.querySelector('leaflet-flow-map').setView(arguments[0], arguments[1], 15);", home[1], home[0]);
                    b.waitFor(Duration.ofSeconds(30), d -> b.js("return document.querySelector('leaflet-flow-map').featureLatLng('responders', arguments[0]);",
                            Long.toString(probe)) != null);
                }
                for (boolean loaded : new boolean[]{false, true}) {
                    AtomicBoolean running = new AtomicBoolean(true);
                    java.util.concurrent.atomic.AtomicLong sentPings = new java.util.concurrent.atomic.AtomicLong();
                    long backgroundStart = System.nanoTime();
                    // Each unit walks about 10 m a second in a random direction, as a patrol on foot or bike would; four
                    // senders share the units, as many phones post at once.
                    List<Thread> background = new ArrayList<>();
                    for (int sender = 0; sender < (loaded ? 4 : 0); sender++) {
                        int first = sender;
                        background.add(Thread.ofPlatform().start(() -> {
                            SplittableRandom r = new SplittableRandom(5 + first);
                            List<Integer> mine = new ArrayList<>();
                            for (int k = first; k < movers.size(); k += 4) mine.add(k);
                            double[][] at = new double[movers.size()][];
                            for (int k : mine) {
                                double[] p = jdbc.sql("select ST_Y(position), ST_X(position) from responder where id = :id").param("id", movers.get(k).responderId())
                                        .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
                                at[k] = p;
                            }
                            while (running.get()) {
                                long tick = System.nanoTime();
                                Instant now = Instant.now();
                                for (int k : mine) {
                                    if (!running.get()) break;
                                    at[k][0] += (r.nextDouble() - 0.5) * 0.0002;
                                    at[k][1] += (r.nextDouble() - 0.5) * 0.0002;
                                    ingest.accept(movers.get(k), List.of(Ping.at(now, at[k][0], at[k][1])));
                                    sentPings.incrementAndGet();
                                }
                                long left = 1000 - (System.nanoTime() - tick) / 1_000_000;
                                if (left > 0) sleep(left);
                            }
                        }));
                    }
                    List<Double> latencies = new ArrayList<>();
                    Instant t = Instant.now();
                    for (int i = 0; i < 15; i++) {
                        double lat = home[1] + 0.0004 * (i % 2 == 0 ? 1 : -1); // 90 m back and forth: a plausible move in 2 s
                        for (Browser b : browsers) {
                            b.js("""
                                    const m = document.querySelector('leaflet-flow-map'); window.__arrived = null;
                                    const want = arguments[1], id = arguments[0];
                                    const poll = () => { const ll = m.featureLatLng('responders', id);
                                      if (ll && Math.abs(ll.lat - want) < 1e-7) { window.__arrived = Date.now(); } else { requestAnimationFrame(poll); } };
                                    poll();""", Long.toString(probe), lat);
                        }
                        t = t.plusSeconds(2);
                        if (t.isAfter(Instant.now())) sleep(Duration.between(Instant.now(), t).toMillis());
                        long sent = System.currentTimeMillis();
                        String q = "id=" + URLEncoder.encode(tracker.token(), StandardCharsets.UTF_8) + "&lat=" + lat + "&lon=" + home[0]
                                + "&timestamp=" + Instant.now().toEpochMilli();
                        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/osmand?" + q))
                                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                        if (res.statusCode() != 200) throw new IllegalStateException(res.body());
                        for (Browser b : browsers) {
                            Number arrived = b.waitFor(Duration.ofSeconds(20), d -> (Number) b.js("return window.__arrived;"));
                            latencies.add((double) (arrived.longValue() - sent));
                        }
                    }
                    running.set(false);
                    for (Thread th : background) th.join();
                    double rate = sentPings.get() / ((System.nanoTime() - backgroundStart) / 1e9);
                    double med = percentile(latencies, 0.5);
                    if (dashboards == 1 && !loaded) single = med;
                    report.line("%-38s %8.0f %8.0f %8.0f%s", dashboards + " dashboard" + (dashboards > 1 ? "s" : "") + (loaded ? ", " + movers.size() + " units moving" : ", quiet"),
                            med, percentile(latencies, 0.9), percentile(latencies, 1.0),
                            (single > 0 && !(dashboards == 1 && !loaded) ? String.format(Locale.ROOT, "   (median / 1 quiet: %.2f)", med / single) : "")
                                    + (loaded ? String.format(Locale.ROOT, "   background %.0f pings/s achieved", rate) : ""));
                }
            }
        } finally {
            browsers.forEach(Browser::close);
        }
        report.line("The change feed is pushed at most every 250 ms per browser (coalesced), so the median includes up to one such wait.");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
