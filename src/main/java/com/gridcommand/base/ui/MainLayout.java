package com.gridcommand.base.ui;

import com.gridcommand.base.i18n.LanguageSwitcher;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/**
 * The frame around every signed-in view: the app's name, the views this user may open (from their
 * {@code @Menu}, already filtered by access; titles are translation keys), who is signed in, the
 * language and sign-out. On a wide screen the views are links in the top bar; on a phone the top bar
 * keeps a menu button and the title, and the views, the language and sign-out are in the drawer it opens.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    public MainLayout(AuthenticationContext authentication) {
        Span title = new Span(getTranslation("app.title"));
        title.addClassName("gc-app-title");
        Div navigation = new Div();
        navigation.addClassName("gc-nav");
        SideNav drawerNavigation = new SideNav();
        drawerNavigation.setId("drawer-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            RouterLink link = new RouterLink();
            link.setRoute(entry.menuClass());
            link.setText(getTranslation(entry.title()));
            link.setHighlightCondition((l, event) -> event.getLocation().getPath().equals(entry.path().replaceFirst("^/", "")));
            link.addClassName("gc-nav-link");
            navigation.add(link);
            drawerNavigation.addItem(new SideNavItem(getTranslation(entry.title()), entry.menuClass()));
        }
        String name = authentication.getPrincipalName().orElse("");
        Span user = new Span(name);
        user.setId("signed-in-user");
        user.addClassName("gc-user");
        Button signOut = new Button(getTranslation("nav.signOut"), e -> authentication.logout());
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        LanguageSwitcher language = new LanguageSwitcher();
        language.addClassName("gc-language");
        Div right = new Div(user, language, signOut);
        right.addClassName("gc-navbar-right");

        DrawerToggle menu = new DrawerToggle();
        menu.setId("menu-toggle");
        menu.addClassName("gc-menu-toggle");
        menu.setAriaLabel(getTranslation("nav.menu"));
        Div bar = new Div(menu, title, navigation, right);
        bar.addClassName("gc-navbar");
        addToNavbar(bar);

        // The drawer is for phones only (the toggle is hidden on wide screens): the views, then who and how.
        Span drawerUser = new Span(name);
        drawerUser.addClassName("gc-drawer-user");
        Button drawerSignOut = new Button(getTranslation("nav.signOut"), e -> authentication.logout());
        drawerSignOut.setId("drawer-sign-out");
        drawerSignOut.addThemeVariants(ButtonVariant.TERTIARY);
        LanguageSwitcher drawerLanguage = new LanguageSwitcher();
        drawerLanguage.addClassName("gc-drawer-language");
        Div footer = new Div(drawerUser, drawerLanguage, drawerSignOut);
        footer.addClassName("gc-drawer-footer");
        Div drawer = new Div(drawerNavigation, footer);
        drawer.addClassName("gc-drawer");
        addToDrawer(drawer);
        setPrimarySection(Section.NAVBAR);
        setDrawerOpened(false);
    }

    /** A view chosen in the drawer closes it, as on any phone app. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        if (isOverlay()) setDrawerOpened(false);
    }
}
