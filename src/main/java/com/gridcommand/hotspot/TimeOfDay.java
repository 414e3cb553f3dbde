package com.gridcommand.hotspot;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;

/** The time of day a detection looks at (China time): all day, the night from 20:00 to 06:00, or the day between. */
public enum TimeOfDay {
    ALL(null, null),
    NIGHT(LocalTime.of(20, 0), LocalTime.of(6, 0)),
    DAY(LocalTime.of(6, 0), LocalTime.of(20, 0));

    /** Where the window starts and ends (both null for all day); the night's ends before it starts, past midnight. */
    public final LocalTime from;
    public final LocalTime to;

    TimeOfDay(LocalTime from, LocalTime to) {
        this.from = from;
        this.to = to;
    }

    /** The cases of a period and categories reported in this time of day. */
    public HotspotDetection.Selection selection(LocalDate start, LocalDate end, Set<String> categories) {
        return new HotspotDetection.Selection(start, end, categories, from, to);
    }

    /** A time of day as chosen; nothing chosen is all day. */
    public static TimeOfDay orAll(TimeOfDay chosen) {
        return chosen == null ? ALL : chosen;
    }
}
