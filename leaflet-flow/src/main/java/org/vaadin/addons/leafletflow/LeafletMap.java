package org.vaadin.addons.leafletflow;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.shared.Registration;

import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Leaflet map. Add layers, give them features, listen to the view and to clicks.
 * <pre>{@code
 * var map = new LeafletMap(MapOptions.centredOn(new LatLng(29.1, 121.0), 12));
 * FeatureLayer cases = map.addLayer(LayerDefinition.layer("cases", "Cases").cluster(50, 17, "severity")
 *         .style(Style.point("#d6336c", 6)).tooltip("title").build());
 * map.addMoveListener(e -> cases.setFeatures(loadCases(e.view())));
 * }</pre>
 * Everything coming back from the browser is checked here before listeners see it.
 */
@Tag("leaflet-flow-map")
@JavaScript("context://webjars/leaflet/1.9.4/dist/leaflet.js")
@JavaScript("context://webjars/leaflet-markercluster/1.4.1/leaflet.markercluster.js")
@JavaScript("context://leaflet-flow/leaflet-flow-map.js")
@StyleSheet("context://webjars/leaflet/1.9.4/dist/leaflet.css")
@StyleSheet("context://webjars/leaflet-markercluster/1.4.1/MarkerCluster.css")
@StyleSheet("context://webjars/leaflet-markercluster/1.4.1/MarkerCluster.Default.css")
@StyleSheet("context://leaflet-flow/leaflet-flow-map.css")
public class LeafletMap extends Component implements HasSize, HasStyle {

    /**
     * Feature text (characters) after which the browser is asked to confirm receipt. Vaadin and Atmosphere keep the
     * last message they sent to a page until the next one (for push, the outgoing message and the resource's last
     * event; without push, the last response), so an idle map would hold its last large load as text for as long as
     * it stays open. The browser's answer makes a small message the last one.
     */
    static final int CONFIRM_AFTER_CHARS = 16_384;

    private final MapOptions options;
    private final Map<String, FeatureLayer> layers = new LinkedHashMap<>();
    private MapView view;
    /** Feature text sent since the browser last confirmed receipt, and whether it has been asked to. */
    private long unconfirmedChars;
    private boolean confirmationAsked;

    public LeafletMap(MapOptions options) {
        this.options = options;
        addListener(MoveEvent.class, e -> view = e.view());
        addListener(LayerToggleEvent.class, e -> layer(e.layerId()).ifPresent(l -> l.visibleFromClient(e.visible())));
        // Nothing to do with it: receiving it is the point (the answer to it is the page's new last message).
        getElement().addEventListener("lf-received", e -> {
            unconfirmedChars = 0;
            confirmationAsked = false;
        });
    }

    public FeatureLayer addLayer(LayerDefinition definition) {
        if (layers.containsKey(definition.id())) throw new IllegalArgumentException("layer " + definition.id() + " exists");
        FeatureLayer layer = new FeatureLayer(this, definition);
        layers.put(definition.id(), layer);
        call("addLayer", Json.layer(definition));
        return layer;
    }

    public Optional<FeatureLayer> layer(String id) {
        return Optional.ofNullable(layers.get(id));
    }

    public Collection<FeatureLayer> layers() {
        return layers.values();
    }

    /** The last view the browser reported; empty until the map has drawn. */
    public Optional<MapView> view() {
        return Optional.ofNullable(view);
    }

    public MapOptions options() {
        return options;
    }

    public void setView(LatLng center, int zoom) {
        call("setView", center.lat(), center.lng(), zoom);
    }

    /** Shows the whole box, zoomed in no further than {@code maxZoom}. */
    public void fitBounds(LatLngBounds bounds, int maxZoom) {
        call("fitBounds", bounds.south(), bounds.west(), bounds.north(), bounds.east(), maxZoom);
    }

    public void openPopup(Popup popup) {
        call("openPopup", Json.popup(popup));
    }

    public void closePopup() {
        call("closePopup");
    }

    /** What the user draws next. */
    public enum DrawMode { POLYGON, CIRCLE, POINT }

