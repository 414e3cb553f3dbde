package com.gridcommand.geo;

/**
 * What a map shows: a box and a web-map zoom level (0 = the world in one 256-pixel tile).
 * Queries use it to filter by box and to simplify to what a pixel can show at that zoom.
 */
public record Viewport(Bbox bbox, int zoom) {

    public static final int MIN_ZOOM = 0;
    public static final int MAX_ZOOM = 22;

    public Viewport {
        if (bbox == null) throw new IllegalArgumentException("viewport needs a bounding box");
        if (zoom < MIN_ZOOM || zoom > MAX_ZOOM) throw new IllegalArgumentException("zoom out of range: " + zoom);
    }

    /** The width of one screen pixel in degrees of longitude at this zoom. */
    public double pixelDegrees() {
        return pixelDegrees(zoom);
    }

    public static double pixelDegrees(int zoom) {
        return 360.0 / (256.0 * Math.pow(2, zoom));
    }

    /** Decimal places that resolve a third of a pixel: more would be bytes nobody can see. */
    public int decimals() {
        int digits = (int) Math.ceil(-Math.log10(pixelDegrees() / 3));
        return Math.max(4, Math.min(7, digits));
    }
}
