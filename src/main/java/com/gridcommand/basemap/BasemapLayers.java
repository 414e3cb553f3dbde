package com.gridcommand.basemap;

import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaService;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LegendEntry;
import org.vaadin.addons.leafletflow.Style;
import org.vaadin.addons.leafletflow.StyleRule;
import com.gridcommand.road.RoadService;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The basemap's layers: how each looks, what it loads for a viewport, and the map feature of each loaded one. */
@Component
public class BasemapLayers {

    public static final String ROADS = "roads";
    public static final String TOWNSHIPS = "townships";
    public static final String COMMUNITIES = "communities";
    public static final String CELLS = "cells";
    public static final String NAMES = "names";

    private static final Style ARTERIAL = Style.stroke("#e8890c", 3.5);
    private static final Style SECONDARY = Style.stroke("#d4b24c", 2.2);
    private static final Style LOCAL = Style.stroke("#c2c2c2", 1.2);

    /** Names are shown from these zooms (townships up to {@link #TOWNSHIP_NAMES_UNTIL}). */
    static final int TOWNSHIP_NAMES_UNTIL = 13;
    static final int COMMUNITY_NAMES_FROM = 12;
    static final int CELL_NAMES_FROM = 16;
    static final int ROAD_NAMES_FROM = 14;

    private final AreaService areas;
    private final RoadService roads;

    BasemapLayers(AreaService areas, RoadService roads) {
        this.areas = areas;
        this.roads = roads;
    }

    public LayerDefinition roads(Texts t) {
        return LayerDefinition.layer(ROADS, t.t("layer.roads")).order(5).notInteractive()
                .style(LOCAL)
                .rule(StyleRule.when("roadClass", "SECONDARY", SECONDARY))
                .rule(StyleRule.when("roadClass", "ARTERIAL", ARTERIAL))
                .legend(t.t("legend.arterial"), ARTERIAL, LegendEntry.Shape.LINE)
                .legend(t.t("legend.secondary"), SECONDARY, LegendEntry.Shape.LINE)
                .legend(t.t("legend.local"), LOCAL, LegendEntry.Shape.LINE)
                .build();
    }

    /** Area outlines of a level; {@code interactive} where a click on an area opens its details. */
    public LayerDefinition areas(AreaLevel level, Texts t, boolean interactive) {
        LayerDefinition.Builder layer = switch (level) {
            case TOWNSHIP -> LayerDefinition.layer(TOWNSHIPS, t.t("layer.townships")).order(10)
                    .style(Style.area("#374151", 3, "#374151", 0.0));
            case COMMUNITY -> LayerDefinition.layer(COMMUNITIES, t.t("layer.communities")).order(11).zoomRange(11, null)
                    .zoomHint(t.t("map.zoomIn")).style(Style.area("#6b7280", 1.6, "#6b7280", 0.0).dashed("5 3"));
            case GRID_CELL -> LayerDefinition.layer(CELLS, t.t("layer.cells")).order(12).zoomRange(12, null)
                    .zoomHint(t.t("map.zoomIn")).style(Style.area("#9ca3af", 0.8, "#9ca3af", 0.0));
        };
        LayerDefinition probe = layer.build();
        layer.legend(probe.title(), probe.style(), LegendEntry.Shape.POLYGON).tooltip("tip");
        if (!interactive) layer.notInteractive();
        return layer.build();
    }

    /** Place and road names, as text above everything; never in the way of a click. */
    public LayerDefinition names(Texts t) {
        return LayerDefinition.layer(NAMES, t.t("layer.names")).order(95).text().tooltip("tip").build();
    }

    public List<GeoFeature> loadRoads(Viewport viewport) {
        return roads.inView(viewport);
    }

    public List<GeoFeature> loadAreas(AreaLevel level, Viewport viewport) {
        return areas.inView(level, viewport);
    }

    public Feature road(GeoFeature f) {
        // Styled by class alone: nothing else needs to travel.
        return new Feature(f.id(), f.geometry(), Map.of("roadClass", f.properties().get("roadClass")));
    }

    public Feature area(GeoFeature f) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tip", f.properties().get("name"));
        return new Feature(f.id(), f.geometry(), p);
    }

    /**
     * The names to write at a zoom: townships while the city is seen whole, communities from a closer zoom, grid
     * cells and roads closer still. Where two would overlap the map keeps the higher rank.
     */
    public List<Feature> loadNames(Viewport viewport) {
        int zoom = viewport.zoom();
        List<Feature> names = new ArrayList<>();
        if (zoom <= TOWNSHIP_NAMES_UNTIL) names.addAll(names(areas.labelsInView(AreaLevel.TOWNSHIP, viewport), "t", "township", 40));
        if (zoom >= COMMUNITY_NAMES_FROM) names.addAll(names(areas.labelsInView(AreaLevel.COMMUNITY, viewport), "c", "community", 30));
        if (zoom >= CELL_NAMES_FROM) names.addAll(names(areas.labelsInView(AreaLevel.GRID_CELL, viewport), "g", "cell", 10));
        if (zoom >= ROAD_NAMES_FROM) {
            for (GeoFeature f : roads.labelsInView(viewport)) {
                int rank = switch (String.valueOf(f.properties().get("roadClass"))) {
                    case "ARTERIAL" -> 25;
                    case "SECONDARY" -> 20;
                    default -> 15;
                };
                names.add(name("r" + f.id(), f, "road", rank));
            }
        }
        return names;
    }

    private static List<Feature> names(List<GeoFeature> labels, String prefix, String kind, int rank) {
        return labels.stream().map(f -> name(prefix + f.id(), f, kind, rank)).toList();
    }

    private static Feature name(String id, GeoFeature f, String kind, int rank) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tip", f.properties().get("name"));
        p.put("labelClass", kind);
        p.put("rank", rank);
        return new Feature(id, f.geometry(), p);
    }
}
