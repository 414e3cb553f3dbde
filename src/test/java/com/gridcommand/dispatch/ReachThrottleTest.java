package com.gridcommand.dispatch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The live reach is recomputed the first time, then at most every 10 seconds. */
class ReachThrottleTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    @Test
    void recomputesEveryTenSecondsAtMost() {
        assertThat(ReachThrottle.EVERY).isEqualTo(Duration.ofSeconds(10));
        ReachThrottle throttle = new ReachThrottle();
        assertThat(throttle.due(T0)).as("never computed").isTrue();
        throttle.computed(T0);
        assertThat(throttle.due(T0)).isFalse();
        assertThat(throttle.due(T0.plusMillis(9_999))).as("just under 10 s").isFalse();
        assertThat(throttle.due(T0.plusSeconds(10))).as("exactly 10 s").isTrue();
        assertThat(throttle.due(T0.plusSeconds(11))).isTrue();
    }

    @Test
    void countsFromTheLastComputationNotTheLastQuestion() {
        ReachThrottle throttle = new ReachThrottle();
        throttle.computed(T0);
        assertThat(throttle.due(T0.plusSeconds(5))).isFalse();
        assertThat(throttle.due(T0.plusSeconds(10))).isTrue();
        throttle.computed(T0.plusSeconds(12));
        assertThat(throttle.due(T0.plusSeconds(21))).isFalse();
        assertThat(throttle.due(T0.plusSeconds(22))).isTrue();
    }

    @Test
    void aClockGoingBackDoesNotRecompute() {
        ReachThrottle throttle = new ReachThrottle();
        throttle.computed(T0);
        assertThat(throttle.due(T0.minusSeconds(30))).isFalse();
    }
}
