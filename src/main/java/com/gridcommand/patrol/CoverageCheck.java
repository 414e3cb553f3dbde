package com.gridcommand.patrol;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the coverage check of a day looks at: by default yesterday (never after today), tracks within 50 m of a
 * route (5 to 500), gaps over the last 7 days (1 to 90) up to the day; that day's night against the Koper target;
 * each route drawn by its worst window; camera sectors from zoom 13.
 */
public final class CoverageCheck {

    public static final int METRES = 50;
    public static final int METRES_MIN = 5;
    public static final int METRES_MAX = 500;
    public static final int DAYS = 7;
    public static final int DAYS_MIN = 1;
    public static final int DAYS_MAX = 90;
    /** Camera sectors are drawn from this zoom on. */
    public static final int SECTOR_MIN_ZOOM = 13;

    private CoverageCheck() {
    }

    /** The day checked first: yesterday. */
    public static LocalDate initialDay(LocalDate today) {
        return today.minusDays(1);
    }

    /** The first day of the last {@code days} days up to {@code day}. */
    public static LocalDate firstDay(LocalDate day, int days) {
        return day.minusDays(days - 1L);
    }

    /** A time window. */
    public record Window(OffsetDateTime start, OffsetDateTime end) {}

    /** The night that starts on the day: 20:00 to 06:00 the next morning, China time. */
    public static Window night(LocalDate day) {
        return new Window(day.atTime(PatrolPresence.NIGHT_STARTS).atZone(PatrolPresence.CHINA).toOffsetDateTime(),
                day.plusDays(1).atTime(PatrolPresence.DAY_STARTS).atZone(PatrolPresence.CHINA).toOffsetDateTime());
    }

    /** Each route's result to draw it by: its first window, unless a later one is off schedule where that was not. */
    public static Map<Long, PatrolCompliance.Result> worstByRoute(List<PatrolCompliance.Result> results) {
        Map<Long, PatrolCompliance.Result> byRoute = new HashMap<>();
        for (PatrolCompliance.Result r : results) {
            PatrolCompliance.Result before = byRoute.get(r.routeId());
            if (before == null || (before.onSchedule() && !r.onSchedule())) byRoute.put(r.routeId(), r);
        }
        return byRoute;
    }
}
