package com.gridcommand.dispatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A cell is in the 5-minute band up to 300 s, in the 10-minute band beyond, and in none when not reached. */
class ReachBandsTest {

    @Test
    void bandsByRoadTime() {
        assertThat(ReachBands.ALL).containsExactly("5", "10", "none");
        assertThat(ReachBands.of(null)).isEqualTo("none");
        assertThat(ReachBands.of(0)).isEqualTo("5");
        assertThat(ReachBands.of(300)).isEqualTo("5");
        assertThat(ReachBands.of(301)).isEqualTo("10");
        assertThat(ReachBands.of(600)).isEqualTo("10");
        assertThat(ReachBands.of(LiveReach.HORIZON_SECONDS)).isEqualTo("10");
    }

    @Test
    void minutesAreRoundedUp() {
        assertThat(ReachBands.minutes(0)).isZero();
        assertThat(ReachBands.minutes(1)).isEqualTo(1);
        assertThat(ReachBands.minutes(60)).isEqualTo(1);
        assertThat(ReachBands.minutes(61)).isEqualTo(2);
        assertThat(ReachBands.minutes(300)).isEqualTo(5);
        assertThat(ReachBands.minutes(301)).isEqualTo(6);
    }

    @Test
    void sharesReadAsPercentWithOneDecimal() {
        assertThat(ReachBands.percent(0)).isEqualTo("0.0%");
        assertThat(ReachBands.percent(1)).isEqualTo("100.0%");
        assertThat(ReachBands.percent(0.1234)).isEqualTo("12.3%");
        assertThat(ReachBands.percent(0.1235)).isEqualTo("12.4%");
        assertThat(ReachBands.percent(2.0 / 3)).isEqualTo("66.7%");
    }
}
