package com.gridcommand.bench;

import com.gridcommand.casework.AreaReview;
import com.gridcommand.casework.CaseService;
import com.gridcommand.dispatch.CandidateFilter;
import com.gridcommand.dispatch.NearestResponders;
import com.gridcommand.dispatch.Ping;
import com.gridcommand.dispatch.PositionIngest;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.Viewport;
import com.gridcommand.hotspot.HotspotDetection;
import com.gridcommand.patrol.PatrolPresence;
import com.gridcommand.review.LeadersReview;
import com.gridcommand.security.DeviceService;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.BenchReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Benchmark, not a test: the province plan's figures (DD008). The demo city at 1×, 10× and 100× its cases (each demo
 * case copied within 30 m and half a day of itself, so categories, hours, seasons and hotspots keep the demo's shape),
 * with 1,000, 10,000 and 50,000 units, and a day's partition of tracks (a fix every 5 s) holding 1 and 10 million
 * fixes. At each scale the hot queries are timed through the application's own services: the map viewport (city-wide
 * and one township), the nearest 5 available units, the leaders' review of a month (townships and grid cells), and
 * hotspot detection of a month (DBSCAN, Gi*); also the table and index sizes, the WAL written per case and per fix, and
 * the ingest rate of one primary on this machine (the service's path and COPY, requests of 200, into an empty day and
 * into the full one; and requests of one ping, as live trackers send them, from 1, 4 and 8 senders).
 * Medians; each figure also as a ratio to 1× in the same run. Durable cluster (fsync, full-page writes), so WAL and
 * ingest are what a primary would write. Run: {@code ./mvnw -B -f app.pom.xml -Pbench verify -Dit.test=ProvinceScaleBench};
 * the figures land in {@code target/bench/province-scale.txt}.
 */
@SpringBootTest
@ActiveProfiles("test")
@TestPropertySource(properties = {"gridcommand.bench.name=province-scale", "gridcommand.live.enabled=false",
        "gridcommand.embedded-db.durable=true"})
class ProvinceScaleBench {

    static final int RUNS = Integer.getInteger("bench.query-runs", 7);
    /** Scales of the cases; 100 may be left out on a small machine (-Dbench.province.scales=1,10). */
    static final List<Integer> SCALES = java.util.Arrays.stream(System.getProperty("bench.province.scales", "1,10,100").split(","))
            .map(String::trim).map(Integer::valueOf).toList();
    static final Map<Integer, Integer> UNITS = Map.of(1, 1_000, 10, 10_000, 100, 50_000);
    /** Units whose tracks fill the day at each scale (a fix every 5 s, FIXES each); at 100× the 10× day stays. */
    static final Map<Integer, Integer> TRACKED = Map.of(1, 1_000, 10, 10_000, 100, 10_000);
    static final int FIXES = Integer.getInteger("bench.province.fixes-per-unit", 1_000);
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    CaseService cases;
    @Autowired
    NearestResponders nearest;
    @Autowired
    LeadersReview review;
    @Autowired
    HotspotDetection detection;
    @Autowired
    PatrolPresence presence;
    @Autowired
    PositionIngest positions;
    @Autowired
    DeviceService devices;
    @Autowired
    GridUserRepository users;
    @Autowired
    TransactionTemplate tx;

