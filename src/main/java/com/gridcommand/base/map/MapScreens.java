package com.gridcommand.base.map;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.Viewport;
import org.springframework.stereotype.Component;
import org.vaadin.addons.leafletflow.LatLng;
import org.vaadin.addons.leafletflow.LatLngBounds;
import org.vaadin.addons.leafletflow.LeafletMap;
import org.vaadin.addons.leafletflow.MapOptions;
import org.vaadin.addons.leafletflow.MapView;

import java.util.Optional;

/**
 * How every screen with a map starts and follows its view: the same options (the tile server if one is set, the
 * zoom range, the layer list's title), fitted to the areas the user may see, and each view the browser reports
 * turned into the {@link Viewport} the services load for — padded a little, so small pans need nothing new.
 */
@Component
public class MapScreens {

    /** Margin loaded around the visible box, as a share of its size. */
    public static final double PADDING = 0.15;
    /** Where a map stands before it knows the user's areas (or when there are none): China. */
    private static final LatLng NO_AREA = new LatLng(35, 105);

    private final MapSettings settings;

    MapScreens(MapSettings settings) {
        this.settings = settings;
    }

    /** A map with the app's options, centred on {@code extent} (the user's areas) or on the country. */
    public LeafletMap create(Texts t, String id, Optional<Bbox> extent, int minZoom, int maxZoom) {
        return create(t, id, extent.map(b -> bounds(b).centre()).orElse(NO_AREA), extent.isPresent() ? 12 : 4, minZoom, maxZoom);
    }

    /** A map with the app's options, centred on one place (a task's address). */
    public LeafletMap create(Texts t, String id, LatLng centre, int zoom, int minZoom, int maxZoom) {
        LeafletMap map = new LeafletMap(MapOptions.centredOn(centre, zoom).withZoomRange(minZoom, maxZoom)
                .withTiles(settings.tileUrl(), settings.tileAttribution())
                .withLayerControlTitle(t.t("map.layers")));
        map.setId(id);
        map.addClassName("gc-map");
        return map;
    }

    /** Shows the whole extent (the user's areas), zoomed in no further than {@code maxZoom}; nothing without one. */
    public static void fit(LeafletMap map, Optional<Bbox> extent, int maxZoom) {
        extent.ifPresent(b -> map.fitBounds(bounds(b), maxZoom));
    }

    public static LatLngBounds bounds(Bbox b) {
        return LatLngBounds.of(b.south(), b.west(), b.north(), b.east());
    }

    /** The box the browser shows, at its zoom. */
    public static Viewport exact(MapView view) {
        return new Viewport(Bbox.clamped(view.west(), view.south(), view.east(), view.north()), zoom(view));
    }

    /** The box to load for a view: what it shows and {@link #PADDING} around it. */
    public static Viewport padded(MapView view) {
        return new Viewport(exact(view).bbox().padded(PADDING), zoom(view));
    }

    private static int zoom(MapView view) {
        return Math.max(Viewport.MIN_ZOOM, Math.min(Viewport.MAX_ZOOM, view.zoom()));
    }
}
