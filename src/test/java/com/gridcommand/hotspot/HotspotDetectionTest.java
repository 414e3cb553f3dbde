package com.gridcommand.hotspot;

import com.gridcommand.democity.DemoClusters;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Hotspot detection on the demo city: the clusters it was generated with are found, chance is not, and Gi* is the textbook formula. */
@IntegrationTest
class HotspotDetectionTest {

    @Autowired
    HotspotDetection detection;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;

    private HotspotDetection.Selection lastYear() {
        LocalDate to = jdbc.sql("select max(reported_at at time zone 'Asia/Shanghai')::date from gov_case").query(LocalDate.class).single();
        return new HotspotDetection.Selection(to.minusYears(1), to, Set.of(), null, null);
    }

    private boolean inside(HotspotDetection.Candidate c, double lon, double lat) {
        return jdbc.sql("select ST_Contains(ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326), ST_SetSRID(ST_MakePoint(:x, :y), 4326))")
                .param("g", c.geometry()).param("x", lon).param("y", lat).query(Boolean.class).single();
    }

    @Test
    void densityClustersRecoverTheGeneratedClusters() {
        List<HotspotDetection.Candidate> found = As.user(users, "lingdao", () -> detection.clusters(lastYear(), 100, 15));
        // Every cluster the city was generated with that still produces cases (not the three long delisted ones) is found...
        List<DemoClusters.Centre> generated = DemoClusters.all().stream().filter(c -> c.cases() >= 60).toList();
        assertThat(generated).hasSize(16);
        for (DemoClusters.Centre centre : generated) {
            assertThat(found).as("cluster at %f,%f (%s)", centre.lon(), centre.lat(), centre.trend())
                    .anySatisfy(c -> assertThat(inside(c, centre.lon(), centre.lat())).isTrue());
        }
        // ...every sizeable candidate is one of them, and the listed ones meet their hotspot while the emerging ones meet none.
        for (HotspotDetection.Candidate c : found) {
            if (c.cases() < 40) continue;
            assertThat(generated).as("candidate of %d cases at %f,%f", c.cases(), c.lon(), c.lat())
                    .anySatisfy(centre -> assertThat(inside(c, centre.lon(), centre.lat())).isTrue());
        }
        long emerging = found.stream().filter(c -> generated.stream().anyMatch(g -> g.trend().equals("EMERGING") && inside(c, g.lon(), g.lat()))).count();
        assertThat(emerging).isEqualTo(4);
        assertThat(found.stream().filter(c -> generated.stream().anyMatch(g -> g.trend().equals("EMERGING") && inside(c, g.lon(), g.lat()))))
                .allSatisfy(c -> assertThat(c.listedHotspots()).isEmpty());
        assertThat(found.stream().flatMap(c -> c.listedHotspots().stream()).distinct().count())
                .isEqualTo(jdbc.sql("select count(*) from hotspot where status <> 'DELISTED'").query(Long.class).single());
    }

