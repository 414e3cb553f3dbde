package com.gridcommand.dispatch.ui;

import com.gridcommand.base.map.MapScreens;
import org.vaadin.addons.leafletflow.LatLngBounds;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.basemap.Basemap;
import com.gridcommand.basemap.BasemapLayers;
import com.gridcommand.casework.CaseDetails;
import com.gridcommand.casework.CaseService;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.FeatureLayer;
import org.vaadin.addons.leafletflow.LatLng;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LeafletMap;
import org.vaadin.addons.leafletflow.Style;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import java.util.Optional;
import com.gridcommand.changefeed.ui.LiveUpdates;
import com.gridcommand.dispatch.Assignment;
import com.gridcommand.dispatch.AssignmentRefusedException;
import com.gridcommand.dispatch.Assignments;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A responder's own screen (phone-sized): the current assignment — what, where, what was reported, how far, a map of
 * the place and of where they stand, a link to the case and to the phone's map app — and the next steps as large
 * buttons: accept, on my way, on scene, finished; "available again" afterwards. New assignments arrive live.
 */
@Route("tasks")
@Menu(order = 2.5, title = "nav.tasks")
@RolesAllowed({"GRID_WORKER"})
public class MyTasksView extends Div implements HasDynamicTitle {

    /** The steps a responder may take from each status. */
    private static final Map<Assignment.Status, List<Assignment.Status>> NEXT = Map.of(
            Assignment.Status.ASSIGNED, List.of(Assignment.Status.ACCEPTED, Assignment.Status.EN_ROUTE, Assignment.Status.DECLINED),
            Assignment.Status.ACCEPTED, List.of(Assignment.Status.EN_ROUTE, Assignment.Status.ON_SCENE),
            Assignment.Status.EN_ROUTE, List.of(Assignment.Status.ON_SCENE),
            Assignment.Status.ON_SCENE, List.of(Assignment.Status.FINISHED));

    private final Assignments assignments;
    private final CaseService cases;
    private final BasemapLayers basemapLayers;
    private final MapScreens screens;
    private final LiveUpdates live;
    private final Texts t;
    private final Div content = new Div();
    private Registration registration;

    MyTasksView(Assignments assignments, CaseService cases, BasemapLayers basemapLayers,
                LiveUpdates live, MapScreens screens, Clock clock) {
        this.screens = screens;
        this.assignments = assignments;
        this.cases = cases;
        this.basemapLayers = basemapLayers;
        this.live = live;
        this.t = new Texts(UI.getCurrent(), clock);
        addClassName("gc-tasks");
        content.setId("my-task");
        add(new H3(t.t("nav.tasks")), content);
        show();
    }

