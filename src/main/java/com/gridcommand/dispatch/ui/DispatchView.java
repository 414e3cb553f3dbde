package com.gridcommand.dispatch.ui;

import com.gridcommand.base.map.MapScreens;
import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaService;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.basemap.Basemap;
import com.gridcommand.basemap.BasemapLayers;
import com.gridcommand.casework.CaseIds;
import com.gridcommand.casework.ui.CaseLayers;
import com.gridcommand.casework.CaseService;
import com.gridcommand.changefeed.ui.LiveUpdates;
import com.gridcommand.dispatch.Assignments;
import com.gridcommand.dispatch.CandidateRules;
import com.gridcommand.dispatch.Emergencies;
import com.gridcommand.dispatch.LiveReach;
import com.gridcommand.dispatch.NearestResponders;
import com.gridcommand.dispatch.ReachBands;
import com.gridcommand.dispatch.ReachThrottle;
import com.gridcommand.dispatch.ResponderService;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.vaadin.addons.leafletflow.FeatureLayer;
import org.vaadin.addons.leafletflow.LatLng;
import org.vaadin.addons.leafletflow.LeafletMap;
import com.gridcommand.security.CurrentUser;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The dispatcher's screen: the unit status board, the map with units moving live, open cases and the
 * city's live reach, and for a chosen case (or emergency) the nearest units ranked by travel time against
 * the arrival norm — one click sends one. Emergencies are declared here and shown with their rings,
 * checklist and leaders. The frame holds the map, the reach and the live updates; the board
 * ({@link StatusBoardPanel}), the candidates ({@link CandidatePanel}) and the emergencies ({@link EmergencyPanel})
 * are panels of their own.
 */
@Route("dispatch")
@Menu(order = 1.5, title = "nav.dispatch")
@RolesAllowed({"DISPATCHER", "COMMAND", "LEADER"})
public class DispatchView extends Div implements HasDynamicTitle, BeforeEnterObserver {

    public static final int CANDIDATES = CandidateRules.SHOWN;

    private final ResponderService responders;
    private final LiveReach reach;
    private final CaseService cases;
    private final AreaService areas;
    private final LiveUpdates live;
    private final Texts t;
    private final Clock clock;

    private final LeafletMap map;
    private final Basemap basemap;
    private final FeatureLayer reachLayer, caseLayer, responderLayer, candidateLayer, targetLayer, ringLayer;
    private final StatusBoardPanel board;
    private final CandidatePanel candidates;
    private final EmergencyPanel emergencyPanel;
    private final Span reachSummary = new Span();
    private final ReachThrottle reachThrottle = new ReachThrottle();
    private DispatchTarget target;
    private Viewport viewport;
    private LiveReach.Summary lastReach;
    private Registration liveRegistration;
    private boolean focused;

