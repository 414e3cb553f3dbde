package com.gridcommand.bench;

import com.gridcommand.support.BenchReport;

import com.gridcommand.casework.AreaReview;
import com.gridcommand.hotspot.HotspotDetection;
import com.gridcommand.patrol.PatrolPresence;
import com.gridcommand.review.LeadersReview;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Benchmark, not a test: hotspot detection and the leaders' review on the demo city (5,000 cases) and on ten times
 * its cases (each demo case copied nine times within 30 m and a day of it, so the hotspots grow with the data rather
 * than being drowned in noise), with a week of patrol tracks (one unit per patrol route, a fix a minute). Each query
 * is timed against a raw SQL baseline in the same run, medians of many rounds; and for each, the indexes the
 * application's own query used and whether it read the case or track tables in full, from PostgreSQL's per-transaction
 * statistics (pg_stat_xact_*). Run: {@code ./mvnw -Pbench verify -Dit.test=HotspotReviewBench}; the figures land in
 * {@code target/bench/hotspot-review.txt}.
 */
@SpringBootTest
@ActiveProfiles("test")
@TestPropertySource(properties = {"gridcommand.bench.name=hotspot-review", "gridcommand.live.enabled=false"})
class HotspotReviewBench {

    static final int RUNS = Integer.getInteger("bench.query-runs", 11);
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    HotspotDetection detection;
    @Autowired
    LeadersReview review;
    @Autowired
    PatrolPresence presence;
    @Autowired
    GridUserRepository users;
    @Autowired
    TransactionTemplate tx;

    private final BenchReport report = new BenchReport();




    /** Ours and the raw baseline: a warm-up each, then RUNS alternating rounds; then which indexes ours used. */
    private void compare(String what, Supplier<?> ours, Supplier<?> raw) {
        compare(what, RUNS, ours, raw);
    }

    /** With fewer rounds, for a baseline that takes many seconds a round (the count is in the line). */
    private void compare(String what, int runs, Supplier<?> ours, Supplier<?> raw) {
        ours.get();
        if (runs == RUNS) raw.get();
        double[] o = new double[runs], r = new double[runs], or = new double[runs];
        for (int i = 0; i < runs; i++) {
            o[i] = BenchReport.millis(ours);
            r[i] = BenchReport.millis(raw);
            or[i] = o[i] / r[i];
        }
        report.line("%-58s %9.1f %9.1f   %7.2f   %s", what, BenchReport.median(o), BenchReport.median(r), BenchReport.median(or), indexUse(ours));
    }

    /**
     * The indexes a piece of work used and the big tables it read in full: the work runs inside one transaction and
     * PostgreSQL's per-transaction counters are read just before and just after it (they also hold earlier
     * transactions of the same connection until they are flushed, so only the difference counts).
     */
    private String indexUse(Supplier<?> work) {
        return tx.execute(status -> {
            Map<String, Long> before = counters();
            work.get();
            Map<String, Long> after = counters();
            Map<String, Long> used = new java.util.TreeMap<>();
            long caseSeq = 0, trackSeq = 0;
            for (var e : after.entrySet()) {
                long n = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                if (n <= 0) continue;
                String name = e.getKey();
                if (name.equals("seq gov_case")) caseSeq += n;
                else if (name.startsWith("seq position_report")) trackSeq += n;
                else if (name.startsWith("seq ")) continue;
                else if (name.startsWith("position_report_") && name.contains("position_idx")) used.merge("position_report.position (GiST, per day)", n, Long::sum);
                else if (name.startsWith("position_report_")) used.merge("position_report other", n, Long::sum);
                else used.merge(name, n, Long::sum);
            }
            List<String> shown = new ArrayList<>();
            used.forEach((k, v) -> shown.add(k + "×" + v));
            return "indexes " + (shown.isEmpty() ? "none" : String.join(", ", shown)) + "; full reads of gov_case " + caseSeq
                    + ", of tracks " + trackSeq;
        });
    }

