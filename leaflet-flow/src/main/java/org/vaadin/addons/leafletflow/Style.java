package org.vaadin.addons.leafletflow;

/**
 * Leaflet path options. Null fields are left to the layer's base style (or Leaflet's default).
 *
 * @param radius point radius in pixels
 * @param shape  the symbol of a point: circles for one kind of thing, squares, diamonds or triangles for others, so
 *               that kinds differ by more than colour
 */
public record Style(String color, Double weight, Double opacity, String fillColor, Double fillOpacity,
                   String dashArray, Double radius, Boolean fill, Boolean stroke, Shape shape) {

    /** The symbol a point is drawn as. */
    public enum Shape { CIRCLE, SQUARE, DIAMOND, TRIANGLE }

    public static Style stroke(String color, double weight) {
        return new Style(color, weight, null, null, null, null, null, false, true, null);
    }

    public static Style area(String color, double weight, String fillColor, double fillOpacity) {
        return new Style(color, weight, null, fillColor, fillOpacity, null, null, true, true, null);
    }

    public static Style point(String fillColor, double radius) {
        return new Style("#ffffff", 1.0, 1.0, fillColor, 0.95, null, radius, true, true, null);
    }

    public Style dashed(String pattern) {
        return new Style(color, weight, opacity, fillColor, fillOpacity, pattern, radius, fill, stroke, shape);
    }

    public Style withColor(String c) {
        return new Style(c, weight, opacity, fillColor, fillOpacity, dashArray, radius, fill, stroke, shape);
    }

    public Style withWeight(double w) {
        return new Style(color, w, opacity, fillColor, fillOpacity, dashArray, radius, fill, stroke, shape);
    }

    public Style withOpacity(double o) {
        return new Style(color, weight, o, fillColor, fillOpacity, dashArray, radius, fill, stroke, shape);
    }

    public Style withFill(String fc, double fo) {
        return new Style(color, weight, opacity, fc, fo, dashArray, radius, true, stroke, shape);
    }

    public Style withRadius(double r) {
        return new Style(color, weight, opacity, fillColor, fillOpacity, dashArray, r, fill, stroke, shape);
    }

    public Style withShape(Shape s) {
        return new Style(color, weight, opacity, fillColor, fillOpacity, dashArray, radius, fill, stroke, s);
    }

    /** Only the fields set, for a rule that changes part of a style. */
    public static Style only() {
        return new Style(null, null, null, null, null, null, null, null, null, null);
    }
}
