package com.gridcommand.hotspot.ui;

import com.gridcommand.hotspot.HotspotRegister;
import com.gridcommand.security.CurrentUser;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;

/** A periodic review: a note and the status it leaves the hotspot in (only the moves the register allows). */
final class ReviewDialog extends Dialog {

    /** {@code onReviewed} runs after the review is stored and the dialog closed, before the notice. */
    ReviewDialog(HotspotRegister register, HotspotRegister.Entry h, Runnable onReviewed) {
        setHeaderTitle(getTranslation("hotspots.review") + " · " + h.code() + " " + h.name());
        Select<String> status = new Select<>();
        status.setLabel(getTranslation("field.status"));
        status.setId("review-status-next");
        status.setItems(HotspotRegister.nextStatuses(h.status()));
        status.setItemLabelGenerator(s -> getTranslation("hotspot.status." + s));
        status.setValue(h.status().equals("DELISTED") ? "LISTED" : h.status());
        TextArea note = new TextArea(getTranslation("hotspots.reviewNote"));
        note.setId("review-note");
        note.setMaxLength(2000);
        note.setWidthFull();
        Paragraph problem = new Paragraph();
        problem.addClassName("gc-form-error");
        problem.setVisible(false);
        add(new FormLayout(status, note), problem);
        Button save = new Button(getTranslation("action.save"), e -> {
            try {
                register.review(h.id(), note.getValue(), status.getValue());
                close();
                onReviewed.run();
                Notices.done(getTranslation("action.done"));
            } catch (IllegalArgumentException | CurrentUser.AccessDeniedException refused) {
                problem.setText(getTranslation("hotspots.reviewRefused"));
                problem.setVisible(true);
            }
        });
        save.setId("review-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(new Button(getTranslation("action.close"), e -> close()), save);
    }
}
