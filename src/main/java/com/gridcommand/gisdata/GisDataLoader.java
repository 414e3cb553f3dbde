package com.gridcommand.gisdata;

import com.gridcommand.gisdata.internal.LayerLoading;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Service;

/**
 * Loads a city's map data: validates every file against its layer's schema first, then stores all
 * layers in one transaction. Any problem, found by the schema or by the database, stores nothing.
 */
@Service
public class GisDataLoader {

    private final LayerLoading loading;
    private final ResourceLoader resources;
    private final GisDataProperties properties;

    GisDataLoader(LayerLoading loading, ResourceLoader resources, GisDataProperties properties) {
        this.loading = loading;
        this.resources = resources;
        this.properties = properties;
    }

    /** Loads from the configured location. */
    public LoadReport loadConfigured() {
        return load(new ResourceFolder(resources, properties.location()));
    }

    /** @throws GisDataException listing every problem; nothing was stored */
    public LoadReport load(GisDataSource source) {
        return loading.load(source);
    }

    /** True when no layer holds any data yet. */
    public boolean isEmpty() {
        return loading.isEmpty();
    }
}
