package com.gridcommand.prevention.internal;

import com.gridcommand.gisdata.GeometryKind;
import com.gridcommand.gisdata.GisFeature;
import com.gridcommand.gisdata.GisFeatureRejectedException;
import com.gridcommand.gisdata.GisLayer;
import com.gridcommand.gisdata.LayerSchema;
import com.gridcommand.gisdata.PropertySpec;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static com.gridcommand.gisdata.PropertySpec.text;

/** cameras.geojson: video cameras with where they look (bearing), how wide (field of view) and how far. */
@Component
class CameraLayer implements GisLayer {

    static final LayerSchema SCHEMA = LayerSchema.layer("cameras", 80)
            .geometry(GeometryKind.POINT).key("code")
            .property(text("code").required().maxLength(32))
            .property(text("name").required().maxLength(100))
            .property(text("kind").required().oneOf("FIXED", "DOME", "PTZ"))
            .property(PropertySpec.of("bearing_deg", PropertySpec.Type.NUMBER).required().rangeExclusive(0, 360)
                    .describe("degrees clockwise from north"))
            .property(PropertySpec.of("fov_deg", PropertySpec.Type.NUMBER).required().range(1, 360))
            .property(PropertySpec.of("range_m", PropertySpec.Type.NUMBER).required().range(1, 1000))
            .property(text("status").oneOf("ONLINE", "OFFLINE"))
            .build();

    @Override
    public LayerSchema schema() {
        return SCHEMA;
    }

    @Override
    public void insert(JdbcClient jdbc, GisFeature f) {
        int rows = jdbc.sql("""
                        insert into camera (code, name, kind, bearing_deg, fov_deg, range_m, status, geom)
                        select :code, :name, :kind, :bearing, :fov, :range, coalesce(:status, 'ONLINE'), g
                          from (select ST_GeomFromWKB(:wkb, 4326) as g) x
                         where exists (select 1 from township t where ST_Covers(t.geom, x.g))""")
                .param("code", f.text("code")).param("name", f.text("name")).param("kind", f.text("kind"))
                .param("bearing", f.number("bearing_deg")).param("fov", f.number("fov_deg")).param("range", f.number("range_m"))
                .param("status", f.text("status")).param("wkb", new WKBWriter().write(f.geometry()))
                .update();
        if (rows == 0) throw new GisFeatureRejectedException("the camera lies outside the city");
    }

    @Override
    public long storedCount(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from camera").query(Long.class).single();
    }
}
