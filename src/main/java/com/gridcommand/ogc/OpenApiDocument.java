package com.gridcommand.ogc;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The API's OpenAPI 3.0 description (the landing page's {@code service-desc}), written from the same constants the
 * controller checks. Each collection's items path is listed by name, not only as a template: GDAL looks up its
 * page size under the concrete path and follows the {@code limit} parameter's {@code $ref}.
 */
final class OpenApiDocument {

    static final String MEDIA_TYPE = "application/vnd.oai.openapi+json;version=3.0";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenApiDocument() {
    }

    static ObjectNode describe(String base, List<FeatureCollections.Collection> collections) {
        ObjectNode doc = NODES.objectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info").put("title", "GridCommand 综治指挥平台 – OGC API Features").put("version", "1.0")
                .put("description", "The governance map, read-only, limited to the signed-in user's areas (the road network, the basemap,"
                        + " is served to every signed-in user). Coordinates in CRS84 (longitude, latitude).");
        doc.putArray("servers").addObject().put("url", base);
        doc.putArray("security").addObject().putArray("basicAuth");
        ObjectNode paths = doc.putObject("paths");
        path(paths, "/", "landing page", "getLandingPage", "application/json", List.of());
        path(paths, "/api", "this API description", "getApiDescription", MEDIA_TYPE, List.of());
        path(paths, "/conformance", "the conformance classes", "getConformance", "application/json", List.of());
        path(paths, "/collections", "the collections", "getCollections", "application/json", List.of());
        ArrayNode ids = NODES.arrayNode();
        collections.forEach(c -> ids.add(c.id()));
        path(paths, "/collections/{collectionId}", "a collection", "describeCollection", "application/json", List.of("collectionId"));
        path(paths, "/collections/{collectionId}/items", "features of a collection", "getFeatures", "application/geo+json",
                List.of("collectionId", "limit", "offset", "bbox", "f"));
        path(paths, "/collections/{collectionId}/items/{featureId}", "one feature", "getFeature", "application/geo+json",
                List.of("collectionId", "featureId"));
        for (FeatureCollections.Collection c : collections) {
            path(paths, "/collections/" + c.id() + "/items", c.title(), "getFeatures_" + c.id(), "application/geo+json",
                    List.of("limit", "offset", "bbox", "f"));
            path(paths, "/collections/" + c.id() + "/items/{featureId}", c.title() + ": one feature", "getFeature_" + c.id(),
                    "application/geo+json", List.of("featureId"));
        }
        ObjectNode components = doc.putObject("components");
        components.putObject("securitySchemes").putObject("basicAuth").put("type", "http").put("scheme", "basic")
                .put("description", "a GridCommand user's name and password");
        ObjectNode parameters = components.putObject("parameters");
        ObjectNode collectionId = parameter(parameters, "collectionId", "path", "the collection", true);
        collectionId.putObject("schema").put("type", "string").set("enum", ids);
        parameter(parameters, "featureId", "path", "the feature's id (a whole number)", true).putObject("schema").put("type", "string");
        parameter(parameters, "limit", "query", "at most this many features per page; a larger value is served as " + ItemsQuery.MAX_LIMIT, false)
                .putObject("schema").put("type", "integer").put("minimum", 1).put("maximum", ItemsQuery.MAX_LIMIT)
                .put("default", ItemsQuery.DEFAULT_LIMIT);
        parameter(parameters, "offset", "query", "features to skip, in id order (the next link carries it); to page past "
                + ItemsQuery.MAX_OFFSET + ", narrow the bbox", false)
                .putObject("schema").put("type", "integer").put("minimum", 0).put("maximum", ItemsQuery.MAX_OFFSET).put("default", 0);
        ObjectNode bbox = parameter(parameters, "bbox", "query",
                "minLon,minLat,maxLon,maxLat in CRS84 (or 6 numbers with heights); features whose geometry intersects it", false);
        bbox.put("style", "form").put("explode", false);
        bbox.putObject("schema").put("type", "array").put("minItems", 4).put("maxItems", 6).putObject("items").put("type", "number");
        parameter(parameters, "f", "query", "the format: GeoJSON only", false)
                .putObject("schema").put("type", "string").set("enum", NODES.arrayNode().add("json").add("geojson"));
        ObjectNode exception = components.putObject("schemas").putObject("exception").put("type", "object")
                .put("description", "what was wrong (OGC API exception)");
        exception.putArray("required").add("code");
        ObjectNode properties = exception.putObject("properties");
        properties.putObject("code").put("type", "string");
        properties.putObject("description").put("type", "string");
        return doc;
    }

    private static ObjectNode path(ObjectNode paths, String path, String summary, String operationId, String mediaType, List<String> parameters) {
        ObjectNode item = paths.putObject(path);
        ObjectNode get = item.putObject("get").put("summary", summary).put("operationId", operationId);
        ArrayNode refs = get.putArray("parameters");
        for (String p : parameters) refs.addObject().put("$ref", "#/components/parameters/" + p);
        ObjectNode responses = get.putObject("responses");
        responses.putObject("200").put("description", summary).putObject("content").putObject(mediaType);
        if (parameters.stream().anyMatch(p -> !p.equals("collectionId") && !p.equals("featureId"))) {
            error(responses, "400", "a parameter is invalid or unknown");
        }
        if (path.contains("{")) error(responses, "404", "no such collection or feature (or not in your areas)");
        error(responses, "401", "not signed in");
        return item;
    }

    private static void error(ObjectNode responses, String status, String description) {
        responses.putObject(status).put("description", description).putObject("content").putObject("application/json")
                .putObject("schema").put("$ref", "#/components/schemas/exception");
    }

    private static ObjectNode parameter(ObjectNode parameters, String name, String in, String description, boolean required) {
        return parameters.putObject(name).put("name", name).put("in", in).put("description", description).put("required", required);
    }
}
