package com.gridcommand.dispatch;

import java.util.List;

/**
 * How the live reach reads on the dispatcher's screen: each cell in a band by its road time from the nearest
 * available unit (within 5 minutes, within 10, or none within the horizon), its time in minutes rounded up, and
 * the shares as percentages with one decimal.
 */
public final class ReachBands {

    public static final String FIVE = "5";
    public static final String TEN = "10";
    public static final String NONE = "none";
    /** The bands in the order of the map's legend. */
    public static final List<String> ALL = List.of(FIVE, TEN, NONE);
    /** A cell reached within this many seconds lies in the 5-minute band. */
    public static final int FIVE_SECONDS = 300;

    private ReachBands() {
    }

    /** The band of a cell reached in {@code seconds} (null: not within the horizon). */
    public static String of(Integer seconds) {
        return seconds == null ? NONE : seconds <= FIVE_SECONDS ? FIVE : TEN;
    }

    /** A cell's road time in whole minutes, rounded up. */
    public static int minutes(int seconds) {
        return (seconds + 59) / 60;
    }

    /** A share (0..1) as a percentage with one decimal: 0.1234 → "12.3%". */
    public static String percent(double share) {
        return Math.round(share * 1000) / 10.0 + "%";
    }
}
