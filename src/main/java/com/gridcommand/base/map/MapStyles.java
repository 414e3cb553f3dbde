package com.gridcommand.base.map;

import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LegendEntry;
import org.vaadin.addons.leafletflow.Style;
import org.vaadin.addons.leafletflow.StyleRule;

import java.util.Map;
import java.util.function.Function;

/** Styling every layer shares: one look per value of a property (a kind, a status), each listed in the legend. */
public final class MapStyles {

    private MapStyles() {
    }

    /**
     * Draws features by the value of {@code property}, one style per value, and lists the values in the legend in
     * the map's order, each with its label (from the message catalogue, never the raw value).
     */
    public static LayerDefinition.Builder byValue(LayerDefinition.Builder layer, String property, Map<String, Style> styles,
                                                  Function<String, String> label, LegendEntry.Shape shape) {
        styles.forEach((value, style) -> layer.rule(StyleRule.when(property, value, style)).legend(label.apply(value), style, shape));
        return layer;
    }
}
