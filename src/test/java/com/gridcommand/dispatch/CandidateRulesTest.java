package com.gridcommand.dispatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Eight candidates, five of them routed; judged against the township's norm, 10 minutes where there is none. */
class CandidateRulesTest {

    private static TravelTime in(int seconds) {
        return new TravelTime(seconds, TravelTime.Method.ROAD, 1000);
    }

    @Test
    void howManyAreListedAndRouted() {
        assertThat(CandidateRules.SHOWN).isEqualTo(8);
        assertThat(CandidateRules.ROUTED).isEqualTo(5);
    }

    @Test
    void theNormIsTheTownshipsOrTenMinutes() {
        assertThat(CandidateRules.norm(null)).isEqualTo(10);
        assertThat(CandidateRules.norm(5)).isEqualTo(5);
    }

    @Test
    void arrivingAtTheNormIsWithinIt() {
        assertThat(CandidateRules.withinNorm(in(600), 10)).isTrue();
        assertThat(CandidateRules.withinNorm(in(601), 10)).isFalse();
        assertThat(CandidateRules.withinNorm(in(300), 5)).isTrue();
        assertThat(CandidateRules.withinNorm(in(301), 5)).isFalse();
        assertThat(CandidateRules.withinNorm(new TravelTime(0, TravelTime.Method.STRAIGHT_LINE, 0), 1)).isTrue();
    }
}