    /** Index scans per index, and sequential scans per table ("seq " + name), of the tables the work reads. */
    private Map<String, Long> counters() {
        Map<String, Long> c = new HashMap<>();
        jdbc.sql("""
                        select x.relname as name, pg_stat_get_xact_numscans(x.oid) as n from pg_index i
                          join pg_class x on x.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
                         where t.relname in ('gov_case', 'grid_cell', 'community', 'township', 'hotspot', 'assignment', 'patrol_presence')
                            or t.relname like 'position_report%'
                        union all
                        select 'seq ' || t.relname, pg_stat_get_xact_numscans(t.oid) from pg_class t
                         where t.relkind = 'r' and (t.relname = 'gov_case' or t.relname like 'position_report%')""")
                .query(rs -> {
                    c.put(rs.getString("name"), rs.getLong("n"));
                });
        return c;
    }

    @Test
    void detectionAndReviewOnTheDemoCityAndTenTimesItsCases() throws IOException {
        YearMonth month = YearMonth.now(CHINA).minusMonths(1);
        LocalDate weekStart = month.atDay(10);
        int fixes = tracks(weekStart);
        report.line("Hotspot detection and the leaders' review. ours = the application's service as a city-wide leader; raw = the");
        report.line("simplest SQL that gives the same figures' core (named per line). Medians of %d rounds after a warm-up, ms;", RUNS);
        report.line("the ratio is the median of per-round ratios. Index use: PostgreSQL's per-transaction statistics of ours");
        report.line("(index×scans; 'full reads' counts sequential scans of the case table and of the track partitions).");
        report.line("Tracks: %,d fixes of %d patrol units over the week from %s.", fixes, jdbc.sql("select count(distinct responder_id) from position_report")
                .query(Integer.class).single(), weekStart);
        round("Demo city", month, weekStart);
        write();
        int copies = multiply();
        round("Ten times the cases (" + copies + " copies added)", month, weekStart);
        write();
        System.out.println(report);
    }

    private void write() throws IOException {
        report.write("hotspot-review.txt");
    }

