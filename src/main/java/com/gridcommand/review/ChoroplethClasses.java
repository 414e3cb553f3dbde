package com.gridcommand.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The review choropleth's five quantile classes of a measure's values: break {@code i} is the value at position
 * ⌊(i + 1) · n / 5⌋ of the sorted values; a value is in the class of how many breaks it is above (a value equal to a
 * break stays below it). Shades go light to dark; for a measure where higher is better they are turned round.
 */
public final class ChoroplethClasses {

    /** Light to dark: the darker, the more a leader should look at the area. */
    public static final List<String> SHADES = List.of("#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704");
    /** The fill of an area without a value. */
    public static final String NO_VALUE = "#e5e7eb";
    public static final int CLASSES = 5;

    private final List<Double> values;
    private final double[] breaks;

    private ChoroplethClasses(List<Double> values) {
        this.values = values;
        breaks = new double[CLASSES - 1];
        for (int i = 0; i < breaks.length; i++) breaks[i] = values.isEmpty() ? 0 : values.get((int) Math.floor((i + 1) * values.size() / (double) CLASSES));
    }

    /** The classes of some values; the missing (null) ones are left out. */
    public static ChoroplethClasses of(Collection<Double> values) {
        return new ChoroplethClasses(values.stream().filter(Objects::nonNull).sorted().toList());
    }

    /** The values with one, in ascending order. */
    public List<Double> values() {
        return values;
    }

    public double[] breaks() {
        return breaks.clone();
    }

    /** The class of a value, 0 to 4. */
    public int band(double v) {
        int band = 0;
        for (double b : breaks) if (v > b) band++;
        return band;
    }

    /** The shade a class is drawn in: its own, or turned round when higher is better. */
    public static int shade(int band, boolean higherIsBetter) {
        return higherIsBetter ? CLASSES - 1 - band : band;
    }

    /** A class of the legend: from its lower to its upper break (the least and greatest value at the ends). */
    public record Range(int band, double from, double to) {
        /** The range to one decimal; a class of one value says the value, not a range from it to itself. */
        public String label() {
            String fromText = String.format(Locale.ROOT, "%.1f", from), toText = String.format(Locale.ROOT, "%.1f", to);
            return fromText.equals(toText) ? fromText : fromText + " – " + toText;
        }
    }

    /** The classes some value falls into, lowest first (none without values). */
    public List<Range> ranges() {
        List<Range> ranges = new ArrayList<>();
        if (values.isEmpty()) return ranges;
        for (int b = 0; b < CLASSES; b++) {
            int band = b;
            if (values.stream().noneMatch(v -> band(v) == band)) continue;
            ranges.add(new Range(b, b == 0 ? values.getFirst() : breaks[b - 1], b == breaks.length ? values.getLast() : breaks[b]));
        }
        return ranges;
    }
}