    /** Lets the user draw a shape (answered by a {@link ShapeDrawnEvent}) or pick a point ({@link PointPickedEvent}). */
    public void startDrawing(DrawMode mode) {
        call("startDrawing", mode.name().toLowerCase(java.util.Locale.ROOT));
    }

    public void cancelDrawing() {
        call("cancelDrawing");
    }

    public void clearDrawing() {
        call("clearDrawing");
    }

    /** Rings one feature and brings it into view. */
    public void highlight(String layerId, String featureId) {
        call("highlight", layerId, featureId);
    }

    public void clearHighlight() {
        call("clearHighlight");
    }

    public Registration addShapeDrawnListener(ComponentEventListener<ShapeDrawnEvent> listener) {
        return addListener(ShapeDrawnEvent.class, listener);
    }

    public Registration addPointPickedListener(ComponentEventListener<PointPickedEvent> listener) {
        return addListener(PointPickedEvent.class, listener);
    }

    public Registration addMoveListener(ComponentEventListener<MoveEvent> listener) {
        return addListener(MoveEvent.class, listener);
    }

    public Registration addFeatureClickListener(ComponentEventListener<FeatureClickEvent> listener) {
        return addListener(FeatureClickEvent.class, listener);
    }

    public Registration addMapClickListener(ComponentEventListener<MapClickEvent> listener) {
        return addListener(MapClickEvent.class, listener);
    }

    public Registration addLayerToggleListener(ComponentEventListener<LayerToggleEvent> listener) {
        return addListener(LayerToggleEvent.class, listener);
    }

    /** Calls the element only while it is in the browser; on attach the whole state is sent again. */
    void call(String function, Serializable... arguments) {
        if (isAttached()) getElement().callJsFunction(function, arguments);
    }

    /** Feature text went to the browser: past {@link #CONFIRM_AFTER_CHARS} it is asked (once) to confirm receipt. */
    void sentFeatures(int chars) {
        if (!isAttached()) return;
        unconfirmedChars += chars;
        // While an answer is on its way, it also follows everything sent since the question.
        if (confirmationAsked || unconfirmedChars < CONFIRM_AFTER_CHARS) return;
        confirmationAsked = true;
        call("confirmReceipt");
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        // A new page: a question asked of the old one will not be answered.
        unconfirmedChars = 0;
        confirmationAsked = false;
        getElement().callJsFunction("init", Json.options(options));
        layers.values().forEach(FeatureLayer::resend);
    }

    // ------------------------------------------------------------------ events from the browser

    /** The view settled after a pan, zoom or resize. */
    @DomEvent("lf-map-moveend")
    public static class MoveEvent extends ComponentEvent<LeafletMap> {
        private final MapView view;

        public MoveEvent(LeafletMap source, boolean fromClient,
                         @EventData("event.detail.west") double west, @EventData("event.detail.south") double south,
                         @EventData("event.detail.east") double east, @EventData("event.detail.north") double north,
                         @EventData("event.detail.zoom") double zoom, @EventData("event.detail.width") double width,
                         @EventData("event.detail.height") double height) {
            super(source, fromClient);
            if (!Double.isFinite(west) || !Double.isFinite(south) || !Double.isFinite(east) || !Double.isFinite(north)
                    || zoom < 0 || zoom > 24 || width < 0 || height < 0 || width > 100_000 || height > 100_000) {
                throw new IllegalArgumentException("implausible map view from the browser");
            }
            // A world-wide view reaches past the antimeridian; the box the server sees stays on the globe.
            this.view = new MapView(LatLngBounds.of(clamp(south, 90), clamp(west, 180), clamp(north, 90), clamp(east, 180)),
                    (int) Math.round(zoom), (int) width, (int) height);
        }

        private static double clamp(double v, double limit) {
            if (Double.isNaN(v)) throw new IllegalArgumentException("not a coordinate");
            return Math.max(-limit, Math.min(limit, v));
        }

        public MapView view() {
            return view;
        }
    }

    /** A feature was clicked. The id is what the browser says: check it belongs to the layer before use. */
    @DomEvent("lf-feature-click")
    public static class FeatureClickEvent extends ComponentEvent<LeafletMap> {
        private final String layerId;
        private final String featureId;
        private final LatLng at;

