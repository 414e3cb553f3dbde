package com.gridcommand.dispatch.internal;

import com.gridcommand.base.db.SqlArrays;
import com.gridcommand.gisdata.GeometryKind;
import com.gridcommand.gisdata.GisFeature;
import com.gridcommand.gisdata.GisFeatureRejectedException;
import com.gridcommand.gisdata.GisLayer;
import com.gridcommand.gisdata.LayerSchema;
import com.gridcommand.gisdata.PropertySpec;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

import static com.gridcommand.gisdata.PropertySpec.text;

/** responders.geojson: people and crews, at their last known position (or none). */
@Component
class ResponderLayer implements GisLayer {

    static final LayerSchema SCHEMA = LayerSchema.layer("responders", 90)
            .geometry(GeometryKind.POINT).geometryOptional().key("code")
            .property(text("code").required().maxLength(32))
            .property(text("name").required().maxLength(100))
            .property(text("kind").required().oneOf("POLICE_PATROL", "GRID_WORKER", "MEDIATOR", "VILLAGE_GUARD", "EMERGENCY_TEAM"))
            .property(text("team").maxLength(100))
            .property(PropertySpec.of("skills", PropertySpec.Type.TEXT_LIST).pattern("[^,]{1,30}"))
            .property(text("phone").maxLength(30))
            .property(text("status").required().oneOf("AVAILABLE", "ASSIGNED", "EN_ROUTE", "ON_SCENE", "RETURNING", "OFF_DUTY"))
            .property(text("township_code").pattern("\\d{9}000"))
            .property(PropertySpec.of("position_at", PropertySpec.Type.TIMESTAMP).describe("when the position was taken; needed with a position"))
            .build();

    @Override
    public LayerSchema schema() {
        return SCHEMA;
    }

    @Override
    public void insert(JdbcClient jdbc, GisFeature f) {
        if ((f.geometry() == null) != (f.timestamp("position_at") == null)) {
            throw new GisFeatureRejectedException("a position and its position_at come together");
        }
        Long township = null;
        if (f.text("township_code") != null) {
            township = jdbc.sql("select id from township where code = :code").param("code", f.text("township_code"))
                    .query(Long.class).optional()
                    .orElseThrow(() -> new GisFeatureRejectedException("township_code " + f.text("township_code") + " is not in townships.geojson"));
        }
        List<String> skills = f.texts("skills") == null ? List.of() : f.texts("skills");
        jdbc.sql("""
                        insert into responder (code, name, kind, team, skills, phone, status, township_id, position, position_at)
                        values (:code, :name, :kind, :team, :skills::text[], :phone, :status, :township,
                                ST_GeomFromWKB(:wkb, 4326), :at)""")
                .param("code", f.text("code")).param("name", f.text("name")).param("kind", f.text("kind"))
                .param("team", f.text("team")).param("skills", SqlArrays.text(skills))
                .param("phone", f.text("phone")).param("status", f.text("status")).param("township", township)
                .param("wkb", f.geometry() == null ? null : new WKBWriter().write(f.geometry()))
                .param("at", f.timestamp("position_at"))
                .update();
    }

    @Override
    public long storedCount(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from responder").query(Long.class).single();
    }
}
