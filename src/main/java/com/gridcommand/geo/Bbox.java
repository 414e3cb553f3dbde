package com.gridcommand.geo;

import org.locationtech.jts.geom.Envelope;

/**
 * A longitude/latitude box. Built from what a browser reports, so it is validated: finite, in range,
 * west of east and south of north. Boxes crossing the antimeridian are not needed here and refused.
 */
public record Bbox(double west, double south, double east, double north) {

    public Bbox {
        if (!Wgs84.inRange(west, south) || !Wgs84.inRange(east, north)) {
            throw new IllegalArgumentException("bounding box out of range: " + west + "," + south + "," + east + "," + north);
        }
        if (west > east || south > north) {
            throw new IllegalArgumentException("bounding box corners out of order: " + west + "," + south + "," + east + "," + north);
        }
    }

    /** Clamps a browser's view (which can run past ±180 / ±85 when zoomed out) into range first. */
    public static Bbox clamped(double west, double south, double east, double north) {
        return new Bbox(clamp(west, -180, 180), clamp(south, -90, 90), clamp(east, -180, 180), clamp(north, -90, 90));
    }

    public Envelope envelope() {
        return new Envelope(west, east, south, north);
    }

    public boolean contains(double lon, double lat) {
        return lon >= west && lon <= east && lat >= south && lat <= north;
    }

    /** Grows the box by a share of its size on each side (a margin so small pans need no new query). */
    public Bbox padded(double share) {
        double dx = (east - west) * share, dy = (north - south) * share;
        return clamped(west - dx, south - dy, east + dx, north + dy);
    }

    private static double clamp(double v, double min, double max) {
        if (Double.isNaN(v)) throw new IllegalArgumentException("bounding box coordinate is not a number");
        return Math.max(min, Math.min(max, v));
    }
}