        public FeatureClickEvent(LeafletMap source, boolean fromClient, @EventData("event.detail.layer") String layerId,
                                 @EventData("event.detail.id") String featureId,
                                 @EventData("event.detail.lat") double lat, @EventData("event.detail.lng") double lng) {
            super(source, fromClient);
            this.layerId = layerId;
            this.featureId = featureId;
            this.at = new LatLng(lat, lng);
        }

        public String layerId() {
            return layerId;
        }

        public String featureId() {
            return featureId;
        }

        public LatLng at() {
            return at;
        }

        /** True when the layer exists and holds a feature of that id (so the id is one we sent). */
        public boolean isKnown() {
            return getSource().layer(layerId).map(l -> l.features().containsKey(featureId)).orElse(false);
        }
    }

    /** The map itself (no feature) was clicked. */
    @DomEvent("lf-map-click")
    public static class MapClickEvent extends ComponentEvent<LeafletMap> {
        private final LatLng at;

        public MapClickEvent(LeafletMap source, boolean fromClient, @EventData("event.detail.lat") double lat,
                             @EventData("event.detail.lng") double lng) {
            super(source, fromClient);
            this.at = new LatLng(lat, lng);
        }

        public LatLng at() {
            return at;
        }
    }

    /**
     * The user finished drawing: a polygon (GeoJSON text, to be parsed and checked by the receiver) or a
     * circle (centre and radius in metres, range-checked here).
     */
    @DomEvent("lf-shape-drawn")
    public static class ShapeDrawnEvent extends ComponentEvent<LeafletMap> {
        private final String polygonGeoJson;
        private final LatLng centre;
        private final double radiusMetres;

        public ShapeDrawnEvent(LeafletMap source, boolean fromClient, @EventData("event.detail.type") String type,
                               @EventData("event.detail.geojson") String geojson, @EventData("event.detail.lat") double lat,
                               @EventData("event.detail.lng") double lng, @EventData("event.detail.radius") double radius) {
            super(source, fromClient);
            if ("circle".equals(type)) {
                if (!Double.isFinite(radius) || radius <= 0 || radius > 1_000_000) throw new IllegalArgumentException("implausible circle from the browser");
                this.centre = new LatLng(lat, lng);
                this.radiusMetres = radius;
                this.polygonGeoJson = null;
            } else if ("polygon".equals(type) && geojson != null && geojson.length() < 200_000) {
                this.polygonGeoJson = geojson;
                this.centre = null;
                this.radiusMetres = 0;
            } else {
                throw new IllegalArgumentException("implausible shape from the browser");
            }
        }

        public boolean isCircle() {
            return centre != null;
        }

        /** The polygon as GeoJSON text; untrusted: parse and validate before use. */
        public String polygonGeoJson() {
            return polygonGeoJson;
        }

        public LatLng centre() {
            return centre;
        }

        public double radiusMetres() {
            return radiusMetres;
        }
    }

    /** The user picked a point (after {@link DrawMode#POINT}). */
    @DomEvent("lf-point-picked")
    public static class PointPickedEvent extends ComponentEvent<LeafletMap> {
        private final LatLng at;

        public PointPickedEvent(LeafletMap source, boolean fromClient, @EventData("event.detail.lat") double lat,
                                @EventData("event.detail.lng") double lng) {
            super(source, fromClient);
            this.at = new LatLng(lat, lng);
        }

        public LatLng at() {
            return at;
        }
    }

    /** The user switched a layer on or off in the layer list. */
    @DomEvent("lf-layer-toggle")
    public static class LayerToggleEvent extends ComponentEvent<LeafletMap> {
        private final String layerId;
        private final boolean visible;

        public LayerToggleEvent(LeafletMap source, boolean fromClient, @EventData("event.detail.layer") String layerId,
                                @EventData("event.detail.visible") boolean visible) {
            super(source, fromClient);
            this.layerId = layerId;
            this.visible = visible;
        }

        public String layerId() {
            return layerId;
        }

        public boolean visible() {
            return visible;
        }
    }
}
