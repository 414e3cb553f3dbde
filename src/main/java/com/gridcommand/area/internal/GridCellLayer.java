package com.gridcommand.area.internal;

import com.gridcommand.gisdata.GeometryKind;
import com.gridcommand.gisdata.GisFeature;
import com.gridcommand.gisdata.GisFeatureRejectedException;
import com.gridcommand.gisdata.GisLayer;
import com.gridcommand.gisdata.LayerSchema;
import com.gridcommand.gisdata.PropertySpec;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static com.gridcommand.gisdata.PropertySpec.text;

/** grid_cells.geojson: grid cells (网格), tiling their community without gaps or overlaps. */
@Component
class GridCellLayer implements GisLayer {

    static final LayerSchema SCHEMA = LayerSchema.layer("grid_cells", 30).required()
            .geometry(GeometryKind.POLYGON).key("code")
            .property(text("code").required().pattern("\\d{15}").describe("community code + 3-digit serial (west to east, north to south)"))
            .property(text("community_code").required().pattern("\\d{12}").describe("code of its community"))
            .property(text("name").required().maxLength(100))
            .property(text("grid_worker").maxLength(50).describe("the responsible grid worker (网格员)"))
            .property(text("grid_worker_phone").maxLength(30))
            .property(PropertySpec.of("households", PropertySpec.Type.INTEGER).range(0, 100_000))
            .build();

    private final AreaGeneralizer generalizer;

    GridCellLayer(AreaGeneralizer generalizer) {
        this.generalizer = generalizer;
    }

    @Override
    public LayerSchema schema() {
        return SCHEMA;
    }

    @Override
    public void insert(JdbcClient jdbc, GisFeature f) {
        int rows = jdbc.sql("""
                        insert into grid_cell (code, community_id, name, grid_worker, grid_worker_phone, households, geom)
                        select :code, m.id, :name, :worker, :phone, :households, ST_GeomFromWKB(:wkb, 4326)
                          from community m where m.code = :community""")
                .param("code", f.text("code")).param("community", f.text("community_code")).param("name", f.text("name"))
                .param("worker", f.text("grid_worker")).param("phone", f.text("grid_worker_phone"))
                .param("households", f.integer("households")).param("wkb", new WKBWriter().write(f.geometry()))
                .update();
        if (rows == 0) throw new GisFeatureRejectedException("community_code " + f.text("community_code") + " is not in communities.geojson");
    }

    @Override
    public long storedCount(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from grid_cell").query(Long.class).single();
    }

    /** Cells tile their community (overlaps are refused row by row; gaps show only here), then the per-zoom boundaries are built. */
    @Override
    public List<String> afterLoad(JdbcClient jdbc) {
        List<String> problems = new ArrayList<>(jdbc.sql("""
                        select 'community ' || m.code || ' (' || m.name || '): '
                               || round(ST_Area(ST_Difference(m.geom, coalesce(u.geom, 'SRID=4326;POLYGON EMPTY'::geometry))::geography)::numeric, 1)
                               || ' m² lie in no grid cell'
                          from community m
                          left join lateral (select ST_Union(geom) as geom from grid_cell where community_id = m.id) u on true
                         where ST_Area(ST_Difference(m.geom, coalesce(u.geom, 'SRID=4326;POLYGON EMPTY'::geometry))::geography) > 1.0""")
                .query(String.class).list());
        if (problems.isEmpty()) generalizer.rebuild();
        return problems;
    }
}
