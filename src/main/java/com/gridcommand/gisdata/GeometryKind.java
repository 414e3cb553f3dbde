package com.gridcommand.gisdata;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** The geometry types a layer may hold. */
public enum GeometryKind {
    POINT, LINE_STRING, POLYGON, MULTI_POLYGON;

    public boolean matches(Geometry g) {
        return switch (this) {
            case POINT -> g instanceof Point;
            case LINE_STRING -> g instanceof LineString && !(g instanceof org.locationtech.jts.geom.LinearRing);
            case POLYGON -> g instanceof Polygon;
            case MULTI_POLYGON -> g instanceof MultiPolygon;
        };
    }

    public String geoJsonName() {
        return switch (this) {
            case POINT -> "Point";
            case LINE_STRING -> "LineString";
            case POLYGON -> "Polygon";
            case MULTI_POLYGON -> "MultiPolygon";
        };
    }
}
