package com.gridcommand.basemap;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.basemap.BasemapLayers;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.LatLng;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.Popup;
import com.gridcommand.base.map.MapLayerSource;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Roads as the basemap draws them: arterials always, secondary and local roads as the zoom allows. */
@Component
class RoadLayerSource implements MapLayerSource {

    private final BasemapLayers basemap;

    RoadLayerSource(BasemapLayers basemap) {
        this.basemap = basemap;
    }

    @Override
    public String definitionId() {
        return BasemapLayers.ROADS;
    }

    @Override
    public LayerDefinition definition(Texts t) {
        return basemap.roads(t);
    }

    @Override
    public List<GeoFeature> load(Viewport viewport) {
        return basemap.loadRoads(viewport);
    }

    @Override
    public Feature feature(GeoFeature f, Texts texts) {
        return basemap.road(f);
    }

    @Override
    public Optional<Popup> popup(long id, LatLng at, Texts texts) {
        return Optional.empty();
    }
}
