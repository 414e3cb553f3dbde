package com.gridcommand.ogc;

import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeaturePage;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query parameters of {@code /collections/{id}/items}, checked as the API document states them; a bad one
 * is an {@link InvalidParameter} that names it and says what is allowed (answered 400, as OGC API – Features
 * requires for invalid and for unknown parameters).
 */
record ItemsQuery(String bboxText, Bbox bbox, int limit, long offset) {

    /** GDAL 3.8+ pages at max(1000, default) up to the maximum; clients that send no limit get a GDAL-sized page. */
    static final int DEFAULT_LIMIT = 1_000;
    /** A larger limit is served as this many (the standard lets a server return fewer than asked). */
    static final int MAX_LIMIT = 10_000;
    /** Deeper pages cost the database every row before them: narrow the box instead. */
    static final long MAX_OFFSET = 1_000_000;

    static final Set<String> KNOWN = Set.of("limit", "offset", "bbox", "f");
    private static final Pattern INTEGER = Pattern.compile("\\+?\\d++");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?+(?:\\d++(?:\\.\\d*+)?+|\\.\\d++)(?:[eE][+-]?+\\d++)?+");

    static final class InvalidParameter extends RuntimeException {
        InvalidParameter(String message) {
            super(message);
        }
    }

    static ItemsQuery parse(Map<String, String[]> parameters) {
        for (var e : parameters.entrySet()) {
            if (!KNOWN.contains(e.getKey())) {
                throw new InvalidParameter("unknown parameter '" + shorten(e.getKey()) + "': this API takes limit, offset, bbox and f"
                        + ("datetime".equals(e.getKey()) ? " (no datetime filter)" : ""));
            }
            if (e.getValue().length > 1) throw new InvalidParameter("parameter " + e.getKey() + " is given more than once");
        }
        String f = one(parameters, "f");
        if (f != null && !f.equalsIgnoreCase("json") && !f.equalsIgnoreCase("geojson")) {
            throw new InvalidParameter("f must be json or geojson, got '" + shorten(f) + "'");
        }
        long limit = integer(one(parameters, "limit"), "limit", DEFAULT_LIMIT, 1, Long.MAX_VALUE);
        long offset = integer(one(parameters, "offset"), "offset", 0, 0, MAX_OFFSET);
        String bboxText = one(parameters, "bbox");
        return new ItemsQuery(bboxText, bbox(bboxText), (int) Math.min(limit, MAX_LIMIT), offset);
    }

    FeaturePage.Request request() {
        return new FeaturePage.Request(bbox, limit, offset, null);
    }

    private static String one(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0].trim();
    }

    private static long integer(String value, String name, long absent, long min, long max) {
        if (value == null || value.isEmpty()) return absent;
        if (!INTEGER.matcher(value).matches()) throw new InvalidParameter(name + " must be a whole number, got '" + shorten(value) + "'");
        long n;
        try {
            n = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
        } catch (NumberFormatException tooLong) {
            n = Long.MAX_VALUE;
        }
        if (n < min || n > max) {
            throw new InvalidParameter(name + " must be from " + min + (max == Long.MAX_VALUE ? " on" : " to " + max) + ", got " + shorten(value)
                    + (name.equals("offset") ? " (to page further, narrow the bbox)" : ""));
        }
        return n;
    }

    /** {@code minLon,minLat,maxLon,maxLat} in CRS84, or with heights {@code minLon,minLat,minH,maxLon,maxLat,maxH}; none means everywhere. */
    static Bbox bbox(String value) {
        if (value == null) return FeaturePage.Request.WORLD;
        String[] parts = value.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw new InvalidParameter("bbox must be 4 numbers, minLon,minLat,maxLon,maxLat (or 6 with heights), got " + parts.length + " values");
        }
        double[] n = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (!DECIMAL.matcher(p).matches()) throw new InvalidParameter("bbox value " + (i + 1) + " must be a number, got '" + shorten(p) + "'");
            n[i] = Double.parseDouble(p);
        }
        int x2 = parts.length == 6 ? 3 : 2, y2 = parts.length == 6 ? 4 : 3;
        double w = n[0], s = n[1], e = n[x2], north = n[y2];
        if (w < -180 || e > 180 || w > 180 || e < -180) throw new InvalidParameter("bbox longitudes must be between -180 and 180");
        if (s < -90 || north > 90 || s > 90 || north < -90) throw new InvalidParameter("bbox latitudes must be between -90 and 90");
        if (s > north) throw new InvalidParameter("bbox must give its southern edge before its northern one");
        if (w > e) throw new InvalidParameter("a bbox across the antimeridian (west > east) is not supported");
        return new Bbox(w, s, e, north);
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
