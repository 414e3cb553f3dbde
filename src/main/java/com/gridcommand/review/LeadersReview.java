package com.gridcommand.review;

import com.gridcommand.casework.AreaReview;
import com.gridcommand.casework.AreaReview.Level;
import com.gridcommand.patrol.PatrolPresence;
import com.gridcommand.review.internal.ReviewQueries;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What leaders review for a month, per area of one level (optionally inside one parent area): the casework figures
 * of {@link AreaReview}, response times from the dispatch records (assigned → on scene, median and 90th percentile),
 * patrol presence by day and by night (the share of the month's days and nights on which the area's grid cells saw a
 * patrol, averaged over its cells), hotspot progress (active and delisted hotspots touching the area), households,
 * and the "ten best stations" score with its parts.
 */
@Service
@Transactional(readOnly = true)
public class LeadersReview {

    public static final ZoneId CHINA = AreaReview.CHINA;

    /** One area's figures for the month. Shares are 0..1; null where there is nothing to measure. */
    public record Figures(AreaReview.Row cases, int households, Double responseMedianMinutes, Double responseP90Minutes,
                          int responses, Double patrolDayShare, Double patrolNightShare, int hotspotsActive, int hotspotsDelisted) {
        public Double casesPerThousandHouseholds() {
            return households == 0 ? null : 1000.0 * cases.cases() / households;
        }
    }

    /** An area's figures with its place in the ranking (1 = best; 0 when it had no cases and is not ranked). */
    public record Line(Figures figures, AreaReview.Ranked ranked, int rank) {
        public AreaReview.Row row() {
            return figures.cases();
        }
    }

    /**
     * @param through the last day the figures cover: the month's last day, or today for the month in progress (whose
     *                patrol shares are of the days so far, not of the whole month)
     */
    public record Review(Level level, YearMonth month, LocalDate through, Long parentId, String parentName, AreaReview.Weights weights,
                         List<Line> lines) {
        /** Whether the month is still running: its figures are so far, not final. */
        public boolean inProgress() {
            return through.isBefore(month.atEndOfMonth());
        }

        /** The lines best first (ranked ones by score, then the unranked by code). */
        public List<Line> ranked() {
            List<Line> sorted = new ArrayList<>(lines);
            sorted.sort(java.util.Comparator.comparingInt((Line l) -> l.rank() == 0 ? Integer.MAX_VALUE : l.rank())
                    .thenComparing(l -> l.row().code()));
            return sorted;
        }
    }

    /** A month of a trend: the figures of one area or of everything in the caller's scope. */
    public record MonthPoint(YearMonth month, int cases, int closed, int closedOnTime, Double handlingHoursP90) {
        public double onTimeRate() {
            return cases == 0 ? 0 : (double) closedOnTime / cases;
        }

        public double closureRate() {
            return cases == 0 ? 0 : (double) closed / cases;
        }
    }

    private final AreaReview areaReview;
    private final PatrolPresence presence;
    private final ReviewQueries queries;
    private final CurrentUser current;
    private final Clock clock;

    LeadersReview(AreaReview areaReview, PatrolPresence presence, ReviewQueries queries, CurrentUser current, Clock clock) {
        this.areaReview = areaReview;
        this.presence = presence;
        this.queries = queries;
        this.current = current;
        this.clock = clock;
    }

    /** The last day a month's figures can cover today: its end, or today while it runs; a month to come has none. */
    public LocalDate through(YearMonth month) {
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        if (month.atDay(1).isAfter(today)) throw new IllegalArgumentException("a month that has not begun has no figures");
        return month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
    }

