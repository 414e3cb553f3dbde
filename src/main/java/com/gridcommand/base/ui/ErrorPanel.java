package com.gridcommand.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;

/** What an error view shows inside the app's frame: what happened, in the user's language, and the way home. */
final class ErrorPanel extends Div {

    ErrorPanel(String key) {
        addClassName("gc-error-page");
        H2 title = new H2(getTranslation(key + ".title"));
        title.setId("error-title");
        Paragraph text = new Paragraph(getTranslation(key + ".text"));
        text.setId("error-text");
        // A full page load: the map is the one place every signed-in user may open.
        Anchor home = new Anchor("./", getTranslation("page.home"));
        home.setId("error-home");
        home.setRouterIgnore(true);
        add(title, text, home);
    }
}
