package com.gridcommand.dispatch;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the dispatcher sees of an emergency: eight places, the rings' ids, the leader's own buttons, the declare defaults. */
class EmergencyDisplayTest {

    private static Emergencies.Situation situation(int places, List<Emergencies.Leader> leaders) {
        var e = new Emergencies.Emergency(7, "FIRE", 3, "Fire", 120.1, 30.2, "T", "diaodu", OffsetDateTime.parse("2025-03-01T08:00:00Z"));
        List<Emergencies.Place> ps = IntStream.range(0, places).mapToObj(i -> new Emergencies.Place("SCHOOL", "P" + i, i * 10.0, 0, 0)).toList();
        return new Emergencies.Situation(e, List.of(), ps, List.of(), List.of(), leaders);
    }

    @Test
    void showsTheFirstEightPlaces() {
        assertThat(EmergencyDisplay.places(situation(9, List.of()))).extracting(Emergencies.Place::name)
                .containsExactly("P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7");
        assertThat(EmergencyDisplay.places(situation(8, List.of()))).hasSize(8);
        assertThat(EmergencyDisplay.places(situation(3, List.of()))).hasSize(3);
    }

    @Test
    void ringsAreNamedByEmergencyAndMetres() {
        assertThat(Emergencies.RINGS).containsExactly(500, 1000, 3000);
        assertThat(EmergencyDisplay.ringId(7, 0)).isEqualTo("7-500");
        assertThat(EmergencyDisplay.ringId(7, 2)).isEqualTo("7-3000");
    }

    @Test
    void onlyALeaderOfTheEmergencyGetsTheLeadersButtons() {
        var s = situation(0, List.of(new Emergencies.Leader(42, "Leader", "CALLED", null, null, null, null)));
        assertThat(EmergencyDisplay.isLeader(s, Optional.of(42L))).isTrue();
        assertThat(EmergencyDisplay.isLeader(s, Optional.of(43L))).isFalse();
        assertThat(EmergencyDisplay.isLeader(s, Optional.empty())).isFalse();
    }

    @Test
    void declaringOffersEveryKindSortedAndFourLevels() {
        assertThat(EmergencyDisplay.kinds()).containsExactly("FIRE", "FLOOD", "HAZMAT", "MASS_INCIDENT", "PUBLIC_HEALTH", "TRAFFIC");
        assertThat(EmergencyDisplay.DEFAULT_KIND).isEqualTo("FIRE");
        assertThat(EmergencyDisplay.LEVELS).containsExactly(1, 2, 3, 4);
        assertThat(EmergencyDisplay.DEFAULT_LEVEL).isEqualTo(3);
    }
}