    private void round(String title, YearMonth month, LocalDate weekStart) {
        int cases = jdbc.sql("select count(*) from gov_case").query(Integer.class).single();
        report.line("");
        report.line("%s: %,d cases", title, cases);
        report.line("%-58s %9s %9s   %7s", "", "ours", "raw", "ours/raw");
        LocalDate last = jdbc.sql("select max(reported_at at time zone 'Asia/Shanghai')::date from gov_case").query(LocalDate.class).single();
        HotspotDetection.Selection year = new HotspotDetection.Selection(last.minusYears(1), last, Set.of(), null, null);
        HotspotDetection.Selection nights = new HotspotDetection.Selection(last.minusMonths(6), last, Set.of(), LocalTime.of(20, 0), LocalTime.of(6, 0));
        String utm = "(select 32600 + floor((ST_X(ST_Centroid(ST_Extent(geom))) + 180) / 6)::int + 1 from township)";
        var from = year.from().atStartOfDay(CHINA).toOffsetDateTime();
        var to = year.to().plusDays(1).atStartOfDay(CHINA).toOffsetDateTime();
        As.user(users, "lingdao", () -> {
            compare("DBSCAN candidates, 12 months (raw: cluster ids only)", () -> detection.clusters(year, 100, 15),
                    () -> jdbc.sql("select count(distinct cid) from (select ST_ClusterDBSCAN(ST_Transform(geom, " + utm + "), eps => 100, minpoints => 15) over () as cid"
                            + " from gov_case where reported_at >= :f and reported_at < :t) x").param("f", from).param("t", to).query(Integer.class).single());
            compare("DBSCAN candidates, nights 20:00-06:00, 6 months", () -> detection.clusters(nights, 100, 10),
                    () -> jdbc.sql("select count(distinct cid) from (select ST_ClusterDBSCAN(ST_Transform(geom, " + utm + "), eps => 100, minpoints => 10) over () as cid"
                                    + " from gov_case where reported_at >= :f and reported_at < :t and ((reported_at at time zone 'Asia/Shanghai')::time >= '20:00'"
                                    + " or (reported_at at time zone 'Asia/Shanghai')::time < '06:00')) x")
                            .param("f", nights.from().atStartOfDay(CHINA).toOffsetDateTime()).param("t", to).query(Integer.class).single());
            compare("Gi* per grid cell, 12 months (raw: counts per cell)", () -> detection.giStar(year),
                    () -> jdbc.sql("select grid_cell_id, count(*) from gov_case where reported_at >= :f and reported_at < :t group by 1")
                            .param("f", from).param("t", to).query((rs, i) -> rs.getLong(1)).list());
            compare("density, 150 m squares, 450 m kernel (raw: counts per square)", () -> detection.density(year, 150, 450),
                    () -> jdbc.sql("select ST_SnapToGrid(ST_Transform(geom, " + utm + "), 150) as g, count(*) from gov_case"
                            + " where reported_at >= :f and reported_at < :t group by 1").param("f", from).param("t", to).query((rs, i) -> rs.getLong(2)).list());
            List<String> areas = detection.clusters(new HotspotDetection.Selection(last.minusMonths(6), last.minusMonths(3), Set.of(), null, null), 100, 15)
                    .stream().map(HotspotDetection.Candidate::geometry).toList();
            HotspotDetection.Selection later = new HotspotDetection.Selection(last.minusMonths(3).plusDays(1), last, Set.of(), null, null);
            compare("PAI of " + areas.size() + " candidates on 3 later months (raw: cases inside)", () -> detection.predictionAccuracy(areas, later),
                    () -> jdbc.sql("with a as materialized (select ST_UnaryUnion(ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326)) as g)"
                                    + " select count(*) from gov_case k, a where reported_at >= :f and ST_Intersects(k.geom, a.g)")
                            .param("f", later.from().atStartOfDay(CHINA).toOffsetDateTime())
                            .param("g", "{\"type\":\"GeometryCollection\",\"geometries\":[" + String.join(",", areas) + "]}").query(Integer.class).single());
            var mFrom = month.atDay(1).atStartOfDay(CHINA).toOffsetDateTime();
            var mTo = month.plusMonths(1).atDay(1).atStartOfDay(CHINA).toOffsetDateTime();
            for (AreaReview.Level level : AreaReview.Level.values()) {
                String column = switch (level) {
                    case TOWNSHIP -> "township_id";
                    case COMMUNITY -> "community_id";
                    case GRID_CELL -> "grid_cell_id";
                };
                compare("review of a month, " + level + " (raw: case figures only)", () -> review.review(level, month, null, AreaReview.Weights.DEFAULT),
                        () -> jdbc.sql("select " + column + ", count(*), count(closed_at), count(*) filter (where closed_at <= deadline),"
                                        + " percentile_cont(0.9) within group (order by closed_at - reported_at) from gov_case"
                                        + " where reported_at >= :f and reported_at < :t group by 1")
                                .param("f", mFrom).param("t", mTo).query((rs, i) -> rs.getLong(1)).list());
            }
            compare("review trend, 12 months of all areas (raw: one grouped query)", () -> review.trend(AreaReview.Level.TOWNSHIP, null, month, 12),
                    () -> jdbc.sql("select date_trunc('month', reported_at at time zone 'Asia/Shanghai'), count(*), count(closed_at) from gov_case"
                                    + " where reported_at >= :f and reported_at < :t group by 1")
                            .param("f", month.minusMonths(11).atDay(1).atStartOfDay(CHINA).toOffsetDateTime()).param("t", mTo).query((rs, i) -> rs.getLong(2)).list());
            compare("presence, a week, cells+hotspots (raw: cells, fixes read once; 3 rounds)", 3, () -> presence.presence(weekStart, weekStart.plusDays(6)),
                    () -> jdbc.sql("""
                                    with fixes as materialized (select position, (device_time at time zone 'Asia/Shanghai')::time as t from position_report
                                                  where responder_id is not null and device_time >= :f and device_time < :t)
                                    select a.id, exists (select 1 from fixes f where ST_Intersects(a.geom, f.position) and f.t >= '06:00' and f.t < '20:00'),
                                                 exists (select 1 from fixes f where ST_Intersects(a.geom, f.position) and (f.t >= '20:00' or f.t < '06:00'))
                                      from grid_cell a""")
                            .param("f", weekStart.atStartOfDay(CHINA).toOffsetDateTime()).param("t", weekStart.plusDays(7).atStartOfDay(CHINA).toOffsetDateTime())
                            .query((rs, i) -> rs.getLong(1)).list());
        });
    }

