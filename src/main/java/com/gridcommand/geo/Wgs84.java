package com.gridcommand.geo;

import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/** WGS 84 longitude/latitude (EPSG:4326), the one system everything is stored and served in. */
public final class Wgs84 {

    public static final int SRID = 4326;
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), SRID);

    private Wgs84() {
    }

    public static boolean inRange(double lon, double lat) {
        return Double.isFinite(lon) && Double.isFinite(lat) && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
    }
}
