package com.gridcommand.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The application's clock in tests: real time unless a test sets it. A test that sets it resets it
 * afterwards ({@link #reset()}), because all tests share one context.
 */
public final class TestClock extends Clock {

    private final ZoneId zone;
    private volatile Instant fixed;

    TestClock(ZoneId zone) {
        this.zone = zone;
    }

    /** Stops time at this moment (in the city's zone). */
    public void set(ZonedDateTime at) {
        fixed = at.toInstant();
    }

    public void set(Instant at) {
        fixed = at;
    }

    /** Moves stopped time on (or starts from now if it runs). */
    public void advance(Duration by) {
        fixed = instant().plus(by);
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return Clock.fixed(instant(), other);
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }
}
