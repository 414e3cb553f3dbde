package com.gridcommand.area;

import com.gridcommand.area.internal.AreaGeneralizer;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.geo.Wgs84;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boundaries simplified for low zooms stay valid and keep their topology: cells still tile their
 * community with no gap or overlap, every area keeps its polygon, and none moves more than the
 * tolerance (half a pixel).
 */
@IntegrationTest
@com.gridcommand.support.WithGridUser("admin")
class GeneralizationTest {

    @Autowired
    AreaService areas;
    @Autowired
    JdbcClient jdbc;

    private Map<Long, Geometry> read(String sql, Object... params) {
        WKBReader reader = new WKBReader(Wgs84.FACTORY);
        Map<Long, Geometry> result = new HashMap<>();
        var spec = jdbc.sql(sql);
        for (int i = 0; i < params.length; i++) spec = spec.param(i + 1, params[i]);
        spec.query(rs -> {
            try {
                result.put(rs.getLong(1), reader.read(rs.getBytes(2)));
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        });
        return result;
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 10, 11, 12, 13, 14})
    void simplifiedCellsStillTileTheirCommunities(int zoom) throws ParseException {
        Bbox city = areas.extentInScope().orElseThrow();
        Viewport viewport = new Viewport(city, zoom);
        double tolerance = 0.5 * viewport.pixelDegrees();

        // As the map receives them: valid, one polygon each, every area present.
        GeoJsonReader geoJson = new GeoJsonReader(Wgs84.FACTORY);
        for (AreaLevel level : AreaLevel.values()) {
            List<GeoFeature> features = areas.inView(level, viewport);
            long stored = jdbc.sql("select count(*) from " + switch (level) {
                case TOWNSHIP -> "township";
                case COMMUNITY -> "community";
                case GRID_CELL -> "grid_cell";
            }).query(Long.class).single();
            assertThat(features).as(level + " at z" + zoom).hasSize((int) stored);
            for (GeoFeature f : features) {
                Geometry g = geoJson.read(f.geometry());
                assertThat(g.isValid()).as(level + " " + f.properties().get("code") + " valid at z" + zoom).isTrue();
                assertThat(g.isEmpty()).isFalse();
            }
        }

        // Stored generalised cells form a clean coverage, and each community is exactly the union of its cells.
        Map<Long, Geometry> cells = read("select area_id, ST_AsBinary(geom) from area_generalized where level = 'GRID_CELL' and zoom = ?", zoom);
        assertThat(CoverageValidator.isValid(cells.values().toArray(Geometry[]::new))).as("a clean coverage at z" + zoom).isTrue();
        Map<Long, Geometry> communities = read("select area_id, ST_AsBinary(geom) from area_generalized where level = 'COMMUNITY' and zoom = ?", zoom);
        Map<Long, Long> communityOf = new HashMap<>();
        jdbc.sql("select id, community_id from grid_cell").query(rs -> { communityOf.put(rs.getLong(1), rs.getLong(2)); });
        for (var community : communities.entrySet()) {
            Geometry union = CoverageUnion.union(cells.entrySet().stream().filter(c -> communityOf.get(c.getKey()).equals(community.getKey()))
                    .map(Map.Entry::getValue).toArray(Geometry[]::new));
            assertThat(union.symDifference(community.getValue()).getArea()).as("community " + community.getKey()).isZero();
        }

        // Nothing strays from the true boundary by more than the tolerance.
        Map<Long, Geometry> raw = read("select id, ST_AsBinary(geom) from grid_cell");
        for (var cell : cells.entrySet()) {
            double distance = DiscreteHausdorffDistance.distance(raw.get(cell.getKey()), cell.getValue());
            assertThat(distance).as("cell " + cell.getKey() + " at z" + zoom).isLessThanOrEqualTo(tolerance * 1.0001);
        }
    }

    @org.junit.jupiter.api.Test
    void lowerZoomsSendFewerVertices() {
        long previous = jdbc.sql("select sum(ST_NPoints(geom)) from grid_cell").query(Long.class).single();
        long raw = previous;
        for (int zoom = AreaGeneralizer.RAW_FROM_ZOOM - 1; zoom >= 9; zoom--) {
            long simplified = jdbc.sql("select sum(ST_NPoints(geom)) from area_generalized where level = 'GRID_CELL' and zoom = :z")
                    .param("z", zoom).query(Long.class).single();
            assertThat(simplified).as("vertices at z" + zoom).isLessThanOrEqualTo(previous);
            previous = simplified;
        }
        assertThat(previous).as("vertices at z9").isLessThan(raw / 2);
        assertThat(AreaGeneralizer.band(5)).isEqualTo(9);
        assertThat(AreaGeneralizer.band(AreaGeneralizer.RAW_FROM_ZOOM)).isEqualTo(-1);
    }
}
