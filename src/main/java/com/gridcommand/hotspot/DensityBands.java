package com.gridcommand.hotspot;

import java.util.List;

/**
 * The bands of the kernel density (heat) surface, as shares of its peak: the faint tail below a tenth of the peak
 * is left off the map, the rest is cut into five equal bands, light yellow to dark red, each a little more opaque.
 */
public final class DensityBands {

    /** The bands' colours, lightest (lowest) first. */
    public static final List<String> COLOURS = List.of("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026");
    /** Below this share of the peak a square is not drawn. */
    public static final double FLOOR = 0.1;
    /** What {@link #band} says of a square that is not drawn. */
    public static final int NONE = -1;

    private DensityBands() {
    }

    /** The highest density of a surface (0 for none). */
    public static double peak(List<HotspotDetection.DensityCell> surface) {
        return surface.stream().mapToDouble(HotspotDetection.DensityCell::perSquareKm).max().orElse(0);
    }

    /** The band of a density on a surface with the given peak, 0 to 4, or {@link #NONE} below the floor (or with no peak). */
    public static int band(double perSquareKm, double peak) {
        double share = peak == 0 ? 0 : perSquareKm / peak;
        if (share < FLOOR) return NONE;
        return Math.min(COLOURS.size() - 1, (int) Math.floor((share - FLOOR) / 0.9 * COLOURS.size()));
    }

    /** How opaque a band's fill is: half for the lowest, a tenth more for each band above. */
    public static double opacity(int band) {
        return 0.5 + 0.1 * band;
    }
}
