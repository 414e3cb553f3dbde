package com.gridcommand.hotspot;

import com.gridcommand.hotspot.internal.HotspotQueries;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each hotspot's trend beside its listing status, from the cases inside it month by month over the last twelve
 * finished months (the month in progress is left out: two days of a month are no month):
 * <ul>
 * <li>NEW — almost nothing in the first nine months (≤ 10 % of the year's cases), most in the last three;</li>
 * <li>INTENSIFYING / DIMINISHING — a monotonic trend by the Mann-Kendall test (|z| > 1.96, 5 %), or a step: the
 *     last six months hold three times the cases of the first six, or a third or less (Mann-Kendall misses a
 *     collapse followed by a flat tail);</li>
 * <li>PERSISTENT — no significant trend, cases in at least 8 of the 12 months;</li>
 * <li>SPORADIC — none of these.</li>
 * </ul>
 * And, once rectification started, the cases in equal periods before and after the listing date (up to 180 days).
 */
@Service
@Transactional(readOnly = true)
public class HotspotTrends {

    public enum Trend { NEW, INTENSIFYING, PERSISTENT, DIMINISHING, SPORADIC }

    public record HotspotTrend(long id, String code, String name, String status, int[] months, double mannKendallZ, Trend trend,
                               LocalDate listedOn, int days, int before, int after) {

        /** The change in cases after listing, as a share of before (−1 = all gone); null when there is nothing to compare. */
        public Double change() {
            return before == 0 ? null : (double) (after - before) / before;
        }
    }

    private final HotspotQueries queries;

    HotspotTrends(HotspotQueries queries) {
        this.queries = queries;
    }

    /**
     * Trends of every hotspot as of {@code today} (a China date): the twelve months before today's month, and the
     * cases before and after each listing up to today.
     */
    public List<HotspotTrend> trends(LocalDate today) {
        YearMonth last = YearMonth.from(today).minusMonths(1);
        YearMonth first = last.minusMonths(11);
        List<HotspotQueries.Listed> hotspots = queries.allHotspots();
        Map<Long, int[]> months = new HashMap<>();
        for (HotspotQueries.MonthCount c : queries.casesByMonth(first, last)) {
            months.computeIfAbsent(c.hotspotId(), id -> new int[12])[(int) ChronoUnit.MONTHS.between(first, c.month())] = c.cases();
        }
        // Cases in equal periods before and after each listing (up to 180 days each side), all hotspots in one query.
        Map<Long, int[]> beforeAfter = new HashMap<>();
        for (HotspotQueries.BeforeAfter c : queries.casesBeforeAndAfterListing(today)) beforeAfter.put(c.hotspotId(), new int[]{c.before(), c.after()});
        List<HotspotTrend> result = new ArrayList<>();
        for (HotspotQueries.Listed h : hotspots) {
            int[] m = months.getOrDefault(h.id(), new int[12]);
            double z = mannKendallZ(m);
            int days = (int) Math.min(180, Math.max(0, ChronoUnit.DAYS.between(h.listedOn(), today)));
            int[] ba = beforeAfter.getOrDefault(h.id(), new int[2]);
            result.add(new HotspotTrend(h.id(), h.code(), h.name(), h.status(), m, z, classify(m, z), h.listedOn(), days, ba[0], ba[1]));
        }
        return result;
    }

    static Trend classify(int[] months, double z) {
        int total = 0, firstNine = 0, firstSix = 0, active = 0;
        for (int i = 0; i < months.length; i++) {
            total += months[i];
            if (i < 9) firstNine += months[i];
            if (i < 6) firstSix += months[i];
            if (months[i] > 0) active++;
        }
        int lastSix = total - firstSix;
        if (total >= 10 && firstNine <= 0.1 * total) return Trend.NEW;
        if (z > 1.96) return Trend.INTENSIFYING;
        if (z < -1.96) return Trend.DIMINISHING;
        if (total >= 10 && lastSix >= 3 * firstSix) return Trend.INTENSIFYING;
        if (total >= 10 && 3 * lastSix <= firstSix) return Trend.DIMINISHING;
        if (active >= 8) return Trend.PERSISTENT;
        return Trend.SPORADIC;
    }

    /** The Mann-Kendall statistic's z-score, with the variance corrected for ties and the continuity correction. */
    static double mannKendallZ(int[] x) {
        int n = x.length;
        long s = 0;
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) s += Integer.signum(x[j] - x[i]);
        Map<Integer, Integer> ties = new HashMap<>();
        for (int v : x) ties.merge(v, 1, Integer::sum);
        double variance = n * (n - 1.0) * (2 * n + 5);
        for (int t : ties.values()) variance -= t * (t - 1.0) * (2 * t + 5);
        variance /= 18;
        if (variance <= 0) return 0;
        if (s > 0) return (s - 1) / Math.sqrt(variance);
        if (s < 0) return (s + 1) / Math.sqrt(variance);
        return 0;
    }
}
