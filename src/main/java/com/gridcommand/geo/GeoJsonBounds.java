package com.gridcommand.geo;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

import java.util.Optional;

/**
 * The box around GeoJSON geometries (a geometry, a GeometryCollection, a Feature or a FeatureCollection), read with
 * JTS's GeoJSON reader as every other GeoJSON of ours; geometries are added one by one. Text that is no GeoJSON adds
 * nothing.
 */
public final class GeoJsonBounds {

    private final GeoJsonReader reader = new GeoJsonReader(Wgs84.FACTORY);
    private final Envelope envelope = new Envelope();

    public GeoJsonBounds add(String geoJson) {
        if (geoJson == null) return this;
        try {
            envelope.expandToInclude(reader.read(geoJson).getEnvelopeInternal());
        } catch (ParseException | RuntimeException notGeoJson) {
            // nothing to add
        }
        return this;
    }

    /** The box, or empty when no position was added. */
    public Optional<Bbox> bbox() {
        return envelope.isNull() ? Optional.empty()
                : Optional.of(Bbox.clamped(envelope.getMinX(), envelope.getMinY(), envelope.getMaxX(), envelope.getMaxY()));
    }
}
