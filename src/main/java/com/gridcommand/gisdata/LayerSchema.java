package com.gridcommand.gisdata;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a layer's GeoJSON must look like: its file, geometry types, and properties. Properties not
 * listed are refused (a misspelt name must not silently drop data).
 *
 * @param name          the file is {@code <name>.geojson}
 * @param order         load order; parents before children
 * @param required      a city's data set must have this file
 * @param geometryKinds accepted geometry types; a Polygon where MultiPolygon is asked is accepted and promoted
 * @param geometryOptional features may have {@code "geometry": null}
 * @param key           the property that identifies a feature (unique within the file)
 * @param properties    by name, in documentation order
 */
public record LayerSchema(String name, int order, boolean required, Set<GeometryKind> geometryKinds,
                          boolean geometryOptional, String key, Map<String, PropertySpec> properties) {

    public static Builder layer(String name, int order) {
        return new Builder(name, order);
    }

    public static final class Builder {
        private final String name;
        private final int order;
        private boolean required;
        private final EnumSet<GeometryKind> kinds = EnumSet.noneOf(GeometryKind.class);
        private boolean geometryOptional;
        private String key;
        private final List<PropertySpec> properties = new ArrayList<>();

        private Builder(String name, int order) {
            this.name = name;
            this.order = order;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder geometry(GeometryKind kind, GeometryKind... more) {
            kinds.add(kind);
            kinds.addAll(List.of(more));
            return this;
        }

        public Builder geometryOptional() {
            this.geometryOptional = true;
            return this;
        }

        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder property(PropertySpec spec) {
            properties.add(spec);
            return this;
        }

        public LayerSchema build() {
            Map<String, PropertySpec> byName = new LinkedHashMap<>();
            for (PropertySpec p : properties) byName.put(p.name(), p);
            if (key != null && !byName.containsKey(key)) throw new IllegalStateException("key " + key + " is not a property of " + name);
            return new LayerSchema(name, order, required, Set.copyOf(kinds), geometryOptional, key, byName);
        }
    }
}
