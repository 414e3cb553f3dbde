package com.gridcommand.admin;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.base.ui.Confirmation;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.DeviceService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Administrators: device credentials for trackers and phones. A token is shown once, when issued; revoking stops it at once. */
@Route("admin/devices")
@Menu(order = 5, title = "nav.devices")
@RolesAllowed("ADMIN")
public class DevicesView extends Div implements HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final DeviceService devices;
    private final Grid<DeviceService.Device> grid = new Grid<>();
    private final Clock clock;

    private final com.gridcommand.dispatch.ResponderService responders;

    public DevicesView(DeviceService devices, com.gridcommand.dispatch.ResponderService responders, Clock clock) {
        this.responders = responders;
        this.devices = devices;
        this.clock = clock;
        addClassName("gc-page");
        Button issue = new Button(getTranslation("devices.new"), e -> issue());
        issue.setId("device-new");
        issue.addThemeVariants(ButtonVariant.PRIMARY);
        grid.setId("device-list");
        grid.addColumn(DeviceService.Device::name).setHeader(getTranslation("devices.name")).setAutoWidth(true);
        grid.addColumn(d -> "gcd_" + d.tokenPrefix() + "_…").setHeader(getTranslation("devices.token")).setAutoWidth(true);
        grid.addColumn(d -> d.responderName() == null ? "" : d.responderName()).setHeader(getTranslation("devices.responder")).setAutoWidth(true);
        grid.addColumn(d -> time(d.createdAt()) + " · " + d.createdBy()).setHeader(getTranslation("devices.created")).setAutoWidth(true);
        grid.addColumn(d -> time(d.lastSeenAt())).setHeader(getTranslation("devices.lastSeen")).setAutoWidth(true);
        grid.addColumn(d -> d.active() ? getTranslation("devices.active") : getTranslation("devices.revoked") + " " + time(d.revokedAt()))
                .setHeader(getTranslation("field.status")).setAutoWidth(true);
        grid.addComponentColumn(d -> {
            Button revoke = new Button(getTranslation("devices.revoke"), e -> Confirmation.ask("device-revoke-confirm",
                    getTranslation("devices.revoke.title", d.name()), getTranslation("devices.revoke.text", d.name()),
                    getTranslation("devices.revoke"), getTranslation("action.cancel"), () -> {
                        try {
                            devices.revoke(d.id());
                            Notification.show(getTranslation("devices.revoked.done", d.name()), 3000, Notification.Position.BOTTOM_START)
                                    .addThemeVariants(NotificationVariant.SUCCESS);
                        } catch (CurrentUser.AccessDeniedException denied) {
                            error(getTranslation("error.denied"));
                        }
                        refresh();
                    }));
            revoke.addClassName("gc-device-revoke");
            revoke.getElement().setAttribute("data-device", d.name());
            revoke.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.ERROR, ButtonVariant.TERTIARY);
            revoke.setEnabled(d.active());
            return revoke;
        }).setAutoWidth(true);
        grid.setSizeFull();
        refresh();
        add(new H2(getTranslation("nav.devices")), issue, grid);
    }

    private static void error(String message) {
        Notification n = Notification.show(message, 6000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.ERROR);
        n.setId("device-error");
    }

    private String time(OffsetDateTime t) {
        return t == null ? "" : TIME.format(t.atZoneSameInstant(clock.getZone()));
    }

    private void refresh() {
        grid.setItems(devices.list());
    }

    private void issue() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("devices.new"));
        TextField name = new TextField(getTranslation("devices.name"));
        name.setId("device-name");
        // The responder whose position the device reports (and who acts on assignments through it).
        var responder = new com.vaadin.flow.component.combobox.ComboBox<com.gridcommand.dispatch.ResponderService.BoardRow>(getTranslation("devices.responder"));
        responder.setId("device-responder");
        responder.setItems(responders.board());
        responder.setItemLabelGenerator(r -> r.code() + " " + r.name() + (r.team() == null ? "" : " · " + r.team()));
        responder.setClearButtonVisible(true);
        dialog.add(new FormLayout(name, responder));
        Button save = new Button(getTranslation("action.save"), e -> {
            try {
                DeviceService.Issued issued = devices.issue(name.getValue(), responder.getValue() == null ? null : responder.getValue().id());
                dialog.removeAll();
                Paragraph once = new Paragraph(getTranslation("devices.tokenOnce"));
                TextField token = new TextField(getTranslation("devices.token"));
                token.setId("device-token");
                token.setValue(issued.token());
                token.setReadOnly(true);
                token.setWidthFull();
                dialog.add(once, token);
                dialog.getFooter().removeAll();
                dialog.getFooter().add(new Button(getTranslation("action.close"), c -> dialog.close()));
                refresh();
            } catch (CurrentUser.AccessDeniedException ex) {
                error(getTranslation("error.denied"));
            } catch (IllegalArgumentException ex) {
                error(Texts.problem(this, ex));
            }
        });
        save.setId("device-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.devices") + " · " + getTranslation("app.title");
    }
}