    @Override
    public String getPageTitle() {
        return t.t("nav.tasks") + " · " + t.t("app.title");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        registration = live.register(event.getUI(), batch -> {
            if (!batch.of(Assignments.CHANGES).isEmpty() || batch.reloadAll()) show();
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (registration != null) registration.remove();
        super.onDetach(event);
    }

    private void show() {
        content.removeAll();
        var me = assignments.myResponder();
        if (me.isEmpty()) {
            content.add(new Paragraph(t.t("tasks.none")));
            return;
        }
        var active = assignments.activeFor(me.get());
        if (active.isEmpty()) {
            content.add(new Paragraph(t.t("tasks.free")));
            Button available = new Button(t.t("tasks.available"), e -> act(() -> assignments.available(me.get())));
            available.setId("task-available");
            content.add(available);
            return;
        }
        Assignment a = active.get();
        content.add(card(a, me.get()));
    }

    /**
     * The task as the person on the street needs it: what, where (cell, community, township), what was reported, when it
     * was sent and how far it is, a small map of the place and where they stand, a link to the case and to the phone's
     * own map app for the way there, and the next steps as large buttons.
     */
    private Div card(Assignment a, long me) {
        Div card = new Div();
        card.addClassName("gc-task-card");
        H4 title = new H4(a.caseId() != null ? a.caseCode() + " " + a.caseTitle() : a.emergencyTitle());
        title.setId("task-title");
        title.addClassName("gc-task-title");
        card.add(title);
        Span status = new Span(t.t("assignment.status." + a.status()));
        status.addClassName("gc-step-badge");
        status.setId("task-status");
        card.add(status);
        Optional<CaseDetails> details = a.caseId() == null ? Optional.empty() : cases.details(a.caseId());
        details.ifPresent(c -> {
            card.add(fact(t.t("tasks.place"), String.join(" · ", java.util.stream.Stream.of(c.gridCell(), c.community(), c.township())
                    .filter(v -> v != null && !v.isBlank()).toList()), "task-place"));
            card.add(fact(t.t("field.category"), t.label("case.category", c.category()) + " · " + t.label("case.severity", c.severity()), null));
            if (c.description() != null && !c.description().isBlank()) {
                Paragraph description = new Paragraph(c.description());
                description.setId("task-description");
                description.addClassName("gc-case-description");
                card.add(description);
            }
        });
        card.add(fact(t.t("dispatch.assignedAt"), t.dateTime(a.assignedAt()), null));
        if (a.distanceMetres() != null) card.add(fact(t.t("dispatch.distance"), t.distance(a.distanceMetres()), "task-distance"));
        if (a.etaSeconds() != null) {
            Paragraph eta = new Paragraph(t.t("tasks.eta", t.minutes(a.etaSeconds())));
            eta.setId("task-eta");
            eta.addClassName("gc-task-eta");
            card.add(eta);
        }
        card.add(placeMap(a, me));
        Div links = new Div();
        links.addClassName("gc-task-links");
        if (a.caseId() != null) {
            RouterLink open = new RouterLink(t.t("tasks.openCase"), com.gridcommand.casework.ui.CaseDetailView.class,
                    new RouteParameters("id", Long.toString(a.caseId())));
            open.setId("task-open-case");
            links.add(open);
        }
        // The phone's own map app knows the way (a geo: link); the dashboard does not navigate.
        Anchor way = new Anchor();
        way.setText(t.t("tasks.navigate"));
        // Built from two numbers of ours, nothing typed by anyone: a geo: link the phone hands to its map app.
        way.setUnsafeHref("geo:" + a.targetLat() + "," + a.targetLon() + "?q=" + a.targetLat() + "," + a.targetLon());
        way.setId("task-navigate");
        links.add(way);
        card.add(links);
        Div buttons = new Div();
        buttons.addClassName("gc-task-buttons");
        for (Assignment.Status next : NEXT.getOrDefault(a.state(), List.of())) {
            Button b = new Button(t.t("tasks.step." + next), e -> act(() -> assignments.advance(a.id(), next, null)));
            b.setId("task-" + next.name().toLowerCase().replace('_', '-'));
            if (next != Assignment.Status.DECLINED) b.addThemeVariants(ButtonVariant.PRIMARY);
            b.addThemeVariants(ButtonVariant.LARGE);
            buttons.add(b);
        }
        card.add(buttons);
        return card;
    }

    private static Span fact(String label, String value, String id) {
        Span fact = new Span();
        fact.addClassName("gc-task-fact");
        Span l = new Span(label);
        l.addClassName("gc-task-fact-label");
        fact.add(l, new Span(value));
        if (id != null) fact.setId(id);
        return fact;
    }

    /** The task's place (a ring) and the responder's own position (their square), on the basemap. */
    private LeafletMap placeMap(Assignment a, long me) {
        LeafletMap map = screens.create(t, "task-map", new LatLng(a.targetLat(), a.targetLon()), 16, 10, 19);
        map.addClassName("gc-task-map");
        Basemap basemap = new Basemap(map, basemapLayers, t, java.util.EnumSet.of(Basemap.Part.ROADS, Basemap.Part.CELLS, Basemap.Part.NAMES));
        FeatureLayer place = map.addLayer(LayerDefinition.layer("task-place", t.t("tasks.place")).order(80).notInteractive()
                .style(Style.point("#ff5a1f", 9).withWeight(3)).notInControl().build());
        place.setFeatures(List.of(new Feature("target", "{\"type\":\"Point\",\"coordinates\":[" + a.targetLon() + "," + a.targetLat() + "]}", Map.of())));
        FeatureLayer self = map.addLayer(ResponderLayers.definition(t, "task-me", 70));
        assignments.myPosition().ifPresent(p -> {
            self.setFeatures(List.of(new Feature(Long.toString(me), "{\"type\":\"Point\",\"coordinates\":[" + p[0] + "," + p[1] + "]}",
                    Map.of("status", a.state() == Assignment.Status.ON_SCENE ? "ON_SCENE" : "EN_ROUTE", "tip", t.t("tasks.me")))));
            double south = Math.min(p[1], a.targetLat()), north = Math.max(p[1], a.targetLat());
            double west = Math.min(p[0], a.targetLon()), east = Math.max(p[0], a.targetLon());
            // Once the map is in the page (a call before that would be lost).
            map.addAttachListener(e -> map.fitBounds(LatLngBounds.of(south - 0.002, west - 0.002, north + 0.002, east + 0.002), 17));
        });
        map.addMoveListener(e -> {
            basemap.show(MapScreens.padded(e.view()));
        });
        return map;
    }

    private void act(Runnable action) {
        try {
            action.run();
        } catch (AssignmentRefusedException e) {
            Notification n = Notification.show(Refusals.text(t, e), 6000, Notification.Position.MIDDLE);
            n.addThemeVariants(NotificationVariant.ERROR);
            n.setId("task-refused");
        }
        show();
    }
}
