package com.gridcommand.geo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The box around GeoJSON geometries, read from their positions. */
class GeoJsonBoundsTest {

    @Test
    void theBoxHoldsEveryPositionOfEveryGeometryAdded() {
        Bbox box = new GeoJsonBounds()
                .add("{\"type\":\"Polygon\",\"coordinates\":[[[103.5,30.25],[103.75,30.25],[103.75,30.5],[103.5,30.25]]]}")
                .add("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[-1e-3,30.0],[104,30.0],[104,31.125],[-1e-3,30.0]]]]}")
                .bbox().orElseThrow();
        assertThat(box).isEqualTo(new Bbox(-0.001, 30.0, 104, 31.125));
    }

    @Test
    void pointsLinesCollectionsAndFeaturesToo() {
        assertThat(new GeoJsonBounds().add("{\"type\":\"Point\",\"coordinates\":[104.1,30.6]}").bbox()).contains(new Bbox(104.1, 30.6, 104.1, 30.6));
        assertThat(new GeoJsonBounds().add("{\"type\":\"LineString\",\"coordinates\":[[1,2,99],[3, 4]]}").bbox()).contains(new Bbox(1, 2, 3, 4));
        assertThat(new GeoJsonBounds().add("{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1,2]},"
                + "{\"type\":\"Point\",\"coordinates\":[-3,-4]}]}").bbox()).contains(new Bbox(-3, -4, 1, 2));
        assertThat(new GeoJsonBounds().add("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"at\":[50,60]},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[5,6]}}]}").bbox()).contains(new Bbox(5, 6, 5, 6));
    }

    @Test
    void nothingAddedOrNothingReadableIsNoBox() {
        assertThat(new GeoJsonBounds().bbox()).isEmpty();
        assertThat(new GeoJsonBounds().add(null).add("not json").add("{\"type\":\"Polygon\",\"coordinates\":[]}").bbox()).isEmpty();
    }
}
