package com.gridcommand.base.ui;

import com.gridcommand.base.i18n.LanguageSwitcher;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/**
 * The frame around every signed-in view: the app's name, the views this user may open (from their
 * {@code @Menu}, already filtered by access; titles are translation keys), who is signed in, the
 * language and sign-out.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication) {
        Span title = new Span(getTranslation("app.title"));
        title.addClassName("gc-app-title");
        Div navigation = new Div();
        navigation.addClassName("gc-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            RouterLink link = new RouterLink();
            link.setRoute(entry.menuClass());
            link.setText(getTranslation(entry.title()));
            link.setHighlightCondition((l, event) -> event.getLocation().getPath().equals(entry.path().replaceFirst("^/", "")));
            link.addClassName("gc-nav-link");
            navigation.add(link);
        }
        Span user = new Span(authentication.getPrincipalName().orElse(""));
        user.setId("signed-in-user");
        user.addClassName("gc-user");
        authentication.getAuthenticatedUser(Object.class).ifPresent(principal -> {
            if (principal instanceof org.springframework.security.core.userdetails.UserDetails details) {
                user.setTitle(details.getAuthorities().toString());
            }
        });
        Button signOut = new Button(getTranslation("nav.signOut"), e -> authentication.logout());
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        LanguageSwitcher language = new LanguageSwitcher();
        language.addClassName("gc-language");
        Div right = new Div(user, language, signOut);
        right.addClassName("gc-navbar-right");
        Div bar = new Div(title, navigation, right);
        bar.addClassName("gc-navbar");
        addToNavbar(bar);
        // No side drawer: the map needs the width, and the few views fit in the top bar.
        setPrimarySection(Section.NAVBAR);
        setDrawerOpened(false);
    }
}
