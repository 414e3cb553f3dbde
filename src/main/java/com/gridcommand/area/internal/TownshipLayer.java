package com.gridcommand.area.internal;

import com.gridcommand.gisdata.GeometryKind;
import com.gridcommand.gisdata.GisFeature;
import com.gridcommand.gisdata.GisLayer;
import com.gridcommand.gisdata.LayerSchema;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

import static com.gridcommand.gisdata.PropertySpec.text;

/** townships.geojson: townships, towns and street offices (乡镇/街道). */
@Component
class TownshipLayer implements GisLayer {

    static final LayerSchema SCHEMA = LayerSchema.layer("townships", 10).required()
            .geometry(GeometryKind.MULTI_POLYGON).key("code")
            .property(text("code").required().pattern("\\d{9}000").describe("12-digit statistical division code (统计用区划代码), ending 000"))
            .property(text("name").required().maxLength(100).describe("e.g. 青溪镇"))
            .property(text("kind").required().oneOf("TOWN", "TOWNSHIP", "STREET").describe("镇 / 乡 / 街道"))
            .property(text("centre_name").maxLength(100).describe("its 综治工作中心"))
            .build();

    @Override
    public LayerSchema schema() {
        return SCHEMA;
    }

    @Override
    public void insert(JdbcClient jdbc, GisFeature f) {
        jdbc.sql("""
                        insert into township (code, name, kind, centre_name, geom)
                        values (:code, :name, :kind, :centre, ST_Multi(ST_GeomFromWKB(:wkb, 4326)))""")
                .param("code", f.text("code")).param("name", f.text("name")).param("kind", f.text("kind"))
                .param("centre", f.text("centre_name")).param("wkb", new WKBWriter().write(f.geometry()))
                .update();
    }

    @Override
    public long storedCount(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from township").query(Long.class).single();
    }

    @Override
    public List<String> afterLoad(JdbcClient jdbc) {
        return jdbc.sql("""
                        select a.code || ' (' || a.name || ') overlaps ' || b.code || ' (' || b.name || ')'
                          from township a join township b on a.id < b.id and a.geom && b.geom
                         where ST_Relate(a.geom, b.geom, '2********')
                           and ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 1.0""")
                .query(String.class).list();
    }
}
