package com.gridcommand.dispatch.ui;

import com.gridcommand.base.map.MapScreens;
import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaService;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.base.ui.Confirmation;
import com.gridcommand.basemap.Basemap;
import com.gridcommand.basemap.BasemapLayers;
import com.gridcommand.casework.ui.CaseLayers;
import com.gridcommand.casework.CaseService;
import com.gridcommand.changefeed.ui.LiveUpdates;
import com.gridcommand.dispatch.Assignment;
import com.gridcommand.dispatch.AssignmentRefusedException;
import com.gridcommand.dispatch.Assignments;
import com.gridcommand.dispatch.Candidate;
import com.gridcommand.dispatch.CandidateFilter;
import com.gridcommand.dispatch.Emergencies;
import com.gridcommand.dispatch.LiveReach;
import com.gridcommand.dispatch.NearestResponders;
import com.gridcommand.dispatch.ResponderService;
import com.gridcommand.dispatch.TravelTime;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.FeatureLayer;
import org.vaadin.addons.leafletflow.LatLng;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LeafletMap;
import org.vaadin.addons.leafletflow.LegendEntry;
import org.vaadin.addons.leafletflow.Style;
import org.vaadin.addons.leafletflow.StyleRule;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dispatcher's screen: the unit status board, the map with units moving live, open cases and the
 * city's live reach, and for a chosen case (or emergency) the nearest units ranked by travel time against
 * the arrival norm — one click sends one. Emergencies are declared here and shown with their rings,
 * checklist and leaders.
 */
@Route("dispatch")
@Menu(order = 1.5, title = "nav.dispatch")
@RolesAllowed({"DISPATCHER", "COMMAND", "LEADER"})
public class DispatchView extends Div implements HasDynamicTitle, BeforeEnterObserver {

    public static final int CANDIDATES = 8;
    /** The live reach is recomputed at most this often while units move. */
    static final Duration REACH_EVERY = Duration.ofSeconds(10);
    private static final Map<String, String> STATUS_COLOURS = ResponderLayers.STATUS_COLOURS;

    private record Target(Long caseId, Long emergencyId, String label, double lon, double lat) {}

    private final ResponderService responders;
    private final NearestResponders nearest;
    private final Assignments assignments;
    private final LiveReach reach;
    private final Emergencies emergencies;
    private final CaseService cases;
    private final AreaService areas;
    private final LiveUpdates live;
    private final CurrentUser current;
    private final Texts t;

    private final LeafletMap map;
    private final Basemap basemap;
    private final FeatureLayer reachLayer, caseLayer, responderLayer, candidateLayer, targetLayer, ringLayer;
    private final Div board = new Div();
    private final Grid<ResponderService.BoardRow> boardGrid = new Grid<>();
    private final Select<String> teamFilter = new Select<>();
    private final Div targetPanel = new Div();
    private final Grid<Candidate> candidateGrid = new Grid<>();
    private final Grid<Assignment> activeGrid = new Grid<>();
    private final Span reachSummary = new Span();
    private final Div emergencyPanel = new Div();
    private final MultiSelectComboBox<String> kinds = new MultiSelectComboBox<>();
    private final TextField skill = new TextField();
    private Target target;
    private Viewport viewport;
    private LiveReach.Summary lastReach;
    private Instant reachAt = Instant.EPOCH;
    private final Clock clock;
    private Registration liveRegistration;
    private boolean focused;
    private int targetNorm = 10;

