package com.gridcommand.patrol.ui;

import com.gridcommand.patrol.PatrolPresence;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The dosage tab: each active hotspot's visits, minutes, Koper stops and longest wait that night, against the target. */
final class DosagePanel extends Div {

    private final Grid<PatrolPresence.Dosage> grid = new Grid<>();

    DosagePanel(PatrolPresence presence) {
        grid.setId("coverage-dosage");
        grid.addThemeVariants(GridVariant.ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(PatrolPresence.Dosage::hotspot).setHeader(getTranslation("coverage.col.hotspot")).setAutoWidth(true);
        grid.addColumn(d -> d.visits().size()).setHeader(getTranslation("coverage.col.visits")).setAutoWidth(true);
        grid.addColumn(d -> d.inside().toMinutes()).setHeader(getTranslation("coverage.col.minutes")).setAutoWidth(true);
        grid.addColumn(PatrolPresence.Dosage::koperStops).setHeader(getTranslation("coverage.col.koperStops")).setAutoWidth(true);
        grid.addColumn(d -> hours(d.longestWait())).setHeader(getTranslation("coverage.col.longestWait")).setAutoWidth(true);
        grid.addColumn(d -> getTranslation(d.meetsTarget() ? "coverage.yes" : "coverage.no")).setHeader(getTranslation("coverage.col.target"))
                .setAutoWidth(true).setKey("target");
        add(new Paragraph(getTranslation("coverage.dosageHint", presence.koperStop().toMinutes(),
                String.format(Locale.ROOT, "%.1f", presence.koperEvery().toMinutes() / 60.0).replace(".0", ""))), grid);
        addClassName("gc-hotspot-pane");
    }

    void show(List<PatrolPresence.Dosage> dosages) {
        grid.setItems(dosages);
    }

    private static String hours(Duration d) {
        return String.format(Locale.ROOT, "%d:%02d", d.toHours(), d.toMinutesPart());
    }
}
