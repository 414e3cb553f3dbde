package com.gridcommand.geo;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The geometry helpers every query leans on: boxes, viewports and the coordinate systems cities hand in. */
class GeoTest {

    @Test
    void a_box_refuses_swapped_corners_and_positions_off_the_globe() {
        assertThatThrownBy(() -> new Bbox(121.1, 29.0, 121.0, 29.2)).hasMessageContaining("out of order");
        assertThatThrownBy(() -> new Bbox(121.0, 29.2, 121.1, 29.0)).hasMessageContaining("out of order");
        assertThatThrownBy(() -> new Bbox(-181, 0, 0, 1)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Bbox.clamped(Double.NaN, 0, 1, 1)).hasMessageContaining("not a number");
        Bbox box = new Bbox(121.0, 29.0, 121.2, 29.1);
        assertThat(box.contains(121.1, 29.05)).isTrue();
        assertThat(box.contains(121.0, 29.0)).isTrue();
        assertThat(box.contains(121.21, 29.05)).isFalse();
    }

    @Test
    void a_browsers_view_past_the_antimeridian_is_clamped_and_a_padded_box_grows_on_every_side() {
        assertThat(Bbox.clamped(-250, -95, 250, 95)).isEqualTo(new Bbox(-180, -90, 180, 90));
        Bbox padded = new Bbox(121.0, 29.0, 121.2, 29.1).padded(0.15);
        assertThat(padded.west()).isCloseTo(120.97, within(1e-9));
        assertThat(padded.east()).isCloseTo(121.23, within(1e-9));
        assertThat(padded.south()).isCloseTo(28.985, within(1e-9));
        assertThat(padded.north()).isCloseTo(29.115, within(1e-9));
        assertThat(new Bbox(179, 0, 180, 1).padded(0.5).east()).isEqualTo(180);
    }

    @Test
    void a_viewport_simplifies_to_what_a_pixel_shows() {
        assertThatThrownBy(() -> new Viewport(new Bbox(0, 0, 1, 1), 23)).hasMessageContaining("zoom out of range");
        assertThatThrownBy(() -> new Viewport(null, 12)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Viewport.pixelDegrees(0)).isEqualTo(360.0 / 256);
        assertThat(Viewport.pixelDegrees(12)).isEqualTo(Viewport.pixelDegrees(11) / 2);
        // decimals resolve a third of a pixel, four at the least and seven at the most
        assertThat(new Viewport(new Bbox(0, 0, 1, 1), 4).decimals()).isEqualTo(4);
        assertThat(new Viewport(new Bbox(0, 0, 1, 1), 12).decimals()).isEqualTo(4);
        assertThat(new Viewport(new Bbox(0, 0, 1, 1), 14).decimals()).isEqualTo(5);
        assertThat(new Viewport(new Bbox(0, 0, 1, 1), 16).decimals()).isEqualTo(6);
        assertThat(new Viewport(new Bbox(0, 0, 1, 1), 22).decimals()).isEqualTo(7);
    }

    @Test
    void coordinate_systems_cities_hand_in_are_named_and_turned_into_longitude_latitude() {
        assertThat(CoordinateSystems.epsgCode("urn:ogc:def:crs:OGC:1.3:CRS84")).contains(4326);
        assertThat(CoordinateSystems.epsgCode("EPSG:4549")).contains(4549);
        assertThat(CoordinateSystems.epsgCode("urn:ogc:def:crs:EPSG::4490")).contains(4490);
        assertThat(CoordinateSystems.epsgCode("something else")).isEmpty();
        assertThat(CoordinateSystems.isWgs84Equivalent(4490)).isTrue();
        assertThat(CoordinateSystems.isWgs84Equivalent(3857)).isFalse();
        assertThat(CoordinateSystems.toWgs84(2000)).isEmpty();

        // CGCS2000 / 3-degree Gauss-Kruger CM 120E: the false easting of 500 km sits on the central meridian
        var transform = CoordinateSystems.toWgs84(4549).orElseThrow();
        var point = Wgs84.FACTORY.createPoint(new Coordinate(500_000, 3_210_000));
        var lonLat = CoordinateSystems.transform(point, transform).getCoordinate();
        assertThat(lonLat.x).isCloseTo(120.0, within(1e-9));
        assertThat(lonLat.y).isCloseTo(29.0, within(0.05));
        // Web Mercator: 0,0 is 0,0
        var origin = CoordinateSystems.transform(Wgs84.FACTORY.createPoint(new Coordinate(0, 0)), CoordinateSystems.toWgs84(3857).orElseThrow());
        assertThat(origin.getCoordinate().x).isCloseTo(0, within(1e-9));
        assertThat(origin.getSRID()).isEqualTo(4326);
    }
}
