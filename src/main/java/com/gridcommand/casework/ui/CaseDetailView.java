package com.gridcommand.casework.ui;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.casework.Attachments;
import com.gridcommand.casework.CaseDetails;
import com.gridcommand.casework.CaseEvent;
import com.gridcommand.casework.CaseIds;
import com.gridcommand.casework.CaseService;
import com.gridcommand.casework.CaseTimelines;
import com.gridcommand.casework.CaseWorkflowService;
import com.gridcommand.security.CurrentUser;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One case: its details, its supervision light, the complete timeline of its steps (who, when, note,
 * files), and the actions the user may take in its current step. Every action is applied against the
 * version shown; if someone else acted meanwhile the user is told and the page shows the new state. The frame
 * holds the route, the header and the facts; the actions ({@link CaseActionsPanel}, {@link CaseActionDialog}) and
 * the timeline with its files ({@link CaseTimelinePanel}) are panels of their own.
 */
@Route("cases/:id")
@PermitAll
public class CaseDetailView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private final CaseService cases;
    private final CaseWorkflowService workflow;
    private final CurrentUser current;
    private final Attachments limits;
    private final Texts texts;
    private long id;
    private CaseDetails shown;
    /** The newest timeline line on the page: what the user has seen happen. */
    private long lastEventShown;

    public CaseDetailView(CaseService cases, CaseWorkflowService workflow, CurrentUser current, Attachments limits, Clock clock) {
        this.cases = cases;
        this.workflow = workflow;
        this.current = current;
        this.limits = limits;
        this.texts = new Texts(com.vaadin.flow.component.UI.getCurrent(), clock);
        addClassNames("gc-page", "gc-case-detail");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<Long> parsed = event.getRouteParameters().get("id").flatMap(CaseIds::parse);
        if (parsed.isEmpty() || cases.details(parsed.get()).isEmpty()) {
            // Unknown, or outside the user's areas: the same answer, so nothing leaks.
            removeAll();
            add(new H2(getTranslation("case.notFound")), new RouterLink(getTranslation("nav.cases"), CaseListView.class));
            return;
        }
        id = parsed.get();
        render();
    }

    private String time(OffsetDateTime t) {
        return texts.dateTime(t);
    }

    private void render() {
        removeAll();
        shown = cases.details(id).orElseThrow();
        CaseDetails c = shown;
        H2 title = new H2(c.title());
        title.setId("case-title");
        Span light = Lights.badge(this, c.light());
        Span step = new Span(getTranslation("case.step." + c.step()));
        step.setId("case-step");
        step.addClassName("gc-step-badge");
        Div header = new Div(title, step, light);
        header.addClassName("gc-case-header");

        Div facts = new Div();
        facts.addClassName("gc-facts");
        fact(facts, "field.code", c.code());
        fact(facts, "field.category", getTranslation("case.category." + c.category()));
        fact(facts, "field.severity", getTranslation("case.severity." + c.severity()));
        fact(facts, "field.source", getTranslation("case.source." + c.source()));
        fact(facts, "field.reportedAt", time(c.reportedAt()));
        fact(facts, "field.deadline", time(c.deadline()) + (c.overdue() ? "（" + getTranslation("field.overdue") + "）" : ""));
        fact(facts, "field.stepDeadline", time(c.stepDeadline()));
        fact(facts, "field.level", getTranslation("level." + c.level()));
        fact(facts, "field.supervision", getTranslation("supervision." + c.supervision()));
        fact(facts, "field.responsibleUnit", c.responsibleUnit());
        fact(facts, "field.responsiblePerson", c.responsiblePerson());
        if (!c.jointUnits().isEmpty()) fact(facts, "field.jointUnits", String.join("、", c.jointUnits()));
        if (c.referredTo() != null) fact(facts, "field.referredTo", c.referredTo());
        fact(facts, "field.cell", c.township() + " · " + c.community() + " · " + c.gridCell());
        fact(facts, "field.parties", c.parties(texts));
        Paragraph description = new Paragraph(c.description());
        description.setId("case-description");
        description.addClassName("gc-case-description");

        CaseActionsPanel actions = new CaseActionsPanel(c, current.get(), cases, workflow,
                action -> new CaseActionDialog(action, cases, workflow, limits, texts, () -> shown, () -> lastEventShown, this::render).open(),
                this::render);

        H3 timelineHeading = new H3(getTranslation("case.timeline"));
        List<CaseEvent> events = cases.timeline(id);
        CaseTimelinePanel timeline = new CaseTimelinePanel(cases, texts, events);
        lastEventShown = CaseTimelines.newest(events);

        RouterLink back = new RouterLink(getTranslation("nav.cases"), CaseListView.class);
        add(back, header, facts, description, actions, timelineHeading, timeline);
    }

    private void fact(Div facts, String key, String value) {
        if (value == null || value.isBlank()) return;
        Div row = new Div(new Span(getTranslation(key)), new Span(value));
        row.addClassName("gc-fact");
        facts.add(row);
    }

    @Override
    public String getPageTitle() {
        return (shown == null ? getTranslation("nav.cases") : shown.code()) + " · " + getTranslation("app.title");
    }
}
