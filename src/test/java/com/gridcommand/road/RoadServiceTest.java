package com.gridcommand.road;

import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The road network of the demo city as the basemap draws it: the classes a zoom shows, inside the box, simplified. */
@IntegrationTest
class RoadServiceTest {

    @Autowired
    RoadService roads;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_zoom_shows_the_more_important_roads_first() {
        assertThat(RoadService.classesAt(11)).containsExactly("ARTERIAL");
        assertThat(RoadService.classesAt(RoadService.SECONDARY_FROM_ZOOM)).containsExactly("ARTERIAL", "SECONDARY");
        assertThat(RoadService.classesAt(RoadService.LOCAL_FROM_ZOOM - 1)).containsExactly("ARTERIAL", "SECONDARY");
        assertThat(RoadService.classesAt(RoadService.LOCAL_FROM_ZOOM)).containsExactly("ARTERIAL", "SECONDARY", "LOCAL");
    }

    @Test
    void the_segments_in_view_are_those_of_the_box_and_the_zooms_classes() {
        Bbox city = city();
        List<GeoFeature> far = roads.inView(new Viewport(city, 11));
        assertThat(far).isNotEmpty().allMatch(f -> f.properties().get("roadClass").equals("ARTERIAL"));
        assertThat(far).hasSize(count("ARTERIAL", city));

        Bbox quarter = new Bbox(city.west(), city.south(), (city.west() + city.east()) / 2, (city.south() + city.north()) / 2);
        List<GeoFeature> close = roads.inView(new Viewport(quarter, 15));
        Set<Object> classes = close.stream().map(f -> f.properties().get("roadClass")).collect(Collectors.toSet());
        assertThat(classes).contains("LOCAL");
        assertThat(close).hasSize(count("ARTERIAL", quarter) + count("SECONDARY", quarter) + count("LOCAL", quarter));
        assertThat(close).allMatch(f -> f.geometry().contains("LineString"));
    }

    @Test
    void a_far_view_sends_fewer_decimals_and_vertices_than_a_close_one() {
        Bbox city = city();
        String farGeometry = String.join("", roads.inView(new Viewport(city, 11)).stream().map(GeoFeature::geometry).toList());
        String closeGeometry = String.join("", roads.inView(new Viewport(city, 18)).stream()
                .filter(f -> f.properties().get("roadClass").equals("ARTERIAL")).map(GeoFeature::geometry).toList());
        assertThat(farGeometry.length()).isLessThan(closeGeometry.length());
        assertThat(farGeometry).doesNotContainPattern("\\.\\d{6}");
    }

    @Test
    void one_label_per_road_name_inside_the_box() {
        List<GeoFeature> labels = roads.labelsInView(new Viewport(city(), 15));
        assertThat(labels).isNotEmpty();
        List<Object> names = labels.stream().map(f -> f.properties().get("name")).toList();
        assertThat(names).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(labels).allMatch(f -> f.geometry().contains("\"Point\""));
    }

    private Bbox city() {
        return jdbc.sql("select ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) from (select ST_Extent(geom) as e from road_segment) x")
                .query((rs, i) -> new Bbox(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4))).single();
    }

    private int count(String roadClass, Bbox b) {
        return jdbc.sql("select count(*) from road_segment where road_class = :c and ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))")
                .param("c", roadClass).param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query(Integer.class).single();
    }
}
