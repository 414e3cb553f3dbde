package com.gridcommand.casework.ui;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.casework.Attachments;
import com.gridcommand.casework.CaseAction;
import com.gridcommand.casework.CaseConflictException;
import com.gridcommand.casework.CaseDetails;
import com.gridcommand.casework.CaseEvent;
import com.gridcommand.casework.CaseService;
import com.gridcommand.casework.CaseStep;
import com.gridcommand.casework.CaseWorkflow;
import com.gridcommand.casework.CaseWorkflowService;
import com.gridcommand.casework.IllegalTransitionException;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.gridcommand.security.GridUser;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One case: its details, its supervision light, the complete timeline of its steps (who, when, note,
 * files), and the actions the user may take in its current step. Every action is applied against the
 * version shown; if someone else acted meanwhile the user is told and the page shows the new state.
 */
@Route("cases/:id")
@PermitAll
public class CaseDetailView extends Div implements BeforeEnterObserver, HasDynamicTitle {


    private final CaseService cases;
    private final CaseWorkflowService workflow;
    private final CurrentUser current;
    private final Attachments limits;
    private final Clock clock;
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
        this.clock = clock;
        this.texts = new Texts(com.vaadin.flow.component.UI.getCurrent(), clock);
        addClassNames("gc-page", "gc-case-detail");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<Long> parsed = event.getRouteParameters().get("id").flatMap(CaseDetailView::parse);
        if (parsed.isEmpty() || cases.details(parsed.get()).isEmpty()) {
            // Unknown, or outside the user's areas: the same answer, so nothing leaks.
            removeAll();
            add(new H2(getTranslation("case.notFound")), new RouterLink(getTranslation("nav.cases"), CaseListView.class));
            return;
        }
        id = parsed.get();
        render();
    }

    private static Optional<Long> parse(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
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

        Div actions = new Div();
        actions.addClassName("gc-actions");
        actions.setId("case-actions");
        current.get().ifPresent(user -> {
            for (CaseAction action : workflow.available(c)) {
                if (action == CaseAction.CORRECT) continue;
                Button b = new Button(getTranslation("case.action." + action), e -> open(action, user));
                b.setId("action-" + action.name().toLowerCase());
                if (action == nextStep(c.caseStep())) b.addThemeVariants(ButtonVariant.PRIMARY);
                actions.add(b);
            }
            if (workflow.ownReport(c) && CaseWorkflow.allows(c.caseStep(), CaseAction.ACCEPT, user.role())) {
                // Four eyes: not offered to the account that reported, and said why.
                Span hint = new Span(getTranslation("case.action.ownReport"));
                hint.setId("accept-own-report");
                hint.addClassName("gc-hint");
                actions.add(hint);
            }
            if (CaseWorkflow.allows(c.caseStep(), CaseAction.CORRECT, user.role())) {
                Button correct = new Button(getTranslation("case.correct.action"), e -> new CaseCorrectionDialog(cases, workflow, id, c.title(),
                        c.description(), c.category(), c.severity(), c.version(), this::render).open());
                correct.addThemeVariants(ButtonVariant.TERTIARY);
                correct.setId("action-correct");
                actions.add(correct);
            }
            if (c.caseStep() != CaseStep.CLOSED && user.has(Role.DISPATCHER, Role.COMMAND)) {
                // Sending people to the place: the dispatch screen with this case as its target.
                com.vaadin.flow.component.html.Anchor dispatch = new com.vaadin.flow.component.html.Anchor("dispatch?case=" + id,
                        getTranslation("case.dispatch"));
                dispatch.setId("action-dispatch");
                dispatch.addClassName("gc-action-link");
                actions.add(dispatch);
            }
        });

        H3 timelineHeading = new H3(getTranslation("case.timeline"));
        Div timeline = new Div();
        timeline.setId("case-timeline");
        timeline.addClassName("gc-timeline");
        List<CaseEvent> events = cases.timeline(id);
        for (CaseEvent e : events) timeline.add(event(e));
        lastEventShown = events.isEmpty() ? 0 : events.stream().mapToLong(CaseEvent::id).max().orElse(0);

        RouterLink back = new RouterLink(getTranslation("nav.cases"), CaseListView.class);
        add(back, header, facts, description, actions, timelineHeading, timeline);
    }

    /** The action that moves the case on in the normal course of things. */
    private static CaseAction nextStep(com.gridcommand.casework.CaseStep step) {
        return switch (step) {
            case INTAKE -> CaseAction.ROUTE;
            case ROUTING -> CaseAction.SIGN;
            case SUPERVISION -> CaseAction.REPORT;
            case FEEDBACK -> CaseAction.ACCEPT;
            case FOLLOW_UP -> CaseAction.FOLLOW_UP;
            default -> null;
        };
    }

    private void fact(Div facts, String key, String value) {
        if (value == null || value.isBlank()) return;
        Div row = new Div(new Span(getTranslation(key)), new Span(value));
        row.addClassName("gc-fact");
        facts.add(row);
    }

    private Component event(CaseEvent e) {
        Div item = new Div();
        item.addClassName("gc-timeline-item");
        item.getElement().setAttribute("data-action", e.action().name());
        Span what = new Span(getTranslation("case.action." + e.action()));
        what.addClassName("gc-timeline-action");
        Span when = new Span(time(e.at()) + " · " + e.who(texts));
        when.addClassName("gc-timeline-meta");
        Span step = new Span((e.from() == null ? "" : getTranslation("case.step." + e.from()) + " → ") + getTranslation("case.step." + e.to()));
        step.addClassName("gc-timeline-step");
        item.add(what, step, when);
        List<String> details = e.detailLines(texts);
        if (!details.isEmpty()) {
            Paragraph line = new Paragraph(String.join("；", details));
            line.addClassName("gc-timeline-details");
            item.add(line);
        }
        if (e.note() != null) {
            Paragraph note = new Paragraph(e.note());
            note.addClassName("gc-timeline-note");
            item.add(note);
        }
        for (Attachments.Stored file : e.attachments()) {
            Anchor link = new Anchor(DownloadHandler.fromInputStream(event -> cases.attachment(file.id())
                    .map(content -> new com.vaadin.flow.server.streams.DownloadResponse(new java.io.ByteArrayInputStream(content.data()),
                            content.fileName(), content.contentType(), content.data().length))
                    .orElseGet(() -> com.vaadin.flow.server.streams.DownloadResponse.error(404))), file.fileName());
            link.addClassName("gc-attachment");
            item.add(link);
        }
        return item;
    }

    /** The dialog for one action: what it needs (a note, a reason, a unit, an outcome, files) and nothing more. */
    private void open(CaseAction action, GridUser user) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("case.action." + action) + " · " + shown.code());
        TextArea note = new TextArea(getTranslation(switch (action) {
            case REPORT -> "case.input.outcome";
            case REJECT, ESCALATE, REFER, REOPEN -> "case.input.reason";
            case FOLLOW_UP -> "case.input.visit";
            default -> "case.input.note";
        }));
        note.setId("action-note");
        note.setWidthFull();
        note.setMaxLength(5000);
        TextField unit = new TextField(getTranslation("field.responsibleUnit"));
        unit.setValue(shown.responsibleUnit() == null ? "" : shown.responsibleUnit());
        unit.setId("action-unit");
        TextField person = new TextField(getTranslation("field.responsiblePerson"));
        person.setId("action-person");
        TextField body = new TextField(getTranslation("field.referredTo"));
        TextField units = new TextField(getTranslation("case.input.units"));
        units.setHelperText(getTranslation("case.input.unitsHelp"));
        Checkbox satisfied = new Checkbox(getTranslation("case.input.satisfied"), true);
        Select<String> level = new Select<>();
        level.setLabel(getTranslation("field.supervision"));
        level.setItems("NONE", "TOWNSHIP", "CITY");
        level.setItemLabelGenerator(l -> getTranslation("supervision." + l));
        level.setValue(shown.supervision());
        AttachmentUpload upload = new AttachmentUpload(limits, CaseDetailView::notify);
        // Shown when someone acted on the case while this dialog was open: what they did, and what now.
        Paragraph changed = new Paragraph();
        changed.setId("action-conflict");
        changed.addClassName("gc-conflict");
        changed.setVisible(false);
        dialog.add(changed);
        switch (action) {
            case ROUTE -> dialog.add(unit, person, note);
            case REFER -> dialog.add(body, note);
            case JOINT -> dialog.add(units, note);
            case FOLLOW_UP -> dialog.add(note, satisfied);
            case SUPERVISE -> dialog.add(level, note);
            case REPORT -> dialog.add(note, upload);
            default -> dialog.add(note);
        }
        Button confirm = new Button(getTranslation("action.confirm"));
        confirm.addClickListener(e -> {
            long v = shown.version();
            try {
                switch (action) {
                    case ROUTE -> workflow.route(id, v, unit.getValue(), person.getValue(), note.getValue());
                    case SIGN -> workflow.sign(id, v, note.getValue());
                    case REPORT -> workflow.report(id, v, note.getValue(), upload.files());
                    case ACCEPT -> workflow.accept(id, v, note.getValue());
                    case REJECT -> workflow.reject(id, v, note.getValue());
                    case FOLLOW_UP -> workflow.followUp(id, v, note.getValue(), satisfied.getValue());
                    case ESCALATE -> workflow.escalate(id, v, note.getValue());
                    case REFER -> workflow.refer(id, v, body.getValue(), note.getValue());
                    case JOINT -> workflow.joint(id, v, Arrays.asList(units.getValue().split("[,，、;；]")), note.getValue());
                    case REOPEN -> workflow.reopen(id, v, note.getValue());
                    case SUPERVISE -> workflow.supervise(id, v, level.getValue(), note.getValue());
                    default -> throw new IllegalStateException(action.name());
                }
                dialog.close();
                Notification.show(getTranslation("action.done"), 2500, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.SUCCESS);
                render();
            } catch (CaseConflictException conflict) {
                // Someone acted first: say what they did, keep the dialog and its text, show the case as it is now
                // underneath; confirming again applies what was typed to the case as it is — if the action still can.
                long seen = lastEventShown;
                render();
                List<String> happened = cases.timeline(id).stream().filter(ev -> ev.id() > seen).map(this::summary).toList();
                boolean stillPossible = workflow.available(shown).contains(action);
                changed.setText(getTranslation(stillPossible ? "case.action.changed" : "case.action.changedNotNow",
                        happened.isEmpty() ? getTranslation("case.action.changedUnknown") : String.join("；", happened),
                        texts.label("case.step", shown.step()), getTranslation("case.action." + action)));
                changed.setVisible(true);
                confirm.setEnabled(stillPossible);
                notify(getTranslation("case.action.conflict"));
            } catch (IllegalTransitionException notNow) {
                // Kept open with what was typed; the action itself cannot be taken.
                notify(getTranslation("case.action.notNow"));
                confirm.setEnabled(false);
                render();
            } catch (CurrentUser.AccessDeniedException denied) {
                notify(getTranslation("error.denied"));
            } catch (IllegalArgumentException invalid) {
                notify(Texts.problem(this, invalid));
            }
        });
        confirm.setId("action-confirm");
        confirm.addThemeVariants(ButtonVariant.PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), confirm);
        dialog.open();
    }

    /** One line someone else added to the timeline, for the user who was typing meanwhile. */
    private String summary(CaseEvent e) {
        List<String> details = e.detailLines(texts);
        return getTranslation("case.action.summary", e.who(texts), time(e.at()), getTranslation("case.action." + e.action()))
                + (details.isEmpty() ? "" : getTranslation("case.action.summaryDetails", String.join("；", details)));
    }

    private static void notify(String message) {
        Notification n = Notification.show(message, 6000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.ERROR);
        n.setId("action-error");
    }

    @Override
    public String getPageTitle() {
        return (shown == null ? getTranslation("nav.cases") : shown.code()) + " · " + getTranslation("app.title");
    }
}
