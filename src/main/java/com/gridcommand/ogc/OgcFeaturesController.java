package com.gridcommand.ogc;

import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;

/**
 * OGC API – Features, Part 1 (Core + GeoJSON): landing page, conformance, collections, items with
 * {@code bbox}, {@code limit} and {@code offset}, and single items. Coordinates in CRS84 (lon, lat).
 * Features outside the caller's areas do not exist here: not in lists, 404 by id.
 */
@RestController
@RequestMapping("/ogc")
class OgcFeaturesController {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /** Full detail: raw boundaries and every road class. */
    static final int FULL_DETAIL_ZOOM = 22;

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

    @GetMapping(value = {"", "/"}, produces = MediaType.APPLICATION_JSON_VALUE)
    String landing() {
        ObjectNode n = NODES.objectNode();
        n.put("title", "GridCommand 综治指挥平台 – OGC API Features");
        n.put("description", "The governance map, read-only, limited to your areas.");
        ArrayNode links = n.putArray("links");
        link(links, base(), "self", "application/json", "this document");
        link(links, base() + "/conformance", "conformance", "application/json", "conformance classes");
        link(links, base() + "/collections", "data", "application/json", "the collections");
        return n.toString();
    }

    @GetMapping(value = "/conformance", produces = MediaType.APPLICATION_JSON_VALUE)
    String conformance() {
        ObjectNode n = NODES.objectNode();
        n.putArray("conformsTo").add("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core")
                .add("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson");
        return n.toString();
    }

    @GetMapping(value = "/collections", produces = MediaType.APPLICATION_JSON_VALUE)
    String collections() {
        ObjectNode n = NODES.objectNode();
        link(n.putArray("links"), base() + "/collections", "self", "application/json", "the collections");
        ArrayNode list = n.putArray("collections");
        for (FeatureCollections.Collection c : collections.all()) list.add(describe(c));
        return n.toString();
    }

    @GetMapping(value = "/collections/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> collection(@PathVariable String id) {
        return collections.get(id).map(c -> ResponseEntity.ok(describe(c).toString()))
                .orElseGet(() -> notFound("no collection " + id));
    }

    private ObjectNode describe(FeatureCollections.Collection c) {
        ObjectNode n = NODES.objectNode();
        n.put("id", c.id());
        n.put("title", c.title());
        n.put("description", c.description());
        n.put("itemType", "feature");
        n.putArray("crs").add("http://www.opengis.net/def/crs/OGC/1.3/CRS84");
        ArrayNode links = n.putArray("links");
        link(links, base() + "/collections/" + c.id(), "self", "application/json", c.title());
        link(links, base() + "/collections/" + c.id() + "/items", "items", GEO_JSON.toString(), c.title());
        return n;
    }

    @GetMapping(value = "/collections/{id}/items", produces = "application/geo+json")
    ResponseEntity<String> items(@PathVariable String id, @RequestParam(required = false) String bbox,
                                 @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit, @RequestParam(defaultValue = "0") int offset) {
        var collection = collections.get(id);
        if (collection.isEmpty()) return notFound("no collection " + id);
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        if (offset < 0) throw new IllegalArgumentException("offset must not be negative");
        Bbox box = parseBbox(bbox);
        List<GeoFeature> all = sorted(collection.get().items().apply(new Viewport(box, FULL_DETAIL_ZOOM)));
        List<GeoFeature> page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"timeStamp\":")
                .append(json.writeValueAsString(OffsetDateTime.now(clock).toString()))
                .append(",\"numberMatched\":").append(all.size()).append(",\"numberReturned\":").append(page.size())
                .append(",\"features\":[");
        for (int i = 0; i < page.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(feature(page.get(i)));
        }
        ArrayNode links = NODES.arrayNode();
        String self = base() + "/collections/" + id + "/items?limit=" + limit + (bbox == null ? "" : "&bbox=" + bbox);
        link(links, self + "&offset=" + offset, "self", GEO_JSON.toString(), "this page");
        if (offset + limit < all.size()) link(links, self + "&offset=" + (offset + limit), "next", GEO_JSON.toString(), "next page");
        sb.append("],\"links\":").append(links).append('}');
        return ResponseEntity.ok().contentType(GEO_JSON).body(sb.toString());
    }

    @GetMapping(value = "/collections/{id}/items/{featureId}", produces = "application/geo+json")
    ResponseEntity<String> item(@PathVariable String id, @PathVariable String featureId) {
        var collection = collections.get(id);
        if (collection.isEmpty()) return notFound("no collection " + id);
        return collection.get().items().apply(new Viewport(parseBbox(null), FULL_DETAIL_ZOOM)).stream()
                .filter(f -> f.id().equals(featureId)).findFirst()
                .map(f -> ResponseEntity.ok().contentType(GEO_JSON).body(feature(f)))
                .orElseGet(() -> notFound("no feature " + featureId + " in " + id));
    }

    private String feature(GeoFeature f) {
        return "{\"type\":\"Feature\",\"id\":" + json.writeValueAsString(f.id()) + ",\"geometry\":" + f.geometry()
                + ",\"properties\":" + json.writeValueAsString(f.properties()) + "}";
    }

    private static List<GeoFeature> sorted(List<GeoFeature> features) {
        return features.stream().sorted(Comparator.comparingLong(f -> Long.parseLong(f.id()))).toList();
    }

    /** {@code west,south,east,north} in CRS84; none means everything. */
    static Bbox parseBbox(String bbox) {
        if (bbox == null || bbox.isBlank()) return new Bbox(-180, -90, 180, 90);
        String[] parts = bbox.split(",");
        if (parts.length != 4) throw new IllegalArgumentException("bbox must be west,south,east,north");
        try {
            return new Bbox(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()),
                    Double.parseDouble(parts[2].trim()), Double.parseDouble(parts[3].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bbox must be four numbers: west,south,east,north");
        }
    }

    private static void link(ArrayNode links, String href, String rel, String type, String title) {
        links.addObject().put("href", href).put("rel", rel).put("type", type).put("title", title);
    }

    private static ResponseEntity<String> notFound(String message) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                .body(NODES.objectNode().put("code", "NotFound").put("description", message).toString());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<String> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(NODES.objectNode().put("code", "InvalidParameterValue").put("description", e.getMessage()).toString());
    }
}
