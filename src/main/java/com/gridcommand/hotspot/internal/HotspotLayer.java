package com.gridcommand.hotspot.internal;

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

/** hotspots.geojson: the hotspot register, polygons inside the city. */
@Component
class HotspotLayer implements GisLayer {

    static final LayerSchema SCHEMA = LayerSchema.layer("hotspots", 60)
            .geometry(GeometryKind.POLYGON).key("code")
            .property(text("code").required().maxLength(32))
            .property(text("name").required().maxLength(100))
            .property(text("status").required().oneOf("LISTED", "RECTIFYING", "UNDER_REVIEW", "DELISTED")
                    .describe("挂牌 / 整治中 / 待验收 / 摘牌"))
            .property(PropertySpec.of("listed_on", PropertySpec.Type.DATE).required())
            .property(PropertySpec.of("delisted_on", PropertySpec.Type.DATE).describe("required when DELISTED"))
            .property(text("responsible_unit").required().maxLength(100))
            .property(text("measures").maxLength(2000))
            .property(PropertySpec.of("focus", PropertySpec.Type.TEXT_LIST).oneOf("NEIGHBOUR", "FAMILY", "LAND", "LABOUR",
                    "PROPERTY", "PUBLIC_SECURITY", "HAZARD", "PETITION", "OTHER").pattern("[A-Z_]+").describe("case categories the listing targets"))
            .property(text("township_code").pattern("\\d{9}000"))
            .build();

    @Override
    public LayerSchema schema() {
        return SCHEMA;
    }

    @Override
    public void insert(JdbcClient jdbc, GisFeature f) {
        boolean delisted = "DELISTED".equals(f.text("status"));
        if (delisted != (f.date("delisted_on") != null)) {
            throw new GisFeatureRejectedException(delisted ? "a DELISTED hotspot needs delisted_on" : "only a DELISTED hotspot has delisted_on");
        }
        List<String> focus = f.texts("focus") == null ? List.of() : f.texts("focus");
        if (f.text("township_code") != null && jdbc.sql("select count(*) from township where code = :c")
                .param("c", f.text("township_code")).query(Integer.class).single() == 0) {
            throw new GisFeatureRejectedException("township_code " + f.text("township_code") + " is not in townships.geojson");
        }
        int rows = jdbc.sql("""
                        insert into hotspot (code, name, status, listed_on, delisted_on, responsible_unit, measures, focus, township_id, geom)
                        select :code, :name, :status, :listed, :delisted, :unit, :measures, :focus::text[],
                               (select id from township where code = :township), g
                          from (select ST_GeomFromWKB(:wkb, 4326) as g) x
                         where exists (select 1 from township t where ST_Intersects(t.geom, x.g))""")
                .param("code", f.text("code")).param("name", f.text("name")).param("status", f.text("status"))
                .param("listed", f.date("listed_on")).param("delisted", f.date("delisted_on"))
                .param("unit", f.text("responsible_unit")).param("measures", f.text("measures"))
                .param("focus", SqlArrays.text(focus)).param("township", f.text("township_code"))
                .param("wkb", new WKBWriter().write(f.geometry()))
                .update();
        if (rows == 0) throw new GisFeatureRejectedException("the hotspot lies outside the city");
    }

    @Override
    public long storedCount(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from hotspot").query(Long.class).single();
    }
}
