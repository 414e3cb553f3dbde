package com.gridcommand.base.i18n;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * How stored values read to people, in one place: times in the city's zone to the minute (no seconds, no
 * offset, no UTC), durations in words, and the catalogue's label for every value kept as a code — steps,
 * levels, statuses, roles, yes/no, the system's own actors, audited tables and their columns. Screens get
 * one in their language through {@link Texts}; files that are official records use {@link #chinese}.
 * Nothing here knows Vaadin, so services that write files use it too.
 */
public class Formats {

    private static final Logger log = LoggerFactory.getLogger(Formats.class);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final String BUNDLE = "vaadin-i18n.translations";

    /** The catalogue's text for a key with its arguments filled in. */
    @FunctionalInterface
    public interface Translator {
        String translate(String key, Object... args);
    }

    private final Translator translator;
    private final ResourceBundle bundle;
    private final Locale locale;
    private final ZoneId zone;

    protected Formats(Translator translator, Locale locale, ZoneId zone) {
        this.translator = translator;
        this.locale = locale;
        this.zone = zone;
        this.bundle = bundle(locale);
    }

    /** Formats in a language straight from the catalogue files (as the screens read them). */
    public static Formats of(Locale locale, ZoneId zone) {
        ResourceBundle b = bundle(locale);
        return new Formats((key, args) -> {
            if (!b.containsKey(key)) return missing(locale, key);
            String pattern = b.getString(key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
        }, locale, zone);
    }

    /** Chinese: the language of official records (ledgers, the audit export). */
    public static Formats chinese(ZoneId zone) {
        return of(Languages.CHINESE, zone);
    }

    private static ResourceBundle bundle(Locale locale) {
        // No fallback to the server's own language: a missing English file means the Chinese default.
        return ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static String missing(Locale locale, String key) {
        log.warn("No text for {} in {}", key, locale);
        return "!" + locale.getLanguage() + ": " + key;
    }

    public Locale locale() {
        return locale;
    }

    public ZoneId zone() {
        return zone;
    }

    public String t(String key, Object... params) {
        return translator.translate(key, params);
    }

    /** Whether the catalogue has the key. */
    public boolean has(String key) {
        try {
            return bundle.containsKey(key);
        } catch (MissingResourceException e) {
            return false;
        }
    }

    /**
     * The label of an enumerated value, e.g. {@code label("case.step", "INTAKE")} → 受理登记. A value without
     * a label reads as itself (and is logged): never as a "!zh:" key.
     */
    public String label(String prefix, Object value) {
        if (value == null || value.toString().isEmpty()) return "";
        String key = prefix + "." + value;
        if (has(key)) return t(key);
        log.warn("No label {}", key);
        return value.toString();
    }

    public String yesNo(boolean value) {
        return t(value ? "yes" : "no");
    }

    public String dateTime(OffsetDateTime time) {
        return time == null ? "" : DATE_TIME.format(time.atZoneSameInstant(zone));
    }

    public String dateTime(Instant time) {
        return time == null ? "" : DATE_TIME.format(time.atZone(zone));
    }

    /** To the second, where the order of events matters (the audit trail); the city's zone, no fraction, no offset. */
    public String dateTimeSeconds(OffsetDateTime time) {
        return time == null ? "" : SECONDS.format(time.atZoneSameInstant(zone));
    }

    /** A time written as ISO text (as JSON keeps it), in the city's zone to the minute; other text as it is. */
    public String dateTime(String iso) {
        if (iso == null || iso.isBlank()) return "";
        try {
            return dateTime(OffsetDateTime.parse(iso));
        } catch (DateTimeParseException notAnOffsetTime) {
            try {
                return dateTime(Instant.parse(iso));
            } catch (DateTimeParseException notATime) {
                return iso;
            }
        }
    }

    public String date(TemporalAccessor date) {
        return date == null ? "" : DATE.format(date);
    }

    public String number(double value, int decimals) {
        return String.format(locale, "%." + decimals + "f", value);
    }

    /** A travel or waiting time in whole minutes, rounded up: 约3分钟 / about 3 min. */
    public String minutes(long seconds) {
        return t("duration.minutes", (seconds + 59) / 60);
    }

    /** A distance as people say it: 850米 / 1.2公里 (850 m / 1.2 km). */
    public String distance(double metres) {
        return metres < 1000 ? t("distance.metres", Math.round(metres)) : t("distance.kilometres", number(Math.round(metres / 100) / 10.0, 1));
    }

    /** A case's administrative level (COMMUNITY, TOWNSHIP, CITY). */
    public String level(String level) {
        return label("level", level);
    }

    /** A party and their role: 赵英伟（申请人）. */
    public String party(String name, String role) {
        return (name == null ? "" : name) + (role == null || role.isEmpty() ? "" : t("party.format", label("party.role", role)));
    }

    /**
     * Who did something: the system's own workers by what they are (system:supervision → 系统自动督办), a
     * direct database session as such, people by their name — with the account when it is known.
     */
    public String actor(String actor, String displayName) {
        if (actor == null || actor.isBlank()) return "";
        if (actor.startsWith("system:")) return label("actor.system", actor.substring("system:".length()));
        if (actor.startsWith("database:")) return t("actor.database");
        if (displayName == null || displayName.isBlank() || displayName.equals(actor)) return actor;
        return t("actor.person", displayName, actor);
    }

    public String actor(String actor) {
        return actor(actor, null);
    }

    /** What an audited table is called (gov_case → 案件). */
    public String entity(String table) {
        return label("audit.entity", table);
    }

    /** What a column of an audited table is called: its field label (gov_case.step_deadline → 本环节时限). */
    public String column(String table, String column) {
        if (has("audit.column." + table + "." + column)) return t("audit.column." + table + "." + column);
        return label("audit.column", column);
    }

    /** What a refusal says, from the catalogue. One without a key is logged and reads as a general refusal. */
    public String problem(RuntimeException e) {
        return problem(this::t, e);
    }

    /** The same for a screen that has only its translations at hand. */
    public static String problem(Translator translator, RuntimeException e) {
        if (e instanceof ProblemException p) {
            Object[] args = p.args().stream().map(a -> a instanceof LocalDate d ? DATE.format(d) : a).toArray();
            return translator.translate(p.key(), args);
        }
        log.warn("A refusal without a message key reached a screen", e);
        return translator.translate("error.invalid");
    }
}
