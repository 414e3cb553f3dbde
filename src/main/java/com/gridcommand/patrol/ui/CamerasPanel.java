package com.gridcommand.patrol.ui;

import com.gridcommand.prevention.CameraCoverage;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import org.vaadin.addons.leafletflow.Feature;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** The cameras tab: the share of each hotspot the cameras see, its blind part and the key places no camera sees. */
final class CamerasPanel extends Div {

    private final CameraCoverage cameras;
    private final Consumer<List<Feature>> drawBlind;
    private final Consumer<List<Feature>> drawUnseen;
    private final Grid<CameraCoverage.HotspotCoverage> grid = new Grid<>();
    private final Paragraph summary = new Paragraph();

    /** {@code highlightBlind} is given a hotspot's blind-spot feature id; the draw callbacks the blind spots and unseen places. */
    CamerasPanel(CameraCoverage cameras, Consumer<String> highlightBlind, Consumer<List<Feature>> drawBlind, Consumer<List<Feature>> drawUnseen) {
        this.cameras = cameras;
        this.drawBlind = drawBlind;
        this.drawUnseen = drawUnseen;
        summary.setId("coverage-cameras");
        grid.setId("coverage-camera-grid");
        grid.addThemeVariants(GridVariant.ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(c -> c.code() + " " + c.name()).setHeader(getTranslation("coverage.col.hotspot")).setFlexGrow(2);
        grid.addColumn(c -> String.format(Locale.ROOT, "%.0f%%", 100 * c.share())).setHeader(getTranslation("coverage.col.seen"))
                .setAutoWidth(true).setKey("seen");
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(c -> {
            if (c.blindSpot() != null) highlightBlind.accept(Long.toString(c.hotspotId()));
        }));
        add(summary, grid);
        addClassName("gc-hotspot-pane");
    }

    void draw() {
        List<CameraCoverage.HotspotCoverage> seen = cameras.hotspots();
        grid.setItems(seen);
        List<Feature> blind = new ArrayList<>();
        for (CameraCoverage.HotspotCoverage c : seen) {
            if (c.blindSpot() == null) continue;
            blind.add(new Feature(Long.toString(c.hotspotId()), c.blindSpot(), Map.of("tip", c.code() + " " + c.name() + " · "
                    + getTranslation("coverage.blindTip", String.format(Locale.ROOT, "%.0f%%", 100 * (1 - c.share()))))));
        }
        drawBlind.accept(blind);
        List<CameraCoverage.UnseenPlace> unseen = cameras.unseenKeyPlacesWithPlace();
        drawUnseen.accept(unseen.stream().map(u -> new Feature(u.code(), "{\"type\":\"Point\",\"coordinates\":["
                + u.lon() + "," + u.lat() + "]}", Map.of("tip", u.code() + " " + u.name() + " · " + getTranslation("coverage.unseenTip")))).toList());
        double mean = seen.stream().mapToDouble(CameraCoverage.HotspotCoverage::share).average().orElse(0);
        summary.setText(getTranslation("coverage.cameraSummary", seen.size(), String.format(Locale.ROOT, "%.0f%%", 100 * mean), unseen.size()));
    }
}
