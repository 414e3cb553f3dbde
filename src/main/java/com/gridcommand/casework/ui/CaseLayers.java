package com.gridcommand.casework.ui;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.geo.GeoFeature;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LegendEntry;
import org.vaadin.addons.leafletflow.Style;
import org.vaadin.addons.leafletflow.StyleRule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How cases look on every map: filled by severity, ringed by the supervision light of their current step, clustered
 * until they can be told apart, a cluster coloured by its gravest case. Features carry {@code severity}, {@code light}
 * and a {@code tip}.
 */
public final class CaseLayers {

    /** 一般 · 较大 · 重大 · 特别重大. */
    public static final String[] SEVERITY_COLOURS = {"#facc15", "#f59e0b", "#ef4444", "#7f1d1d"};
    private static final Style BASE = Style.point("#9ca3af", 6).withColor("#ffffff").withWeight(1.5);

    private CaseLayers() {
    }

    /**
     * @param clusterRadius pixels within which cases cluster; 0 for no clustering
     * @param unclusterAt   the zoom from which every case is drawn on its own
     */
    public static LayerDefinition definition(Texts t, String id, String title, int order, int clusterRadius, int unclusterAt) {
        var layer = LayerDefinition.layer(id, title).order(order).style(BASE).tooltip("tip");
        if (clusterRadius > 0) layer.cluster(clusterRadius, unclusterAt, "severity");
        for (int severity = 1; severity <= 4; severity++) {
            String colour = SEVERITY_COLOURS[severity - 1];
            layer.rule(StyleRule.when("severity", severity, Style.only().withFill(colour, 0.95)))
                    .legend(t.label("case.severity", severity), Style.point(colour, 6).withColor("#ffffff").withWeight(1.5), LegendEntry.Shape.POINT);
        }
        for (String light : List.of("GREEN", "YELLOW", "RED")) {
            String colour = switch (light) {
                case "GREEN" -> Lights.GREEN;
                case "YELLOW" -> Lights.YELLOW;
                default -> Lights.RED;
            };
            double weight = light.equals("GREEN") ? 2 : 3;
            layer.rule(StyleRule.when("light", light, Style.only().withColor(colour).withWeight(weight).withOpacity(1)))
                    .legend(t.t("light." + light), Style.point("#ffffff", 6).withColor(colour).withWeight(weight), LegendEntry.Shape.POINT);
        }
        return layer.build();
    }

    /** The same, for a map that also shows closed cases (which have no light). */
    public static LayerDefinition withClosed(Texts t, String id, String title, int order, int clusterRadius, int unclusterAt) {
        LayerDefinition open = definition(t, id, title, order, clusterRadius, unclusterAt);
        var legend = new java.util.ArrayList<>(open.legend());
        legend.add(new LegendEntry(t.t("light.NONE"), BASE, LegendEntry.Shape.POINT));
        return new LayerDefinition(open.id(), open.title(), open.order(), open.cluster(), open.minZoom(), open.maxZoom(), open.style(),
                open.rules(), open.tooltip(), List.copyOf(legend), open.visible(), open.interactive(), open.zoomHint(), open.inControl(),
                open.labels(), open.text());
    }

    /** An open case loaded for a viewport as a map feature: what the style and the tooltip need, nothing more. */
    public static Feature feature(GeoFeature f, Texts t) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("severity", f.properties().get("severity"));
        p.put("light", f.properties().get("light"));
        p.put("tip", f.properties().get("title") + " · " + t.label("case.step", f.properties().get("step")));
        return new Feature(f.id(), f.geometry(), p);
    }
}