    DispatchView(ResponderService responders, NearestResponders nearest, Assignments assignments, LiveReach reach,
                 Emergencies emergencies, CaseService cases, AreaService areas, LiveUpdates live, CurrentUser current,
                 BasemapLayers basemapLayers, MapScreens screens, Clock clock) {
        this.responders = responders;
        this.nearest = nearest;
        this.assignments = assignments;
        this.reach = reach;
        this.emergencies = emergencies;
        this.cases = cases;
        this.areas = areas;
        this.live = live;
        this.current = current;
        this.clock = clock;
        this.t = new Texts(UI.getCurrent(), clock);
        addClassName("gc-dispatch");
        setSizeFull();

        // ---- the status board
        board.addClassName("gc-dispatch-board");
        board.setId("status-board");
        teamFilter.setLabel(t.t("field.team"));
        teamFilter.setEmptySelectionAllowed(true);
        teamFilter.setEmptySelectionCaption(t.t("dispatch.allTeams"));
        teamFilter.addValueChangeListener(e -> refreshBoard());
        boardGrid.setId("status-grid");
        boardGrid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        boardGrid.addColumn(ResponderService.BoardRow::name).setHeader(t.t("field.name")).setAutoWidth(true).setSortable(true);
        boardGrid.addComponentColumn(r -> status(r.status())).setHeader(t.t("field.status")).setAutoWidth(true)
                .setComparator(ResponderService.BoardRow::status);
        boardGrid.addColumn(r -> t.label("responder.kind", r.kind())).setHeader(t.t("field.kind")).setAutoWidth(true);
        boardGrid.addColumn(ResponderService.BoardRow::team).setHeader(t.t("field.team")).setAutoWidth(true).setSortable(true);
        boardGrid.addColumn(r -> r.target() == null ? "" : r.target()).setHeader(t.t("dispatch.task")).setAutoWidth(true);
        boardGrid.addItemClickListener(e -> focusResponder(e.getItem().id()));
        Div left = new Div(new H3(t.t("dispatch.board")), board, teamFilter, boardGrid);
        left.addClassName("gc-dispatch-left");

        // ---- the map
        map = screens.create(t, "dispatch-map", areas.extentInScope(), 4, 19);
        // Blues for reach and grey for none: the case symbols (yellow to dark red) stay readable on every cell.
        var reachDef = LayerDefinition.layer("reach", t.t("layer.reach")).order(6).notInteractive()
                .style(Style.area("#9ca3af", 0.3, "#6b7280", 0.3)).tooltip("tip");
        for (var band : List.of(new String[]{"5", "#1d4ed8", "0.22"}, new String[]{"10", "#60a5fa", "0.22"}, new String[]{"none", "#6b7280", "0.32"})) {
            Style s = Style.area(band[1], 0.3, band[1], Double.parseDouble(band[2]));
            reachDef.rule(StyleRule.when("band", band[0], s)).legend(t.t("reach.band." + band[0]), s, LegendEntry.Shape.POLYGON);
        }
        reachLayer = map.addLayer(reachDef.build());
        basemap = new Basemap(map, basemapLayers, t, java.util.EnumSet.of(Basemap.Part.ROADS, Basemap.Part.TOWNSHIPS,
                Basemap.Part.COMMUNITIES, Basemap.Part.NAMES));
        caseLayer = map.addLayer(CaseLayers.definition(t, "cases", t.t("layer.cases"), 60, 0, 0));
        responderLayer = map.addLayer(ResponderLayers.definition(t, "responders", 70));
        candidateLayer = map.addLayer(LayerDefinition.layer("candidates", t.t("layer.candidates")).order(80).notInteractive()
                .style(Style.stroke("#1a56db", 2).dashed("6 4")).rule(StyleRule.when("method", "STRAIGHT_LINE", Style.only().dashed("2 6")))
                .tooltip("label").labels().build());
        targetLayer = map.addLayer(LayerDefinition.layer("target", t.t("layer.target")).order(90).notInteractive()
                .style(Style.point("#ff5a1f", 10).withWeight(3)).notInControl().build());
        ringLayer = map.addLayer(LayerDefinition.layer("rings", t.t("layer.rings")).order(4).notInteractive()
                .style(Style.area("#e02424", 2, "#e02424", 0.04).dashed("8 6")).tooltip("label").labels().build());
        map.addMoveListener(e -> {
            viewport = MapScreens.padded(e.view());
            basemap.show(viewport);
            loadMap();
        });
        map.addFeatureClickListener(e -> {
            if (!e.isKnown()) return;
            long id = Long.parseLong(e.featureId());
            if ("cases".equals(e.layerId())) cases.details(id).ifPresent(c -> choose(new Target(c.id(), null, c.code() + " " + c.title(), c.lon(), c.lat())));
        });
        map.addPointPickedListener(e -> declare(e.at()));

        // ---- the right panel: target, candidates, assignments, reach, emergencies
        targetPanel.setId("dispatch-target");
        targetPanel.addClassName("gc-dispatch-target");
        kinds.setLabel(t.t("field.kind"));
        kinds.setItems(List.of("POLICE_PATROL", "GRID_WORKER", "MEDIATOR", "VILLAGE_GUARD", "EMERGENCY_TEAM"));
        kinds.setItemLabelGenerator(k -> t.label("responder.kind", k));
        kinds.addValueChangeListener(e -> showCandidates());
        skill.setLabel(t.t("field.skills"));
        skill.setClearButtonVisible(true);
        skill.addValueChangeListener(e -> showCandidates());
        candidateGrid.setId("candidates");
        candidateGrid.addThemeVariants(GridVariant.LUMO_COMPACT);
        candidateGrid.setAllRowsVisible(true);
        candidateGrid.addComponentColumn(c -> {
            Button send = new Button(t.t("dispatch.assign"), e -> assign(c));
            send.addClassName("gc-assign");
            send.getElement().setAttribute("data-responder", Long.toString(c.id()));
            send.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.SMALL);
            send.setEnabled(target != null && (target.caseId() != null || target.emergencyId() != null)
                    && current.has(Role.DISPATCHER, Role.COMMAND));
            return send;
        }).setAutoWidth(true);
        candidateGrid.addColumn(c -> c.name()).setHeader(t.t("field.name")).setAutoWidth(true);
        candidateGrid.addComponentColumn(this::eta).setHeader(t.t("dispatch.eta")).setAutoWidth(true);
        candidateGrid.addColumn(c -> distance(c.distanceMetres())).setHeader(t.t("dispatch.distance")).setAutoWidth(true);
        candidateGrid.addColumn(c -> t.label("responder.kind", c.kind())).setHeader(t.t("field.kind")).setAutoWidth(true);
        activeGrid.setId("active-assignments");
        activeGrid.addThemeVariants(GridVariant.LUMO_COMPACT);
        activeGrid.setAllRowsVisible(true);
        activeGrid.addColumn(Assignment::responderName).setHeader(t.t("field.name")).setAutoWidth(true);
        activeGrid.addColumn(Assignment::target).setHeader(t.t("dispatch.task")).setAutoWidth(true);
        activeGrid.addColumn(a -> t.t("assignment.status." + a.status())).setHeader(t.t("field.status")).setAutoWidth(true);
        activeGrid.addColumn(a -> a.assignedAt() == null ? "" : t.dateTime(a.assignedAt())).setHeader(t.t("dispatch.assignedAt")).setAutoWidth(true);
        activeGrid.addComponentColumn(a -> {
            Button cancel = new Button(t.t("dispatch.cancel"), e -> Confirmation.ask("assignment-cancel-confirm",
                    t.t("dispatch.cancel.title", a.responderName()), t.t("dispatch.cancel.text", a.responderName(), a.target()),
                    t.t("dispatch.cancel"), t.t("action.cancel"), () -> attempt(() -> assignments.advance(a.id(), Assignment.Status.CANCELLED, null))));
            cancel.addClassName("gc-assignment-cancel");
            cancel.getElement().setAttribute("data-assignment", Long.toString(a.id()));
            cancel.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL, ButtonVariant.ERROR);
            cancel.setVisible(current.has(Role.DISPATCHER, Role.COMMAND));
            return cancel;
        });
        reachSummary.setId("reach-summary");
        reachSummary.addClassName("gc-reach-summary");
        Button declare = new Button(t.t("emergency.declare"), e -> {
            map.startDrawing(LeafletMap.DrawMode.POINT);
            Notification.show(t.t("emergency.pickPoint"), 4000, Notification.Position.TOP_CENTER);
        });
        declare.setId("declare-emergency");
        declare.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.SMALL);
        declare.setVisible(current.has(Role.DISPATCHER, Role.COMMAND, Role.LEADER));
        emergencyPanel.setId("emergency-panel");
        Div filters = new Div(kinds, skill);
        filters.addClassName("gc-dispatch-filters");
        Div right = new Div(targetPanel, filters, candidateGrid, new H4(t.t("dispatch.active")), activeGrid,
                new H4(t.t("dispatch.reach")), reachSummary, declare, emergencyPanel);
        right.addClassName("gc-dispatch-right");
        add(left, map, right);
        choose(null);
    }

    @Override
    public String getPageTitle() {
        return t.t("nav.dispatch") + " · " + t.t("app.title");
    }

    /**
     * {@code ?case=ID} opens the view with that case as the target (the case page links here). A case that does
     * not exist or lies outside the user's areas is said to be so — the same words for both, so nothing leaks —
     * and the view opens without a target.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("case").ifPresent(value -> {
            Optional<com.gridcommand.casework.CaseDetails> found;
            try {
                found = cases.details(Long.parseLong(value.strip()));
            } catch (NumberFormatException notAnId) {
                found = Optional.empty();
            }
            found.ifPresentOrElse(c -> {
                choose(new Target(c.id(), null, c.code() + " " + c.title(), c.lon(), c.lat()));
                map.setView(new LatLng(c.lat(), c.lon()), 15);
                focused = true;
            }, () -> {
                Notification n = Notification.show(t.t("dispatch.caseNotFound"), 8000, Notification.Position.MIDDLE);
                n.addThemeVariants(NotificationVariant.WARNING);
                n.setId("dispatch-case-not-found");
            });
        });
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        if (!focused) MapScreens.fit(map, areas.extentInScope(), 15);
        else if (target != null) map.setView(new LatLng(target.lat(), target.lon()), 15);
        refreshBoard();
        refreshActive();
        refreshEmergencies();
        liveRegistration = live.register(event.getUI(), this::applyLive);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (liveRegistration != null) liveRegistration.remove();
        super.onDetach(event);
    }

    // ------------------------------------------------------------------ map

    private void loadMap() {
        if (viewport == null) return;
        caseLayer.setFeatures(cases.openInView(viewport).stream().map(f -> CaseLayers.feature(f, t)).toList());
        responderLayer.setFeatures(responders.inView(viewport).stream().map(f -> ResponderLayers.feature(f, t)).toList());
        showReach(true);
    }

    /**
     * The reach summary and layer. The reach itself is recomputed at most every {@link #REACH_EVERY} while units
     * move; the cells are redrawn only when it was, or when the view moved.
     */
    private void showReach(boolean viewMoved) {
        Instant now = clock.instant();
        boolean recomputed = lastReach == null || Duration.between(reachAt, now).compareTo(REACH_EVERY) >= 0;
        if (recomputed) {
            lastReach = reach.now();
            reachAt = now;
        }
        LiveReach.Summary r = lastReach;
        reachSummary.setText(t.t("reach.summary", percent(r.share(r.within5())), percent(r.share(r.within10())),
                percent(r.share(r.withinNorm())), r.units()));
        if (viewport == null || !reachLayer.isVisible() || !(recomputed || viewMoved)) return;
        Map<Long, LiveReach.CellReach> byCell = r.reach().stream().collect(Collectors.toMap(LiveReach.CellReach::cellId, c -> c));
        List<Feature> cells = new ArrayList<>();
        for (GeoFeature f : areas.inView(AreaLevel.GRID_CELL, viewport)) {
            LiveReach.CellReach c = byCell.get(Long.parseLong(f.id()));
            if (c == null) continue;
            String band = c.seconds() == null ? "none" : c.seconds() <= 300 ? "5" : "10";
            String tip = c.seconds() == null ? t.t("reach.band.none") : t.t("reach.minutes", (c.seconds() + 59) / 60, c.normMinutes());
            cells.add(new Feature(f.id(), f.geometry(), Map.of("band", band, "tip", tip)));
        }
        reachLayer.setFeatures(cells);
    }

    private static String percent(double share) {
        return Math.round(share * 1000) / 10.0 + "%";
    }

    // ------------------------------------------------------------------ target and candidates

    private void choose(Target chosen) {
        target = chosen;
        targetPanel.removeAll();
        if (target == null) {
            targetPanel.add(new Span(t.t("dispatch.chooseTarget")));
            targetLayer.clear();
            candidateLayer.clear();
            candidateGrid.setItems(List.of());
            return;
        }
        Span label = new Span(target.label());
        label.addClassName("gc-dispatch-target-label");
        targetPanel.add(new H4(t.t("dispatch.target")), label);
        targetLayer.setFeatures(List.of(new Feature("target", point(target.lon(), target.lat()), Map.of())));
        showCandidates();
    }

    private void showCandidates() {
        if (target == null) return;
        // The norm where the target is (its township's setting; 10 minutes outside any), looked up once per list.
        Integer norm = responders.arrivalNorm(target.lon(), target.lat());
        targetNorm = norm == null ? 10 : norm;
        List<Candidate> found = nearest.nearestWithTravel(target.lon(), target.lat(), CANDIDATES,
                new CandidateFilter(kinds.getValue(), skill.getValue(), null), 5);
        candidateGrid.setItems(found);
        List<Feature> lines = new ArrayList<>();
        for (Candidate c : found) {
            if (c.travel() == null) continue;
            lines.add(new Feature(Long.toString(c.id()), "{\"type\":\"LineString\",\"coordinates\":[[" + c.lon() + "," + c.lat() + "],["
                    + target.lon() + "," + target.lat() + "]]}",
                    Map.of("method", c.travel().method().name(), "label", c.name() + " " + minutes(c.travel()))));
        }
        candidateLayer.setFeatures(lines);
    }

    private Span eta(Candidate c) {
        if (c.travel() == null) return new Span("—");
        Span s = new Span(minutes(c.travel()));
        s.addClassName("gc-eta");
        int norm = targetNorm;
        boolean within = c.travel().seconds() <= norm * 60;
        s.addClassName(within ? "gc-eta-ok" : "gc-eta-late");
        s.setTitle(t.t(within ? "dispatch.withinNorm" : "dispatch.beyondNorm", norm));
        return s;
    }

    private String minutes(TravelTime travel) {
        return t.t(travel.method() == TravelTime.Method.ROAD ? "dispatch.etaRoad" : "dispatch.etaStraight", travel.minutesRoundedUp());
    }

    private String distance(double metres) {
        return t.distance(metres);
    }

    private void assign(Candidate c) {
        if (target == null) return;
        try {
            Assignment a = target.caseId() != null ? assignments.assignToCase(target.caseId(), c.id())
                    : assignments.assignToEmergency(target.emergencyId(), c.id());
            Notification.show(a.etaSeconds() == null ? t.t("dispatch.assignedNoEta", a.responderName())
                            : t.t("dispatch.assigned", a.responderName(), t.minutes(a.etaSeconds())),
                    4000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.SUCCESS);
        } catch (AssignmentRefusedException e) {
            refused(e);
        } catch (CurrentUser.AccessDeniedException e) {
            error(t.t("error.denied"));
        }
        showCandidates();
        refreshBoard();
        refreshActive();
    }

    private void refused(AssignmentRefusedException e) {
        Notification n = Notification.show(Refusals.text(t, e), 8000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.ERROR);
        n.addClassName("gc-refused");
    }

    private void attempt(Runnable action) {
        try {
            action.run();
        } catch (AssignmentRefusedException e) {
            refused(e);
        } catch (CurrentUser.AccessDeniedException e) {
            error(t.t("error.denied"));
        }
        refreshBoard();
        refreshActive();
    }

    private void error(String message) {
        Notification.show(message, 6000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.ERROR);
    }

    // ------------------------------------------------------------------ board and assignments

    private void refreshBoard() {
        List<ResponderService.BoardRow> rows = responders.board();
        Set<String> teams = rows.stream().map(ResponderService.BoardRow::team).filter(java.util.Objects::nonNull)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!new HashSet<>(teamFilter.getListDataView().getItems().toList()).equals(teams)) {
            String chosen = teamFilter.getValue();
            teamFilter.setItems(teams);
            if (chosen != null && teams.contains(chosen)) teamFilter.setValue(chosen);
        }
        String team = teamFilter.getValue();
        List<ResponderService.BoardRow> shown = rows.stream().filter(r -> team == null || team.equals(r.team())).toList();
        board.removeAll();
        Map<String, Long> counts = shown.stream().collect(Collectors.groupingBy(ResponderService.BoardRow::status, Collectors.counting()));
        for (String status : STATUS_COLOURS.keySet()) {
            Span chip = new Span(t.label("responder.status", status) + " " + counts.getOrDefault(status, 0L));
            chip.addClassName("gc-status-chip");
            chip.getElement().setAttribute("data-status", status);
            chip.getStyle().set("--gc-status", STATUS_COLOURS.get(status));
            board.add(chip);
        }
        boardGrid.setItems(shown.stream().sorted(java.util.Comparator.comparingInt((ResponderService.BoardRow r) ->
                List.copyOf(STATUS_COLOURS.keySet()).indexOf(r.status())).thenComparing(ResponderService.BoardRow::name)).toList());
    }

    private Span status(String status) {
        Span s = new Span(t.label("responder.status", status));
        s.addClassName("gc-status-badge");
        s.getElement().setAttribute("data-status", status);
        s.getStyle().set("--gc-status", STATUS_COLOURS.getOrDefault(status, "#9ca3af"));
        return s;
    }

    private void focusResponder(long id) {
        responders.position(id).ifPresent(p -> map.setView(new LatLng(p[1], p[0]), 16));
    }

    private void refreshActive() {
        activeGrid.setItems(assignments.active());
    }

    private void applyLive(LiveUpdates.Batch batch) {
        boolean unitsChanged = batch.reloadAll() || !batch.of(ResponderService.CHANGES).isEmpty();
        if (viewport != null && !batch.of(ResponderService.CHANGES).isEmpty()) {
            Set<Long> changed = batch.of(ResponderService.CHANGES);
            List<GeoFeature> present = responders.inView(viewport, changed);
            Set<String> gone = new HashSet<>();
            changed.forEach(id -> gone.add(Long.toString(id)));
            present.forEach(f -> gone.remove(f.id()));
            responderLayer.upsert(present.stream().map(f -> ResponderLayers.feature(f, t)).toList());
            responderLayer.remove(gone);
        }
        if (viewport != null && !batch.of(CaseService.CHANGES).isEmpty()) loadMap();
        if (unitsChanged || !batch.of(Assignments.CHANGES).isEmpty()) {
            refreshBoard();
            refreshActive();
            showReach(false);
        }
        if (!batch.of(Emergencies.CHANGES).isEmpty() || batch.reloadAll()) refreshEmergencies();
    }

    // ------------------------------------------------------------------ emergencies

    private void declare(LatLng at) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(t.t("emergency.declare"));
        Select<String> kind = new Select<>();
        kind.setId("emergency-kind");
        kind.setLabel(t.t("field.kind"));
        kind.setItems(Emergencies.KINDS.stream().sorted().toList());
        kind.setItemLabelGenerator(k -> t.label("emergency.kind", k));
        kind.setValue("FIRE");
        Select<Integer> level = new Select<>();
        level.setId("emergency-level");
        level.setLabel(t.t("emergency.level"));
        level.setItems(1, 2, 3, 4);
        level.setItemLabelGenerator(l -> t.t("emergency.level." + l));
        level.setValue(3);
        TextField title = new TextField(t.t("field.title"));
        title.setId("emergency-title");
        title.setRequired(true);
        Button ok = new Button(t.t("emergency.declare"), e -> {
            try {
                long id = emergencies.declare(kind.getValue(), level.getValue(), title.getValue(), at.lng(), at.lat());
                dialog.close();
                refreshEmergencies();
                emergencies.situation(id).ifPresent(s -> {
                    choose(new Target(null, id, s.emergency().title(), s.emergency().lon(), s.emergency().lat()));
                    map.setView(new LatLng(s.emergency().lat(), s.emergency().lon()), 14);
                });
            } catch (IllegalArgumentException invalid) {
                error(t.problem(invalid));
            }
        });
        ok.setId("emergency-ok");
        ok.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        dialog.add(new Div(kind, level, title));
        dialog.getFooter().add(new Button(t.t("action.cancel"), e -> dialog.close()), ok);
        dialog.open();
    }

    private void refreshEmergencies() {
        emergencyPanel.removeAll();
        List<Feature> rings = new ArrayList<>();
        for (Emergencies.Emergency e : emergencies.active()) {
            emergencies.situation(e.id()).ifPresent(s -> {
                emergencyPanel.add(situation(s));
                List<String> geometries = emergencies.rings(e.id());
                for (int i = 0; i < geometries.size(); i++) {
                    int metres = Emergencies.RINGS.get(i);
                    rings.add(new Feature(e.id() + "-" + metres, geometries.get(i), Map.of("label", distance(metres))));
                }
            });
        }
        ringLayer.setFeatures(rings);
    }

    private Div situation(Emergencies.Situation s) {
        Div panel = new Div();
        panel.addClassName("gc-emergency");
        var e = s.emergency();
        Span head = new Span(t.t("emergency.level." + e.level()) + " · " + t.label("emergency.kind", e.kind()) + " · " + e.title());
        head.addClassName("gc-emergency-title");
        Button focus = new Button(t.t("emergency.focus"), ev -> {
            choose(new Target(null, e.id(), e.title(), e.lon(), e.lat()));
            map.setView(new LatLng(e.lat(), e.lon()), 15);
        });
        focus.addThemeVariants(ButtonVariant.SMALL);
        panel.add(head, focus);
        Div rings = new Div();
        rings.addClassName("gc-emergency-rings");
        for (Emergencies.Ring r : s.rings()) {
            rings.add(new Div(new Span(t.t("emergency.ring", distance(r.metres()), r.keyPlaces(), r.cameras(), r.cells()))));
        }
        panel.add(rings);
        Div places = new Div();
        places.addClassName("gc-emergency-places");
        s.places().stream().limit(8).forEach(p -> places.add(new Div(new Span(t.label("place.kind", p.kind()) + " " + p.name() + " · " + distance(p.metres())))));
        panel.add(new H4(t.t("emergency.places")), places);
        Div checklist = new Div();
        checklist.addClassName("gc-emergency-checklist");
        for (Emergencies.CheckItem item : s.checklist()) {
            Checkbox box = new Checkbox(item.number() + ". " + item.text(), item.doneAt() != null);
            box.setReadOnly(item.doneAt() != null);
            if (item.doneAt() != null) box.setTooltipText(item.doneBy() + " · " + t.dateTime(item.doneAt()));
            box.addValueChangeListener(ev -> {
                if (ev.isFromClient() && ev.getValue()) attempt(() -> emergencies.check(e.id(), item.number()));
                refreshEmergencies();
            });
            checklist.add(box);
        }
        panel.add(new H4(t.t("emergency.checklist")), checklist);
        Div leaders = new Div();
        leaders.addClassName("gc-emergency-leaders");
        for (Emergencies.Leader l : s.leaders()) {
            String where = l.metres() == null ? t.t("emergency.noPosition")
                    : distance(l.metres()) + (l.travel() == null ? "" : " · " + minutes(l.travel()));
            leaders.add(new Div(new Span(l.name() + " · " + t.t("emergency.leader." + l.status()) + " · " + where)));
        }
        panel.add(new H4(t.t("emergency.leaders")), leaders);
        if (s.leaders().stream().anyMatch(l -> current.get().map(u -> u.id() == l.userId()).orElse(false))) {
            Button onTheWay = new Button(t.t("emergency.leader.ON_THE_WAY"), ev -> attempt(() -> emergencies.leaderStatus(e.id(), "ON_THE_WAY")));
            Button arrived = new Button(t.t("emergency.leader.ARRIVED"), ev -> attempt(() -> emergencies.leaderStatus(e.id(), "ARRIVED")));
            panel.add(new Div(onTheWay, arrived));
        }
        Button end = new Button(t.t("emergency.end"), ev -> Confirmation.ask("emergency-end-confirm", t.t("emergency.end.title", e.title()),
                t.t("emergency.end.text", e.title()), t.t("emergency.end"), t.t("action.cancel"), () -> {
                    attempt(() -> emergencies.end(e.id()));
                    refreshEmergencies();
                }));
        end.addClassName("gc-emergency-end");
        end.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        panel.add(end);
        return panel;
    }

    private static String point(double lon, double lat) {
        return "{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat + "]}";
    }
}
