package org.vaadin.addons.leafletflow;

import java.util.List;

/**
 * A style applied to features whose property has one of the given values (compared as text).
 * Rules apply in order over the layer's base style; later rules win.
 */
public record StyleRule(String property, List<String> values, Style style) {

    public static StyleRule when(String property, Object value, Style style) {
        return new StyleRule(property, List.of(String.valueOf(value)), style);
    }

    public static StyleRule whenAny(String property, List<?> values, Style style) {
        return new StyleRule(property, values.stream().map(String::valueOf).toList(), style);
    }
}
