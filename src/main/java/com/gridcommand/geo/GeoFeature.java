package com.gridcommand.geo;

import java.util.Map;

/**
 * A feature as the map receives it: an id unique within its layer, a GeoJSON geometry (already
 * filtered and simplified for a viewport) and display properties.
 */
public record GeoFeature(String id, String geometry, Map<String, Object> properties) {
}
