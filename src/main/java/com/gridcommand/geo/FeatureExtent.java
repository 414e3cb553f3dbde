package com.gridcommand.geo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Where a layer's features lie (a CRS84 box) and, for a layer whose features carry a time, the first and
 * last of those times (null otherwise). Both empty for a layer with nothing the caller may see.
 */
public record FeatureExtent(Bbox bbox, Instant from, Instant to) {

    public static final FeatureExtent NONE = new FeatureExtent(null, null, null);

    /**
     * The query for a layer's extent: the box of {@code geometry} (ST_Extent, from each row's stored box) and
     * the range of {@code time} (an expression, or null for a layer without times) over {@code from} rows
     * meeting {@code where}.
     */
    public static String sql(String geometry, String time, String from, String where) {
        String t0 = time == null ? "null" : "min(" + time + ")", t1 = time == null ? "null" : "max(" + time + ")";
        return """
                select ST_XMin(e) as w, ST_YMin(e) as s, ST_XMax(e) as e, ST_YMax(e) as n, t0, t1
                  from (select ST_Extent(%s)::geometry as e, %s::timestamptz as t0, %s::timestamptz as t1
                          from %s where %s) x""".formatted(geometry, t0, t1, from, where);
    }

    /** Reads a row of {@link #sql}. */
    public static FeatureExtent read(ResultSet rs) throws SQLException {
        Bbox box = rs.getObject("w") == null ? null
                : Bbox.clamped(rs.getDouble("w"), rs.getDouble("s"), rs.getDouble("e"), rs.getDouble("n"));
        Timestamp from = rs.getTimestamp("t0"), to = rs.getTimestamp("t1");
        return new FeatureExtent(box, from == null ? null : from.toInstant(), to == null ? null : to.toInstant());
    }
}
