package com.gridcommand.ogc;

import com.gridcommand.security.internal.DemoUsers;
import com.gridcommand.support.TestClockConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The OGC API as GIS clients (GDAL's OAPIF driver, QGIS) read it: description, extents, paging, bad parameters. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class OgcApiTest {

    @Autowired
    com.gridcommand.support.TestClock clock;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> get(String pathOrUrl, String user) throws Exception {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : "http://localhost:" + port + pathOrUrl;
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET()
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + DemoUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode read(String path, String user) throws Exception {
        HttpResponse<String> r = get(path, user);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private static JsonNode link(JsonNode document, String rel) {
        for (JsonNode l : document.path("links")) if (l.path("rel").asString().equals(rel)) return l;
        return null;
    }

    @Test
    void theLandingPageLinksAnOpenApiDescriptionWhoseItemsPathsStateTheLimitsDefaultAndMaximum() throws Exception {
        JsonNode landing = read("/ogc", "zhihui");
        JsonNode desc = link(landing, "service-desc");
        assertThat(desc).as(landing.toString()).isNotNull();
        assertThat(desc.path("type").asString()).isEqualTo("application/vnd.oai.openapi+json;version=3.0");
        assertThat(link(landing, "conformance")).isNotNull();
        assertThat(link(landing, "data")).isNotNull();

        HttpResponse<String> api = get(desc.path("href").asString(), "zhihui");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.oai.openapi+json;version=3.0");
        JsonNode doc = json.readTree(api.body());
        assertThat(doc.path("openapi").asString()).startsWith("3.0");
        // GDAL reads the page size under the collection's own path, through the limit parameter's $ref.
        for (String collection : List.of("townships", "roads", "open_cases")) {
            JsonNode parameters = doc.path("paths").path("/collections/" + collection + "/items").path("get").path("parameters");
            assertThat(parameters.toString()).as(collection).contains("\"$ref\":\"#/components/parameters/limit\"");
        }
        JsonNode limit = doc.path("components").path("parameters").path("limit").path("schema");
        assertThat(limit.path("default").asInt()).isEqualTo(1000);
        assertThat(limit.path("maximum").asInt()).isEqualTo(10_000);
        assertThat(doc.path("components").path("parameters").path("offset").path("schema").path("maximum").asLong()).isEqualTo(1_000_000);

        assertThat(read("/ogc/conformance", "zhihui").path("conformsTo").toString()).contains("ogcapi-features-1/1.0/conf/oas30");
    }

    /** The tight box around every coordinate of a collection's features, as GeoJSON gives them. */
    private double[] boxOfFeatures(String collection, String user) throws Exception {
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (JsonNode f : allFeatures(collection, user, 1000)) walk(f.path("geometry").path("coordinates"), box);
        return box;
    }

    private static void walk(JsonNode coordinates, double[] box) {
        if (coordinates.isArray() && !coordinates.isEmpty() && coordinates.get(0).isNumber()) {
            double x = coordinates.get(0).asDouble(), y = coordinates.get(1).asDouble();
            box[0] = Math.min(box[0], x);
            box[1] = Math.min(box[1], y);
            box[2] = Math.max(box[2], x);
            box[3] = Math.max(box[3], y);
        } else {
            coordinates.forEach(c -> walk(c, box));
        }
    }

    private List<JsonNode> allFeatures(String collection, String user, int limit) throws Exception {
        List<JsonNode> features = new ArrayList<>();
        String url = "/ogc/collections/" + collection + "/items?limit=" + limit;
        while (url != null) {
            JsonNode page = read(url, user);
            page.path("features").forEach(features::add);
            JsonNode next = link(page, "next");
            url = next == null ? null : next.path("href").asString();
        }
        return features;
    }

    @Test
    void everyCollectionStatesTheExtentOfWhatTheUserMaySee() throws Exception {
        for (String user : List.of("zhihui", "qingxi.zhihui", "wangge")) {
            JsonNode collections = read("/ogc/collections", user).path("collections");
            assertThat(collections.size()).isEqualTo(10);
            for (JsonNode c : collections) {
                String id = c.path("id").asString();
                JsonNode bbox = c.path("extent").path("spatial").path("bbox").path(0);
                if (read("/ogc/collections/" + id + "/items?limit=1", user).path("numberMatched").asLong() == 0) {
                    assertThat(bbox.isMissingNode()).as(user + " " + id + ": no features, no box").isTrue();
                    continue;
                }
                assertThat(bbox.size()).as(user + " " + id + ": " + c).isEqualTo(4);
                double[] tight = boxOfFeatures(id, user);
                for (int i = 0; i < 4; i++) {
                    // ST_Extent rounds each stored box outward a little (float4): around, and within a metre or so.
                    assertThat(bbox.get(i).asDouble()).as(user + " " + id + " edge " + i).isCloseTo(tight[i], within(2e-5));
                    // GeoJSON rounds to 7 decimals: containment up to that.
                    if (i < 2) assertThat(bbox.get(i).asDouble()).isLessThanOrEqualTo(tight[i] + 1e-7);
                    else assertThat(bbox.get(i).asDouble()).isGreaterThanOrEqualTo(tight[i] - 1e-7);
                }
            }
        }
        // A grid worker's cells are a corner of the city; the roads, the basemap, are the whole network for everyone.
        JsonNode cityCells = read("/ogc/collections/grid_cells", "zhihui").path("extent").path("spatial").path("bbox").path(0);
        JsonNode ownCells = read("/ogc/collections/grid_cells", "wangge").path("extent").path("spatial").path("bbox").path(0);
        assertThat(ownCells.get(2).asDouble() - ownCells.get(0).asDouble()).isLessThan((cityCells.get(2).asDouble() - cityCells.get(0).asDouble()) / 4);
        assertThat(read("/ogc/collections/roads", "wangge").path("extent"))
                .isEqualTo(read("/ogc/collections/roads", "zhihui").path("extent"));
        assertThat(read("/ogc/collections/roads/items?limit=1", "wangge").path("numberMatched").asLong())
                .isEqualTo(jdbc.sql("select count(*) from road_segment").query(Long.class).single());

        // Open cases have a time: from the first to the last reported, of those the user may see.
        JsonNode interval = read("/ogc/collections/open_cases", "qingxi.zhihui").path("extent").path("temporal").path("interval").path(0);
        var expected = jdbc.sql("""
                        select min(k.reported_at), max(k.reported_at) from gov_case k join township t on t.id = k.township_id
                         where t.code = '331099101000' and k.step not in ('CLOSED', 'REFERRED')""")
                .query((rs, i) -> new Instant[]{rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getObject(2, OffsetDateTime.class).toInstant()})
                .single();
        assertThat(Instant.parse(interval.get(0).asString())).isEqualTo(expected[0]);
        assertThat(Instant.parse(interval.get(1).asString())).isEqualTo(expected[1]);
    }

    @Test
    void followingTheNextLinksGivesEveryFeatureOnceInIdOrderAndAPageWithoutALimitHoldsAThousand() throws Exception {
        List<Long> expected = jdbc.sql("select id from road_segment order by id").query(Long.class).list();
        assertThat(expected.size()).isGreaterThan(1000);
        JsonNode first = read("/ogc/collections/roads/items", "zhihui");
        assertThat(first.path("numberReturned").asInt()).isEqualTo(1000);
        assertThat(first.path("numberMatched").asLong()).isEqualTo(expected.size());

        List<Long> seen = new ArrayList<>();
        String url = "/ogc/collections/roads/items?limit=300";
        int pages = 0;
        while (url != null) {
            JsonNode page = read(url, "zhihui");
            assertThat(page.path("numberMatched").asLong()).isEqualTo(expected.size());
            assertThat(page.path("numberReturned").asInt()).isEqualTo(page.path("features").size()).isLessThanOrEqualTo(300);
            page.path("features").forEach(f -> seen.add(f.path("id").asLong()));
            JsonNode next = link(page, "next");
            url = next == null ? null : next.path("href").asString();
            pages++;
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(pages).isEqualTo((expected.size() + 299) / 300);

        // A box keeps its features on every page; a limit above the maximum is served as the maximum.
        double[] centre = jdbc.sql("select ST_X(c), ST_Y(c) from (select ST_Centroid(ST_Extent(geom)::geometry) c from road_segment) x")
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        double w = Math.round((centre[0] - 0.01) * 1000) / 1000.0, south = Math.round((centre[1] - 0.01) * 1000) / 1000.0;
        double e = w + 0.02, n = south + 0.02;
        String box = w + "," + south + "," + e + "," + n;
        long inBox = jdbc.sql("select count(*) from road_segment where ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))")
                .param("w", w).param("s", south).param("e", e).param("n", n).query(Long.class).single();
        assertThat(inBox).isGreaterThan(5).isLessThan(expected.size());
        JsonNode boxed = read("/ogc/collections/roads/items?limit=5&bbox=" + box, "zhihui");
        assertThat(boxed.path("numberMatched").asLong()).isEqualTo(inBox);
        assertThat(link(boxed, "next").path("href").asString()).contains("bbox=" + box).contains("offset=5");
        assertThat(read("/ogc/collections/roads/items?limit=50000", "zhihui").path("numberReturned").asInt())
                .isEqualTo(Math.min(expected.size(), 10_000));
        // A feature by id, and an id that is none.
        long id = expected.get(7);
        assertThat(read("/ogc/collections/roads/items/" + id, "zhihui").path("id").asLong()).isEqualTo(id);
        HttpResponse<String> none = get("/ogc/collections/roads/items/abc", "zhihui");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(json.readTree(none.body()).path("code").asString()).isEqualTo("NotFound");
    }

    @Test
    void numberMatchedCountsEveryOpenCaseNotOnlyTheFiveThousandTheMapDraws() throws Exception {
        long before = jdbc.sql("select count(*) from gov_case where step not in ('CLOSED', 'REFERRED')").query(Long.class).single();
        jdbc.sql("""
                insert into gov_case (code, title, category, severity, source, step, reported_at, geom)
                select 'OGC-PAGE-' || g, 'paging probe ' || g, 'OTHER', 1, 'HOTLINE', 'INTAKE', cast(:now as timestamptz) - interval '1 day', x.geom
                  from (select geom from gov_case order by id limit 1) x, generate_series(1, 5200) g""").param("now", clock.now()).update();
        try {
            long open = before + 5200;
            JsonNode page = read("/ogc/collections/open_cases/items?limit=100&offset=5100", "zhihui");
            assertThat(page.path("numberMatched").asLong()).isEqualTo(open);
            assertThat(page.path("numberReturned").asInt()).isEqualTo(100);
            List<Long> ids = jdbc.sql("select id from gov_case where step not in ('CLOSED', 'REFERRED') order by id offset 5100 limit 100")
                    .query(Long.class).list();
            List<Long> served = new ArrayList<>();
            page.path("features").forEach(f -> served.add(f.path("id").asLong()));
            assertThat(served).isEqualTo(ids);
        } finally {
            jdbc.sql("delete from gov_case where code like 'OGC-PAGE-%'").update();
        }
    }

    @Test
    void aBadParameterIsA400OgcExceptionThatNamesIt() throws Exception {
        String[][] cases = {
                {"limit=abc", "limit"}, {"limit=-1", "limit"}, {"limit=0", "limit"}, {"limit=1.5", "limit"},
                {"offset=-1", "offset"}, {"offset=abc", "offset"}, {"offset=2147483647", "offset"}, {"offset=99999999999999999999", "offset"},
                {"bbox=1,2,3", "bbox"}, {"bbox=a,b,c,d", "bbox"}, {"bbox=120,30,119,31", "bbox"}, {"bbox=0,95,1,96", "bbox"},
                {"bbox=1,2,3,4,5", "bbox"}, {"bbox=", "bbox"}, {"datetime=2026-01-01T00:00:00Z", "datetime"}, {"foo=1", "foo"},
                {"f=xml", "f"}, {"limit=5&limit=6", "limit"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = get("/ogc/collections/townships/items?" + c[0], "zhihui");
            assertThat(r.statusCode()).as(c[0] + ": " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(c[0]).startsWith("application/json");
            JsonNode e = json.readTree(r.body());
            assertThat(e.path("code").asString()).as(c[0]).isEqualTo("InvalidParameterValue");
            assertThat(e.path("description").asString()).as(c[0]).contains(c[1]).hasSizeLessThan(200);
        }
        // Good ones: a 3-D box (heights ignored), the format asked by name, a page past the end.
        assertThat(read("/ogc/collections/townships/items?bbox=-180,-90,-1000,180,90,9000", "zhihui").path("numberMatched").asInt()).isEqualTo(5);
        assertThat(read("/ogc/collections/townships/items?f=json", "zhihui").path("numberMatched").asInt()).isEqualTo(5);
        JsonNode past = read("/ogc/collections/townships/items?offset=1000000", "zhihui");
        assertThat(past.path("numberReturned").asInt()).isZero();
        assertThat(past.path("numberMatched").asInt()).isEqualTo(5);
        assertThat(link(past, "next")).isNull();
        // A query Tomcat cannot decode, sent raw (Java's client refuses to build such a URI).
        String auth = Base64.getEncoder().encodeToString(("zhihui:" + DemoUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(("GET /ogc/collections/townships/items?bbox=%ZZ HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                    + auth + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("InvalidParameterValue");
        }
    }
}
