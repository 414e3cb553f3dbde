package com.gridcommand.ogc;

import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * OGC API – Features, Part 1 (Core, GeoJSON, OpenAPI 3.0): landing page with its {@code service-desc}, conformance,
 * collections with their extent, items with {@code bbox}, {@code limit} and {@code offset} (paged by the database,
 * in id order, with {@code next} links), and single items. Coordinates in CRS84 (lon, lat). Features outside the
 * caller's areas do not exist here: not in lists, not in extents, 404 by id.
 */
@RestController
@RequestMapping("/ogc")
class OgcFeaturesController {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");
    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FeatureCollections collections;
    private final JsonMapper json;
    private final Clock clock;

    OgcFeaturesController(FeatureCollections collections, JsonMapper json, Clock clock) {
        this.collections = collections;
        this.json = json;
        this.clock = clock;
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/ogc").toUriString();
    }

    @GetMapping({"", "/"})
    ResponseEntity<String> landing() {
        ObjectNode n = NODES.objectNode();
        n.put("title", "GridCommand 综治指挥平台 – OGC API Features");
        n.put("description", "The governance map, read-only, limited to your areas.");
        ArrayNode links = n.putArray("links");
        link(links, base(), "self", "application/json", "this document");
        link(links, base() + "/api", "service-desc", OpenApiDocument.MEDIA_TYPE, "the API definition (OpenAPI 3.0)");
        link(links, base() + "/conformance", "conformance", "application/json", "conformance classes");
        link(links, base() + "/collections", "data", "application/json", "the collections");
        return json(n);
    }

