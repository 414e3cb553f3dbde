package com.gridcommand.hotspot;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The heat surface's bands: a tenth of the peak and above in five equal bands, the faint tail left off. */
class DensityBandsTest {

    @Test
    void belowATenthOfThePeakIsNotDrawn() {
        assertThat(DensityBands.band(9.99, 100)).isEqualTo(DensityBands.NONE);
        assertThat(DensityBands.band(0, 100)).isEqualTo(DensityBands.NONE);
        assertThat(DensityBands.band(10, 100)).isEqualTo(0);
        assertThat(DensityBands.band(5, 0)).isEqualTo(DensityBands.NONE);
    }

    @Test
    void fiveEqualBandsFromTheFloorToThePeak() {
        // Band edges at 10 + 18 k per cent of the peak.
        assertThat(DensityBands.band(27.9, 100)).isEqualTo(0);
        assertThat(DensityBands.band(28.1, 100)).isEqualTo(1);
        assertThat(DensityBands.band(45.9, 100)).isEqualTo(1);
        assertThat(DensityBands.band(46.1, 100)).isEqualTo(2);
        assertThat(DensityBands.band(63.9, 100)).isEqualTo(2);
        assertThat(DensityBands.band(64.1, 100)).isEqualTo(3);
        assertThat(DensityBands.band(81.9, 100)).isEqualTo(3);
        assertThat(DensityBands.band(82.1, 100)).isEqualTo(4);
        assertThat(DensityBands.band(100, 100)).isEqualTo(4);
    }

    @Test
    void coloursLightToDarkEachMoreOpaque() {
        assertThat(DensityBands.COLOURS).containsExactly("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026");
        assertThat(DensityBands.opacity(0)).isCloseTo(0.5, within(1e-12));
        assertThat(DensityBands.opacity(4)).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void thePeakIsTheHighestDensityOrZero() {
        assertThat(DensityBands.peak(List.of())).isZero();
        assertThat(DensityBands.peak(List.of(new HotspotDetection.DensityCell("a", 3), new HotspotDetection.DensityCell("b", 7.5),
                new HotspotDetection.DensityCell("c", 1)))).isEqualTo(7.5);
    }
}
