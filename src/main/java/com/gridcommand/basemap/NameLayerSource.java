package com.gridcommand.basemap;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.basemap.BasemapLayers;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.vaadin.addons.leafletflow.LatLng;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.Popup;
import com.gridcommand.base.map.MapLayerSource;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Township, community, grid cell and road names, as the basemap writes them. */
@Component
class NameLayerSource implements MapLayerSource {

    private final BasemapLayers basemap;

    NameLayerSource(BasemapLayers basemap) {
        this.basemap = basemap;
    }

    @Override
    public String definitionId() {
        return BasemapLayers.NAMES;
    }

    @Override
    public LayerDefinition definition(Texts t) {
        return basemap.names(t);
    }

    @Override
    public List<GeoFeature> load(Viewport viewport) {
        // Already map features with their text and rank: carried through as they are.
        return basemap.loadNames(viewport).stream().map(f -> new GeoFeature(f.id(), f.geometryJson(), f.properties())).toList();
    }

    @Override
    public Optional<Popup> popup(long id, LatLng at, Texts texts) {
        return Optional.empty();
    }
}
