package com.gridcommand.road.internal;

import com.gridcommand.gisdata.GeometryKind;
import com.gridcommand.gisdata.GisFeature;
import com.gridcommand.gisdata.GisLayer;
import com.gridcommand.gisdata.LayerSchema;
import com.gridcommand.gisdata.PropertySpec;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

import static com.gridcommand.gisdata.PropertySpec.text;

/** roads.geojson: road segments, split at junctions (as OpenStreetMap ways are), for the basemap and routing. */
@Component
class RoadLayer implements GisLayer {

    static final LayerSchema SCHEMA = LayerSchema.layer("roads", 40)
            .geometry(GeometryKind.LINE_STRING)
            .property(text("name").maxLength(100))
            .property(text("road_class").required().oneOf("ARTERIAL", "SECONDARY", "LOCAL"))
            .property(PropertySpec.of("oneway", PropertySpec.Type.BOOLEAN).describe("true: only in the direction the line is drawn"))
            .property(PropertySpec.of("speed_kmh", PropertySpec.Type.INTEGER).required().range(5, 130))
            .build();

    @Override
    public LayerSchema schema() {
        return SCHEMA;
    }

    @Override
    public void insert(JdbcClient jdbc, GisFeature f) {
        jdbc.sql("""
                        insert into road_segment (name, road_class, oneway, speed_kmh, geom)
                        values (:name, :class, :oneway, :speed, ST_GeomFromWKB(:wkb, 4326))""")
                .param("name", f.text("name")).param("class", f.text("road_class"))
                .param("oneway", Boolean.TRUE.equals(f.bool("oneway"))).param("speed", f.integer("speed_kmh"))
                .param("wkb", new WKBWriter().write(f.geometry()))
                .update();
    }

    @Override
    public long storedCount(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from road_segment").query(Long.class).single();
    }

    /** Links the segments at shared end points (nodes, source, target). */
    @Override
    public List<String> afterLoad(JdbcClient jdbc) {
        jdbc.sql("select road_build_topology()").query().singleValue();
        return List.of();
    }
}
