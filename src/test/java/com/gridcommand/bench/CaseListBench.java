package com.gridcommand.bench;

import com.gridcommand.support.BenchReport;

import com.gridcommand.casework.CaseFilter;
import com.gridcommand.casework.CaseService;
import com.gridcommand.casework.CaseStep;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.Viewport;
import com.gridcommand.security.internal.DemoUsers;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Benchmark, not a test: the case list and the maps with 50,000 cases. The demo city's 5,000 cases are
 * grown by 45,000 generated ones (random points in every cell, two years of dates, the demo's mix of
 * steps), then each query of the list and the maps is timed against two baselines in the same run:
 * the same rows by a hand-written raw SQL query (no scope, no names, no light), and a naive approach
 * (every case loaded, then filtered in Java / every case sent to the map). And the list page itself,
 * in headless Chromium, with 5,000 and with 50,000 cases. Medians of many runs, because these machines
 * are noisy. Run: {@code ./mvnw -Pbench verify}; the figures land in {@code target/bench/case-list.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {"gridcommand.bench.name=case-list", "gridcommand.live.enabled=false"})
class CaseListBench {

    static final int RUNS = Integer.getInteger("bench.query-runs", 21);
    static final int PAGE_RUNS = Integer.getInteger("bench.runs", 5);
    static final int GENERATED = 45_000;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseService cases;
    @Autowired
    GridUserRepository users;
    @Autowired
    TransactionTemplate tx;

    private final BenchReport report = new BenchReport();




