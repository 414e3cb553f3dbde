package org.vaadin.addons.leafletflow;

/** One line of a layer's legend: a symbol drawn in the given style and its label. */
public record LegendEntry(String label, Style style, Shape shape) {

    public enum Shape { POINT, LINE, POLYGON }
}
