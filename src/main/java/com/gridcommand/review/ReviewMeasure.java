package com.gridcommand.review;

import java.util.function.Function;

/**
 * What the review's choropleth can show of an area's month. Shares are in per cent; a share of no cases, a missing
 * figure or an unranked area has no value. {@code higherIsBetter} says which way is good, so that the map can turn
 * its colours round and dark always means "look here".
 */
public enum ReviewMeasure {
    CASES_PER_HOUSEHOLDS(false, l -> l.figures().casesPerThousandHouseholds()),
    CASES(false, l -> (double) l.row().cases()),
    CLOSURE(true, l -> l.row().cases() == 0 ? null : l.row().closureRate() * 100),
    ON_TIME(true, l -> l.row().cases() == 0 ? null : l.row().onTimeRate() * 100),
    HANDLING_P90(false, l -> l.row().handlingHoursP90()),
    RESPONSE_P90(false, l -> l.figures().responseP90Minutes()),
    OVERDUE(false, l -> (double) l.row().overdueNow()),
    PATROL_DAY(true, l -> l.figures().patrolDayShare() == null ? null : l.figures().patrolDayShare() * 100),
    PATROL_NIGHT(true, l -> l.figures().patrolNightShare() == null ? null : l.figures().patrolNightShare() * 100),
    SCORE(true, l -> l.ranked() == null ? null : l.ranked().score());

    /** What the screen shows first. */
    public static final ReviewMeasure INITIAL = ON_TIME;

    public final boolean higherIsBetter;
    private final Function<LeadersReview.Line, Double> value;

    ReviewMeasure(boolean higherIsBetter, Function<LeadersReview.Line, Double> value) {
        this.higherIsBetter = higherIsBetter;
        this.value = value;
    }

    /** The area's value of this measure, or null when it has none. */
    public Double of(LeadersReview.Line line) {
        return value.apply(line);
    }
}
