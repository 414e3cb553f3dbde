package com.gridcommand.leaflet;

/** What the map shows: its bounds, zoom and size in pixels, as the browser reported them. */
public record MapView(double west, double south, double east, double north, int zoom, int width, int height) {
}
