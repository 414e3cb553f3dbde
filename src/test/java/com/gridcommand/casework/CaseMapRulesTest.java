package com.gridcommand.casework;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The case list's map draws at most 5 000 cases, picks circles of at least a metre, and focuses at zoom 15 or closer. */
class CaseMapRulesTest {

    @Test
    void drawsAtMostTheMapLimit() {
        assertThat(CaseService.MAP_LIMIT).isEqualTo(5_000);
        assertThat(CaseMapRules.tooMany(5_000)).isFalse();
        assertThat(CaseMapRules.tooMany(5_001)).isTrue();
        assertThat(CaseMapRules.drawn(Collections.nCopies(5_000, "c"))).hasSize(5_000);
        List<Integer> many = java.util.stream.IntStream.range(0, 5_001).boxed().toList();
        assertThat(CaseMapRules.drawn(many)).hasSize(5_000).endsWith(4_999);
    }

    @Test
    void aCircleIsAtLeastOneMetre() {
        assertThat(CaseMapRules.pickRadius(0)).isEqualTo(1.0);
        assertThat(CaseMapRules.pickRadius(0.5)).isEqualTo(1.0);
        assertThat(CaseMapRules.pickRadius(1)).isEqualTo(1.0);
        assertThat(CaseMapRules.pickRadius(250.5)).isEqualTo(250.5);
    }

    @Test
    void focusesAtStreetLevelOrCloser() {
        assertThat(CaseMapRules.focusZoom(null)).isEqualTo(15);
        assertThat(CaseMapRules.focusZoom(12)).isEqualTo(15);
        assertThat(CaseMapRules.focusZoom(15)).isEqualTo(15);
        assertThat(CaseMapRules.focusZoom(17)).isEqualTo(17);
    }
}
