package com.gridcommand.casework.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;

/**
 * The supervision light of a case's current step as a badge: a coloured dot and a word, so it reads
 * without colour too. GREEN in time, YELLOW in the last quarter of the step's time, RED past it;
 * none for a closed or referred case.
 */
public final class Lights {

    /** Colours shared with the map's case layer. */
    public static final String GREEN = "#16a34a";
    public static final String YELLOW = "#eab308";
    public static final String RED = "#dc2626";

    private Lights() {
    }

    public static Span badge(Component context, String light) {
        Span badge = new Span();
        badge.addClassName("gc-light");
        if (light == null) {
            badge.setVisible(false);
            return badge;
        }
        badge.addClassName("gc-light-" + light.toLowerCase());
        badge.setText(context.getTranslation("light." + light));
        badge.getElement().setAttribute("data-light", light);
        badge.setTitle(context.getTranslation("light." + light + ".help"));
        return badge;
    }
}
