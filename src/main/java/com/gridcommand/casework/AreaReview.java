package com.gridcommand.casework;

import com.gridcommand.casework.internal.CaseQueries;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * The leaders' review of casework per area (township, community or grid cell) for a month: cases registered,
 * closure rate, on-time closure rate, handling time (registration to closure) as median and 90th percentile —
 * standards are set at the 90th — and the cases overdue now. Percentiles are continuous (linear between ranks),
 * as PostgreSQL's percentile_cont computes them.
 */
@Service
@Transactional(readOnly = true)
public class AreaReview {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public enum Level { TOWNSHIP, COMMUNITY, GRID_CELL }

    public record Row(long areaId, String code, String name, int cases, int closed, int closedOnTime, Double handlingHoursMedian,
                      Double handlingHoursP90, int overdueNow) {
        public double closureRate() {
            return cases == 0 ? 0 : (double) closed / cases;
        }

        public double onTimeRate() {
            return cases == 0 ? 0 : (double) closedOnTime / cases;
        }
    }

    /**
     * The "ten best stations" (十佳综治中心/站) score, transparent and configurable: weights for the closure rate,
     * the on-time rate, speed (the 90th percentile of handling time against the slowest area's) and the
     * overdue cases per case registered. Each part is 0..1; the score is their weighted sum, 0..100.
     */
    public record Weights(double closure, double onTime, double speed, double overdue) {
        public static final Weights DEFAULT = new Weights(0.3, 0.4, 0.2, 0.1);

        public Weights {
            if (closure < 0 || onTime < 0 || speed < 0 || overdue < 0 || closure + onTime + speed + overdue <= 0) {
                throw new IllegalArgumentException("weights are non-negative and not all zero");
            }
        }
    }

    /** An area's score and the parts it is made of, so a leader can see why it ranks where it does. */
    public record Ranked(Row row, double closurePart, double onTimePart, double speedPart, double overduePart, double score) {}

    /** The areas of a level ranked by score (best first; ties by code). Areas without cases in the month are not ranked. */
    public List<Ranked> ranking(Level level, YearMonth month, Weights w) {
        return rank(month(level, month), w);
    }

    /** Ranks rows already read (one level, one month): the same score as {@link #ranking}. */
    public static List<Ranked> rank(List<Row> all, Weights w) {
        List<Row> rows = all.stream().filter(r -> r.cases() > 0).toList();
        double slowest = rows.stream().filter(r -> r.handlingHoursP90() != null).mapToDouble(Row::handlingHoursP90).max().orElse(0);
        double total = w.closure() + w.onTime() + w.speed() + w.overdue();
        return rows.stream().map(r -> {
            double closure = r.closureRate();
            double onTime = r.onTimeRate();
            double speed = slowest == 0 || r.handlingHoursP90() == null ? 0 : 1 - r.handlingHoursP90() / slowest;
            double overdue = 1 - Math.min(1, (double) r.overdueNow() / r.cases());
            double score = 100 * (w.closure() * closure + w.onTime() * onTime + w.speed() * speed + w.overdue() * overdue) / total;
            return new Ranked(r, closure, onTime, speed, overdue, score);
        }).sorted(java.util.Comparator.comparingDouble(Ranked::score).reversed().thenComparing(x -> x.row().code())).toList();
    }

    private final CaseQueries queries;
    private final CurrentUser current;
    private final Clock clock;

    AreaReview(CaseQueries queries, CurrentUser current, Clock clock) {
        this.queries = queries;
        this.current = current;
        this.clock = clock;
    }

    /** Every area of a level in the caller's scope, for the month. */
    public List<Row> month(Level level, YearMonth month) {
        return month(level, month, null);
    }

    /**
     * The areas of a level inside one parent (the communities of a township, the cells of a community) in the
     * caller's scope, for the month; all of the level when {@code parentId} is null.
     */
    public List<Row> month(Level level, YearMonth month, Long parentId) {
        current.require(Role.LEADER, Role.COMMAND, Role.ADMIN);
        return queries.areaMonth(level, month.atDay(1).atStartOfDay(CHINA).toOffsetDateTime(),
                month.plusMonths(1).atDay(1).atStartOfDay(CHINA).toOffsetDateTime(), OffsetDateTime.now(clock), parentId, current.scope());
    }
}
