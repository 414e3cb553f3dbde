package com.gridcommand.dispatch;

/**
 * The dispatcher's candidate list: how many nearest units it shows, how many of them get a road travel time,
 * and the arrival norm their times are judged against (the target township's; 10 minutes outside any). A unit
 * arriving exactly at the norm is within it.
 */
public final class CandidateRules {

    /** Units listed for a target. */
    public static final int SHOWN = 8;
    /** Of those, the nearest this many get a travel time by road (the rest by straight line or none). */
    public static final int ROUTED = 5;
    /** The norm where no township sets one. */
    public static final int DEFAULT_NORM_MINUTES = 10;

    private CandidateRules() {
    }

    /** The norm to judge by, given the township's setting (null: none). */
    public static int norm(Integer townshipNorm) {
        return townshipNorm == null ? DEFAULT_NORM_MINUTES : townshipNorm;
    }

    /** Whether {@code travel} arrives within a norm of {@code normMinutes}. */
    public static boolean withinNorm(TravelTime travel, int normMinutes) {
        return travel.seconds() <= normMinutes * 60;
    }
}
