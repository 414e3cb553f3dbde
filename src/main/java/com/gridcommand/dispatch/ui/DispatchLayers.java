package com.gridcommand.dispatch.ui;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.dispatch.Candidate;
import com.gridcommand.dispatch.LiveReach;
import com.gridcommand.dispatch.ReachBands;
import com.gridcommand.geo.GeoFeature;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LegendEntry;
import org.vaadin.addons.leafletflow.Style;
import org.vaadin.addons.leafletflow.StyleRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The dispatcher's own map layers (reach, candidate lines, target, emergency rings) and their features. */
final class DispatchLayers {

    /** Each reach band's colour and fill opacity. */
    private static final Map<String, String[]> BAND_STYLES = Map.of(ReachBands.FIVE, new String[]{"#1d4ed8", "0.22"},
            ReachBands.TEN, new String[]{"#60a5fa", "0.22"}, ReachBands.NONE, new String[]{"#6b7280", "0.32"});

    private DispatchLayers() {
    }

    /** Blues for reach and grey for none: the case symbols (yellow to dark red) stay readable on every cell. */
    static LayerDefinition reach(Texts t) {
        var reachDef = LayerDefinition.layer("reach", t.t("layer.reach")).order(6).notInteractive()
                .style(Style.area("#9ca3af", 0.3, "#6b7280", 0.3)).tooltip("tip");
        for (String band : ReachBands.ALL) {
            String[] colours = BAND_STYLES.get(band);
            Style s = Style.area(colours[0], 0.3, colours[0], Double.parseDouble(colours[1]));
            reachDef.rule(StyleRule.when("band", band, s)).legend(t.t("reach.band." + band), s, LegendEntry.Shape.POLYGON);
        }
        return reachDef.build();
    }

    static LayerDefinition candidates(Texts t) {
        return LayerDefinition.layer("candidates", t.t("layer.candidates")).order(80).notInteractive()
                .style(Style.stroke("#1a56db", 2).dashed("6 4")).rule(StyleRule.when("method", "STRAIGHT_LINE", Style.only().dashed("2 6")))
                .tooltip("label").labels().build();
    }

    static LayerDefinition target(Texts t) {
        return LayerDefinition.layer("target", t.t("layer.target")).order(90).notInteractive()
                .style(Style.point("#ff5a1f", 10).withWeight(3)).notInControl().build();
    }

    static LayerDefinition rings(Texts t) {
        return LayerDefinition.layer("rings", t.t("layer.rings")).order(4).notInteractive()
                .style(Style.area("#e02424", 2, "#e02424", 0.04).dashed("8 6")).tooltip("label").labels().build();
    }

    /** The grid cells in view with their reach band and tooltip; cells the reach does not know are left out. */
    static List<Feature> reachCells(LiveReach.Summary r, List<GeoFeature> cellsInView, Texts t) {
        Map<Long, LiveReach.CellReach> byCell = r.reach().stream().collect(Collectors.toMap(LiveReach.CellReach::cellId, c -> c));
        List<Feature> cells = new ArrayList<>();
        for (GeoFeature f : cellsInView) {
            LiveReach.CellReach c = byCell.get(Long.parseLong(f.id()));
            if (c == null) continue;
            String tip = c.seconds() == null ? t.t("reach.band.none") : t.t("reach.minutes", ReachBands.minutes(c.seconds()), c.normMinutes());
            cells.add(new Feature(f.id(), f.geometry(), Map.of("band", ReachBands.of(c.seconds()), "tip", tip)));
        }
        return cells;
    }

    /** A line from each unit with a travel time to the target. */
    static List<Feature> candidateLines(List<Candidate> found, DispatchTarget target, Texts t) {
        List<Feature> lines = new ArrayList<>();
        for (Candidate c : found) {
            if (c.travel() == null) continue;
            lines.add(new Feature(Long.toString(c.id()), "{\"type\":\"LineString\",\"coordinates\":[[" + c.lon() + "," + c.lat() + "],["
                    + target.lon() + "," + target.lat() + "]]}",
                    Map.of("method", c.travel().method().name(), "label", c.name() + " " + DispatchSupport.minutes(t, c.travel()))));
        }
        return lines;
    }

    static Feature targetPoint(DispatchTarget target) {
        return new Feature("target", DispatchSupport.point(target.lon(), target.lat()), Map.of());
    }
}