    private BenchReport report = new BenchReport();
    private final Map<String, double[]> ingest = new LinkedHashMap<>();
    private final Map<Integer, double[]> singles = new LinkedHashMap<>();
    private int ingestDevices;
    /** Query → scale → median ms. */
    private final Map<String, Map<Integer, Double>> medians = new LinkedHashMap<>();
    private final Map<String, Map<Integer, String>> notes = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(2026);
    private double[] box;
    private LocalDate trackDay;
    /** Whether this scale added fixes (the track query is timed only then: at 100× the 10× day stays). */
    private boolean tracksGrew;

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void theHotQueriesAtOneTenAndAHundredTimesTheCity() throws IOException {
        box = jdbc.sql("select ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) from (select ST_Extent(geom)::geometry e from township) x")
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)}).single();
        trackDay = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        jdbc.sql("select position_report_partition(:d)").param("d", trackDay).query(String.class).single();
        log.add(String.format(java.util.Locale.ROOT, "Demo city: %d townships, %d communities, %d grid cells, %,d cases, %d responders, %,d demo track fixes.",
                count("township"), count("community"), count("grid_cell"), count("gov_case"), count("responder"), count("position_report")));
        for (int scale : SCALES) {
            long t = System.nanoTime();
            long walCases = grow(scale);
            units(UNITS.get(scale));
            long walTracks = tracks(TRACKED.get(scale));
            jdbc.sql("analyze").update();
            log.add(String.format(java.util.Locale.ROOT, "%3d×: %,d cases, %,d units, %,d fixes in the track day; generated in %.0f s; WAL written: cases %s, tracks %s",
                    scale, count("gov_case"), count("responder"), dayFixes(), (System.nanoTime() - t) / 1e9, megabytes(walCases), megabytes(walTracks)));
            tracksGrew = walTracks >= 0;
            // The first scale's pass also warms the JVM and the caches: timed twice, the second kept.
            if (scale == SCALES.getFirst()) queries(scale);
            queries(scale);
            sizes(scale);
            if (scale == SCALES.getFirst()) {
                ingest.put("into an empty day", ingestRound(LocalDate.now(ZoneOffset.UTC).minusDays(3)));
                for (int threads : new int[]{1, 4, 8}) singles.put(threads, singlePings(threads, LocalDate.now(ZoneOffset.UTC).minusDays(4)));
            }
            if (walTracks >= 0) ingest.put(String.format(java.util.Locale.ROOT, "into the day holding %,d fixes", dayFixes()), ingestRound(trackDay));
            write();
        }
        System.out.println(report);
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "-" : String.format(java.util.Locale.ROOT, "%,.0f MB", bytes / 1e6);
    }

    // ------------------------------------------------------------------ generation

    /** The cases at {@code scale}× the demo's: each demo case gets copies within 30 m and half a day; the WAL written. */
    private long grow(int scale) {
        // Copy k of a demo case is coded <code>-P<k>; copies that would fall outside the city or in the future are left out.
        int made = jdbc.sql("select coalesce(max(substring(code from '-P([0-9]+)$')::int), 0) from gov_case").query(Integer.class).single();
        int copiesEach = scale - 1 - made;
        if (copiesEach <= 0) return -1;
        int first = made + 1;
        long wal = wal();
        // In slices of copies, each its own transaction, so one statement's memory stays small.
        for (int k = first; k < first + copiesEach; k += 9) {
            int from = k, to = Math.min(first + copiesEach - 1, k + 8);
            tx.executeWithoutResult(status -> {
                jdbc.sql("select set_config('gridcommand.quiet', 'on', true)").query(String.class).single();
                jdbc.sql("select setseed(:s)").param("s", from / 1000.0).query(String.class).single();
                jdbc.sql("""
                                insert into gov_case (code, title, description, category, severity, source, step, reported_at, deadline, closed_at,
                                                      step_started_at, step_deadline, responsible_unit, geom)
                                select c.code || '-P' || k, c.title, c.description, c.category, c.severity, c.source, c.step,
                                       c.reported_at + s.shift, c.deadline + s.shift, c.closed_at + s.shift, c.step_started_at + s.shift,
                                       c.step_deadline + s.shift, c.responsible_unit, s.g
                                  from gov_case c cross join generate_series(:from, :to) k
                                  cross join lateral (select ST_Translate(c.geom, (random() - 0.5) * 0.0006, (random() - 0.5) * 0.0006) as g,
                                                             (random() - 0.5) * interval '1 day' as shift) s
                                 where c.code not like '%-P%' and c.reported_at + s.shift < now()
                                   and exists (select 1 from grid_cell g where ST_Intersects(g.geom, s.g))""")
                        .param("from", from).param("to", to).update();
            });
        }
        return wal() - wal;
    }

    /** Units up to {@code target}, in every township, 3 in 8 available (as DispatchBench makes them). */
    private void units(int target) {
        int existing = count("responder");
        if (existing >= target) return;
        tx.executeWithoutResult(status -> {
            jdbc.sql("select set_config('gridcommand.quiet', 'on', true)").query(String.class).single();
            jdbc.sql("""
                    insert into responder (code, name, kind, team, skills, status, township_id, position, position_at)
                    select 'PV' || t.id || '-' || :existing || '-' || g.n, '省级' || g.n,
                           (array['POLICE_PATROL','GRID_WORKER','MEDIATOR','VILLAGE_GUARD','EMERGENCY_TEAM'])[1 + g.n % 5],
                           '队' || (g.n % 7), case when g.n % 3 = 0 then '{急救}'::text[] else '{}'::text[] end,
                           (array['AVAILABLE','AVAILABLE','AVAILABLE','ASSIGNED','EN_ROUTE','ON_SCENE','RETURNING','OFF_DUTY'])[1 + g.n % 8],
                           t.id, g.p, now()
                      from township t
                      cross join lateral (select row_number() over () as n, (d).geom as p
                                            from ST_Dump(ST_GeneratePoints(t.geom, :per, :seed)) d) g""")
                    .param("existing", existing).param("per", (target - existing) / count("township") + 1).param("seed", existing).update();
        });
    }

    /**
     * Fixes for the first {@code units} generated units in the track day: each a fix every 5 s from 00:00 UTC (08:00 China),
     * FIXES of them, on a loop of about 500 m around where it stands; the WAL written.
     */
    private long tracks(int units) {
        int have = jdbc.sql("select count(*) from device where name like 'province %'").query(Integer.class).single();
        if (have >= units) return -1;
        long wal = wal();
        for (int from = have; from < units; from += 1_000) {
            int n = Math.min(1_000, units - from);
            int offset = from;
            tx.executeWithoutResult(status -> {
                jdbc.sql("select set_config('gridcommand.quiet', 'on', true)").query(String.class).single();
                jdbc.sql("""
                        insert into device (name, token_prefix, token_hash, responder_id, created_by)
                        select 'province ' || r.id, 'pv' || r.id, 'x', r.id, 'bench'
                          from responder r where r.position is not null and not exists (select 1 from device d where d.name = 'province ' || r.id)
                         order by r.id limit :n""").param("n", n).update();
                jdbc.sql("""
                        insert into position_report (device_id, device_time, responder_id, received_at, position, speed_mps, accuracy_m, battery_pct)
                        select d.id, :start + make_interval(secs => 5 * k), d.responder_id, :start + make_interval(secs => 5 * k + 1),
                               ST_SetSRID(ST_MakePoint(ST_X(r.position) + 0.005 * sin(k / 80.0 + d.id), ST_Y(r.position) + 0.004 * cos(k / 80.0 + d.id)), 4326),
                               1.5, 8, 80
                          from device d join responder r on r.id = d.responder_id cross join generate_series(0, :fixes - 1) k
                         where d.name like 'province %' and d.id in (select id from device where name like 'province %' order by id offset :o limit :n)""")
                        .param("start", trackDay.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime()).param("fixes", FIXES)
                        .param("o", offset).param("n", n).update();
            });
        }
        return wal() - wal;
    }

    // ------------------------------------------------------------------ the hot queries

    private void queries(int scale) {
        Bbox city = new Bbox(box[0], box[1], box[2], box[3]);
        Bbox town = jdbc.sql("select ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom) from township order by code limit 1")
                .query((rs, i) -> new Bbox(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4))).single();
        YearMonth month = YearMonth.now(CHINA).minusMonths(1);
        HotspotDetection.Selection selection = new HotspotDetection.Selection(month.atDay(1), month.atEndOfMonth(), Set.of(), null, null);
        LocalDate chinaDay = trackDay; // the fixes lie 08:00-09:23 China time of this date
        As.user(users, "zhihui", () -> {
            time(scale, "viewport: open cases, whole city (zoom 11)", () -> cases.openInView(new Viewport(city, 11)), List::size);
            time(scale, "viewport: open cases, one township (zoom 13)", () -> cases.openInView(new Viewport(town, 13)), List::size);
        });
        As.user(users, "diaodu", () -> time(scale, "nearest 5 available units (exact metres)", () -> {
            double[] p = {box[0] + random.nextDouble() * (box[2] - box[0]), box[1] + random.nextDouble() * (box[3] - box[1])};
            return nearest.nearest(p[0], p[1], 5, CandidateFilter.ANY);
        }, List::size));
        As.user(users, "lingdao", () -> {
            time(scale, "review of a month, townships", () -> review.review(AreaReview.Level.TOWNSHIP, month, null, AreaReview.Weights.DEFAULT),
                    r -> r.lines().stream().mapToInt(l -> l.row().cases()).sum());
            time(scale, "review of a month, grid cells", () -> review.review(AreaReview.Level.GRID_CELL, month, null, AreaReview.Weights.DEFAULT),
                    r -> r.lines().size());
            time(scale, "detection, a month: DBSCAN 100 m / 15 cases", () -> detection.clusters(selection, 100, 15), List::size);
            time(scale, "detection, a month: Gi* per grid cell", () -> detection.giStar(selection), List::size);
            if (tracksGrew) time(scale, "patrol presence of a day, cells + hotspots (tracks)", () -> presence.presence(chinaDay, chinaDay), l -> l.stream().filter(p -> p.day()).count());
        });
    }

    /** Two warm-ups, then RUNS timed calls; the median, and what the last call returned (rows, clusters, cases). */
    private <T> void time(int scale, String what, Supplier<T> work, java.util.function.Function<T, Object> describe) {
        work.get();
        work.get();
        double[] ms = new double[RUNS];
        Object[] last = new Object[1];
        for (int i = 0; i < RUNS; i++) ms[i] = BenchReport.millis(() -> last[0] = work.get());
        medians.computeIfAbsent(what, k -> new LinkedHashMap<>()).put(scale, BenchReport.median(ms));
        notes.computeIfAbsent(what, k -> new LinkedHashMap<>()).put(scale, String.valueOf(describe.apply(cast(last[0]))));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    // ------------------------------------------------------------------ sizes

    private final Map<String, Map<Integer, Long>> sizes = new LinkedHashMap<>();

    private void sizes(int scale) {
        String day = "position_report_" + trackDay.toString().replace("-", "");
        jdbc.sql("""
                        select 'gov_case heap (+toast)' as what, pg_table_size('gov_case') as bytes
                        union all select 'gov_case ' || i.relname, pg_relation_size(i.oid) from pg_index x join pg_class i on i.oid = x.indexrelid
                         where x.indrelid = 'gov_case'::regclass
                        union all select 'gov_case total', pg_total_relation_size('gov_case')
                        union all select 'responder total', pg_total_relation_size('responder')
                        union all select 'track day heap', pg_table_size(:day::regclass)
                        union all select 'track day ' || regexp_replace(i.relname, '^position_report_[0-9]+_', ''), pg_relation_size(i.oid)
                          from pg_index x join pg_class i on i.oid = x.indexrelid where x.indrelid = :day::regclass
                        union all select 'track day total', pg_total_relation_size(:day::regclass)
                        union all select 'database', pg_database_size(current_database())""")
                .param("day", day)
                .query(rs -> {
                    sizes.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(scale, rs.getLong(2));
                });
        sizes.computeIfAbsent("rows: gov_case", k -> new LinkedHashMap<>()).put(scale, (long) count("gov_case"));
        sizes.computeIfAbsent("rows: track day", k -> new LinkedHashMap<>()).put(scale, dayFixes());
    }

    // ------------------------------------------------------------------ ingest

    /**
     * One primary's ingest on this machine: 40,000 pings from 50 fresh devices in requests of 200, one transaction each,
     * through the service (checks, dedup, current position) and as COPY; 3 rounds; pings/s and WAL bytes per ping.
     * Answers {service/s, COPY/s, service WAL/ping, COPY WAL/ping}.
     */
    private double[] ingestRound(LocalDate day) {
        int devicesCount = 50, perBatch = 200, batches = 4, rounds = 3;
        int pings = devicesCount * perBatch * batches;
        double[] ours = new double[rounds], copy = new double[rounds], oursWal = new double[rounds], copyWal = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            List<DeviceService.DeviceIdentity> ids = new ArrayList<>();
            for (long responder : jdbc.sql("select id from responder order by id offset :o limit :n")
                    .param("o", ingestDevices).param("n", devicesCount).query(Long.class).list()) {
                int n = ingestDevices++;
                var issued = As.user(users, "admin", () -> devices.issue("ingest " + n, responder));
                ids.add(new DeviceService.DeviceIdentity(issued.device().id(), issued.device().name(), responder));
            }
            Instant start = day.atTime(12, 0).toInstant(ZoneOffset.UTC).plusSeconds(round * 1_000L);
            long wal = wal();
            ours[round] = pings / (BenchReport.millis(() -> {
                for (int b = 0; b < batches; b++) {
                    for (DeviceService.DeviceIdentity device : ids) {
                        List<Ping> list = new ArrayList<>(perBatch);
                        for (int i = 0; i < perBatch; i++) {
                            int k = b * perBatch + i;
                            list.add(new Ping(start.plusSeconds(k), box[1] + (device.id() % 97) * 1e-4 + k * 1e-5, box[0] + 0.01 + k * 1e-5, 1.5, 90.0, null, 5.0, 80.0));
                        }
                        positions.accept(device, list);
                    }
                }
            }) / 1000);
            oursWal[round] = (wal() - wal) / (double) pings;
            wal = wal();
            copy[round] = pings / (BenchReport.millis(() -> copy(ids, start.plusMillis(500), perBatch, batches)) / 1000);
            copyWal[round] = (wal() - wal) / (double) pings;
        }
        return new double[]{BenchReport.median(ours), BenchReport.median(copy), BenchReport.median(oursWal), BenchReport.median(copyWal)};
    }

    /**
     * Live trackers send one fix per request (OsmAnd, Traccar clients): {@code threads} senders, 25 devices each, one ping
     * per request, one transaction (and one fsync at commit) each, for 8 s. Answers {pings/s, WAL bytes per ping}.
     */
    private double[] singlePings(int threads, LocalDate day) {
        List<List<DeviceService.DeviceIdentity>> perThread = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<DeviceService.DeviceIdentity> ids = new ArrayList<>();
            for (long responder : jdbc.sql("select id from responder order by id offset :o limit 25").param("o", ingestDevices).query(Long.class).list()) {
                int n = ingestDevices++;
                var issued = As.user(users, "admin", () -> devices.issue("ingest " + n, responder));
                ids.add(new DeviceService.DeviceIdentity(issued.device().id(), issued.device().name(), responder));
            }
            perThread.add(ids);
        }
        java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        long until = System.nanoTime() + 8_000_000_000L;
        Instant start = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
        long wal = wal();
        long began = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (List<DeviceService.DeviceIdentity> ids : perThread) {
            senders.add(Thread.ofPlatform().start(() -> {
                for (int k = 0; System.nanoTime() < until; k++) {
                    for (DeviceService.DeviceIdentity device : ids) {
                        positions.accept(device, List.of(new Ping(start.plusSeconds(5L * k), box[1] + (device.id() % 97) * 1e-4 + k * 1e-5,
                                box[0] + 0.01 + k * 1e-5, 1.5, 90.0, null, 5.0, 80.0)));
                        sent.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : senders) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        return new double[]{sent.get() / seconds, (wal() - wal) / (double) sent.get()};
    }

    private void copy(List<DeviceService.DeviceIdentity> ids, Instant start, int perBatch, int batches) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            var api = c.unwrap(PGConnection.class).getCopyAPI();
            for (int b = 0; b < batches; b++) {
                for (DeviceService.DeviceIdentity device : ids) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < perBatch; i++) {
                        int k = b * perBatch + i;
                        sb.append(device.id()).append('\t').append(start.plusSeconds(k)).append('\t').append(device.responderId())
                                .append("\tSRID=4326;POINT(").append(box[0] + 0.01 + k * 1e-5).append(' ').append(box[1] + (device.id() % 97) * 1e-4 + k * 1e-5)
                                .append(")\t1.5\t90\t5\t80\n");
                    }
                    api.copyIn("copy position_report (device_id, device_time, responder_id, position, speed_mps, bearing, accuracy_m, battery_pct) from stdin",
                            new StringReader(sb.toString()));
                    c.commit();
                }
            }
        } catch (java.sql.SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ helpers

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }

    private long dayFixes() {
        return dayFixesOf(trackDay);
    }

    private long dayFixesOf(LocalDate day) {
        return jdbc.sql("select count(*) from position_report where device_time >= :f and device_time < :t")
                .param("f", day.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime()).param("t", day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
                .query(Long.class).single();
    }

    /** The WAL position, in bytes since the cluster began. */
    private long wal() {
        return jdbc.sql("select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint").query(Long.class).single();
    }

    /** The report so far, rebuilt from the figures collected (written after every scale, so a stopped run leaves its part). */
    private void write() throws IOException {
        report = new BenchReport();
        report.line("The province plan's figures (DD008): the demo city at 1×, 10× and 100× its cases and its units, through the");
        report.line("application's services; medians of %d calls after two warm-ups (the first scale timed twice, the first pass dropped), ms, and the ratio to 1× in the same run.", RUNS);
        report.line("Durable cluster (fsync, synchronous commit, full-page writes); PostgreSQL's default memory settings (shared_buffers 128 MB).");
        log.forEach(report::line);
        report.line("");
        StringBuilder head = new StringBuilder(String.format(java.util.Locale.ROOT, "%-54s", ""));
        for (int scale : SCALES) head.append(String.format(java.util.Locale.ROOT, " %9s", scale + "× ms"));
        for (int scale : SCALES) if (scale != SCALES.getFirst()) head.append(String.format(java.util.Locale.ROOT, " %8s", scale + "×/1×"));
        head.append("   result (rows / cases / clusters) per scale");
        report.line("%s", head);
        medians.forEach((what, byScale) -> {
            StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "%-54s", what));
            Double base = byScale.get(SCALES.getFirst());
            for (int scale : SCALES) line.append(byScale.containsKey(scale) ? String.format(java.util.Locale.ROOT, " %9.2f", byScale.get(scale)) : String.format(" %9s", "-"));
            for (int scale : SCALES) {
                if (scale == SCALES.getFirst()) continue;
                line.append(byScale.containsKey(scale) ? String.format(java.util.Locale.ROOT, " %8.2f", byScale.get(scale) / base) : String.format(" %8s", "-"));
            }
            line.append("   ").append(String.join(" / ", notes.get(what).values()));
            report.line("%s", line);
        });
        report.line("");
        report.line("Sizes, MB (rows as counted)");
        sizes.forEach((what, byScale) -> {
            StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "%-54s", what));
            for (int scale : SCALES) {
                Long v = byScale.get(scale);
                line.append(v == null ? String.format(" %11s", "-") : what.startsWith("rows")
                        ? String.format(java.util.Locale.ROOT, " %,11d", v) : String.format(java.util.Locale.ROOT, " %,11.1f", v / 1e6));
            }
            report.line("%s", line);
        });
        Map<Integer, Long> caseRows = sizes.get("rows: gov_case"), caseTotal = sizes.get("gov_case total");
        Map<Integer, Long> fixRows = sizes.get("rows: track day"), fixTotal = sizes.get("track day total");
        if (caseRows != null) {
            int last = SCALES.getLast();
            if (caseRows.containsKey(last)) report.line("  bytes per case (table + indexes) at %d×: %.0f; per fix in the track day: %.0f", last,
                    caseTotal.get(last) / (double) caseRows.get(last), fixTotal.get(last) / (double) Math.max(1, fixRows.get(last)));
        }
        report.line("");
        report.line("Ingest, one primary on this machine, one client thread: 40,000 pings per round from 50 fresh devices in requests of 200,");
        report.line("one transaction each; medians of 3 rounds. service = PositionIngest.accept (checks, jump check, dedup, current");
        report.line("position); COPY = the same rows' shape by COPY, same transactions. WAL bytes per ping from pg_current_wal_insert_lsn.");
        report.line("%-40s %12s %12s %14s %14s", "", "service /s", "COPY /s", "service WAL/ping", "COPY WAL/ping");
        ingest.forEach((where, f) -> report.line("%-40s %,12.0f %,12.0f %14.0f %14.0f", where, f[0], f[1], f[2], f[3]));
        report.line("One ping per request (as live trackers send), through the service, 25 devices per sender thread, 8 s, empty day:");
        singles.forEach((threads, f) -> report.line("  %2d sender thread%s: %,8.0f pings/s (= commits/s), WAL %.0f bytes per ping", threads, threads == 1 ? " " : "s", f[0], f[1]));
        report.write("province-scale.txt");
    }
}
