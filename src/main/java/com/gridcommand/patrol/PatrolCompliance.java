package com.gridcommand.patrol;

import com.gridcommand.patrol.internal.PatrolQueries;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Whether patrols were really there: a planned route against the tracks of its team's responders
 * ({@code position_report}, the responders whose team is the route's team).
 * <ul>
 * <li>coverage: the share of the route's length within {@code metres} of the track driven in the window (measured on
 *     points every {@value #SAMPLE_METRES} m along the route);</li>
 * <li>time in each hotspot: the time between fixes while inside it (a gap over 5 minutes counts 5);</li>
 * <li>on schedule: coverage within the window reaches {@link #ON_SCHEDULE_SHARE}.</li>
 * </ul>
 * Windows are China time; a window ending before it starts runs past midnight into the next day.
 */
@Service
@Transactional(readOnly = true)
public class PatrolCompliance {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final double ON_SCHEDULE_SHARE = 0.8;
    /** A silence longer than this between two fixes is not counted as time spent. */
    public static final Duration MAX_GAP = Duration.ofMinutes(5);
    /** Coverage is measured on points this far apart along the route. */
    static final double SAMPLE_METRES = 5;

    private final PatrolQueries queries;

    PatrolCompliance(PatrolQueries queries) {
        this.queries = queries;
    }

    public record HotspotTime(String code, Duration inside) {}

    public record Result(long routeId, LocalDate day, OffsetDateTime windowStart, OffsetDateTime windowEnd, double coverage,
                         boolean onSchedule, int fixes, List<HotspotTime> hotspots) {}

    /**
     * Every patrol planned for a day: each route's windows (patrol_window) that fall on that ISO weekday, each
     * checked against its team's tracks.
     */
    public List<Result> planned(LocalDate day, double metres) {
        List<PatrolQueries.Window> windows = queries.windowsOn(day.getDayOfWeek().getValue());
        return windows.stream().map(w -> check(w.route(), day, w.from(), w.to(), metres)).toList();
    }

    /** One patrol: a route on a day in a window (China time), with tracks matched within {@code metres}. */
    public Result check(long routeId, LocalDate day, LocalTime from, LocalTime to, double metres) {
        if (metres <= 0 || metres > 1000) throw new IllegalArgumentException("the matching distance is between 0 and 1,000 metres");
        OffsetDateTime start = day.atTime(from).atZone(CHINA).toOffsetDateTime();
        OffsetDateTime end = (to.isAfter(from) ? day : day.plusDays(1)).atTime(to).atZone(CHINA).toOffsetDateTime();
        PatrolQueries.Cover cover = queries.cover(routeId, start, end, metres, SAMPLE_METRES)
                .orElseThrow(() -> new IllegalArgumentException("no patrol route " + routeId));
        List<HotspotTime> hotspots = queries.hotspotTimes(routeId, start, end, MAX_GAP);
        return new Result(routeId, day, start, end, cover.share(), cover.share() >= ON_SCHEDULE_SHARE, cover.fixes(), hotspots);
    }
}
