package com.gridcommand.casework.ui;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.area.AreaService;
import com.gridcommand.casework.Attachments;
import com.gridcommand.casework.CaseService;
import com.gridcommand.casework.CaseWorkflowService;
import com.gridcommand.casework.NewCase;
import com.gridcommand.geo.NamedPoint;
import com.gridcommand.prevention.PreventionService;
import com.gridcommand.security.CurrentUser;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * 受理登记: registers a case at a point clicked on the map, or at a community, grid cell or key place
 * found by name (there is no internet geocoder). The point decides the cell, community and township;
 * a point outside the city or outside the user's areas is refused as soon as it is chosen — a clicked point
 * before the form even opens — with the reason (the cell it lies in), and again when the case is saved.
 */
public class IntakeDialog extends Dialog {

    private final CaseWorkflowService workflow;
    private final Span location = new Span();
    private final Paragraph error = new Paragraph();
    private final List<PartyRow> parties = new ArrayList<>();
    private final Div partyList = new Div();
    private final Button save;
    private Double lon;
    private Double lat;
    /** Why the point given at construction cannot take a case, if it cannot. */
    private String refusal;

    private record PartyRow(TextField name, Select<String> role, Div row) {}

    public IntakeDialog(CaseWorkflowService workflow, AreaService areas, PreventionService prevention, Attachments limits,
                        Double lon, Double lat, LongConsumer registered) {
        this.workflow = workflow;
        setHeaderTitle(getTranslation("intake.title"));
        setWidth("720px");
        addClassName("gc-intake");

        ComboBox<NamedPoint> place = new ComboBox<>(getTranslation("intake.findPlace"));
        place.setId("intake-place");
        place.setItemLabelGenerator(p -> p.name() + " · " + p.context());
        place.setItems(query -> {
            String text = query.getFilter().orElse("");
            int limit = Math.min(query.getLimit(), 30);
            if (query.getOffset() > 0) return Stream.empty(); // one page of matches is plenty
            return Stream.concat(areas.search(text, limit).stream(), prevention.searchKeyPlaces(text, limit).stream()).limit(limit);
        });
        place.setWidthFull();
        place.addValueChangeListener(e -> {
            if (e.getValue() != null) setPoint(e.getValue().lon(), e.getValue().lat());
        });
        location.setId("intake-location");
        location.addClassName("gc-intake-location");

        TextField title = new TextField(getTranslation("field.title"));
        title.setId("intake-title");
        title.setMaxLength(200);
        title.setRequired(true);
        Select<String> category = new Select<>();
        category.setId("intake-category");
        category.setLabel(getTranslation("field.category"));
        category.setItems(new TreeSet<>(CaseService.CATEGORIES));
        category.setItemLabelGenerator(c -> getTranslation("case.category." + c));
        category.setValue("NEIGHBOUR");
        Select<Integer> severity = new Select<>();
        severity.setLabel(getTranslation("field.severity"));
        severity.setItems(1, 2, 3, 4);
        severity.setItemLabelGenerator(s -> getTranslation("case.severity." + s));
        severity.setValue(1);
        Select<String> source = new Select<>();
        source.setLabel(getTranslation("field.source"));
        source.setItems(NewCase.SOURCES);
        source.setItemLabelGenerator(s -> getTranslation("case.source." + s));
        source.setValue("PATROL");
        TextArea description = new TextArea(getTranslation("field.description"));
        description.setId("intake-description");
        description.setMaxLength(5000);

        Button addParty = new Button(getTranslation("intake.addParty"), e -> addParty());
        addParty.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
        partyList.addClassName("gc-parties");

        AttachmentUpload upload = new AttachmentUpload(limits, this::showError);

        FormLayout form = new FormLayout(title, category, severity, source, description);
        form.setColspan(description, 2);
        form.setColspan(title, 2);
        error.setId("intake-error");
        error.addClassName("gc-form-error");
        error.setVisible(false);
        Div partiesHeading = new Div(new Span(getTranslation("field.parties")), addParty);
        partiesHeading.addClassName("gc-form-section");
        Div filesHeading = new Div(new Span(getTranslation("intake.attachments", limits.maxBytes() / 1024 / 1024)));
        filesHeading.addClassName("gc-form-section");
        add(place, location, form, partiesHeading, partyList, filesHeading, upload, error);

        save = new Button(getTranslation("intake.register"), e -> {
            try {
                List<NewCase.Party> who = parties.stream().filter(p -> !p.name().getValue().isBlank())
                        .map(p -> new NewCase.Party(p.name().getValue(), p.role().getValue())).toList();
                long id = workflow.register(new NewCase(this.lon, this.lat, title.getValue(), description.getValue(), category.getValue(),
                        severity.getValue(), source.getValue(), who, upload.files()));
                close();
                Notification.show(getTranslation("intake.registered"), 4000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.SUCCESS);
                registered.accept(id);
            } catch (CurrentUser.AccessDeniedException denied) {
                showError(getTranslation("error.denied"));
            } catch (IllegalArgumentException invalid) {
                showError(Texts.problem(this, invalid));
            }
        });
        save.setId("intake-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(new Button(getTranslation("action.cancel"), e -> close()), save);
        if (lon != null && lat != null) setPoint(lon, lat);
        else {
            save.setEnabled(false);
            location.setText(getTranslation("intake.noPoint"));
        }
    }

    /**
     * Opens the form only at a point the user may register a case at. A clicked point outside the city or
     * outside the user's cells opens nothing: a notification says why (naming the cell) and the user clicks again.
     */
    @Override
    public void open() {
        if (refusal != null) {
            Notification n = Notification.show(refusal, 6000, Notification.Position.MIDDLE);
            n.addThemeVariants(NotificationVariant.ERROR);
            n.setId("intake-refused");
            return;
        }
        super.open();
    }

    private void setPoint(double lon, double lat) {
        CaseWorkflowService.Location where;
        try {
            where = workflow.placeForRegistration(lon, lat);
        } catch (CurrentUser.AccessDeniedException | IllegalArgumentException refused) {
            this.lon = null;
            this.lat = null;
            refusal = refused instanceof CurrentUser.AccessDeniedException ? getTranslation("error.denied") : Texts.problem(this, refused);
            save.setEnabled(false);
            location.setText(refusal);
            location.addClassName("gc-form-error");
            return;
        }
        this.lon = lon;
        this.lat = lat;
        refusal = null;
        save.setEnabled(true);
        location.removeClassName("gc-form-error");
        location.setText(getTranslation("intake.at", where.township(), where.community(), where.cell()));
    }

    private void addParty() {
        TextField name = new TextField();
        name.setPlaceholder(getTranslation("intake.partyName"));
        name.setMaxLength(50);
        Select<String> role = new Select<>();
        role.setItems(NewCase.PARTY_ROLES);
        role.setItemLabelGenerator(r -> getTranslation("party.role." + r));
        role.setValue(parties.isEmpty() ? "APPLICANT" : "RESPONDENT");
        Div row = new Div(name, role);
        row.addClassName("gc-party-row");
        PartyRow party = new PartyRow(name, role, row);
        Button remove = new Button("×", e -> {
            parties.remove(party);
            partyList.remove(row);
        });
        remove.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        row.add(remove);
        parties.add(party);
        partyList.add(row);
    }

    /** The dialog stays open with everything typed: nothing is saved until all of it is right. */
    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }
}
