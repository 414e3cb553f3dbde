package com.gridcommand.patrol.ui;

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
import com.gridcommand.patrol.PatrolService;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Patrol routes, coloured by the kind of team that walks or drives them. */
@Component
class PatrolRouteLayerSource implements MapLayerSource {

    static final Map<String, String> COLOURS = Map.of("POLICE_PATROL", "#1c64f2", "VILLAGE_GUARD", "#0e9f6e",
            "JOINT_PATROL", "#7e3af2", "SECURITY_GUARD", "#6b7280");

    private final PatrolService patrols;

    PatrolRouteLayerSource(PatrolService patrols) {
        this.patrols = patrols;
    }

    @Override
    public String definitionId() {
        return "routes";
    }

    @Override
    public LayerDefinition definition(Texts t) {
        Style base = Style.stroke("#1c64f2", 3).dashed("8 5").withOpacity(0.85);
        var layer = LayerDefinition.layer(definitionId(), t.t("layer.routes")).order(30).zoomRange(11, null)
                .zoomHint(t.t("map.zoomIn")).style(base).tooltip("tip");
        Map<String, Style> byTeam = new java.util.LinkedHashMap<>();
        for (String kind : List.of("POLICE_PATROL", "VILLAGE_GUARD", "JOINT_PATROL", "SECURITY_GUARD")) byTeam.put(kind, base.withColor(COLOURS.get(kind)));
        return MapStyles.byValue(layer, "teamKind", byTeam, kind -> t.label("route.team", kind), LegendEntry.Shape.LINE).build();
    }

    @Override
    public List<GeoFeature> load(Viewport viewport) {
        return patrols.inView(viewport);
    }

    @Override
    public Feature feature(GeoFeature f, Texts texts) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("teamKind", f.properties().get("teamKind"));
        p.put("tip", f.properties().get("name"));
        return new Feature(f.id(), f.geometry(), p);
    }

    @Override
    public Optional<Popup> popup(long id, LatLng at, Texts t) {
        return patrols.details(id).map(r -> Popup.at(at, r.name())
                .row(t.t("field.code"), r.code())
                .row(t.t("field.team"), r.team() + "（" + t.label("route.team", r.teamKind()) + "）")
                .row(t.t("field.township"), r.township())
                .row(t.t("field.windows"), String.join("\n", r.windows()))
                .row(t.t("field.length"), t.number(r.lengthKm(), 1))
                .build());
    }
}
