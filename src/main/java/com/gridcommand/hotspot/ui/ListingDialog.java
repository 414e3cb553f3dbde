package com.gridcommand.hotspot.ui;

import com.gridcommand.hotspot.HotspotRegister;
import com.gridcommand.security.CurrentUser;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import java.util.List;
import java.util.function.LongConsumer;

/** 挂牌: names, responsible unit and measures for a drawn area or a candidate; the area is checked when stored. */
final class ListingDialog extends Dialog {

    /** {@code onListed} is given the new hotspot's id, after the dialog has closed. */
    ListingDialog(HotspotRegister register, String geoJson, String suggestedName, LongConsumer onListed) {
        setHeaderTitle(getTranslation("hotspots.listTitle"));
        TextField name = new TextField(getTranslation("hotspots.col.name"));
        name.setId("listing-name");
        name.setValue(suggestedName);
        name.setMaxLength(100);
        TextField unit = new TextField(getTranslation("hotspots.col.unit"));
        unit.setId("listing-unit");
        TextArea measures = new TextArea(getTranslation("hotspots.measures"));
        measures.setId("listing-measures");
        measures.setMaxLength(2000);
        Paragraph problem = new Paragraph();
        problem.setId("listing-error");
        problem.addClassName("gc-form-error");
        problem.setVisible(false);
        add(new FormLayout(name, unit, measures), problem);
        Button save = new Button(getTranslation("hotspots.list"), e -> {
            try {
                long id = register.list(name.getValue(), unit.getValue(), measures.getValue(), List.of(), geoJson);
                close();
                onListed.accept(id);
            } catch (HotspotRegister.InvalidAreaException invalid) {
                problem.setText(getTranslation("hotspot.invalid." + invalid.reason()));
                problem.setVisible(true);
            } catch (IllegalArgumentException | CurrentUser.AccessDeniedException refused) {
                problem.setText(getTranslation("hotspots.listRefused"));
                problem.setVisible(true);
            }
        });
        save.setId("listing-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(new Button(getTranslation("action.close"), e -> close()), save);
    }
}
