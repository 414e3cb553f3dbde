package com.gridcommand.dispatch.api;

import com.gridcommand.dispatch.PingRejectedException;
import com.gridcommand.dispatch.PingRejectedException.Reason;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tracker's JSON body as plain values: objects as maps, arrays as lists, strings, booleans, null, and numbers
 * kept as their text ({@link Num}). Numbers are judged where a field is read, so a field of the wrong type or a
 * number of any length is that position's own problem (a tree of Jackson nodes failed the whole body on the
 * first value it could not convert). Reading a field never throws anything but {@link PingRejectedException}.
 */
final class TrackerJson {

    /** A JSON number as it was written. */
    record Num(String text) {}

    /** The body limit already bounds every token; the parser's own number limit would refuse a valid body. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
            .build();

    private TrackerJson() {
    }

    /** The body's one value; a body that is not one JSON value throws {@link NotJson}, saying why. */
    static Object read(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() == null) throw new NotJson("the body is empty");
            Object value = value(parser);
            if (parser.nextToken() != null) throw new NotJson("the body goes on after its JSON value");
            return value;
        } catch (JacksonException e) {
            String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            throw new NotJson("the body is not JSON: " + (why.length() > 160 ? why.substring(0, 160) + "…" : why));
        }
    }

    /** A body that is not one JSON value. */
    static final class NotJson extends RuntimeException {
        NotJson(String message) {
            super(message);
        }
    }

    private static Object value(JsonParser parser) {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, value(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) array.add(value(parser));
                yield array;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Num(parser.getString());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null; // VALUE_NULL; embedded objects do not occur in JSON text
        };
    }

    /** The value at a path of object members, or null where the path leaves the objects. */
    static Object path(Object root, String... names) {
        Object at = root;
        for (String name : names) {
            if (!(at instanceof Map<?, ?> object)) return null;
            at = object.get(name);
        }
        return at;
    }

    /** A number field (a JSON number, or a string holding one); null when absent or null. */
    static Double number(Object value, String name) {
        return switch (value) {
            case null -> null;
            case Num n -> OsmAndRequest.number(n.text(), name);
            case String s -> s.isBlank() ? null : OsmAndRequest.number(s.trim(), name);
            default -> throw new PingRejectedException(Reason.NOT_A_NUMBER, name + " must be a number, got " + kind(value));
        };
    }

    /** A time field: Unix seconds or milliseconds (a number, fractions allowed) or a date-time string; null when absent. */
    static Instant time(Object value, String name) {
        return switch (value) {
            case null -> null;
            case Num n -> OsmAndRequest.time(n.text());
            case String s -> OsmAndRequest.time(s.trim());
            default -> throw new PingRejectedException(Reason.BAD_TIME,
                    name + " must be Unix seconds or milliseconds, or a date-time string, got " + kind(value));
        };
    }

    /** A device id: a string (or a number, as some apps send it); null when absent or of another type. */
    static String text(Object value) {
        String s = switch (value) {
            case String string -> string;
            case Num n -> n.text();
            case null, default -> null;
        };
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** How a value reads in a message: its JSON kind, never its content. */
    static String kind(Object value) {
        return switch (value) {
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            case Boolean b -> b ? "true" : "false";
            case Num n -> "a number";
            case String s -> "a string";
            case null -> "null";
            default -> "a value of another kind";
        };
    }
}
