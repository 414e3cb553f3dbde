package com.gridcommand.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The application's clock in tests. It never reads today's date: it starts at {@link #START} (or at
 * {@code -Dgridcommand.test.clock=2027-03-01T00:05:00+08:00}) when the test context starts, and runs on with real
 * time from there, so flows that wait for time to pass still work. A test may stop it at a moment ({@link #set})
 * and move it ({@link #advance}); a test that does resets it afterwards ({@link #reset()}), because all tests
 * share one context. The demo city is loaded relative to this clock, so its year of cases ends the day before.
 */
public final class TestClock extends Clock {

    /** The default start: a weekday in the middle of a month, nothing special about it. */
    public static final String START = "2026-11-18T09:30:00+08:00";

    private final ZoneId zone;
    /** Where the running clock stands in relation to the machine's clock. */
    private final Duration offset;
    private volatile Instant fixed;

    TestClock(ZoneId zone) {
        this(zone, OffsetDateTime.parse(System.getProperty("gridcommand.test.clock", START)).toInstant());
    }

    TestClock(ZoneId zone, Instant start) {
        this.zone = zone;
        this.offset = Duration.between(Instant.now(), start);
    }

    /** Stops time at this moment (in the city's zone). */
    public void set(ZonedDateTime at) {
        fixed = at.toInstant();
    }

    public void set(Instant at) {
        fixed = at;
    }

    /** Moves stopped time on (or stops it that far ahead of where the running clock is). */
    public void advance(Duration by) {
        fixed = instant().plus(by);
    }

    /** Back to the running clock. */
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
        return f != null ? f : Instant.now().plus(offset);
    }

    /** Now on this clock, in the city's zone (for SQL parameters and expected values). */
    public OffsetDateTime now() {
        return instant().atZone(zone).toOffsetDateTime();
    }
}
