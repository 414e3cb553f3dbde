package com.gridcommand.casework.ui;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.casework.CaseConflictException;
import com.gridcommand.casework.CaseCorrection;
import com.gridcommand.casework.CaseService;
import com.gridcommand.security.CurrentUser;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import java.util.List;
import java.util.TreeSet;

/**
 * Correct a case's registration. Saving against a case someone else saved meanwhile is refused with
 * a message, and the dialog stays open with everything the user typed: nothing is lost or overwritten.
 */
public class CaseCorrectionDialog extends Dialog {

    private long version;

    public CaseCorrectionDialog(CaseService cases, com.gridcommand.casework.CaseWorkflowService workflow, long id, String title, String description, String category, int severity,
                                long version, Runnable saved) {
        this.version = version;
        setHeaderTitle(getTranslation("case.correct.title"));
        TextField titleField = new TextField(getTranslation("field.title"));
        titleField.setId("correct-title");
        titleField.setValue(title);
        titleField.setMaxLength(200);
        titleField.setRequired(true);
        TextArea descriptionField = new TextArea(getTranslation("field.description"));
        descriptionField.setId("correct-description");
        descriptionField.setValue(description == null ? "" : description);
        descriptionField.setMaxLength(5000);
        Select<String> categoryField = new Select<>();
        categoryField.setLabel(getTranslation("field.category"));
        categoryField.setItems(new TreeSet<>(CaseService.CATEGORIES));
        categoryField.setItemLabelGenerator(c -> getTranslation("case.category." + c));
        categoryField.setValue(category);
        Select<Integer> severityField = new Select<>();
        severityField.setLabel(getTranslation("field.severity"));
        severityField.setItems(List.of(1, 2, 3, 4));
        severityField.setItemLabelGenerator(s -> getTranslation("case.severity." + s));
        severityField.setValue(severity);
        FormLayout form = new FormLayout(titleField, categoryField, severityField, descriptionField);
        form.setColspan(descriptionField, 2);
        add(form);

        Button save = new Button(getTranslation("action.save"), e -> {
            try {
                workflow.correct(new CaseCorrection(id, titleField.getValue(), descriptionField.getValue(),
                        categoryField.getValue(), severityField.getValue(), this.version));
                close();
                Notification.show(getTranslation("case.correct.saved"), 3000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.SUCCESS);
                saved.run();
            } catch (CaseConflictException conflict) {
                // Keep what the user typed; show what was saved meanwhile; a second save is then a conscious choice.
                cases.details(id).ifPresent(latest -> {
                    this.version = latest.version();
                    Paragraph saved2 = new Paragraph(getTranslation("case.correct.latest", latest.title(), latest.description()));
                    saved2.setId("correct-latest");
                    saved2.addClassName("gc-conflict");
                    add(saved2);
                });
                error(getTranslation("case.correct.conflict"));
            } catch (com.gridcommand.casework.IllegalTransitionException closed) {
                error(getTranslation("case.action.notNow"));
            } catch (CurrentUser.AccessDeniedException denied) {
                error(getTranslation("error.denied"));
            } catch (IllegalArgumentException invalid) {
                error(Texts.problem(this, invalid));
            }
        });
        save.setId("correct-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        Button cancel = new Button(getTranslation("action.cancel"), e -> close());
        getFooter().add(cancel, save);
    }

    private static void error(String message) {
        Notification n = Notification.show(message, 6000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.ERROR);
        n.setId("correct-error");
    }
}
