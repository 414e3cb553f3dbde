package com.gridcommand.gisdata;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * One layer of map data a feature module accepts from GeoJSON: its schema and how a validated
 * feature is stored. Implementations are Spring beans in the module that owns the table.
 */
public interface GisLayer {

    LayerSchema schema();

    /**
     * Stores one validated feature. Problems only the database can see (an unknown parent code,
     * a point outside the city) are reported by throwing {@link GisFeatureRejectedException}.
     */
    void insert(JdbcClient jdbc, GisFeature feature);

    /** How many features of this layer the database holds. */
    long storedCount(JdbcClient jdbc);

    /** Checks across the whole layer once it is stored (e.g. cells tiling their community); returns problems. */
    default List<String> afterLoad(JdbcClient jdbc) {
        return List.of();
    }
}
