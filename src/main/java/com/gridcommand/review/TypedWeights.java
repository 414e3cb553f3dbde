package com.gridcommand.review;

import com.gridcommand.casework.AreaReview;

import java.util.Optional;

/** Score weights as a leader types them: each from 0 to 1 and not all zero, or none (and the defaults are used). */
public final class TypedWeights {

    private TypedWeights() {
    }

    public static Optional<AreaReview.Weights> of(Double closure, Double onTime, Double speed, Double overdue) {
        for (Double w : new Double[]{closure, onTime, speed, overdue}) if (w == null || w < 0 || w > 1) return Optional.empty();
        try {
            return Optional.of(new AreaReview.Weights(closure, onTime, speed, overdue));
        } catch (IllegalArgumentException allZero) {
            return Optional.empty();
        }
    }

    /** The sum of the weights, which each part's weight is a share of. */
    public static double total(AreaReview.Weights w) {
        return w.closure() + w.onTime() + w.speed() + w.overdue();
    }
}