    /** The review of a level for a month, in the caller's scope; inside {@code parentId} when given. */
    public Review review(Level level, YearMonth month, Long parentId, AreaReview.Weights weights) {
        current.require(Role.LEADER, Role.COMMAND, Role.ADMIN);
        LocalDate through = through(month);
        List<AreaReview.Row> rows = areaReview.month(level, month, parentId);
        List<Long> ids = rows.stream().map(AreaReview.Row::areaId).toList();
        Map<Long, ReviewQueries.Responses> responses = responses(level, month, ids);
        Map<Long, double[]> patrol = patrol(level, month.atDay(1), through);
        Map<Long, ReviewQueries.Hotspots> hotspots = ids.isEmpty() ? Map.of() : queries.hotspots(level, ids);
        Map<Long, Integer> households = ids.isEmpty() ? Map.of() : queries.households(level, ids);
        Map<Long, AreaReview.Ranked> scored = new HashMap<>();
        Map<Long, Integer> places = new HashMap<>();
        int place = 0;
        for (AreaReview.Ranked r : AreaReview.rank(rows, weights)) {
            scored.put(r.row().areaId(), r);
            places.put(r.row().areaId(), ++place);
        }
        List<Line> lines = new ArrayList<>(rows.size());
        for (AreaReview.Row row : rows) {
            ReviewQueries.Responses response = responses.get(row.areaId());
            double[] p = patrol.get(row.areaId());
            ReviewQueries.Hotspots h = hotspots.getOrDefault(row.areaId(), new ReviewQueries.Hotspots(0, 0));
            Figures f = new Figures(row, households.getOrDefault(row.areaId(), 0),
                    response == null ? null : response.medianMinutes(), response == null ? null : response.p90Minutes(),
                    response == null ? 0 : (int) response.count(), p == null ? null : p[0], p == null ? null : p[1], h.active(), h.delisted());
            lines.add(new Line(f, scored.get(row.areaId()), places.getOrDefault(row.areaId(), 0)));
        }
        return new Review(level, month, through, parentId, parentId == null ? null : queries.parentName(level, parentId).orElse(null), weights, lines);
    }

    /**
     * The last {@code months} months up to {@code until}: of one area of the level, or (areaId null) of all the
     * caller's areas together.
     */
    public List<MonthPoint> trend(Level level, Long areaId, YearMonth until, int months) {
        current.require(Role.LEADER, Role.COMMAND, Role.ADMIN);
        if (months < 1 || months > 36) throw new IllegalArgumentException("a trend covers 1 to 36 months");
        List<MonthPoint> points = new ArrayList<>(months);
        for (YearMonth m = until.minusMonths(months - 1); !m.isAfter(until); m = m.plusMonths(1)) {
            List<AreaReview.Row> rows = areaId == null ? areaReview.month(Level.TOWNSHIP, m)
                    : areaReview.month(level, m).stream().filter(r -> r.areaId() == areaId).toList();
            int cases = 0, closed = 0, onTime = 0;
            Double p90 = null;
            for (AreaReview.Row r : rows) {
                cases += r.cases();
                closed += r.closed();
                onTime += r.closedOnTime();
                if (areaId != null) p90 = r.handlingHoursP90();
            }
            points.add(new MonthPoint(m, cases, closed, onTime, p90));
        }
        return points;
    }

    /** Assigned → on scene of the assignments to cases made in the month, per case area: median, p90 (minutes), count. */
    private Map<Long, ReviewQueries.Responses> responses(Level level, YearMonth month, Collection<Long> ids) {
        if (ids.isEmpty()) return new HashMap<>();
        return queries.responses(level, month.atDay(1).atStartOfDay(CHINA).toOffsetDateTime(),
                month.plusMonths(1).atDay(1).atStartOfDay(CHINA).toOffsetDateTime(), ids);
    }

    /**
     * Per area: the mean over its cells of the share of the days {@code from}..{@code through}, and of their nights,
     * with a patrol fix (the month so far while it runs: a month's third day is not a month with 28 unpatrolled days).
     */
    private Map<Long, double[]> patrol(Level level, LocalDate from, LocalDate through) {
        Map<Long, PatrolPresence.CellDays> byCell = new HashMap<>();
        for (PatrolPresence.CellDays d : presence.cellDays(from, through)) byCell.put(d.cellId(), d);
        double length = java.time.temporal.ChronoUnit.DAYS.between(from, through) + 1;
        Map<Long, double[]> sums = new HashMap<>(); // area -> day sum, night sum, cells
        for (ReviewQueries.CellArea c : queries.cellAreas(level)) {
            PatrolPresence.CellDays d = byCell.get(c.cellId());
            double[] s = sums.computeIfAbsent(c.areaId(), a -> new double[3]);
            s[0] += d == null ? 0 : d.days() / length;
            s[1] += d == null ? 0 : d.nights() / length;
            s[2]++;
        }
        Map<Long, double[]> result = new HashMap<>();
        sums.forEach((area, s) -> result.put(area, new double[]{s[0] / s[2], s[1] / s[2]}));
        return result;
    }
}
