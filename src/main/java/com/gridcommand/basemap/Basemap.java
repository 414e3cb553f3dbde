package com.gridcommand.basemap;

import com.gridcommand.area.AreaLevel;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.vaadin.addons.leafletflow.FeatureLayer;
import org.vaadin.addons.leafletflow.LeafletMap;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The basemap on one screen's map: the parts it asks for (a screen that draws its own areas leaves those out),
 * loaded for each view the map reports. The screen passes each view on with {@link #show(Viewport)}.
 */
public final class Basemap {

    public enum Part { ROADS, TOWNSHIPS, COMMUNITIES, CELLS, NAMES }

    private final BasemapLayers layers;
    private final Map<Part, FeatureLayer> shown = new EnumMap<>(Part.class);
    private Viewport view;

    public Basemap(LeafletMap map, BasemapLayers layers, Texts t, Set<Part> parts) {
        this.layers = layers;
        Set<Part> wanted = parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts);
        if (wanted.contains(Part.ROADS)) shown.put(Part.ROADS, map.addLayer(layers.roads(t)));
        if (wanted.contains(Part.TOWNSHIPS)) shown.put(Part.TOWNSHIPS, map.addLayer(layers.areas(AreaLevel.TOWNSHIP, t, false)));
        if (wanted.contains(Part.COMMUNITIES)) shown.put(Part.COMMUNITIES, map.addLayer(layers.areas(AreaLevel.COMMUNITY, t, false)));
        if (wanted.contains(Part.CELLS)) shown.put(Part.CELLS, map.addLayer(layers.areas(AreaLevel.GRID_CELL, t, false)));
        if (wanted.contains(Part.NAMES)) shown.put(Part.NAMES, map.addLayer(layers.names(t)));
        map.addLayerToggleListener(e -> {
            if (view != null) shown.values().stream().filter(l -> l.id().equals(e.layerId())).findFirst().ifPresent(l -> load(l, view));
        });
    }

    /** Every part: roads, all outlines and names. */
    public static Set<Part> all() {
        return EnumSet.allOf(Part.class);
    }

    /** Draws the basemap for a view (parts switched off or out of their zoom range are emptied). */
    public void show(Viewport viewport) {
        this.view = viewport;
        shown.values().forEach(l -> load(l, viewport));
    }

    private void load(FeatureLayer layer, Viewport viewport) {
        if (!layer.isVisible() || !layer.definition().coversZoom(viewport.zoom())) {
            layer.clear();
            return;
        }
        Part part = shown.entrySet().stream().filter(e -> e.getValue() == layer).map(Map.Entry::getKey).findFirst().orElseThrow();
        switch (part) {
            case ROADS -> layer.setFeatures(layers.loadRoads(viewport).stream().map(layers::road).toList());
            case TOWNSHIPS -> layer.setFeatures(areas(AreaLevel.TOWNSHIP, viewport));
            case COMMUNITIES -> layer.setFeatures(areas(AreaLevel.COMMUNITY, viewport));
            case CELLS -> layer.setFeatures(areas(AreaLevel.GRID_CELL, viewport));
            case NAMES -> layer.setFeatures(layers.loadNames(viewport));
        }
    }

    private List<org.vaadin.addons.leafletflow.Feature> areas(AreaLevel level, Viewport viewport) {
        List<GeoFeature> loaded = layers.loadAreas(level, viewport);
        return loaded.stream().map(layers::area).toList();
    }
}
