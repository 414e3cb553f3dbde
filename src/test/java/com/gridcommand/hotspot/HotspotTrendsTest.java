package com.gridcommand.hotspot;

import com.gridcommand.democity.DemoClusters;
import com.gridcommand.support.IntegrationTest;
import com.gridcommand.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hotspot trends read back the trends the demo's cases were generated with; Mann-Kendall on textbook series. */
@IntegrationTest
class HotspotTrendsTest {

    @Autowired
    HotspotTrends trends;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;

    @Test
    void mannKendallOnKnownSeries() {
        assertThat(HotspotTrends.mannKendallZ(new int[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})).isCloseTo(65 / Math.sqrt(12 * 11 * 29 / 18.0), within(1e-12));
        assertThat(HotspotTrends.mannKendallZ(new int[]{12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1})).isCloseTo(-65 / Math.sqrt(12 * 11 * 29 / 18.0), within(1e-12));
        assertThat(HotspotTrends.mannKendallZ(new int[]{5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5})).isZero();
        assertThat(HotspotTrends.classify(new int[]{0, 0, 0, 0, 0, 0, 0, 0, 1, 5, 9, 14}, 3.5)).isEqualTo(HotspotTrends.Trend.NEW);
        assertThat(HotspotTrends.classify(new int[]{3, 4, 2, 5, 3, 4, 3, 4, 2, 3, 5, 3}, 0.2)).isEqualTo(HotspotTrends.Trend.PERSISTENT);
    }

    @Test
    void theDemoHotspotsShowTheTrendsTheyWereGeneratedWith() {
        List<HotspotTrends.HotspotTrend> found = trends.trends(LocalDate.now(clock));
        Map<String, String> generated = DemoClusters.trendsByHotspot();
        assertThat(found).hasSize(generated.size());
        for (HotspotTrends.HotspotTrend t : found) {
            String expected = generated.get(t.code());
            String why = t.code() + " " + expected + " " + java.util.Arrays.toString(t.months()) + " z=" + t.mannKendallZ();
            switch (expected) {
                case "INTENSIFYING" -> assertThat(t.trend()).as(why).isEqualTo(HotspotTrends.Trend.INTENSIFYING);
                case "PERSISTENT" -> assertThat(t.trend()).as(why).isEqualTo(HotspotTrends.Trend.PERSISTENT);
                case "FADING_AFTER_LISTING" -> {
                    assertThat(t.trend()).as(why).isIn(HotspotTrends.Trend.DIMINISHING, HotspotTrends.Trend.PERSISTENT);
                    assertThat(t.after()).as(why).isLessThan(t.before());
                }
                case "GONE_AFTER_LISTING" -> {
                    // The long-delisted ones were listed over a year ago: their "before" lies outside the demo's year of cases.
                    if (!t.status().equals("DELISTED")) {
                        assertThat(t.trend()).as(why).isEqualTo(HotspotTrends.Trend.DIMINISHING);
                        assertThat(t.after()).as(why).isLessThan(t.before() / 2);
                    }
                }
                default -> throw new AssertionError("unexpected generated trend " + expected);
            }
        }
        assertThat(found).filteredOn(t -> generated.get(t.code()).equals("FADING_AFTER_LISTING"))
                .anySatisfy(t -> assertThat(t.trend()).isEqualTo(HotspotTrends.Trend.DIMINISHING));
    }

    @Test
    void aHotspotsTrendLeavesTheMonthInProgressOut() {
        LocalDate today = LocalDate.now(clock);
        LocalDate firstOfMonth = today.withDayOfMonth(1);
        java.time.YearMonth lastMonth = java.time.YearMonth.from(today).minusMonths(1);
        // Today and the first of this month see the same twelve finished months: the days of this month so far count for none.
        Map<String, int[]> soFar = new java.util.HashMap<>();
        trends.trends(today).forEach(t -> soFar.put(t.code(), t.months()));
        for (HotspotTrends.HotspotTrend t : trends.trends(firstOfMonth)) {
            assertThat(soFar.get(t.code())).as(t.code()).containsExactly(t.months());
            // The last bucket is last month, whole.
            long inLastMonth = jdbc.sql("""
                            select count(*) from gov_case k join hotspot h on ST_Intersects(h.geom, k.geom)
                             where h.code = :code and k.reported_at >= :from and k.reported_at < :to""")
                    .param("code", t.code())
                    .param("from", lastMonth.atDay(1).atStartOfDay(clock.getZone()).toOffsetDateTime())
                    .param("to", firstOfMonth.atStartOfDay(clock.getZone()).toOffsetDateTime())
                    .query(Long.class).single();
            assertThat(t.months()[11]).as(t.code()).isEqualTo((int) inLastMonth);
        }
    }
}