    @Test
    @Transactional
    void uniformRandomCasesGiveNoCandidate() {
        double[] box = jdbc.sql("select ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) from (select ST_Extent(geom)::geometry e from township) x")
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)}).single();
        SplittableRandom random = new SplittableRandom(11);
        int inserted = 0;
        while (inserted < 600) {
            double lon = box[0] + random.nextDouble() * (box[2] - box[0]), lat = box[1] + random.nextDouble() * (box[3] - box[1]);
            boolean inCity = jdbc.sql("select exists (select 1 from grid_cell where ST_Intersects(geom, ST_SetSRID(ST_MakePoint(:x, :y), 4326)))")
                    .param("x", lon).param("y", lat).query(Boolean.class).single();
            if (!inCity) continue;
            jdbc.sql("""
                            insert into gov_case (code, title, category, severity, source, step, reported_at, geom)
                            values (:code, '随机', 'OTHER', 1, 'COUNTER', 'INTAKE', timestamptz '2035-03-01 12:00+08' + (:d || ' hours')::interval,
                                    ST_SetSRID(ST_MakePoint(:x, :y), 4326))""")
                    .param("code", "RND" + inserted).param("d", Integer.toString(random.nextInt(24 * 300))).param("x", lon).param("y", lat).update();
            inserted++;
        }
        var year2035 = new HotspotDetection.Selection(LocalDate.of(2035, 1, 1), LocalDate.of(2035, 12, 31), Set.of(), null, null);
        assertThat(As.user(users, "lingdao", () -> detection.clusters(year2035, 100, 15))).isEmpty();
    }

    @Test
    void giStarIsTheTextbookFormulaComputedIndependently() throws Exception {
        var night = new HotspotDetection.Selection(lastYear().from(), lastYear().to(), Set.of("PUBLIC_SECURITY", "PROPERTY"),
                LocalTime.of(20, 0), LocalTime.of(6, 0));
        List<HotspotDetection.CellScore> scores = As.user(users, "lingdao", () -> detection.giStar(night));
        // Counts straight from the rows, the time of day in Java; neighbours by JTS.
        Map<Long, Integer> counts = new HashMap<>();
        jdbc.sql("select grid_cell_id, reported_at from gov_case where category in ('PUBLIC_SECURITY', 'PROPERTY')")
                .query((rs, i) -> {
                    var at = rs.getObject(2, java.time.OffsetDateTime.class).atZoneSameInstant(HotspotDetection.CHINA);
                    LocalTime t = at.toLocalTime();
                    boolean inPeriod = !at.toLocalDate().isBefore(night.from()) && !at.toLocalDate().isAfter(night.to());
                    if (inPeriod && (!t.isBefore(LocalTime.of(20, 0)) || t.isBefore(LocalTime.of(6, 0)))) counts.merge(rs.getLong(1), 1, Integer::sum);
                    return null;
                }).list();
        WKBReader reader = new WKBReader();
        Map<Long, Geometry> cells = new HashMap<>();
        jdbc.sql("select id, ST_AsBinary(geom) from grid_cell").query((rs, i) -> {
            try {
                cells.put(rs.getLong(1), reader.read(rs.getBytes(2)));
            } catch (org.locationtech.jts.io.ParseException e) {
                throw new IllegalStateException(e);
            }
            return null;
        }).list();
        int n = cells.size();
        double mean = cells.keySet().stream().mapToDouble(id -> counts.getOrDefault(id, 0)).sum() / n;
        double s = Math.sqrt(cells.keySet().stream().mapToDouble(id -> Math.pow(counts.getOrDefault(id, 0), 2)).sum() / n - mean * mean);
        Map<Long, Double> expected = new HashMap<>();
        for (var a : cells.entrySet()) {
            double wx = 0, w = 0;
            for (var b : cells.entrySet()) {
                if (a.getValue().intersects(b.getValue())) {
                    wx += counts.getOrDefault(b.getKey(), 0);
                    w++;
                }
            }
            expected.put(a.getKey(), (wx - mean * w) / (s * Math.sqrt((n * w - w * w) / (n - 1))));
        }
        assertThat(scores).hasSize(n);
        for (HotspotDetection.CellScore score : scores) {
            assertThat(score.cases()).as(score.code()).isEqualTo(counts.getOrDefault(score.cellId(), 0));
            assertThat(score.z()).as(score.code()).isCloseTo(expected.get(score.cellId()), within(1e-9));
        }
        // The night clusters stand out.
        assertThat(scores.stream().filter(z -> z.z() > 2.58).count()).isPositive();
    }

    @Test
    void theDensitySurfaceHoldsTheSelectedCasesAndPeaksAtTheGeneratedClusters() {
        HotspotDetection.Selection year = lastYear();
        int selected = jdbc.sql("select count(*) from gov_case where reported_at >= :f and reported_at < :t")
                .param("f", year.from().atStartOfDay(HotspotDetection.CHINA).toOffsetDateTime())
                .param("t", year.to().plusDays(1).atStartOfDay(HotspotDetection.CHINA).toOffsetDateTime()).query(Integer.class).single();
        double size = 60, bandwidth = 400;
        List<HotspotDetection.DensityCell> surface = As.user(users, "lingdao", () -> detection.density(year, size, bandwidth));
        // A kernel density integrates to the number of cases: the squares' estimates times their areas add up to them.
        double squareKm2 = size * size / 1e6;
        double integral = surface.stream().mapToDouble(c -> c.perSquareKm() * squareKm2).sum();
        assertThat(integral).isCloseTo(selected, org.assertj.core.data.Percentage.withPercentage(3));
        // The densest squares lie within the bandwidth of a generated cluster's centre.
        List<DemoClusters.Centre> centres = DemoClusters.all();
        for (HotspotDetection.DensityCell top : surface.subList(surface.size() - 10, surface.size())) {
            double[] c = jdbc.sql("select ST_X(p), ST_Y(p) from ST_Centroid(ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326)) p").param("g", top.geometry())
                    .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
            assertThat(centres).as("dense square at %f,%f", c[0], c[1]).anySatisfy(centre -> assertThat(
                    jdbc.sql("select ST_Distance(ST_MakePoint(:a, :b)::geography, ST_MakePoint(:x, :y)::geography)")
                            .param("a", c[0]).param("b", c[1]).param("x", centre.lon()).param("y", centre.lat()).query(Double.class).single())
                    .isLessThan(bandwidth));
        }
        assertThatThrownBy(() -> As.user(users, "lingdao", () -> detection.density(year, 10, 400))).isInstanceOf(IllegalArgumentException.class);
    }
}
