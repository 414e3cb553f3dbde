package com.gridcommand.patrol.ui;

import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.patrol.CoverageCheck;
import com.gridcommand.patrol.PatrolCompliance;
import com.gridcommand.patrol.PatrolRouteDetails;
import com.gridcommand.patrol.PatrolService;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import org.vaadin.addons.leafletflow.Feature;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The compliance tab: each planned patrol's window, share of its route covered, schedule and time in hotspots; the routes on the map. */
final class CompliancePanel extends Div {

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");

    private final PatrolService patrols;
    private final Consumer<List<Feature>> drawRoutes;
    private final Grid<PatrolCompliance.Result> grid = new Grid<>();
    private final Map<Long, PatrolRouteDetails> routes = new HashMap<>();

    /** {@code highlight} is given a route's feature id, {@code drawRoutes} the routes for the map. */
    CompliancePanel(PatrolService patrols, Clock clock, Consumer<String> highlight, Consumer<List<Feature>> drawRoutes) {
        this.patrols = patrols;
        this.drawRoutes = drawRoutes;
        grid.setId("coverage-compliance");
        // Long route names and hotspot times wrap instead of being cut off.
        grid.addThemeVariants(GridVariant.ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(r -> route(r.routeId()).map(d -> d.code() + " " + d.name()).orElse("#" + r.routeId()))
                .setHeader(getTranslation("coverage.col.route")).setFlexGrow(2).setWidth("12em");
        grid.addColumn(r -> route(r.routeId()).map(PatrolRouteDetails::team).orElse("")).setHeader(getTranslation("coverage.col.team"))
                .setAutoWidth(true);
        grid.addColumn(r -> HOURS.format(r.windowStart().atZoneSameInstant(clock.getZone())) + "–"
                + HOURS.format(r.windowEnd().atZoneSameInstant(clock.getZone()))).setHeader(getTranslation("coverage.col.window")).setAutoWidth(true);
        grid.addColumn(r -> String.format(Locale.ROOT, "%.0f%%", 100 * r.coverage())).setHeader(getTranslation("coverage.col.coverage"))
                .setAutoWidth(true).setKey("coverage");
        grid.addColumn(r -> getTranslation(r.onSchedule() ? "coverage.yes" : "coverage.no")).setHeader(getTranslation("coverage.col.onSchedule"))
                .setAutoWidth(true).setKey("onSchedule");
        grid.addColumn(r -> r.hotspots().stream().filter(h -> !h.inside().isZero())
                        .map(h -> h.code() + " " + h.inside().toMinutes() + getTranslation("coverage.minutes")).collect(Collectors.joining("，")))
                .setHeader(getTranslation("coverage.col.hotspots")).setFlexGrow(2);
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(r -> highlight.accept(Long.toString(r.routeId()))));
        add(new Paragraph(getTranslation("coverage.complianceHint")), grid);
        addClassName("gc-hotspot-pane");
    }

    /** A day's results, and the routes of the user's areas drawn by their worst window (or as not planned). */
    void show(List<PatrolCompliance.Result> results, Optional<Bbox> extent) {
        grid.setItems(results);
        Map<Long, PatrolCompliance.Result> byRoute = CoverageCheck.worstByRoute(results);
        if (extent.isEmpty()) return;
        List<Feature> lines = new ArrayList<>();
        for (GeoFeature f : patrols.inView(new Viewport(extent.get(), 15))) {
            Map<String, Object> p = new LinkedHashMap<>();
            PatrolCompliance.Result r = byRoute.get(Long.parseLong(f.id()));
            if (r != null) p.put("onSchedule", r.onSchedule());
            p.put("tip", f.properties().get("code") + " " + f.properties().get("name")
                    + (r == null ? " · " + getTranslation("coverage.notPlanned") : String.format(Locale.ROOT, " · %.0f%%", 100 * r.coverage())));
            lines.add(new Feature(f.id(), f.geometry(), p));
        }
        drawRoutes.accept(lines);
    }

    private Optional<PatrolRouteDetails> route(long id) {
        return Optional.ofNullable(routes.computeIfAbsent(id, k -> patrols.details(k).orElse(null)));
    }
}
