package com.gridcommand.dispatch.ui;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.base.ui.Confirmation;
import com.gridcommand.dispatch.Assignment;
import com.gridcommand.dispatch.AssignmentRefusedException;
import com.gridcommand.dispatch.Assignments;
import com.gridcommand.dispatch.Candidate;
import com.gridcommand.dispatch.CandidateFilter;
import com.gridcommand.dispatch.CandidateRules;
import com.gridcommand.dispatch.NearestResponders;
import com.gridcommand.dispatch.ResponderService;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextField;

import java.util.List;
import java.util.function.Consumer;

/**
 * The top of the dispatcher's right column: the target, the kind and skill filters, the nearest units with their
 * time against the norm and a button to send each, and the active assignments with a button to cancel each. Its
 * parts sit directly in the frame's column.
 */
final class CandidatePanel {

    private final ResponderService responders;
    private final NearestResponders nearest;
    private final Assignments assignments;
    private final CurrentUser current;
    private final Texts t;
    private final Consumer<List<Candidate>> onCandidates;
    private final Runnable onAssignmentsChanged;

    private final Div targetPanel = new Div();
    private final Grid<Candidate> candidateGrid = new Grid<>();
    private final Grid<Assignment> activeGrid = new Grid<>();
    private final MultiSelectComboBox<String> kinds = new MultiSelectComboBox<>();
    private final TextField skill = new TextField();
    private final Div filters;
    private DispatchTarget target;
    private int targetNorm = CandidateRules.DEFAULT_NORM_MINUTES;

    /**
     * {@code onCandidates} is given each new list of candidates (to draw); {@code onAssignmentsChanged} is told when
     * a unit was sent or an assignment cancelled (or refused).
     */
    CandidatePanel(ResponderService responders, NearestResponders nearest, Assignments assignments, CurrentUser current, Texts t,
                   Consumer<List<Candidate>> onCandidates, Runnable onAssignmentsChanged) {
        this.responders = responders;
        this.nearest = nearest;
        this.assignments = assignments;
        this.current = current;
        this.t = t;
        this.onCandidates = onCandidates;
        this.onAssignmentsChanged = onAssignmentsChanged;
        targetPanel.setId("dispatch-target");
        targetPanel.addClassName("gc-dispatch-target");
        kinds.setLabel(t.t("field.kind"));
        kinds.setItems(List.of("POLICE_PATROL", "GRID_WORKER", "MEDIATOR", "VILLAGE_GUARD", "EMERGENCY_TEAM"));
        kinds.setItemLabelGenerator(k -> t.label("responder.kind", k));
        kinds.addValueChangeListener(e -> refreshCandidates());
        skill.setLabel(t.t("field.skills"));
        skill.setClearButtonVisible(true);
        skill.addValueChangeListener(e -> refreshCandidates());
        candidateGrid.setId("candidates");
        candidateGrid.addThemeVariants(GridVariant.LUMO_COMPACT);
        candidateGrid.setAllRowsVisible(true);
        candidateGrid.addComponentColumn(c -> {
            Button send = new Button(t.t("dispatch.assign"), e -> assign(c));
            send.addClassName("gc-assign");
            send.getElement().setAttribute("data-responder", Long.toString(c.id()));
            send.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.SMALL);
            send.setEnabled(target != null && target.assignable() && current.has(Role.DISPATCHER, Role.COMMAND));
            return send;
        }).setAutoWidth(true);
        candidateGrid.addColumn(c -> c.name()).setHeader(t.t("field.name")).setAutoWidth(true);
        candidateGrid.addComponentColumn(this::eta).setHeader(t.t("dispatch.eta")).setAutoWidth(true);
        candidateGrid.addColumn(c -> t.distance(c.distanceMetres())).setHeader(t.t("dispatch.distance")).setAutoWidth(true);
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
                    t.t("dispatch.cancel"), t.t("action.cancel"),
                    () -> DispatchSupport.attempt(t, () -> assignments.advance(a.id(), Assignment.Status.CANCELLED, null), onAssignmentsChanged)));
            cancel.addClassName("gc-assignment-cancel");
            cancel.getElement().setAttribute("data-assignment", Long.toString(a.id()));
            cancel.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL, ButtonVariant.ERROR);
            cancel.setVisible(current.has(Role.DISPATCHER, Role.COMMAND));
            return cancel;
        });
        filters = new Div(kinds, skill);
        filters.addClassName("gc-dispatch-filters");
    }

    /** The panel's parts, in the order they stand in the column. */
    Component[] parts() {
        return new Component[]{targetPanel, filters, candidateGrid, new H4(t.t("dispatch.active")), activeGrid};
    }

    /** Shows {@code chosen} (null: none) and its nearest units. */
    void show(DispatchTarget chosen) {
        target = chosen;
        targetPanel.removeAll();
        if (target == null) {
            targetPanel.add(new Span(t.t("dispatch.chooseTarget")));
            candidateGrid.setItems(List.of());
            return;
        }
        Span label = new Span(target.label());
        label.addClassName("gc-dispatch-target-label");
        targetPanel.add(new H4(t.t("dispatch.target")), label);
        refreshCandidates();
    }

    /** Lists the target's nearest units again. */
    void refreshCandidates() {
        if (target == null) return;
        // The norm where the target is (its township's setting; 10 minutes outside any), looked up once per list.
        targetNorm = CandidateRules.norm(responders.arrivalNorm(target.lon(), target.lat()));
        List<Candidate> found = nearest.nearestWithTravel(target.lon(), target.lat(), CandidateRules.SHOWN,
                new CandidateFilter(kinds.getValue(), skill.getValue(), null), CandidateRules.ROUTED);
        candidateGrid.setItems(found);
        onCandidates.accept(found);
    }

    void refreshActive() {
        activeGrid.setItems(assignments.active());
    }

    private Span eta(Candidate c) {
        if (c.travel() == null) return new Span("—");
        Span s = new Span(DispatchSupport.minutes(t, c.travel()));
        s.addClassName("gc-eta");
        int norm = targetNorm;
        boolean within = CandidateRules.withinNorm(c.travel(), norm);
        s.addClassName(within ? "gc-eta-ok" : "gc-eta-late");
        s.setTitle(t.t(within ? "dispatch.withinNorm" : "dispatch.beyondNorm", norm));
        return s;
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
            DispatchSupport.refused(t, e);
        } catch (CurrentUser.AccessDeniedException e) {
            DispatchSupport.error(t.t("error.denied"));
        }
        refreshCandidates();
        onAssignmentsChanged.run();
    }
}
