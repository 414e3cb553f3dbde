package com.gridcommand.patrol.ui;

import com.gridcommand.area.AreaService;
import com.gridcommand.basemap.CellShapes;
import com.gridcommand.hotspot.HotspotRegister;
import com.gridcommand.patrol.PatrolHalf;
import com.gridcommand.patrol.PatrolPresence;
import com.gridcommand.patrol.PresenceGaps;
import com.vaadin.flow.component.html.Paragraph;
import org.vaadin.addons.leafletflow.Feature;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The gaps tab: how many cells and hotspots saw no patrol in the last days by night or by day; the gaps on the map. */
final class GapsPanel extends Paragraph {

    private final AreaService areas;
    private final Consumer<List<Feature>> drawGaps;
    private List<PatrolPresence.Presence> presence = List.of();
    /** The register as the last check read it. */
    private List<HotspotRegister.Entry> entries = List.of();
    /** Grid cell outlines for the gaps: read once, switching day and night only recolours. */
    private Map<String, String> cellShapes;

    /** {@code drawGaps} is given the gaps for the map. */
    GapsPanel(AreaService areas, Consumer<List<Feature>> drawGaps) {
        this.areas = areas;
        this.drawGaps = drawGaps;
        setId("coverage-gaps");
    }

    /** What the last check found: the areas' presence and the register. */
    void update(List<PatrolPresence.Presence> presence, List<HotspotRegister.Entry> entries) {
        this.presence = presence;
        this.entries = entries;
    }

    /** The gaps of the last check in a half of the day, over {@code days} days (as the summary says). */
    void draw(PatrolHalf half, Integer days) {
        if (presence.isEmpty()) return;
        if (cellShapes == null) cellShapes = CellShapes.of(areas);
        Map<String, String> hotspotShapes = new HashMap<>();
        for (HotspotRegister.Entry h : entries) hotspotShapes.put(Long.toString(h.id()), h.geometry());
        PresenceGaps gaps = PresenceGaps.of(presence, half, p -> shape(p, hotspotShapes) != null);
        List<Feature> features = new ArrayList<>();
        for (PatrolPresence.Presence p : gaps.gaps()) {
            features.add(new Feature(p.kind() + p.id(), shape(p, hotspotShapes), Map.of("tip", p.code() + " · " + getTranslation("coverage.noPresence." + half))));
        }
        drawGaps.accept(features);
        setText(getTranslation("coverage.gapSummary", days, getTranslation("coverage.half." + half), gaps.cellGaps(), gaps.cells(),
                gaps.hotspotGaps(), gaps.hotspots(), gaps.hotspotCodes().isEmpty() ? "—" : String.join("、", gaps.hotspotCodes())));
    }

    private String shape(PatrolPresence.Presence p, Map<String, String> hotspotShapes) {
        return (PresenceGaps.isCell(p) ? cellShapes : hotspotShapes).get(Long.toString(p.id()));
    }
}