    /** One unit per patrol route walking it there and back every two hours, a fix a minute, for a week. */
    private int tracks(LocalDate start) {
        return tx.execute(status -> {
            jdbc.sql("select set_config('gridcommand.quiet', 'on', true)").query(String.class).single();
            for (int d = -1; d <= 8; d++) jdbc.sql("select position_report_partition(:d)").param("d", start.plusDays(d)).query(String.class).single();
            long township = jdbc.sql("select min(id) from township").query(Long.class).single();
            int total = 0;
            for (long route : jdbc.sql("select id from patrol_route order by id").query(Long.class).list()) {
                long responder = jdbc.sql("insert into responder (code, name, kind, team, status, township_id) values (:c, '基准巡逻', 'POLICE_PATROL', '基准', 'AVAILABLE', :t) returning id")
                        .param("c", "BENCH-P" + route).param("t", township).query(Long.class).single();
                long device = jdbc.sql("insert into device (name, token_prefix, token_hash, responder_id, created_by) values (:n, :p, 'x', :r, 'bench') returning id")
                        .param("n", "bench " + route).param("p", String.format("bench%03d", route)).param("r", responder).query(Long.class).single();
                total += jdbc.sql("""
                                insert into position_report (device_id, device_time, responder_id, position)
                                select :d, :start + make_interval(mins => m), :r, ST_LineInterpolatePoint(geom, abs((m % 120) / 60.0 - 1))
                                  from patrol_route, generate_series(0, 7 * 1440 - 1) m where id = :route""")
                        .param("d", device).param("start", start.atStartOfDay(CHINA).toOffsetDateTime()).param("r", responder).param("route", route).update();
            }
            jdbc.sql("analyze position_report").update();
            return total;
        });
    }

    /** Nine copies of each demo case within 30 m and a day of it (copies falling outside the city are left out). */
    private int multiply() {
        int n = tx.execute(status -> {
            jdbc.sql("select set_config('gridcommand.quiet', 'on', true)").query(String.class).single();
            jdbc.sql("select setseed(0.2026)").query(String.class).single();
            return jdbc.sql("""
                            insert into gov_case (code, title, description, category, severity, source, step, reported_at, deadline, closed_at,
                                                  step_started_at, step_deadline, responsible_unit, geom)
                            select c.code || '-X' || k, c.title, c.description, c.category, c.severity, c.source, c.step,
                                   c.reported_at + s.shift, c.deadline + s.shift, c.closed_at + s.shift, c.step_started_at + s.shift,
                                   c.step_deadline + s.shift, c.responsible_unit, s.g
                              from gov_case c cross join generate_series(1, 9) k
                              cross join lateral (select ST_Translate(c.geom, (random() - 0.5) * 0.0006, (random() - 0.5) * 0.0006) as g,
                                                         (random() - 0.5) * interval '1 day' as shift) s
                             where c.code not like '%-X%' and exists (select 1 from grid_cell g where ST_Intersects(g.geom, s.g))""").update();
        });
        jdbc.sql("analyze gov_case").update();
        return n;
    }
}
