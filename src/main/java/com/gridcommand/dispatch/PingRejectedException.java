package com.gridcommand.dispatch;

/** A position that is not stored, and why: each kind of bad input has its own code and message. */
public class PingRejectedException extends IllegalArgumentException {

    public enum Reason {
        MISSING_FIELD, NOT_AN_OBJECT, NOT_A_NUMBER, LATITUDE_RANGE, LONGITUDE_RANGE, NO_FIX, BAD_TIME, FUTURE_TIME, TOO_OLD,
        SPEED_RANGE, BEARING_RANGE, ACCURACY_RANGE, ALTITUDE_RANGE, BATTERY_RANGE, IMPLAUSIBLE_JUMP, TOO_MANY
    }

    private final Reason reason;

    public PingRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
