package com.gridcommand.dispatch.api;

import com.gridcommand.dispatch.Ping;
import com.gridcommand.dispatch.PingRejectedException;
import com.gridcommand.dispatch.PingRejectedException.Reason;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a position in the OsmAnd / Traccar Client HTTP protocol, as Traccar's own server does:
 * <ul>
 * <li>query or form parameters: {@code id} (or {@code deviceid}), {@code lat} and {@code lon} (or
 *     {@code location=lat,lon}), {@code timestamp} (Unix seconds, or milliseconds, or
 *     {@code yyyy-MM-dd HH:mm:ss} UTC, or ISO-8601; the server's time when absent), {@code speed} in knots,
 *     {@code bearing} or {@code heading}, {@code altitude}, {@code accuracy} (or {@code hdop}), {@code batt};</li>
 * <li>the JSON body of Traccar Client 9+: {@code {"device_id", "location": {"timestamp", "coords":
 *     {"latitude", "longitude", "speed" (m/s), "heading", "accuracy", "altitude"}, "battery": {"level" 0..1}}}}.</li>
 * </ul>
 * Our device token is the device id the app is configured with.
 */
final class OsmAndRequest {

    private static final double KNOTS_TO_MPS = 1852.0 / 3600.0;
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    record Parsed(String deviceToken, Ping ping) {}

    private OsmAndRequest() {
    }

    static Parsed fromParameters(Map<String, String[]> parameters, Instant now) {
        Function<String, String> p = name -> {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 || values[0].isBlank() ? null : values[0].trim();
        };
        String token = p.apply("id") != null ? p.apply("id") : p.apply("deviceid");
        Double lat = number(p.apply("lat"), "lat");
        Double lon = number(p.apply("lon"), "lon");
        String location = p.apply("location");
        if ((lat == null || lon == null) && location != null) {
            String[] parts = location.split(",");
            if (parts.length != 2) throw new PingRejectedException(Reason.NOT_A_NUMBER, "location must be 'latitude,longitude', got '" + location + "'");
            lat = number(parts[0].trim(), "location latitude");
            lon = number(parts[1].trim(), "location longitude");
        }
        if (lat == null || lon == null) throw new PingRejectedException(Reason.MISSING_FIELD, "a position needs lat and lon (or location)");
        Instant time = p.apply("timestamp") == null ? now : time(p.apply("timestamp"));
        Double knots = number(p.apply("speed"), "speed");
        Double bearing = number(p.apply("bearing") != null ? p.apply("bearing") : p.apply("heading"), "bearing");
        Double accuracy = number(p.apply("accuracy") != null ? p.apply("accuracy") : p.apply("hdop"), "accuracy");
        return new Parsed(token, new Ping(time, lat, lon, knots == null ? null : knots * KNOTS_TO_MPS, bearing,
                number(p.apply("altitude"), "altitude"), accuracy, number(p.apply("batt"), "batt")));
    }

    static Parsed fromTraccarJson(JsonNode body, Instant now) {
        JsonNode location = body.path("location");
        JsonNode coords = location.path("coords");
        if (!coords.isObject()) throw new PingRejectedException(Reason.MISSING_FIELD, "a position needs location.coords");
        String token = text(body.path("device_id"));
        Double lat = jsonNumber(coords.path("latitude"), "latitude");
        Double lon = jsonNumber(coords.path("longitude"), "longitude");
        if (lat == null || lon == null) throw new PingRejectedException(Reason.MISSING_FIELD, "a position needs latitude and longitude");
        String timestamp = text(location.path("timestamp"));
        Double level = jsonNumber(location.path("battery").path("level"), "battery level");
        return new Parsed(token, new Ping(timestamp == null ? now : time(timestamp), lat, lon, jsonNumber(coords.path("speed"), "speed"),
                jsonNumber(coords.path("heading"), "heading"), jsonNumber(coords.path("altitude"), "altitude"),
                jsonNumber(coords.path("accuracy"), "accuracy"), level == null || level < 0 ? null : level * 100));
    }

    /** Unix seconds, Unix milliseconds, "yyyy-MM-dd HH:mm:ss" (UTC) or ISO-8601 with an offset. */
    static Instant time(String value) {
        if (value.matches("-?\\d{1,15}(\\.\\d+)?")) {
            double number = Double.parseDouble(value);
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

    static Double number(String value, String name) {
        if (value == null) return null;
        try {
            double d = Double.parseDouble(value);
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new PingRejectedException(Reason.NOT_A_NUMBER, name + " must be a number, got '" + shorten(value) + "'");
        }
    }

    private static Double jsonNumber(JsonNode node, String name) {
        if (node == null || node.isMissingNode() || node.isNull()) return null;
        if (node.isNumber()) return node.asDouble();
        if (node.isString()) return number(node.asString(), name);
        throw new PingRejectedException(Reason.NOT_A_NUMBER, name + " must be a number");
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) return null;
        String s = node.isString() ? node.asString() : node.toString();
        return s.isBlank() ? null : s.trim();
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