    DispatchView(ResponderService responders, NearestResponders nearest, Assignments assignments, LiveReach reach,
                 Emergencies emergencies, CaseService cases, AreaService areas, LiveUpdates live, CurrentUser current,
                 BasemapLayers basemapLayers, MapScreens screens, Clock clock) {
        this.responders = responders;
        this.reach = reach;
        this.cases = cases;
        this.areas = areas;
        this.live = live;
        this.clock = clock;
        this.t = new Texts(UI.getCurrent(), clock);
        addClassName("gc-dispatch");
        setSizeFull();

        board = new StatusBoardPanel(responders, t, this::focusResponder);

        // ---- the map
        map = screens.create(t, "dispatch-map", areas.extentInScope(), 4, 19);
        reachLayer = map.addLayer(DispatchLayers.reach(t));
        basemap = new Basemap(map, basemapLayers, t, java.util.EnumSet.of(Basemap.Part.ROADS, Basemap.Part.TOWNSHIPS,
                Basemap.Part.COMMUNITIES, Basemap.Part.NAMES));
        caseLayer = map.addLayer(CaseLayers.definition(t, "cases", t.t("layer.cases"), 60, 0, 0));
        responderLayer = map.addLayer(ResponderLayers.definition(t, "responders", 70));
        candidateLayer = map.addLayer(DispatchLayers.candidates(t));
        targetLayer = map.addLayer(DispatchLayers.target(t));
        ringLayer = map.addLayer(DispatchLayers.rings(t));
        map.addMoveListener(e -> {
            viewport = MapScreens.padded(e.view());
            basemap.show(viewport);
            loadMap();
        });
        map.addFeatureClickListener(e -> {
            if (!e.isKnown()) return;
            long id = Long.parseLong(e.featureId());
            if ("cases".equals(e.layerId())) cases.details(id).ifPresent(c -> choose(DispatchTarget.ofCase(c)));
        });

        // ---- the right column: target, candidates, assignments, reach, emergencies
        candidates = new CandidatePanel(responders, nearest, assignments, current, t, found -> candidateLayer.setFeatures(DispatchLayers.candidateLines(found, target, t)), this::assignmentsChanged);
        emergencyPanel = new EmergencyPanel(emergencies, current, t, () -> {
            map.startDrawing(LeafletMap.DrawMode.POINT);
            Notification.show(t.t("emergency.pickPoint"), 4000, Notification.Position.TOP_CENTER);
        }, (chosen, zoom) -> {
            choose(chosen);
            map.setView(new LatLng(chosen.lat(), chosen.lon()), zoom);
        }, ringLayer::setFeatures, this::assignmentsChanged);
        map.addPointPickedListener(e -> emergencyPanel.declare(e.at().lng(), e.at().lat()));
        reachSummary.setId("reach-summary");
        reachSummary.addClassName("gc-reach-summary");
        Div right = new Div(candidates.parts());
        right.add(new H4(t.t("dispatch.reach")), reachSummary, emergencyPanel.declareButton(), emergencyPanel);
        right.addClassName("gc-dispatch-right");
        add(board, map, right);
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
        event.getLocation().getQueryParameters().getSingleParameter("case").ifPresent(value ->
                CaseIds.parse(value.strip()).flatMap(cases::details).ifPresentOrElse(c -> {
                    choose(DispatchTarget.ofCase(c));
                    map.setView(new LatLng(c.lat(), c.lon()), 15);
                    focused = true;
                }, () -> {
                    Notification n = Notification.show(t.t("dispatch.caseNotFound"), 8000, Notification.Position.MIDDLE);
                    n.addThemeVariants(NotificationVariant.WARNING);
                    n.setId("dispatch-case-not-found");
                }));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        if (!focused) MapScreens.fit(map, areas.extentInScope(), 15);
        else if (target != null) map.setView(new LatLng(target.lat(), target.lon()), 15);
        assignmentsChanged();
        emergencyPanel.refresh();
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
     * The reach summary and layer. The reach itself is recomputed at most every {@link ReachThrottle#EVERY} while
     * units move; the cells are redrawn only when it was, or when the view moved.
     */
    private void showReach(boolean viewMoved) {
        Instant now = clock.instant();
        boolean recomputed = reachThrottle.due(now);
        if (recomputed) {
            lastReach = reach.now();
            reachThrottle.computed(now);
        }
        LiveReach.Summary r = lastReach;
        reachSummary.setText(t.t("reach.summary", ReachBands.percent(r.share(r.within5())), ReachBands.percent(r.share(r.within10())),
                ReachBands.percent(r.share(r.withinNorm())), r.units()));
        if (viewport == null || !reachLayer.isVisible() || !(recomputed || viewMoved)) return;
        reachLayer.setFeatures(DispatchLayers.reachCells(r, areas.inView(AreaLevel.GRID_CELL, viewport), t));
    }

    // ------------------------------------------------------------------ target and candidates

    private void choose(DispatchTarget chosen) {
        target = chosen;
        if (target == null) {
            targetLayer.clear();
            candidateLayer.clear();
        } else {
            targetLayer.setFeatures(List.of(DispatchLayers.targetPoint(target)));
        }
        candidates.show(target);
    }

    private void assignmentsChanged() {
        board.refresh();
        candidates.refreshActive();
    }

    private void focusResponder(long id) {
        responders.position(id).ifPresent(p -> map.setView(new LatLng(p[1], p[0]), 16));
    }

    private void applyLive(LiveUpdates.Batch batch) {
        boolean unitsChanged = batch.reloadAll() || !batch.of(ResponderService.CHANGES).isEmpty();
        if (viewport != null && !batch.of(ResponderService.CHANGES).isEmpty()) {
            Set<Long> changed = batch.of(ResponderService.CHANGES);
            List<GeoFeature> present = responders.inView(viewport, changed, batch::shared);
            Set<String> gone = new HashSet<>();
            changed.forEach(id -> gone.add(Long.toString(id)));
            present.forEach(f -> gone.remove(f.id()));
            responderLayer.upsert(present.stream().map(f -> ResponderLayers.feature(f, t)).toList());
            responderLayer.remove(gone);
            live.drawn(ResponderService.CHANGES, batch);
        }
        if (viewport != null && !batch.of(CaseService.CHANGES).isEmpty()) loadMap();
        if (unitsChanged || !batch.of(Assignments.CHANGES).isEmpty()) {
            assignmentsChanged();
            showReach(false);
        }
        if (!batch.of(Emergencies.CHANGES).isEmpty() || batch.reloadAll()) emergencyPanel.refresh();
    }
}
