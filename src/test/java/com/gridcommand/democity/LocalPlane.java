package com.gridcommand.democity;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryTransformer;
import org.locationtech.jts.geom.CoordinateSequence;

/**
 * A flat plane in metres around the city centre: the generator designs the city in metres and
 * turns it into WGS 84 longitude/latitude at the end. Over 30 km the error is far below a metre.
 */
record LocalPlane(double lon0, double lat0) {

    static final double METRES_PER_DEGREE_LAT = 110_574.0;

    double metresPerDegreeLon() {
        return 111_320.0 * StrictMath.cos(StrictMath.toRadians(lat0));
    }

    Coordinate toLonLat(double x, double y) {
        return new Coordinate(lon0 + x / metresPerDegreeLon(), lat0 + y / METRES_PER_DEGREE_LAT);
    }

    Coordinate toMetres(Coordinate lonLat) {
        return new Coordinate((lonLat.x - lon0) * metresPerDegreeLon(), (lonLat.y - lat0) * METRES_PER_DEGREE_LAT);
    }

    Geometry toLonLat(Geometry metres) {
        return transform(metres, true);
    }

    Geometry toMetres(Geometry lonLat) {
        return transform(lonLat, false);
    }

    private Geometry transform(Geometry geometry, boolean toLonLat) {
        return new GeometryTransformer() {
            @Override
            protected CoordinateSequence transformCoordinates(CoordinateSequence coords, Geometry parent) {
                Coordinate[] out = new Coordinate[coords.size()];
                for (int i = 0; i < out.length; i++) {
                    Coordinate c = coords.getCoordinate(i);
                    out[i] = toLonLat ? toLonLat(c.x, c.y) : toMetres(c);
                }
                return factory.getCoordinateSequenceFactory().create(out);
            }
        }.transform(geometry);
    }
}
