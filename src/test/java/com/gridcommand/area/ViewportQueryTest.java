package com.gridcommand.area;

import com.gridcommand.casework.CaseService;
import com.gridcommand.dispatch.ResponderService;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.geo.Wgs84;
import com.gridcommand.hotspot.HotspotService;
import com.gridcommand.prevention.PreventionService;
import com.gridcommand.road.RoadService;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every map layer's viewport query returns exactly the features whose geometry intersects the box:
 * checked against JTS, in Java, on every stored geometry (an independent computation, not the same SQL).
 */
@IntegrationTest
@com.gridcommand.support.WithGridUser("admin")
class ViewportQueryTest {

    @Autowired
    AreaService areas;
    @Autowired
    RoadService roads;
    @Autowired
    HotspotService hotspots;
    @Autowired
    PreventionService prevention;
    @Autowired
    ResponderService responders;
    @Autowired
    CaseService cases;
    @Autowired
    JdbcClient jdbc;

    private record Row(long id, Geometry geometry) {}

    private List<Row> rows(String sql) {
        WKBReader reader = new WKBReader(Wgs84.FACTORY);
        return jdbc.sql(sql).query((rs, i) -> {
            try {
                return new Row(rs.getLong(1), reader.read(rs.getBytes(2)));
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }).list();
    }

    private static Set<String> expected(List<Row> rows, Bbox box) {
        Geometry envelope = Wgs84.FACTORY.toGeometry(box.envelope());
        return rows.stream().filter(r -> r.geometry().intersects(envelope)).map(r -> Long.toString(r.id())).collect(Collectors.toSet());
    }

    private static Set<String> ids(List<GeoFeature> features) {
        return features.stream().map(GeoFeature::id).collect(Collectors.toSet());
    }

    private void check(String sql, Bbox box, Function<Viewport, List<GeoFeature>> query, int zoom) {
        Set<String> actual = ids(query.apply(new Viewport(box, zoom)));
        assertThat(actual).as(sql).isEqualTo(expected(rows(sql), box));
    }

    /** Boxes: the old town, a box straddling a township boundary, a thin strip, one far outside the city. */
    @ParameterizedTest
    @CsvSource({
            "120.98, 29.08, 121.02, 29.12, 15",
            "120.90, 29.05, 121.10, 29.15, 12",
            "121.00, 29.00, 121.003, 29.20, 16",
            "110.00, 30.00, 110.10, 30.10, 12"})
    void everyLayerReturnsExactlyWhatIntersectsTheBox(double w, double s, double e, double n, int zoom) {
        Bbox box = new Bbox(w, s, e, n);
        check("select id, ST_AsBinary(geom) from township", box, v -> areas.inView(AreaLevel.TOWNSHIP, v), zoom);
        check("select id, ST_AsBinary(geom) from community", box, v -> areas.inView(AreaLevel.COMMUNITY, v), zoom);
        check("select id, ST_AsBinary(geom) from grid_cell", box, v -> areas.inView(AreaLevel.GRID_CELL, v), zoom);
        check("select id, ST_AsBinary(geom) from road_segment where road_class in ('"
                + String.join("','", RoadService.classesAt(zoom)) + "')", box, roads::inView, zoom);
        check("select id, ST_AsBinary(geom) from hotspot", box, hotspots::inView, zoom);
        check("select id, ST_AsBinary(geom) from key_place", box, prevention::keyPlacesInView, zoom);
        check("select id, ST_AsBinary(geom) from camera", box, prevention::camerasInView, zoom);
        check("select id, ST_AsBinary(position) from responder where position is not null", box, responders::inView, zoom);
        check("select id, ST_AsBinary(geom) from gov_case where step <> 'CLOSED'", box, cases::openInView, zoom);
    }
}
