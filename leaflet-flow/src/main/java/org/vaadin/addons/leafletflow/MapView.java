package org.vaadin.addons.leafletflow;

/** What the map shows: its bounds, zoom and size in pixels, as the browser reported them. */
public record MapView(LatLngBounds bounds, int zoom, int width, int height) {

    public double west() {
        return bounds.west();
    }

    public double south() {
        return bounds.south();
    }

    public double east() {
        return bounds.east();
    }

    public double north() {
        return bounds.north();
    }
}
