package com.gridcommand.review;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The choropleth's quantile breaks, classes, shades and legend ranges. */
class ChoroplethClassesTest {

    @Test
    void breaksAreTheValuesAtEachFifthOfTheSortedValues() {
        ChoroplethClasses classes = ChoroplethClasses.of(Arrays.asList(10.0, 1.0, null, 9.0, 2.0, 8.0, 3.0, 7.0, 4.0, 6.0, 5.0));
        assertThat(classes.values()).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertThat(classes.breaks()).containsExactly(3.0, 5.0, 7.0, 9.0);
        // Seven values: positions ⌊7/5⌋ = 1, ⌊14/5⌋ = 2, ⌊21/5⌋ = 4, ⌊28/5⌋ = 5.
        assertThat(ChoroplethClasses.of(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0)).breaks()).containsExactly(1.0, 2.0, 4.0, 5.0);
        assertThat(ChoroplethClasses.of(List.of()).breaks()).containsExactly(0.0, 0.0, 0.0, 0.0);
    }

    @Test
    void aValueOnABreakStaysBelowIt() {
        ChoroplethClasses classes = ChoroplethClasses.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0));
        assertThat(classes.band(3.0)).isEqualTo(0);
        assertThat(classes.band(3.0001)).isEqualTo(1);
        assertThat(classes.band(5.0)).isEqualTo(1);
        assertThat(classes.band(7.0)).isEqualTo(2);
        assertThat(classes.band(9.0)).isEqualTo(3);
        assertThat(classes.band(9.0001)).isEqualTo(4);
        assertThat(classes.band(-100)).isEqualTo(0);
    }

    @Test
    void higherIsBetterTurnsTheShadesRound() {
        assertThat(ChoroplethClasses.shade(0, false)).isEqualTo(0);
        assertThat(ChoroplethClasses.shade(4, false)).isEqualTo(4);
        assertThat(ChoroplethClasses.shade(0, true)).isEqualTo(4);
        assertThat(ChoroplethClasses.shade(3, true)).isEqualTo(1);
        assertThat(ChoroplethClasses.SHADES).containsExactly("#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704");
        assertThat(ChoroplethClasses.NO_VALUE).isEqualTo("#e5e7eb");
    }

    @Test
    void theLegendSaysTheRangeOfEachClassAValueFallsInto() {
        List<ChoroplethClasses.Range> ranges = ChoroplethClasses.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0)).ranges();
        assertThat(ranges).containsExactly(new ChoroplethClasses.Range(0, 1, 3), new ChoroplethClasses.Range(1, 3, 5),
                new ChoroplethClasses.Range(2, 5, 7), new ChoroplethClasses.Range(3, 7, 9), new ChoroplethClasses.Range(4, 9, 10));
        assertThat(ranges.getFirst().label()).isEqualTo("1.0 – 3.0");
        // All equal: every break is the value, so only the lowest class has values, and it says the one value.
        List<ChoroplethClasses.Range> same = ChoroplethClasses.of(List.of(2.0, 2.0, 2.0)).ranges();
        assertThat(same).containsExactly(new ChoroplethClasses.Range(0, 2, 2));
        assertThat(same.getFirst().label()).isEqualTo("2.0");
        assertThat(new ChoroplethClasses.Range(1, 2.04, 2.01).label()).isEqualTo("2.0");
        assertThat(ChoroplethClasses.of(List.of()).ranges()).isEmpty();
    }
}
