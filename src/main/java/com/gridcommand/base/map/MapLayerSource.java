package com.gridcommand.base.map;

import com.gridcommand.changefeed.ChangeTopic;
import com.gridcommand.changefeed.ui.LiveUpdates;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.LatLng;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.Popup;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** One layer of the command map: how it looks, where its data comes from, what a click shows. */
public interface MapLayerSource {

    LayerDefinition definition(Texts texts);

    /** The features to draw for a viewport (already filtered by box and simplified for the zoom). */
    List<GeoFeature> load(Viewport viewport);

    /** The changes that concern this layer, published by the feature that owns its rows; empty for layers that do not change live. */
    default Optional<ChangeTopic> changes() {
        return Optional.empty();
    }

    /**
     * At most how many features the layer draws (the source loads one more, so the screen can say there are too
     * many and ask to zoom in); empty for layers that draw all they load.
     */
    default OptionalInt drawLimit() {
        return OptionalInt.empty();
    }

    /** Those of the given rows that belong in the viewport now; rows not returned leave the map. */
    default List<GeoFeature> load(Viewport viewport, Collection<Long> ids) {
        throw new UnsupportedOperationException(definitionId() + " does not update live");
    }

    /**
     * The same, for a batch of the change feed that every open map receives at once: a source whose rows change often
     * loads them once for all maps of the same scope ({@link LiveUpdates.Batch#shared}) and keeps those in each viewport.
     */
    default List<GeoFeature> load(Viewport viewport, Collection<Long> ids, LiveUpdates.Batch batch) {
        return load(viewport, ids);
    }

    String definitionId();

    Optional<Popup> popup(long id, LatLng at, Texts texts);

    /** What the signed-in user may do with a clicked feature (buttons, choices); nothing by default. */
    default List<com.vaadin.flow.component.Component> actions(long id, Texts texts, Runnable changed) {
        return List.of();
    }

    /** The map feature for a loaded one; sources add display text (tooltips) here. */
    default Feature feature(GeoFeature f, Texts texts) {
        return new Feature(f.id(), f.geometry(), f.properties());
    }
}
