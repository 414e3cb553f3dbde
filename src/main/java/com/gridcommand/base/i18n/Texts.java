package com.gridcommand.base.i18n;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;

import java.time.Clock;

/** Translations and formats ({@link Formats}) for one UI's language and the city's time zone. */
public final class Texts extends Formats {

    public Texts(UI ui, Clock clock) {
        super(ui::getTranslation, ui.getLocale(), clock.getZone());
    }

    /** What a refusal says in the language of the screen the component is on. */
    public static String problem(Component context, RuntimeException e) {
        return Formats.problem(context::getTranslation, e);
    }
}
