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

/** Key places by kind. */
@Component
class KeyPlaceLayerSource implements MapLayerSource {

    static final Map<String, String> COLOURS = new LinkedHashMap<>();

    static {
        COLOURS.put("SCHOOL", "#1a56db");
        COLOURS.put("KINDERGARTEN", "#76a9fa");
        COLOURS.put("HOSPITAL", "#e74694");
        COLOURS.put("ELDERLY_HOME", "#9061f9");
        COLOURS.put("WELFARE_HOME", "#c27803");
        COLOURS.put("MARKET", "#057a55");
        COLOURS.put("TRANSPORT_HUB", "#4b5563");
        COLOURS.put("GOVERNMENT", "#111827");
    }

    private final PreventionService prevention;

    KeyPlaceLayerSource(PreventionService prevention) {
        this.prevention = prevention;
    }

    @Override
    public String definitionId() {
        return "places";
    }

    @Override
    public LayerDefinition definition(Texts t) {
        var layer = LayerDefinition.layer(definitionId(), t.t("layer.places")).order(50).zoomRange(13, null)
                .zoomHint(t.t("map.zoomIn")).style(Style.point("#1a56db", 5).withColor("#111827").withWeight(1.5).withShape(Style.Shape.DIAMOND)).tooltip("tip");
        Map<String, Style> byKind = new LinkedHashMap<>();
        COLOURS.forEach((kind, colour) -> byKind.put(kind, Style.point(colour, 5).withColor("#111827").withWeight(1.5).withShape(Style.Shape.DIAMOND)));
        return MapStyles.byValue(layer, "kind", byKind, kind -> t.label("place.kind", kind), LegendEntry.Shape.POINT).build();
    }

    @Override
    public List<GeoFeature> load(Viewport viewport) {
        return prevention.keyPlacesInView(viewport);
    }

    @Override
    public Feature feature(GeoFeature f, Texts t) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", f.properties().get("kind"));
        p.put("tip", f.properties().get("name") + " · " + t.label("place.kind", f.properties().get("kind")));
        return new Feature(f.id(), f.geometry(), p);
    }

    @Override
    public Optional<Popup> popup(long id, LatLng at, Texts t) {
        return prevention.keyPlace(id).map(k -> Popup.at(at, k.name())
                .row(t.t("field.code"), k.code())
                .row(t.t("field.kind"), t.label("place.kind", k.kind()))
                .row(t.t("field.address"), k.address())
                .row(t.t("field.capacity"), k.capacity())
                .row(t.t("field.contact"), k.contact())
                .row(t.t("field.community"), k.community())
                .row(t.t("field.township"), k.township())
                .build());
    }
}
