package com.gridcommand.hotspot;

import java.util.List;

/**
 * The class of a grid cell by its Getis-Ord Gi* z-score: hot at 1 %, 5 % or 10 % significance (two-sided normal
 * critical values 2.58, 1.96 and 1.645), cold at 5 %, or none. Each class has the colour and the legend text the
 * detection map shows (the legend rounds 1.645 to 1.65).
 */
public enum GiClass {
    HOT99("#b91c1c", "z > 2.58"),
    HOT95("#ef4444", "1.96 < z ≤ 2.58"),
    HOT90("#fca5a5", "1.65 < z ≤ 1.96"),
    COLD95("#3b82f6", "z < −1.96"),
    NONE(null, null);

    /** Above this a cell is hot at 1 %. */
    public static final double Z99 = 2.58;
    /** Above this a cell is hot at 5 % (below its negative, cold at 5 %). */
    public static final double Z95 = 1.96;
    /** Above this a cell is hot at 10 %. */
    public static final double Z90 = 1.645;

    /** The fill colour of the class on the map (none for {@link #NONE}). */
    public final String colour;
    /** The range the legend says, after "Gi* " (none for {@link #NONE}). */
    public final String range;

    GiClass(String colour, String range) {
        this.colour = colour;
        this.range = range;
    }

    /** The class of a z-score; a z equal to a critical value stays in the class below it. */
    public static GiClass of(double z) {
        if (z > Z99) return HOT99;
        if (z > Z95) return HOT95;
        if (z > Z90) return HOT90;
        if (z < -Z95) return COLD95;
        return NONE;
    }

    /** Hot at 5 % or better: the cells a run counts as hot and whose forecast it judges. */
    public static boolean hotAt95(double z) {
        return z > Z95;
    }

    /** Hot at 1 %. */
    public static boolean hotAt99(double z) {
        return z > Z99;
    }

    /** The classes the legend shows, in its order. */
    public static List<GiClass> shown() {
        return List.of(HOT99, HOT95, HOT90, COLD95);
    }
}
