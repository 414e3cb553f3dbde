package com.gridcommand.dispatch.ui;

import com.gridcommand.base.map.MapStyles;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.dispatch.ResponderService;
import com.gridcommand.geo.GeoFeature;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LegendEntry;
import org.vaadin.addons.leafletflow.Style;
import org.vaadin.addons.leafletflow.StyleRule;

import java.util.LinkedHashMap;
import java.util.Map;

/** How responders look on every map: squares by status (so they differ from cases by shape, not only colour), faded when quiet. */
public final class ResponderLayers {

    private ResponderLayers() {
    }

    /** How each status is drawn, the same on every map and board, in the order of {@link ResponderService#STATUSES}. */
    public static final Map<String, String> STATUS_COLOURS = colours("#0e9f6e", "#3f83f8", "#1a56db", "#7e3af2", "#76a9fa", "#9ca3af");

    private static Map<String, String> colours(String... byStatus) {
        Map<String, String> colours = new java.util.LinkedHashMap<>();
        for (int i = 0; i < byStatus.length; i++) colours.put(ResponderService.STATUSES.get(i), byStatus[i]);
        return java.util.Collections.unmodifiableMap(colours);
    }

    public static LayerDefinition definition(Texts t, String id, int order) {
        var layer = LayerDefinition.layer(id, t.t("layer.responders")).order(order)
                .style(Style.point("#0e9f6e", 7).withWeight(2).withShape(Style.Shape.SQUARE)).tooltip("tip");
        Map<String, Style> byStatus = new java.util.LinkedHashMap<>();
        STATUS_COLOURS.forEach((status, colour) -> byStatus.put(status, Style.point(colour, 7).withWeight(2).withShape(Style.Shape.SQUARE)));
        MapStyles.byValue(layer, "status", byStatus, status -> t.label("responder.status", status), LegendEntry.Shape.POINT);
        layer.rule(StyleRule.when("stale", true, Style.only().withFill(null, 0.35).withOpacity(0.5)))
                .legend(t.t("responder.stale"), Style.point("#9ca3af", 7).withFill("#9ca3af", 0.35).withOpacity(0.5)
                        .withShape(Style.Shape.SQUARE), LegendEntry.Shape.POINT);
        return layer.build();
    }

    /** A loaded responder as a map feature: status and staleness for the style, name, kind and status for the tooltip. */
    public static Feature feature(GeoFeature f, Texts t) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("status", f.properties().get("status"));
        p.put("stale", f.properties().get("stale"));
        p.put("tip", f.properties().get("name") + " · " + t.label("responder.kind", f.properties().get("kind"))
                + " · " + t.label("responder.status", f.properties().get("status")));
        return new Feature(f.id(), f.geometry(), p);
    }
}