    @GetMapping("/api")
    ResponseEntity<String> api() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(OpenApiDocument.MEDIA_TYPE))
                .body(OpenApiDocument.describe(base(), collections.all()).toString());
    }

    @GetMapping("/conformance")
    ResponseEntity<String> conformance() {
        ObjectNode n = NODES.objectNode();
        n.putArray("conformsTo").add("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core")
                .add("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson")
                .add("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30");
        return json(n);
    }

    @GetMapping("/collections")
    ResponseEntity<String> collections() {
        ObjectNode n = NODES.objectNode();
        link(n.putArray("links"), base() + "/collections", "self", "application/json", "the collections");
        ArrayNode list = n.putArray("collections");
        for (FeatureCollections.Collection c : collections.all()) list.add(describe(c));
        return json(n);
    }

    @GetMapping("/collections/{id}")
    ResponseEntity<String> collection(@PathVariable String id) {
        return collections.get(id).map(c -> json(describe(c))).orElseGet(() -> notFound("there is no collection '" + id + "'"));
    }

    private ObjectNode describe(FeatureCollections.Collection c) {
        ObjectNode n = NODES.objectNode();
        n.put("id", c.id());
        n.put("title", c.title());
        n.put("description", c.description());
        n.put("itemType", "feature");
        n.putArray("crs").add(CRS84);
        FeatureExtent extent = c.extent().get();
        if (extent.bbox() != null || extent.from() != null) {
            ObjectNode e = n.putObject("extent");
            if (extent.bbox() != null) {
                Bbox b = extent.bbox();
                ObjectNode spatial = e.putObject("spatial");
                spatial.putArray("bbox").addArray().add(b.west()).add(b.south()).add(b.east()).add(b.north());
                spatial.put("crs", CRS84);
            }
            if (extent.from() != null) {
                ObjectNode temporal = e.putObject("temporal");
                temporal.putArray("interval").addArray().add(extent.from().toString()).add(extent.to().toString());
                temporal.put("trs", "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian");
            }
        }
        ArrayNode links = n.putArray("links");
        link(links, base() + "/collections/" + c.id(), "self", "application/json", c.title());
        link(links, base() + "/collections/" + c.id() + "/items", "items", GEO_JSON.toString(), c.title());
        return n;
    }

    @GetMapping("/collections/{id}/items")
    ResponseEntity<String> items(@PathVariable String id, HttpServletRequest request) {
        var collection = collections.get(id);
        if (collection.isEmpty()) return notFound("there is no collection '" + id + "'");
        ItemsQuery query = ItemsQuery.parse(request.getParameterMap());
        FeaturePage page = collection.get().items().apply(query.request());
        List<GeoFeature> features = page.features();
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"timeStamp\":")
                .append(json.writeValueAsString(OffsetDateTime.now(clock).toString()))
                .append(",\"numberMatched\":").append(page.numberMatched()).append(",\"numberReturned\":").append(features.size())
                .append(",\"features\":[");
        for (int i = 0; i < features.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(feature(features.get(i)));
        }
        ArrayNode links = NODES.arrayNode();
        link(links, pageUrl(id, query, query.offset()), "self", GEO_JSON.toString(), "this page");
        long next = query.offset() + query.limit();
        if (next < page.numberMatched() && next <= ItemsQuery.MAX_OFFSET) link(links, pageUrl(id, query, next), "next", GEO_JSON.toString(), "next page");
        if (query.offset() > 0) {
            link(links, pageUrl(id, query, Math.max(0, query.offset() - query.limit())), "prev", GEO_JSON.toString(), "previous page");
        }
        link(links, base() + "/collections/" + id, "collection", "application/json", collection.get().title());
        sb.append("],\"links\":").append(links).append('}');
        return ResponseEntity.ok().contentType(GEO_JSON).body(sb.toString());
    }

    private static String pageUrl(String id, ItemsQuery query, long offset) {
        UriComponentsBuilder url = UriComponentsBuilder.fromUriString(base() + "/collections/" + id + "/items")
                .queryParam("limit", query.limit()).queryParam("offset", offset);
        if (query.bboxText() != null) url.queryParam("bbox", query.bboxText());
        return url.encode().toUriString();
    }

    @GetMapping("/collections/{id}/items/{featureId}")
    ResponseEntity<String> item(@PathVariable String id, @PathVariable String featureId) {
        var collection = collections.get(id);
        if (collection.isEmpty()) return notFound("there is no collection '" + id + "'");
        long number;
        try {
            number = Long.parseLong(featureId);
        } catch (NumberFormatException e) {
            return notFound("there is no feature '" + shorten(featureId) + "' in " + id + " (ids are whole numbers)");
        }
        return collection.get().items().apply(FeaturePage.Request.one(number)).features().stream().findFirst()
                .map(f -> ResponseEntity.ok().contentType(GEO_JSON).body(feature(f)))
                .orElseGet(() -> notFound("there is no feature " + number + " in " + id + " within your areas"));
    }

    private String feature(GeoFeature f) {
        // A numeric id is written as a number: GDAL and QGIS then keep it as the feature id.
        String id = f.id().matches("\\d{1,18}") ? f.id() : json.writeValueAsString(f.id());
        return "{\"type\":\"Feature\",\"id\":" + id + ",\"geometry\":" + f.geometry()
                + ",\"properties\":" + json.writeValueAsString(f.properties()) + "}";
    }

    private static void link(ArrayNode links, String href, String rel, String type, String title) {
        links.addObject().put("href", href).put("rel", rel).put("type", type).put("title", title);
    }

    private static ResponseEntity<String> json(ObjectNode body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body.toString());
    }

    private static ResponseEntity<String> notFound(String message) {
        return exception(HttpStatus.NOT_FOUND, "NotFound", message);
    }

    private static ResponseEntity<String> exception(HttpStatus status, String code, String description) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(NODES.objectNode().put("code", code).put("description", description).toString());
    }

    @ExceptionHandler(ItemsQuery.InvalidParameter.class)
    ResponseEntity<String> badRequest(ItemsQuery.InvalidParameter e) {
        return exception(HttpStatus.BAD_REQUEST, "InvalidParameterValue", e.getMessage());
    }

    /** A query Tomcat cannot decode (a bad %-escape) is the client's mistake: 400, not an error with a stack trace. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<String> undecodable(InvalidParameterException e) {
        return exception(HttpStatus.BAD_REQUEST, "InvalidParameterValue", "the query string is not properly %-encoded (UTF-8)");
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
