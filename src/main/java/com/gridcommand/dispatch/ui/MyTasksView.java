package com.gridcommand.dispatch.ui;

import com.gridcommand.base.i18n.Texts;
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
 * A responder's own screen (phone-sized): the current assignment and the next steps — accept, on my way,
 * on scene, finished — and "available again" afterwards. New assignments arrive live.
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
    private final LiveUpdates live;
    private final Texts t;
    private final Div content = new Div();
    private Registration registration;

    MyTasksView(Assignments assignments, LiveUpdates live, Clock clock) {
        this.assignments = assignments;
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
            if (!batch.of("assignment").isEmpty() || batch.reloadAll()) show();
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
        Div card = new Div();
        card.addClassName("gc-task-card");
        card.add(new Paragraph(t.t("tasks.current") + "：" + a.target()));
        card.add(new Paragraph(t.t("field.status") + "：" + t.t("assignment.status." + a.status())));
        if (a.etaSeconds() != null) {
            Paragraph eta = new Paragraph(t.t("tasks.eta", t.minutes(a.etaSeconds())));
            eta.setId("task-eta");
            card.add(eta);
        }
        Div buttons = new Div();
        for (Assignment.Status next : NEXT.getOrDefault(a.state(), List.of())) {
            Button b = new Button(t.t("tasks.step." + next), e -> act(() -> assignments.advance(a.id(), next, null)));
            b.setId("task-" + next.name().toLowerCase().replace('_', '-'));
            if (next != Assignment.Status.DECLINED) b.addThemeVariants(ButtonVariant.PRIMARY);
            buttons.add(b);
        }
        card.add(buttons);
        content.add(card);
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
