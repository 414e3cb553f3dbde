package com.gridcommand.hotspot;

import java.time.LocalDate;

/**
 * What a detection run starts from: the six to three months before today, judged on the three months since; density
 * clusters of 15 cases within 100 m (the distance 10 to 2,000 m, the cases 2 to 1,000, as the detection accepts);
 * a density surface of 150 m squares with a 450 m bandwidth.
 */
public final class DetectionDefaults {

    public static final double EPS_METRES = 100;
    public static final double EPS_MIN = 10;
    public static final double EPS_MAX = 2000;
    public static final int MIN_POINTS = 15;
    public static final int MIN_POINTS_MIN = 2;
    public static final int MIN_POINTS_MAX = 1000;
    public static final double DENSITY_SQUARE_METRES = 150;
    public static final double DENSITY_BANDWIDTH_METRES = 450;

    private DetectionDefaults() {
    }

    public static LocalDate from(LocalDate today) {
        return today.minusMonths(6);
    }

    public static LocalDate to(LocalDate today) {
        return today.minusMonths(3);
    }

    public static LocalDate testTo(LocalDate today) {
        return today;
    }
}
