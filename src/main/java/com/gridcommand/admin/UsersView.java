package com.gridcommand.admin;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.area.AreaService;
import com.gridcommand.area.AreaSummary;
import com.gridcommand.security.AccessScope;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.GridUser;
import com.gridcommand.security.Role;
import com.gridcommand.security.ScopeKind;
import com.gridcommand.security.UserService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.util.List;

/** Administrators: the users of their areas; create, change role and areas, disable (ends sessions), reset passwords. */
@Route("admin/users")
@Menu(order = 4, title = "nav.users")
@RolesAllowed("ADMIN")
public class UsersView extends Div implements HasDynamicTitle {

    private final UserService users;
    private final AreaService areas;
    private final Grid<GridUser> grid = new Grid<>();
    private final ScopeLabels labels;

    public UsersView(UserService users, AreaService areas, CurrentUser current) {
        this.users = users;
        this.areas = areas;
        this.labels = new ScopeLabels(areas);
        addClassName("gc-page");
        Button add = new Button(getTranslation("users.new"), e -> edit(null));
        add.setId("user-new");
        add.addThemeVariants(ButtonVariant.PRIMARY);
        grid.setId("user-list");
        grid.addColumn(GridUser::username).setHeader(getTranslation("users.username")).setAutoWidth(true);
        grid.addColumn(GridUser::displayName).setHeader(getTranslation("users.displayName")).setAutoWidth(true);
        grid.addColumn(u -> getTranslation("role." + u.role())).setHeader(getTranslation("users.role")).setAutoWidth(true);
        grid.addColumn(u -> labels.describe(this, u.scope())).setHeader(getTranslation("users.scope")).setFlexGrow(2);
        grid.addColumn(u -> getTranslation(u.enabled() ? "users.enabled" : "users.disabled")).setHeader(getTranslation("field.status")).setAutoWidth(true);
        grid.addComponentColumn(u -> {
            Button edit = new Button(getTranslation("users.edit"), e -> edit(u));
            edit.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
            Button toggle = new Button(getTranslation(u.enabled() ? "users.disable" : "users.enable"), e -> run(() -> users.setEnabled(u.id(), !u.enabled())));
            toggle.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
            toggle.addClassName("gc-user-toggle");
            toggle.getElement().setAttribute("data-user", u.username());
            toggle.setEnabled(current.get().map(me -> me.id() != u.id()).orElse(false));
            Button password = new Button(getTranslation("users.resetPassword"), e -> resetPassword(u));
            password.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
            return new Div(edit, toggle, password);
        }).setAutoWidth(true);
        grid.setSizeFull();
        refresh();
        add(new H2(getTranslation("nav.users")), add, grid);
    }

    private void refresh() {
        grid.setItems(users.list());
    }

    private void run(Runnable action) {
        try {
            action.run();
            Notification.show(getTranslation("action.done"), 2500, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.SUCCESS);
            refresh();
        } catch (CurrentUser.AccessDeniedException e) {
            error(getTranslation("error.denied"));
        } catch (IllegalArgumentException e) {
            error(Texts.problem(this, e));
        }
    }

    private static void error(String message) {
        Notification n = Notification.show(message, 6000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.ERROR);
        n.setId("user-error");
    }

    private void resetPassword(GridUser user) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("users.resetPassword") + " · " + user.username());
        PasswordField password = new PasswordField(getTranslation("login.password"));
        password.setHelperText(getTranslation("users.passwordRule"));
        dialog.add(password);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()),
                new Button(getTranslation("action.save"), e -> { run(() -> users.resetPassword(user.id(), password.getValue())); dialog.close(); }));
        dialog.open();
    }

    /** New user (null) or an existing one: role and areas. */
    private void edit(GridUser user) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation(user == null ? "users.new" : "users.edit"));
        TextField username = new TextField(getTranslation("users.username"));
        username.setId("user-username");
        TextField displayName = new TextField(getTranslation("users.displayName"));
        displayName.setId("user-display-name");
        Select<Role> role = new Select<>();
        role.setLabel(getTranslation("users.role"));
        role.setItems(Role.values());
        role.setItemLabelGenerator(r -> getTranslation("role." + r));
        Select<ScopeKind> kind = new Select<>();
        kind.setLabel(getTranslation("users.scope"));
        kind.setItems(ScopeLabels.kinds());
        kind.setItemLabelGenerator(k -> getTranslation("scope." + k));
        MultiSelectComboBox<AreaSummary> scopeAreas = new MultiSelectComboBox<>(getTranslation("users.areas"));
        scopeAreas.setItemLabelGenerator(a -> a.name() + " " + a.code());
        kind.addValueChangeListener(e -> {
            scopeAreas.clear();
            scopeAreas.setVisible(e.getValue() != ScopeKind.CITY);
            if (e.getValue() != null && e.getValue() != ScopeKind.CITY) scopeAreas.setItems(areas.list(ScopeLabels.level(e.getValue())));
        });
        PasswordField password = new PasswordField(getTranslation("login.password"));
        password.setHelperText(getTranslation("users.passwordRule"));
        if (user == null) {
            role.setValue(Role.GRID_WORKER);
            kind.setValue(ScopeKind.CELLS);
        } else {
            username.setValue(user.username());
            username.setReadOnly(true);
            displayName.setValue(user.displayName());
            role.setValue(user.role());
            kind.setValue(user.scope().kind());
            if (!user.scope().isCity()) {
                List<AreaSummary> chosen = areas.list(ScopeLabels.level(user.scope().kind())).stream()
                        .filter(a -> user.scope().codes().contains(a.code())).toList();
                scopeAreas.setValue(chosen);
            }
            password.setVisible(false);
        }
        dialog.add(new FormLayout(username, displayName, role, kind, scopeAreas, password));
        Button save = new Button(getTranslation("action.save"), e -> {
            run(() -> {
                AccessScope scope = AccessScope.of(kind.getValue(), scopeAreas.getValue().stream().map(AreaSummary::code).sorted().toList());
                if (user == null) users.create(new UserService.NewUser(username.getValue(), displayName.getValue(), role.getValue(), scope, password.getValue()));
                else users.update(user.id(), displayName.getValue(), role.getValue(), scope);
                dialog.close();
            });
        });
        save.setId("user-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.users") + " · " + getTranslation("app.title");
    }
}
