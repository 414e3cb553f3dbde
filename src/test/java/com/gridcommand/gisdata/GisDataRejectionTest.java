package com.gridcommand.gisdata;

import com.gridcommand.geo.CoordinateSystems;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A city's own data through the validating loader: a small town far from the demo city, loaded on
 * top of it. Each kind of bad input is refused with a message that names the file and the feature,
 * and nothing of the load is stored.
 */
@IntegrationTest
class GisDataRejectionTest {

    static final String TOWNSHIP = "420999001000";
    static final String COMMUNITY = "420999001201";

    @Autowired
    GisDataLoader loader;
    @Autowired
    JdbcClient jdbc;

    // ------------------------------------------------------------------ a small valid city near 110 E, 30 N

    static String square(double w, double s, double e, double n) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}"
                .formatted(w, s, e, s, e, n, w, n, w, s);
    }

    static String point(double lon, double lat) {
        return "{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat + "]}";
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    static String feature(String geometry, String properties) {
        return "{\"type\":\"Feature\",\"geometry\":" + geometry + ",\"properties\":" + properties + "}";
    }

    static String cell(String serial, String geometry) {
        return feature(geometry, "{\"code\":\"" + COMMUNITY + serial + "\",\"community_code\":\"" + COMMUNITY
                + "\",\"name\":\"测试村第" + serial + "网格\",\"households\":300}");
    }

    static String aCase(String code, String geometry) {
        return feature(geometry, """
                {"code":"%s","title":"邻里纠纷","description":"测试","category":"NEIGHBOUR","severity":1,"source":"COUNTER",
                 "step":"INTAKE","reported_at":"2026-10-01T09:00:00+08:00","deadline":"2026-10-31T09:00:00+08:00",
                 "parties":[{"name":"张三","role":"APPLICANT"}]}""".formatted(code));
    }

    static Map<String, String> smallCity() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("townships.geojson", collection(feature(square(110.00, 30.00, 110.02, 30.02),
                "{\"code\":\"" + TOWNSHIP + "\",\"name\":\"测试镇\",\"kind\":\"TOWN\"}")));
        files.put("communities.geojson", collection(feature(square(110.00, 30.00, 110.02, 30.02),
                "{\"code\":\"" + COMMUNITY + "\",\"township_code\":\"" + TOWNSHIP + "\",\"name\":\"测试村\",\"kind\":\"VILLAGE\"}")));
        files.put("grid_cells.geojson", collection(
                cell("001", square(110.00, 30.00, 110.01, 30.02)),
                cell("002", square(110.01, 30.00, 110.02, 30.02))));
        files.put("cases.geojson", collection(aCase("TEST-0001", point(110.005, 30.01))));
        return files;
    }

    static GisDataSource source(Map<String, String> files) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return GisDataSource.of(bytes);
    }

    private long smallCityRows() {
        return jdbc.sql("""
                select (select count(*) from township where code = :t) + (select count(*) from community where code = :c)
                     + (select count(*) from grid_cell where code like :c || '%') + (select count(*) from gov_case where code like 'TEST-%')""")
                .param("t", TOWNSHIP).param("c", COMMUNITY).query(Long.class).single();
    }

    private GisDataProblem refused(Map<String, String> files) {
        var thrown = assertThatThrownBy(() -> loader.load(source(files))).isInstanceOf(GisDataException.class);
        GisDataException e = (GisDataException) thrown.actual();
        assertThat(smallCityRows()).as("nothing of a refused load is stored").isZero();
        return e.problems().getFirst();
    }

    // ------------------------------------------------------------------ tests

    @Test
    @Transactional // rolled back afterwards: the shared database keeps only the demo city
    void aValidCityLoadsAndItsCaseFindsItsCell() {
        LoadReport report = loader.load(source(smallCity()));
        assertThat(report.stored()).containsEntry("townships", 1).containsEntry("grid_cells", 2).containsEntry("cases", 1);
        assertThat(jdbc.sql("select c.code from gov_case k join grid_cell c on c.id = k.grid_cell_id where k.code = 'TEST-0001'")
                .query(String.class).single()).isEqualTo(COMMUNITY + "001");
    }

    @Test
    @Transactional
    void aPointOnTheBoundaryOfTwoCellsGoesToTheLowerCode() {
        Map<String, String> files = smallCity();
        files.put("cases.geojson", collection(aCase("TEST-0002", point(110.01, 30.01))));
        loader.load(source(files));
        assertThat(jdbc.sql("select c.code from gov_case k join grid_cell c on c.id = k.grid_cell_id where k.code = 'TEST-0002'")
                .query(String.class).single()).isEqualTo(COMMUNITY + "001");
    }

    @Test
    void aSelfIntersectingRingIsRefusedNamingTheCell() {
        Map<String, String> files = smallCity();
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[110.01,30.0],[110.02,30.02],[110.02,30.0],[110.01,30.02],[110.01,30.0]]]}";
        files.put("grid_cells.geojson", collection(cell("001", square(110.00, 30.00, 110.01, 30.02)), cell("002", bowTie)));
        GisDataProblem problem = refused(files);
        assertThat(problem.file()).isEqualTo("grid_cells.geojson");
        assertThat(problem.feature()).isEqualTo("feature #2 (" + COMMUNITY + "002)");
        assertThat(problem.message()).contains("invalid geometry").contains("Self-intersection");
    }

    @Test
    void anUnclosedRingIsRefused() {
        Map<String, String> files = smallCity();
        String open = "{\"type\":\"Polygon\",\"coordinates\":[[[110.01,30.0],[110.02,30.0],[110.02,30.02],[110.01,30.02]]]}";
        files.put("grid_cells.geojson", collection(cell("001", square(110.00, 30.00, 110.01, 30.02)), cell("002", open)));
        GisDataProblem problem = refused(files);
        assertThat(problem.feature()).isEqualTo("feature #2 (" + COMMUNITY + "002)");
        assertThat(problem.message()).contains("geometry cannot be read");
    }

    @Test
    void latitudeLongitudeOrderIsRecognisedAndRefused() {
        Map<String, String> files = smallCity();
        files.put("cases.geojson", collection(aCase("TEST-0003", point(30.01, 110.005))));
        GisDataProblem problem = refused(files);
        assertThat(problem.toString()).isEqualTo("cases.geojson, feature #1 (TEST-0003): coordinates [30.01, 110.005] are in "
                + "latitude, longitude order; GeoJSON needs [longitude, latitude]");
    }

    @Test
    void anUnknownPropertyIsRefusedNotDropped() {
        Map<String, String> files = smallCity();
        files.put("cases.geojson", collection(aCase("TEST-0004", point(110.005, 30.01)).replace("\"severity\":1", "\"severty\":1")));
        GisDataProblem problem = refused(files);
        assertThat(problem.feature()).isEqualTo("feature #1 (TEST-0004)");
        assertThat(problem.message()).startsWith("unknown property 'severty'");
    }

    @Test
    void anOutOfRangeCoordinateIsRefused() {
        Map<String, String> files = smallCity();
        files.put("cases.geojson", collection(aCase("TEST-0005", point(190.0, 30.01))));
        assertThat(refused(files).message()).contains("[190, 30.01] is out of range");
    }

    @Test
    void projectedMetresWithoutADeclaredCrsAreRefused() {
        Map<String, String> files = smallCity();
        files.put("cases.geojson", collection(aCase("TEST-0006", point(500_000, 3_320_000))));
        assertThat(refused(files).message()).contains("look projected (metres)");
    }

    @Test
    void aCrsWeDoNotConvertIsRefusedForTheWholeFile() {
        Map<String, String> files = smallCity();
        files.put("cases.geojson", files.get("cases.geojson").replace("{\"type\":\"FeatureCollection\",",
                "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::2385\"}},"));
        GisDataProblem problem = refused(files);
        assertThat(problem.feature()).isEmpty();
        assertThat(problem.message()).contains("EPSG:2385").contains("reproject");
    }

    @Test
    void outOfRangeValuesAndDuplicatesAreRefused() {
        Map<String, String> files = smallCity();
        files.put("cases.geojson", collection(aCase("TEST-0007", point(110.005, 30.01)).replace("\"severity\":1", "\"severity\":7")));
        assertThat(refused(files).message()).isEqualTo("property 'severity' is 7; allowed range is 1 to 4");

        files.put("cases.geojson", collection(aCase("TEST-0008", point(110.005, 30.01)), aCase("TEST-0008", point(110.006, 30.01))));
        assertThat(refused(files).message()).isEqualTo("duplicate code TEST-0008 (also feature #1)");
    }

    @Test
    void aCaseOutsideEveryCellIsRefusedByTheDatabaseAndTheWholeLoadRollsBack() {
        Map<String, String> files = smallCity();
        files.put("cases.geojson", collection(aCase("TEST-0009", point(110.005, 30.01)), aCase("TEST-0010", point(110.05, 30.01))));
        GisDataProblem problem = refused(files); // the township, community and cells stored before it are gone too
        assertThat(problem.feature()).isEqualTo("feature #2 (TEST-0010)");
        assertThat(problem.message()).contains("lies outside every grid cell");
    }

    @Test
    void cellsThatLeaveAGapInTheirCommunityAreRefused() {
        Map<String, String> files = smallCity();
        files.put("grid_cells.geojson", collection(cell("001", square(110.00, 30.00, 110.01, 30.02)),
                cell("002", square(110.011, 30.00, 110.02, 30.02))));
        GisDataProblem problem = refused(files);
        assertThat(problem.message()).startsWith("community " + COMMUNITY + " (测试村): ").endsWith("m² lie in no grid cell");
    }

    @Test
    void anOversizeFileIsRefusedBeforeItIsRead() {
        GisDataSource huge = new GisDataSource() {
            final GisDataSource small = source(smallCity());

            @Override
            public Optional<Long> size(String fileName) throws java.io.IOException {
                return "cases.geojson".equals(fileName) ? Optional.of(2L << 30) : small.size(fileName);
            }

            @Override
            public byte[] read(String fileName) throws java.io.IOException {
                if ("cases.geojson".equals(fileName)) throw new AssertionError("an oversize file must not be read");
                return small.read(fileName);
            }

            @Override
            public String describe() {
                return "oversize";
            }
        };
        assertThatThrownBy(() -> loader.load(huge)).isInstanceOf(GisDataException.class)
                .hasMessageContaining("cases.geojson: is 2048.0 MB; the limit is");
        assertThat(smallCityRows()).isZero();
    }

    @Test
    @Transactional
    void dataInCgcs2000GaussKrugerIsConvertedToWgs84() {
        // EPSG:4546 is CGCS2000 / 3-degree Gauss-Kruger CM 111E: project the small city's case into it.
        var gk = new CRSFactory().createFromParameters("gk", "+proj=tmerc +lat_0=0 +lon_0=111 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs");
        var wgs = new CRSFactory().createFromParameters("wgs", "+proj=longlat +datum=WGS84 +no_defs");
        ProjCoordinate projected = new ProjCoordinate();
        new CoordinateTransformFactory().createTransform(wgs, gk).transform(new ProjCoordinate(110.005, 30.01), projected);
        assertThat(CoordinateSystems.toWgs84(4546)).isPresent();

        Map<String, String> files = smallCity();
        files.put("cases.geojson", "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4546\"}},"
                + "\"features\":[" + aCase("TEST-0011", point(projected.x, projected.y)) + "]}");
        loader.load(source(files));
        double[] lonLat = jdbc.sql("select ST_X(geom), ST_Y(geom) from gov_case where code = 'TEST-0011'")
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        assertThat(lonLat[0]).isCloseTo(110.005, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(lonLat[1]).isCloseTo(30.01, org.assertj.core.data.Offset.offset(1e-7));
    }
}
