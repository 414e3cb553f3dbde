package com.gridcommand.gisdata;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One property of a layer: its type and the values it may take.
 *
 * @param fields for {@link Type#OBJECT_LIST}: the fields of each object
 */
public record PropertySpec(String name, Type type, boolean mandatory, Set<String> allowed, Double min, Double max,
                           boolean maxExclusive, Pattern pattern, int maxLength, List<PropertySpec> fields, String description) {

    public enum Type {
        TEXT, INTEGER, NUMBER, BOOLEAN, DATE, TIME, TIMESTAMP, TEXT_LIST, INTEGER_LIST, OBJECT_LIST
    }

    public static PropertySpec text(String name) {
        return new PropertySpec(name, Type.TEXT, false, Set.of(), null, null, false, null, 2000, List.of(), "");
    }

    public static PropertySpec of(String name, Type type) {
        return new PropertySpec(name, type, false, Set.of(), null, null, false, null, 2000, List.of(), "");
    }

    public static PropertySpec objects(String name, PropertySpec... fields) {
        return new PropertySpec(name, Type.OBJECT_LIST, false, Set.of(), null, null, false, null, 2000, List.of(fields), "");
    }

    public PropertySpec required() {
        return new PropertySpec(name, type, true, allowed, min, max, maxExclusive, pattern, maxLength, fields, description);
    }

    public PropertySpec oneOf(String... values) {
        return new PropertySpec(name, type, mandatory, Set.of(values), min, max, maxExclusive, pattern, maxLength, fields, description);
    }

    public PropertySpec oneOf(Set<String> values) {
        return new PropertySpec(name, type, mandatory, Set.copyOf(values), min, max, maxExclusive, pattern, maxLength, fields, description);
    }

    public PropertySpec range(double min, double max) {
        return new PropertySpec(name, type, mandatory, allowed, min, max, false, pattern, maxLength, fields, description);
    }

    /** min ≤ value &lt; max, e.g. a bearing in [0, 360). */
    public PropertySpec rangeExclusive(double min, double max) {
        return new PropertySpec(name, type, mandatory, allowed, min, max, true, pattern, maxLength, fields, description);
    }

    public PropertySpec pattern(String regex) {
        return new PropertySpec(name, type, mandatory, allowed, min, max, maxExclusive, Pattern.compile(regex), maxLength, fields, description);
    }

    public PropertySpec maxLength(int length) {
        return new PropertySpec(name, type, mandatory, allowed, min, max, maxExclusive, pattern, length, fields, description);
    }

    public PropertySpec describe(String text) {
        return new PropertySpec(name, type, mandatory, allowed, min, max, maxExclusive, pattern, maxLength, fields, text);
    }
}
