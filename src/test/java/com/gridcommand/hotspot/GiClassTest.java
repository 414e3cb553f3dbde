package com.gridcommand.hotspot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A Gi* z-score becomes a class at the two-sided critical values; a z on a critical value stays below it. */
class GiClassTest {

    @Test
    void hotClassesStartAboveTheirCriticalValues() {
        assertThat(GiClass.of(2.5801)).isEqualTo(GiClass.HOT99);
        assertThat(GiClass.of(2.58)).isEqualTo(GiClass.HOT95);
        assertThat(GiClass.of(1.9601)).isEqualTo(GiClass.HOT95);
        assertThat(GiClass.of(1.96)).isEqualTo(GiClass.HOT90);
        assertThat(GiClass.of(1.6451)).isEqualTo(GiClass.HOT90);
        assertThat(GiClass.of(1.645)).isEqualTo(GiClass.NONE);
        assertThat(GiClass.of(0)).isEqualTo(GiClass.NONE);
        assertThat(GiClass.of(Double.NaN)).isEqualTo(GiClass.NONE);
    }

    @Test
    void coldStartsBelowMinusOneNinetySix() {
        assertThat(GiClass.of(-1.96)).isEqualTo(GiClass.NONE);
        assertThat(GiClass.of(-1.9601)).isEqualTo(GiClass.COLD95);
        assertThat(GiClass.of(-5)).isEqualTo(GiClass.COLD95);
    }

    @Test
    void hotCellsAreThoseAboveFivePerCentAndOnePerCent() {
        assertThat(GiClass.hotAt95(1.96)).isFalse();
        assertThat(GiClass.hotAt95(1.9601)).isTrue();
        assertThat(GiClass.hotAt99(2.58)).isFalse();
        assertThat(GiClass.hotAt99(2.5801)).isTrue();
    }

    @Test
    void theLegendShowsFourClassesWithTheirColoursAndRanges() {
        assertThat(GiClass.shown()).containsExactly(GiClass.HOT99, GiClass.HOT95, GiClass.HOT90, GiClass.COLD95);
        assertThat(GiClass.shown()).extracting(c -> c.colour).containsExactly("#b91c1c", "#ef4444", "#fca5a5", "#3b82f6");
        assertThat(GiClass.shown()).extracting(c -> c.range).containsExactly("z > 2.58", "1.96 < z ≤ 2.58", "1.65 < z ≤ 1.96", "z < −1.96");
    }
}