    /** Ours, the raw SQL baseline and the naive one: two warm-ups each, then RUNS rounds of all three, so drift hits all alike. */
    private void compare(String what, Supplier<?> ours, Supplier<?> raw, Supplier<?> naive) {
        for (int i = 0; i < 2; i++) {
            ours.get();
            raw.get();
            naive.get();
        }
        double[] o = new double[RUNS], r = new double[RUNS], n = new double[RUNS], or = new double[RUNS], on = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            o[i] = BenchReport.millis(ours);
            r[i] = BenchReport.millis(raw);
            n[i] = BenchReport.millis(naive);
            or[i] = o[i] / r[i];
            on[i] = o[i] / n[i];
        }
        report.line("%-50s %9.2f %9.2f %9.2f   %8.2f   %8.3f", what, BenchReport.median(o), BenchReport.median(r), BenchReport.median(n), BenchReport.median(or), BenchReport.median(on));
    }

    @Test
    void theCaseListAndTheMapsWithFiftyThousandCases() throws IOException {
        double page5k = pageLoad();
        int generated = generate();
        int total = jdbc.sql("select count(*) from gov_case").query(Integer.class).single();
        double page50k = pageLoad();

        report.line("Case list and maps with %,d cases (%,d demo + %,d generated); a city-wide command user.", total, total - generated, generated);
        report.line("Query medians of %d runs after 2 warm-ups, ms. ours = the application's service; raw = the same rows by hand-written SQL", RUNS);
        report.line("(no scope check, no area names, no supervision light); naive = every case loaded, then filtered/sorted in Java, or sent to the map.");
        report.line("Ratios are medians of the per-round ratios.");
        report.line("%-50s %9s %9s %9s   %8s   %8s", "", "ours", "raw SQL", "naive", "ours/raw", "ours/naive");

        long township = jdbc.sql("select id from township order by code limit 1").query(Long.class).single();
        String townshipCode = jdbc.sql("select code from township where id = :id").param("id", township).query(String.class).single();
        CaseFilter landing = CaseFilter.none();
        CaseFilter filtered = new CaseFilter(Set.of(CaseStep.SUPERVISION, CaseStep.FEEDBACK, CaseStep.CLOSED), Set.of("NEIGHBOUR", "LAND"),
                townshipCode, false, null, null, null, null, null, CaseFilter.Sort.REPORTED, true);
        CaseFilter text = new CaseFilter(Set.of(), Set.of(), null, false, null, null, null, "漏水", null, CaseFilter.Sort.DEADLINE, false);

        As.user(users, "zhihui", () -> {
            compare("list: first page (50) + count, no filter", () -> cases.list(landing, 0, 50).size() + cases.count(landing),
                    () -> jdbc.sql("select id, code, title, step, reported_at, deadline from gov_case order by reported_at desc, id desc limit 50")
                            .query((rs, i) -> rs.getLong(1)).list().size() + jdbc.sql("select count(*) from gov_case").query(Integer.class).single(),
                    () -> naiveList(c -> true, 0));
            compare("list: page 40 (offset 2000), no filter", () -> cases.list(landing, 2000, 50).size(),
                    () -> jdbc.sql("select id, code, title, step, reported_at, deadline from gov_case order by reported_at desc, id desc offset 2000 limit 50")
                            .query((rs, i) -> rs.getLong(1)).list().size(),
                    () -> naiveList(c -> true, 2000));
            compare("list: steps + categories + township + count", () -> cases.list(filtered, 0, 50).size() + cases.count(filtered),
                    () -> jdbc.sql("""
                                    select id, code, title, step, reported_at, deadline from gov_case
                                     where step in ('SUPERVISION', 'FEEDBACK', 'CLOSED') and category in ('NEIGHBOUR', 'LAND') and township_id = :t
                                     order by reported_at desc, id desc limit 50""").param("t", township)
                            .query((rs, i) -> rs.getLong(1)).list().size()
                            + jdbc.sql("""
                                    select count(*) from gov_case where step in ('SUPERVISION', 'FEEDBACK', 'CLOSED')
                                       and category in ('NEIGHBOUR', 'LAND') and township_id = :t""").param("t", township).query(Integer.class).single(),
                    () -> naiveList(c -> Set.of("SUPERVISION", "FEEDBACK", "CLOSED").contains(c.step) && Set.of("NEIGHBOUR", "LAND").contains(c.category)
                            && c.township == township, 0));
            compare("list: text search + count, by deadline", () -> cases.list(text, 0, 50).size() + cases.count(text),
                    () -> jdbc.sql("""
                                    select id, code, title, step, reported_at, deadline from gov_case
                                     where code ilike '%漏水%' or title like '%漏水%' or description like '%漏水%'
                                     order by deadline asc nulls last, id limit 50""").query((rs, i) -> rs.getLong(1)).list().size()
                            + jdbc.sql("select count(*) from gov_case where code ilike '%漏水%' or title like '%漏水%' or description like '%漏水%'")
                            .query(Integer.class).single(),
                    () -> naiveList(c -> c.title.contains("漏水") || c.description.contains("漏水"), 0));

            Bbox city = jdbc.sql("select ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) from (select ST_Extent(geom) e from township) x")
                    .query((rs, i) -> new Bbox(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4))).single();
            Bbox quarter = new Bbox(city.west(), city.south(), (city.west() + city.east()) / 2, (city.south() + city.north()) / 2);
            Viewport townView = new Viewport(quarter, 13);
            Viewport cityView = new Viewport(city, 11);
            compare("command map: open cases in a quarter of the city", () -> cases.openInView(townView).size(),
                    () -> rawInView(quarter, "step not in ('CLOSED', 'REFERRED')"), () -> naiveMap());
            compare("list map: filtered cases in a quarter of the city", () -> cases.inView(filtered, townView).size(),
                    () -> rawInView(quarter, "step in ('SUPERVISION', 'FEEDBACK', 'CLOSED') and category in ('NEIGHBOUR', 'LAND') and township_id = "
                            + township), () -> naiveMap());
            compare("list map: every case, whole city (capped 5,001)", () -> cases.inView(landing, cityView).size(),
                    () -> rawInView(city, "true"), () -> naiveMap());
        });

        report.line("");
        report.line("The list page in headless Chromium (production bundle), from navigation until the grid shows rows and the map");
        report.line("holds its cases: median of %d fresh profiles, signed in first.", PAGE_RUNS);
        report.line("  with  5,000 cases: %8.0f ms", page5k);
        report.line("  with %,d cases: %8.0f ms   (50k/5k %.2f)", total, page50k, page50k / page5k);
        report.write("case-list.txt");
        System.out.println(report);
    }

    private record Light(long id, String step, String category, long township, String title, String description, java.time.OffsetDateTime reported) {}

    /** The naive list: every case into memory, filtered, sorted and paged in Java. */
    private int naiveList(java.util.function.Predicate<Light> keep, int offset) {
        List<Light> all = jdbc.sql("select id, step, category, township_id, title, description, reported_at from gov_case")
                .query((rs, i) -> new Light(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                        rs.getObject(7, java.time.OffsetDateTime.class))).list();
        List<Light> kept = new ArrayList<>(all.stream().filter(keep).toList());
        kept.sort(java.util.Comparator.comparing(Light::reported).reversed());
        return kept.subList(Math.min(offset, kept.size()), Math.min(offset + 50, kept.size())).size() + kept.size();
    }

    private int rawInView(Bbox b, String where) {
        return jdbc.sql("select id, ST_AsGeoJSON(geom, 6) from gov_case where geom && ST_MakeEnvelope(:w, :s, :e, :n, 4326) and " + where
                        + " limit 5001")
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query((rs, i) -> rs.getString(2)).list().size();
    }

    /** The naive map: every case, with its properties, whatever the view. */
    private int naiveMap() {
        return jdbc.sql("select id, code, title, severity, step, ST_AsGeoJSON(geom) from gov_case").query((rs, i) -> rs.getString(6)).list().size();
    }

    /** 45,000 cases at random points of every cell (seeded), dated over two years, mostly closed; written quietly (no audit lines). */
    private int generate() {
        return tx.execute(status -> {
            jdbc.sql("select set_config('gridcommand.quiet', 'on', true)").query(String.class).single();
            jdbc.sql("select setseed(0.2026)").query(String.class).single();
            int perCell = (int) Math.ceil(GENERATED / (double) jdbc.sql("select count(*) from grid_cell").query(Integer.class).single());
            return jdbc.sql("""
                            with points as (
                                select (ST_Dump(ST_GeneratePoints(c.geom, :per, 2026))).geom as geom from grid_cell c order by c.code
                            ), numbered as (
                                select geom, row_number() over () as n, random() as r, random() as r2, random() as r3 from points limit :total
                            )
                            insert into gov_case (code, title, description, category, severity, source, step, reported_at, deadline, closed_at,
                                                  step_started_at, step_deadline, responsible_unit, geom)
                            select 'BENCH-' || lpad(n::text, 6, '0'),
                                   (array['邻里纠纷', '楼上漏水', '噪声扰民', '土地权属', '拖欠工资', '物业纠纷', '安全隐患'])[1 + floor(r3 * 7)::int],
                                   '基准测试生成的案件 ' || n,
                                   (array['NEIGHBOUR', 'FAMILY', 'LAND', 'LABOUR', 'PROPERTY', 'PUBLIC_SECURITY', 'HAZARD', 'PETITION', 'OTHER'])[1 + floor(r * 9)::int],
                                   1 + floor(r2 * 4)::int, 'PATROL',
                                   case when r < 0.90 then 'CLOSED'
                                        else (array['INTAKE', 'ROUTING', 'SUPERVISION', 'FEEDBACK', 'FOLLOW_UP'])[1 + floor((r - 0.90) * 50)::int] end,
                                   now() - (r2 * interval '730 days'),
                                   now() - (r2 * interval '730 days') + interval '15 days',
                                   case when r < 0.90 then now() - (r2 * interval '730 days') + (r3 * interval '20 days') end,
                                   case when r >= 0.90 then now() - (r2 * interval '730 days') end,
                                   case when r >= 0.90 then now() - (r2 * interval '730 days') + interval '15 days' end,
                                   '基准测试', geom
                              from numbered""")
                    .param("per", perCell).param("total", GENERATED).update();
        });
    }

    /** Time to the list page drawn: grid rows and the map's cases (ms since navigation start, median of fresh profiles). */
    private double pageLoad() {
        double[] ms = new double[PAGE_RUNS];
        for (int i = 0; i < PAGE_RUNS; i++) {
            try (Browser browser = new Browser(1400, 900, "zh-CN")) {
                browser.signIn("http://localhost:" + port, "zhihui", DemoUsers.PASSWORD);
                browser.open("http://localhost:" + port + "/cases");
                browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
                ms[i] = ((Number) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        (function check() {
                          const m = document.querySelector('leaflet-flow-map');
                          const rows = document.querySelectorAll('#case-list vaadin-grid-cell-content');
                          try { if (m && m.featureIds && m.featureIds('cases').length > 0 && rows.length > 20) { done(performance.now()); return; } } catch (e) { }
                          requestAnimationFrame(check);
                        })();""")).doubleValue();
            }
        }
        return BenchReport.median(ms);
    }
}
