package com.gridcommand.prevention.ui;

import com.gridcommand.base.map.MapStyles;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.LatLng;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LegendEntry;
import org.vaadin.addons.leafletflow.Popup;
import org.vaadin.addons.leafletflow.Style;
import com.gridcommand.base.map.MapLayerSource;
import com.gridcommand.prevention.PreventionService;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cameras, online or offline; shown once the map is zoomed in far enough to tell them apart. */
@Component
class CameraLayerSource implements MapLayerSource {

    private static final Style ONLINE = Style.point("#374151", 4.5).withColor("#ffffff").withShape(Style.Shape.TRIANGLE);
    private static final Style OFFLINE = Style.point("#d1d5db", 4.5).withColor("#6b7280").withShape(Style.Shape.TRIANGLE);

    private final PreventionService prevention;

    CameraLayerSource(PreventionService prevention) {
        this.prevention = prevention;
    }

    @Override
    public String definitionId() {
        return "cameras";
    }

    @Override
    public LayerDefinition definition(Texts t) {
        // Online is the base style; the rule for it changes nothing, and both are in the legend.
        var layer = LayerDefinition.layer(definitionId(), t.t("layer.cameras")).order(55).zoomRange(14, null)
                .zoomHint(t.t("map.zoomIn")).style(ONLINE).tooltip("tip");
        Map<String, Style> byStatus = new java.util.LinkedHashMap<>();
        byStatus.put("ONLINE", ONLINE);
        byStatus.put("OFFLINE", OFFLINE);
        return MapStyles.byValue(layer, "status", byStatus, status -> t.label("camera.status", status), LegendEntry.Shape.POINT).build();
    }

    @Override
    public List<GeoFeature> load(Viewport viewport) {
        return prevention.camerasInView(viewport);
    }

    @Override
    public Feature feature(GeoFeature f, Texts t) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("status", f.properties().get("status"));
        p.put("tip", f.properties().get("name") + " · " + t.label("camera.status", f.properties().get("status")));
        return new Feature(f.id(), f.geometry(), p);
    }

    @Override
    public Optional<Popup> popup(long id, LatLng at, Texts t) {
        return prevention.camera(id).map(c -> Popup.at(at, c.name())
                .row(t.t("field.code"), c.code())
                .row(t.t("field.kind"), t.label("camera.kind", c.kind()))
                .row(t.t("field.status"), t.label("camera.status", c.status()))
                .row(t.t("field.bearing"), t.number(c.bearingDeg(), 0))
                .row(t.t("field.fov"), t.number(c.fovDeg(), 0))
                .row(t.t("field.range"), t.number(c.rangeM(), 0))
                .row(t.t("field.community"), c.community())
                .build());
    }
}
