package com.gridcommand.map.layers;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.leaflet.Feature;
import com.gridcommand.leaflet.LatLng;
import com.gridcommand.leaflet.LayerDefinition;
import com.gridcommand.leaflet.LegendEntry;
import com.gridcommand.leaflet.Popup;
import com.gridcommand.leaflet.Style;
import com.gridcommand.leaflet.StyleRule;
import com.gridcommand.map.MapLayerSource;
import com.gridcommand.road.RoadService;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Roads as the basemap: arterials always, secondary and local roads as the zoom allows. */
@Component
class RoadLayerSource implements MapLayerSource {

    private static final Style ARTERIAL = Style.stroke("#e8890c", 3.5);
    private static final Style SECONDARY = Style.stroke("#d4b24c", 2.2);
    private static final Style LOCAL = Style.stroke("#c2c2c2", 1.2);

    private final RoadService roads;

    RoadLayerSource(RoadService roads) {
        this.roads = roads;
    }

    @Override
    public String definitionId() {
        return "roads";
    }

    @Override
    public LayerDefinition definition(Texts t) {
        return LayerDefinition.layer(definitionId(), t.t("layer.roads")).order(5).canvas().notInteractive()
                .style(LOCAL)
                .rule(StyleRule.when("roadClass", "SECONDARY", SECONDARY))
                .rule(StyleRule.when("roadClass", "ARTERIAL", ARTERIAL))
                .legend(t.t("legend.arterial"), ARTERIAL, LegendEntry.Shape.LINE)
                .legend(t.t("legend.secondary"), SECONDARY, LegendEntry.Shape.LINE)
                .legend(t.t("legend.local"), LOCAL, LegendEntry.Shape.LINE)
                .build();
    }

    @Override
    public List<GeoFeature> load(Viewport viewport) {
        return roads.inView(viewport);
    }

    @Override
    public Feature feature(GeoFeature f, Texts texts) {
        // Not interactive and styled by class alone: nothing else needs to travel.
        return new Feature(f.id(), f.geometry(), Map.of("roadClass", f.properties().get("roadClass")));
    }

    @Override
    public Optional<Popup> popup(long id, LatLng at, Texts texts) {
        return Optional.empty();
    }
}
