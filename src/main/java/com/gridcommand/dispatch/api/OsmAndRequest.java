package com.gridcommand.dispatch.api;

import com.gridcommand.dispatch.Ping;
import com.gridcommand.dispatch.PingRejectedException;
import com.gridcommand.dispatch.PingRejectedException.Reason;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a position in the OsmAnd / Traccar Client HTTP protocol, as Traccar's own server does:
 * <ul>
 * <li>query or form parameters: {@code id} (or {@code deviceid}), {@code lat} and {@code lon} (or
 *     {@code location=lat,lon}), {@code timestamp} (Unix seconds, or milliseconds, fractions allowed, or
 *     {@code yyyy-MM-dd HH:mm:ss} UTC, or ISO-8601; the server's time when absent), {@code speed} in knots,
 *     {@code bearing} or {@code heading}, {@code altitude}, {@code accuracy} (or {@code hdop}), {@code batt};</li>
 * <li>the JSON body of Traccar Client 9+: {@code {"device_id", "location": {"timestamp", "coords":
 *     {"latitude", "longitude", "speed" (m/s), "heading", "accuracy", "altitude"}, "battery": {"level" 0..1}}}}.</li>
 * </ul>
 * Our device token is the device id the app is configured with. The device is read apart from the position, so
 * the controller can refuse an unknown device before it says anything about the position.
 */
final class OsmAndRequest {

    private static final double KNOTS_TO_MPS = 1852.0 / 3600.0;
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** A decimal number as JSON writes it (a leading '+' allowed); possessive, so a long non-number fails in linear time. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?+(?:\\d++(?:\\.\\d*+)?+|\\.\\d++)(?:[eE][+-]?+\\d++)?+");
    /** Unix time beyond this (in seconds or milliseconds) is no time a tracker can mean. */
    private static final double MAX_UNIX = 1e15;

    private OsmAndRequest() {
    }

    private static Function<String, String> reader(Map<String, String[]> parameters) {
        return name -> {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 || values[0].isBlank() ? null : values[0].trim();
        };
    }

    /** The device token of query or form parameters ({@code id}, or {@code deviceid}). */
    static String device(Map<String, String[]> parameters) {
        Function<String, String> p = reader(parameters);
        return p.apply("id") != null ? p.apply("id") : p.apply("deviceid");
    }

    /** The device token of Traccar Client's JSON body ({@code device_id}). */
    static String device(Object body) {
        return TrackerJson.text(TrackerJson.path(body, "device_id"));
    }

    static Ping fromParameters(Map<String, String[]> parameters, Instant now) {
        Function<String, String> p = reader(parameters);
        Double lat = number(p.apply("lat"), "lat");
        Double lon = number(p.apply("lon"), "lon");
        String location = p.apply("location");
        if ((lat == null || lon == null) && location != null) {
            String[] parts = location.split(",");
            if (parts.length != 2) throw new PingRejectedException(Reason.NOT_A_NUMBER, "location must be 'latitude,longitude', got '" + shorten(location) + "'");
            lat = number(parts[0].trim(), "location latitude");
            lon = number(parts[1].trim(), "location longitude");
        }
        if (lat == null || lon == null) throw new PingRejectedException(Reason.MISSING_FIELD, "a position needs lat and lon (or location)");
        Instant time = p.apply("timestamp") == null ? now : time(p.apply("timestamp"));
        Double knots = number(p.apply("speed"), "speed");
        Double bearing = number(p.apply("bearing") != null ? p.apply("bearing") : p.apply("heading"), "bearing");
        Double accuracy = number(p.apply("accuracy") != null ? p.apply("accuracy") : p.apply("hdop"), "accuracy");
        return new Ping(time, lat, lon, knots == null ? null : knots * KNOTS_TO_MPS, bearing,
                number(p.apply("altitude"), "altitude"), accuracy, number(p.apply("batt"), "batt"));
    }

    static Ping fromTraccarJson(Object body, Instant now) {
        if (!(body instanceof Map<?, ?>)) {
            throw new PingRejectedException(Reason.NOT_AN_OBJECT, "the body must be a JSON object, got " + TrackerJson.kind(body));
        }
        Object location = TrackerJson.path(body, "location");
        Object coords = TrackerJson.path(location, "coords");
        if (!(coords instanceof Map<?, ?>)) throw new PingRejectedException(Reason.MISSING_FIELD, "a position needs location.coords, an object");
        Double lat = TrackerJson.number(TrackerJson.path(coords, "latitude"), "latitude");
        Double lon = TrackerJson.number(TrackerJson.path(coords, "longitude"), "longitude");
        if (lat == null || lon == null) throw new PingRejectedException(Reason.MISSING_FIELD, "a position needs latitude and longitude");
        Instant time = TrackerJson.time(TrackerJson.path(location, "timestamp"), "timestamp");
        Double level = TrackerJson.number(TrackerJson.path(location, "battery", "level"), "battery level");
        return new Ping(time == null ? now : time, lat, lon, TrackerJson.number(TrackerJson.path(coords, "speed"), "speed"),
                TrackerJson.number(TrackerJson.path(coords, "heading"), "heading"),
                TrackerJson.number(TrackerJson.path(coords, "altitude"), "altitude"),
                TrackerJson.number(TrackerJson.path(coords, "accuracy"), "accuracy"),
                // Traccar Client sends -1 when the phone does not know its battery.
                level == null || level < 0 ? null : level * 100);
    }

    /** Unix seconds or milliseconds (fractions allowed), "yyyy-MM-dd HH:mm:ss" (UTC) or ISO-8601 with an offset. */
    static Instant time(String value) {
        if (DECIMAL.matcher(value).matches()) {
            double number = Double.parseDouble(value);
            if (!(Math.abs(number) < MAX_UNIX)) {
                throw new PingRejectedException(Reason.BAD_TIME, "timestamp " + shorten(value) + " is beyond any Unix time in seconds or milliseconds");
            }
            // Seconds until 2038 (the largest 32-bit value); a larger number is milliseconds.
            long millis = number < Integer.MAX_VALUE ? Math.round(number * 1000) : Math.round(number);
            return Instant.ofEpochMilli(millis);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDateTime.parse(value, SPACED).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new PingRejectedException(Reason.BAD_TIME, "timestamp must be Unix seconds or milliseconds, 'yyyy-MM-dd HH:mm:ss' or ISO-8601, got '"
                        + shorten(value) + "'");
            }
        }
    }

    /**
     * A decimal number; one too large for a double is infinite, which the range checks then refuse with the
     * field's own reason. "NaN", "Infinity", hexadecimal and Java suffixes ("12f") are not numbers here.
     */
    static Double number(String value, String name) {
        if (value == null) return null;
        if (!DECIMAL.matcher(value).matches()) {
            throw new PingRejectedException(Reason.NOT_A_NUMBER, name + " must be a number, got '" + shorten(value) + "'");
        }
        return Double.parseDouble(value);
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
