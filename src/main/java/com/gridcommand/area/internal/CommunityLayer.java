package com.gridcommand.area.internal;

import com.gridcommand.gisdata.GeometryKind;
import com.gridcommand.gisdata.GisFeature;
import com.gridcommand.gisdata.GisFeatureRejectedException;
import com.gridcommand.gisdata.GisLayer;
import com.gridcommand.gisdata.LayerSchema;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

import static com.gridcommand.gisdata.PropertySpec.text;

/** communities.geojson: villages and urban communities (村/社区), each inside its township. */
@Component
class CommunityLayer implements GisLayer {

    static final LayerSchema SCHEMA = LayerSchema.layer("communities", 20).required()
            .geometry(GeometryKind.MULTI_POLYGON).key("code")
            .property(text("code").required().pattern("\\d{12}").describe("12-digit statistical division code"))
            .property(text("township_code").required().pattern("\\d{9}000").describe("code of its township"))
            .property(text("name").required().maxLength(100).describe("e.g. 前洋村"))
            .property(text("kind").required().oneOf("VILLAGE", "COMMUNITY").describe("村 / 社区"))
            .property(text("station_name").maxLength(100).describe("its 综治工作站"))
            .build();

    @Override
    public LayerSchema schema() {
        return SCHEMA;
    }

    @Override
    public void insert(JdbcClient jdbc, GisFeature f) {
        int rows = jdbc.sql("""
                        insert into community (code, township_id, name, kind, station_name, geom)
                        select :code, t.id, :name, :kind, :station, ST_Multi(ST_GeomFromWKB(:wkb, 4326))
                          from township t where t.code = :township""")
                .param("code", f.text("code")).param("township", f.text("township_code")).param("name", f.text("name"))
                .param("kind", f.text("kind")).param("station", f.text("station_name"))
                .param("wkb", new WKBWriter().write(f.geometry()))
                .update();
        if (rows == 0) throw new GisFeatureRejectedException("township_code " + f.text("township_code") + " is not in townships.geojson");
    }

    @Override
    public long storedCount(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from community").query(Long.class).single();
    }

    /** Communities tile their township: no part of a township (over 1 m²) may be left without one. */
    @Override
    public List<String> afterLoad(JdbcClient jdbc) {
        return jdbc.sql("""
                        select 'township ' || t.code || ' (' || t.name || '): '
                               || round(ST_Area(ST_Difference(t.geom, coalesce(u.geom, 'SRID=4326;POLYGON EMPTY'::geometry))::geography)::numeric, 1)
                               || ' m² lie in no community'
                          from township t
                          left join lateral (select ST_Union(geom) as geom from community where township_id = t.id) u on true
                         where ST_Area(ST_Difference(t.geom, coalesce(u.geom, 'SRID=4326;POLYGON EMPTY'::geometry))::geography) > 1.0""")
                .query(String.class).list();
    }
}
