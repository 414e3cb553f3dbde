package com.gridcommand.review.ui;

import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaService;
import com.gridcommand.casework.AreaReview.Level;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.GeoJsonBounds;
import com.gridcommand.geo.Viewport;
import com.gridcommand.review.ChoroplethClasses;
import com.gridcommand.review.LeadersReview;
import com.gridcommand.review.ReviewLevels;
import com.gridcommand.review.ReviewMeasure;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.FeatureLayer;
import org.vaadin.addons.leafletflow.LatLngBounds;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LeafletMap;
import org.vaadin.addons.leafletflow.Style;
import org.vaadin.addons.leafletflow.StyleRule;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The map pane of 考评: the areas of the shown level coloured by the chosen measure in five quantile classes, and a
 * legend of those classes. The map and its click listener are the frame's.
 */
final class ChoroplethPanel extends Div {

    static final String AREAS = "review-areas";

    private final LeafletMap map;
    private final AreaService areas;
    private final FeatureLayer areaLayer;
    private final Div legend = new Div();
    private final Map<Level, List<GeoFeature>> shapesByLevel = new EnumMap<>(Level.class);
    private boolean fitOnPaint = true;

    ChoroplethPanel(LeafletMap map, AreaService areas) {
        this.map = map;
        this.areas = areas;
        var layer = LayerDefinition.layer(AREAS, getTranslation("review.layer")).order(20)
                .style(Style.area("#374151", 1, ChoroplethClasses.NO_VALUE, 0.75)).tooltip("tip");
        for (int b = 0; b < ChoroplethClasses.SHADES.size(); b++) layer.rule(StyleRule.when("band", b, Style.only().withFill(ChoroplethClasses.SHADES.get(b), 0.8)));
        areaLayer = map.addLayer(layer.build());
        legend.setId("review-legend");
        legend.addClassName("gc-review-legend");
        add(map, legend);
        addClassName("gc-review-map-pane");
    }

    /** The next paint fits the map to the areas painted. */
    void fitNext() {
        fitOnPaint = true;
    }

    /** Colours the areas by the measure; the legend says each class's range. */
    void paint(LeadersReview.Review review, Level level, ReviewMeasure m, LeadersReview.Line selected) {
        ChoroplethClasses classes = ChoroplethClasses.of(review.lines().stream().map(m::of).toList());
        Map<Long, LeadersReview.Line> byId = new HashMap<>();
        for (LeadersReview.Line l : review.lines()) byId.put(l.row().areaId(), l);
        List<Feature> features = new ArrayList<>();
        GeoJsonBounds bounds = new GeoJsonBounds();
        for (GeoFeature shape : shapes(level)) {
            LeadersReview.Line line = byId.get(Long.parseLong(shape.id()));
            if (line == null) continue;
            Double v = m.of(line);
            Map<String, Object> p = new LinkedHashMap<>();
            if (v != null) p.put("band", ChoroplethClasses.shade(classes.band(v), m.higherIsBetter));
            p.put("tip", line.row().name() + " · " + getTranslation("review.measure." + m) + " " + (v == null ? "—" : String.format(Locale.ROOT, "%.1f", v)));
            features.add(new Feature(shape.id(), shape.geometry(), p));
            bounds.add(shape.geometry());
        }
        areaLayer.setFeatures(features);
        if (selected != null) map.highlight(AREAS, Long.toString(selected.row().areaId()));
        if (fitOnPaint) bounds.bbox().ifPresent(b -> {
            map.fitBounds(LatLngBounds.of(b.south(), b.west(), b.north(), b.east()), 16);
            fitOnPaint = false;
        });
        legend(m, classes, review.lines().size());
    }

    private void legend(ReviewMeasure m, ChoroplethClasses classes, int areaCount) {
        legend.removeAll();
        legend.add(new Span(getTranslation("review.measure." + m)));
        if (classes.values().isEmpty()) {
            legend.add(new Span(getTranslation("review.noValues")));
            return;
        }
        if (classes.values().size() < areaCount) legend.add(row(ChoroplethClasses.NO_VALUE, getTranslation("review.noValue")));
        for (ChoroplethClasses.Range r : classes.ranges()) {
            legend.add(row(ChoroplethClasses.SHADES.get(ChoroplethClasses.shade(r.band(), m.higherIsBetter)), r.label()));
        }
    }

    private static Div row(String colour, String text) {
        Span swatch = new Span();
        swatch.addClassName("gc-swatch");
        swatch.getStyle().set("background", colour);
        Div row = new Div(swatch, new Span(text));
        row.addClassName("gc-legend-row");
        return row;
    }

    /**
     * The outlines of a level's areas in the user's scope, read once per level: a month, a measure or a drill-down
     * only recolours or filters them.
     */
    private List<GeoFeature> shapes(Level level) {
        return shapesByLevel.computeIfAbsent(level, l -> areas.extentInScope()
                .map(extent -> areas.inView(AreaLevel.valueOf(l.name()), new Viewport(extent, ReviewLevels.outlineZoom(l)))).orElse(List.of()));
    }
}
