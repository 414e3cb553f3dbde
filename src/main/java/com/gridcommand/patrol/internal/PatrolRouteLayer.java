package com.gridcommand.patrol.internal;

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

import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static com.gridcommand.gisdata.PropertySpec.text;

/** patrol_routes.geojson: planned routes with their team and patrol windows. */
@Component
class PatrolRouteLayer implements GisLayer {

    static final LayerSchema SCHEMA = LayerSchema.layer("patrol_routes", 50)
            .geometry(GeometryKind.LINE_STRING).key("code")
            .property(text("code").required().maxLength(32))
            .property(text("name").required().maxLength(100))
            .property(text("team").required().maxLength(100))
            .property(text("team_kind").required().oneOf("POLICE_PATROL", "VILLAGE_GUARD", "JOINT_PATROL", "SECURITY_GUARD"))
            .property(text("township_code").pattern("\\d{9}000"))
            .property(PropertySpec.objects("windows",
                    PropertySpec.of("days", PropertySpec.Type.INTEGER_LIST).required().range(1, 7),
                    PropertySpec.of("from", PropertySpec.Type.TIME).required(),
                    PropertySpec.of("to", PropertySpec.Type.TIME).required()).required()
                    .describe("when the route is patrolled: ISO weekdays (1 = Monday) and hours; 'to' before 'from' runs past midnight"))
            .build();

    @Override
    public LayerSchema schema() {
        return SCHEMA;
    }

    @Override
    public void insert(JdbcClient jdbc, GisFeature f) {
        Long township = null;
        if (f.text("township_code") != null) {
            township = jdbc.sql("select id from township where code = :code").param("code", f.text("township_code"))
                    .query(Long.class).optional()
                    .orElseThrow(() -> new GisFeatureRejectedException("township_code " + f.text("township_code") + " is not in townships.geojson"));
        }
        long id = jdbc.sql("""
                        insert into patrol_route (code, name, team, team_kind, township_id, geom)
                        values (:code, :name, :team, :kind, :township, ST_GeomFromWKB(:wkb, 4326)) returning id""")
                .param("code", f.text("code")).param("name", f.text("name")).param("team", f.text("team"))
                .param("kind", f.text("team_kind")).param("township", township)
                .param("wkb", new WKBWriter().write(f.geometry()))
                .query(Long.class).single();
        for (Map<String, Object> window : f.objects("windows")) {
            @SuppressWarnings("unchecked")
            List<Integer> days = (List<Integer>) window.get("days");
            LocalTime from = (LocalTime) window.get("from"), to = (LocalTime) window.get("to");
            if (from.equals(to)) throw new GisFeatureRejectedException("a patrol window must not start and end at the same time");
            jdbc.sql("insert into patrol_window (route_id, days, starts_at, ends_at) values (:route, :days::smallint[], :from, :to)")
                    .param("route", id).param("days", SqlArrays.smallint(days))
                    .param("from", from).param("to", to)
                    .update();
        }
    }

    @Override
    public long storedCount(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from patrol_route").query(Long.class).single();
    }
}
