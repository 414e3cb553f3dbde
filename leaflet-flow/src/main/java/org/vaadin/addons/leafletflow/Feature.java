package org.vaadin.addons.leafletflow;

import java.util.Map;

/**
 * A GeoJSON feature for the map: an id unique within its layer, the geometry as GeoJSON text, and
 * properties used by style rules and tooltips. Property values are shown as text, never as HTML.
 * The properties are copied (in their order) into an unmodifiable compact map: a feature is a value, and
 * equal features on different maps are held once (see {@link FeatureLayer}).
 */
public record Feature(String id, String geometryJson, Map<String, Object> properties) {

    public Feature {
        if (id == null || id.isEmpty()) throw new IllegalArgumentException("a feature needs an id");
        properties = Properties.of(properties);
    }
}
