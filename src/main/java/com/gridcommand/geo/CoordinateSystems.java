package com.gridcommand.geo;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The coordinate reference systems a Chinese city's GIS data arrives in, and how to bring them to
 * WGS 84. Besides WGS 84 itself: CGCS2000 geographic (EPSG:4490, within a metre of WGS 84, taken as
 * is), CGCS2000 3-degree Gauss-Krüger with and without the zone prefix (EPSG:4513–4533, 4534–4554)
 * and Web Mercator (EPSG:3857). Anything else is refused with a request to reproject.
 */
public final class CoordinateSystems {

    private static final Pattern EPSG = Pattern.compile("(?i)(?:urn:ogc:def:crs:)?EPSG:(?:[0-9.]*:)?(\\d+)");
    private static final Pattern CRS84 = Pattern.compile("(?i)urn:ogc:def:crs:OGC:(?:1\\.3:)?CRS84|CRS84|OGC:CRS84");
    private static final CRSFactory CRS = new CRSFactory();

    private CoordinateSystems() {
    }

    /** The EPSG code a GeoJSON {@code crs} name stands for (CRS84 counts as 4326); empty if unknown. */
    public static Optional<Integer> epsgCode(String crsName) {
        if (crsName == null) return Optional.empty();
        String name = crsName.trim();
        if (CRS84.matcher(name).matches()) return Optional.of(Wgs84.SRID);
        Matcher m = EPSG.matcher(name);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** Longitude/latitude systems whose coordinates are used unchanged. */
    public static boolean isWgs84Equivalent(int epsg) {
        return epsg == Wgs84.SRID || epsg == 4490;
    }

    /** A transform to WGS 84 longitude/latitude for the projected systems we know; empty otherwise. */
    public static Optional<CoordinateTransform> toWgs84(int epsg) {
        String definition = proj4(epsg);
        if (definition == null) return Optional.empty();
        var source = CRS.createFromParameters("EPSG:" + epsg, definition);
        var target = CRS.createFromParameters("EPSG:4326", "+proj=longlat +datum=WGS84 +no_defs");
        return Optional.of(new CoordinateTransformFactory().createTransform(source, target));
    }

    private static String proj4(int epsg) {
        if (epsg == 3857) {
            return "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs";
        }
        if (epsg >= 4534 && epsg <= 4554) { // CGCS2000 / 3-degree Gauss-Kruger CM 75E .. 135E
            return tmerc(75 + 3 * (epsg - 4534), 500_000);
        }
        if (epsg >= 4513 && epsg <= 4533) { // CGCS2000 / 3-degree Gauss-Kruger zone 25 .. 45 (zone in false easting)
            int zone = 25 + (epsg - 4513);
            return tmerc(3 * zone, zone * 1_000_000L + 500_000);
        }
        return null;
    }

    private static String tmerc(int centralMeridian, long falseEasting) {
        return "+proj=tmerc +lat_0=0 +lon_0=" + centralMeridian + " +k=1 +x_0=" + falseEasting
                + " +y_0=0 +ellps=GRS80 +units=m +no_defs";
    }

    /** A copy of the geometry with every coordinate transformed, SRID set to 4326. */
    public static Geometry transform(Geometry geometry, CoordinateTransform transform) {
        Geometry copy = geometry.copy();
        copy.apply(new CoordinateSequenceFilter() {
            private final ProjCoordinate in = new ProjCoordinate(), out = new ProjCoordinate();

            @Override
            public void filter(CoordinateSequence seq, int i) {
                in.x = seq.getX(i);
                in.y = seq.getY(i);
                transform.transform(in, out);
                seq.setOrdinate(i, 0, out.x);
                seq.setOrdinate(i, 1, out.y);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        copy.setSRID(Wgs84.SRID);
        return copy;
    }
}
