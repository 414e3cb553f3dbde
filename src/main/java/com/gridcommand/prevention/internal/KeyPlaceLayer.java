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

/** key_places.geojson: schools, hospitals, homes for the elderly, welfare homes, markets and the like. */
@Component
class KeyPlaceLayer implements GisLayer {

    static final LayerSchema SCHEMA = LayerSchema.layer("key_places", 70)
            .geometry(GeometryKind.POINT).key("code")
            .property(text("code").required().maxLength(32))
            .property(text("name").required().maxLength(100))
            .property(text("kind").required().oneOf("SCHOOL", "KINDERGARTEN", "HOSPITAL", "ELDERLY_HOME", "WELFARE_HOME",
                    "MARKET", "TRANSPORT_HUB", "GOVERNMENT"))
            .property(text("address").maxLength(200))
            .property(PropertySpec.of("capacity", PropertySpec.Type.INTEGER).range(0, 1_000_000).describe("people at peak"))
            .property(text("contact").maxLength(100))
            .build();

    @Override
    public LayerSchema schema() {
        return SCHEMA;
    }

    @Override
    public void insert(JdbcClient jdbc, GisFeature f) {
        int rows = jdbc.sql("""
                        insert into key_place (code, name, kind, address, capacity, contact, geom)
                        select :code, :name, :kind, :address, :capacity, :contact, g
                          from (select ST_GeomFromWKB(:wkb, 4326) as g) x
                         where exists (select 1 from township t where ST_Covers(t.geom, x.g))""")
                .param("code", f.text("code")).param("name", f.text("name")).param("kind", f.text("kind"))
                .param("address", f.text("address")).param("capacity", f.integer("capacity")).param("contact", f.text("contact"))
                .param("wkb", new WKBWriter().write(f.geometry()))
                .update();
        if (rows == 0) throw new GisFeatureRejectedException("the key place lies outside the city");
    }

    @Override
    public long storedCount(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from key_place").query(Long.class).single();
    }
}
