package com.gridcommand.casework.ui;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.casework.ActionForms;
import com.gridcommand.casework.Attachments;
import com.gridcommand.casework.CaseAction;
import com.gridcommand.casework.CaseConflictException;
import com.gridcommand.casework.CaseDetails;
import com.gridcommand.casework.CaseEvent;
import com.gridcommand.casework.CaseService;
import com.gridcommand.casework.CaseTimelines;
import com.gridcommand.casework.CaseWorkflowService;
import com.gridcommand.casework.IllegalTransitionException;
import com.gridcommand.security.CurrentUser;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The dialog for one action on a case: what it needs (a note, a reason, a unit, an outcome, files) and nothing more.
 * It applies the action to the version the page shows; when someone acted first it says what they did and keeps
 * what was typed.
 */
final class CaseActionDialog extends Dialog {

    /**
     * {@code shown} is the case as the page shows it now, {@code lastSeen} the newest timeline line on the page;
     * {@code render} shows the case anew.
     */
    CaseActionDialog(CaseAction action, CaseService cases, CaseWorkflowService workflow, Attachments limits, Texts texts,
                     Supplier<CaseDetails> shown, LongSupplier lastSeen, Runnable render) {
        CaseDetails atOpen = shown.get();
        long id = atOpen.id();
        setHeaderTitle(getTranslation("case.action." + action) + " · " + atOpen.code());
        TextArea note = new TextArea(getTranslation(ActionForms.noteKey(action)));
        note.setId("action-note");
        note.setWidthFull();
        note.setMaxLength(5000);
        TextField unit = new TextField(getTranslation("field.responsibleUnit"));
        unit.setValue(atOpen.responsibleUnit() == null ? "" : atOpen.responsibleUnit());
        unit.setId("action-unit");
        TextField person = new TextField(getTranslation("field.responsiblePerson"));
        person.setId("action-person");
        TextField body = new TextField(getTranslation("field.referredTo"));
        TextField units = new TextField(getTranslation("case.input.units"));
        units.setHelperText(getTranslation("case.input.unitsHelp"));
        Checkbox satisfied = new Checkbox(getTranslation("case.input.satisfied"), true);
        Select<String> level = new Select<>();
        level.setLabel(getTranslation("field.supervision"));
        level.setItems(ActionForms.SUPERVISION_LEVELS);
        level.setItemLabelGenerator(l -> getTranslation("supervision." + l));
        level.setValue(atOpen.supervision());
        AttachmentUpload upload = new AttachmentUpload(limits, CaseActionDialog::notify);
        // Shown when someone acted on the case while this dialog was open: what they did, and what now.
        Paragraph changed = new Paragraph();
        changed.setId("action-conflict");
        changed.addClassName("gc-conflict");
        changed.setVisible(false);
        add(changed);
        switch (action) {
            case ROUTE -> add(unit, person, note);
            case REFER -> add(body, note);
            case JOINT -> add(units, note);
            case FOLLOW_UP -> add(note, satisfied);
            case SUPERVISE -> add(level, note);
            case REPORT -> add(note, upload);
            default -> add(note);
        }
        Button confirm = new Button(getTranslation("action.confirm"));
        confirm.addClickListener(e -> {
            long v = shown.get().version();
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
                    case JOINT -> workflow.joint(id, v, ActionForms.jointUnits(units.getValue()), note.getValue());
                    case REOPEN -> workflow.reopen(id, v, note.getValue());
                    case SUPERVISE -> workflow.supervise(id, v, level.getValue(), note.getValue());
                    default -> throw new IllegalStateException(action.name());
                }
                close();
                Notification.show(getTranslation("action.done"), 2500, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.SUCCESS);
                render.run();
            } catch (CaseConflictException conflict) {
                // Someone acted first: say what they did, keep the dialog and its text, show the case as it is now
                // underneath; confirming again applies what was typed to the case as it is — if the action still can.
                long seen = lastSeen.getAsLong();
                render.run();
                List<String> happened = CaseTimelines.after(cases.timeline(id), seen).stream().map(ev -> summary(ev, texts)).toList();
                CaseDetails now = shown.get();
                boolean stillPossible = workflow.available(now).contains(action);
                changed.setText(getTranslation(stillPossible ? "case.action.changed" : "case.action.changedNotNow",
                        happened.isEmpty() ? getTranslation("case.action.changedUnknown") : String.join("；", happened),
                        texts.label("case.step", now.step()), getTranslation("case.action." + action)));
                changed.setVisible(true);
                confirm.setEnabled(stillPossible);
                notify(getTranslation("case.action.conflict"));
            } catch (IllegalTransitionException notNow) {
                // Kept open with what was typed; the action itself cannot be taken.
                notify(getTranslation("case.action.notNow"));
                confirm.setEnabled(false);
                render.run();
            } catch (CurrentUser.AccessDeniedException denied) {
                notify(getTranslation("error.denied"));
            } catch (IllegalArgumentException invalid) {
                notify(Texts.problem(this, invalid));
            }
        });
        confirm.setId("action-confirm");
        confirm.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(new Button(getTranslation("action.cancel"), e -> close()), confirm);
    }

    /** One line someone else added to the timeline, for the user who was typing meanwhile. */
    private String summary(CaseEvent e, Texts texts) {
        List<String> details = e.detailLines(texts);
        return getTranslation("case.action.summary", e.who(texts), texts.dateTime(e.at()), getTranslation("case.action." + e.action()))
                + (details.isEmpty() ? "" : getTranslation("case.action.summaryDetails", String.join("；", details)));
    }

    static void notify(String message) {
        Notification n = Notification.show(message, 6000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.ERROR);
        n.setId("action-error");
    }
}
