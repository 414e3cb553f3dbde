package com.gridcommand.base.i18n;

import com.vaadin.flow.component.UI;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/** Translations and formats for one UI's language and the city's time zone. */
public final class Texts {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final UI ui;
    private final ZoneId zone;

    public Texts(UI ui, Clock clock) {
        this.ui = ui;
        this.zone = clock.getZone();
    }

    public String t(String key, Object... params) {
        return ui.getTranslation(key, params);
    }

    /** The label of an enumerated value, e.g. {@code label("case.step", "INTAKE")} → 受理登记. */
    public String label(String prefix, Object value) {
        return value == null ? "" : t(prefix + "." + value);
    }

    public String yesNo(boolean value) {
        return t(value ? "yes" : "no");
    }

    public String dateTime(OffsetDateTime time) {
        return time == null ? "" : DATE_TIME.format(time.atZoneSameInstant(zone));
    }

    public String date(TemporalAccessor date) {
        return date == null ? "" : DATE.format(date);
    }

    public String number(double value, int decimals) {
        return String.format(ui.getLocale(), "%." + decimals + "f", value);
    }
}
