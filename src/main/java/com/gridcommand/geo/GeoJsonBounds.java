package com.gridcommand.geo;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;

/**
 * The box around GeoJSON geometries (a geometry, a GeometryCollection, a Feature or a FeatureCollection), read
 * position by position; geometries are added one by one. Text that is not JSON adds nothing.
 */
public final class GeoJsonBounds {

    private double west = Double.MAX_VALUE, south = Double.MAX_VALUE, east = -Double.MAX_VALUE, north = -Double.MAX_VALUE;

    public GeoJsonBounds add(String geoJson) {
        if (geoJson == null) return this;
        try {
            node(JsonMapper.shared().readTree(geoJson));
        } catch (JacksonException notJson) {
            // nothing to add
        }
        return this;
    }

    /** The box, or empty when no position was added. */
    public Optional<Bbox> bbox() {
        return west <= east ? Optional.of(Bbox.clamped(west, south, east, north)) : Optional.empty();
    }

    private void node(JsonNode node) {
        if (node == null || !node.isObject()) return;
        if (node.has("coordinates")) positions(node.get("coordinates"));
        for (String list : new String[]{"geometries", "features"}) if (node.has(list)) for (JsonNode n : node.get(list)) node(n);
        if (node.has("geometry")) node(node.get("geometry"));
    }

    private void positions(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) return;
        if (node.get(0).isNumber()) {
            if (node.size() < 2 || !node.get(1).isNumber()) return;
            double x = node.get(0).asDouble(), y = node.get(1).asDouble();
            west = Math.min(west, x);
            south = Math.min(south, y);
            east = Math.max(east, x);
            north = Math.max(north, y);
            return;
        }
        for (JsonNode n : node) positions(n);
    }
}
