package com.gridcommand.democity;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a GeoJSON FeatureCollection (RFC 7946) byte-for-byte reproducibly: one feature per line,
 * properties in insertion order, coordinates with at most seven decimals (about a centimetre),
 * exterior rings counter-clockwise. Diffs stay readable and QGIS opens the file as is.
 */
final class GeoJsonOut {

    private final String name;
    private final Map<String, Object> members = new LinkedHashMap<>();
    private final List<String> features = new ArrayList<>();

    GeoJsonOut(String name) {
        this.name = name;
    }

    GeoJsonOut member(String key, Object value) {
        members.put(key, value);
        return this;
    }

    void add(String id, Geometry geometry, Map<String, Object> properties) {
        var sb = new StringBuilder("{\"type\":\"Feature\",\"id\":");
        json(sb, id);
        sb.append(",\"geometry\":");
        if (geometry == null) sb.append("null");
        else geometry(sb, geometry);
        sb.append(",\"properties\":");
        json(sb, properties);
        sb.append('}');
        features.add(sb.toString());
    }

    int size() {
        return features.size();
    }

    void write(Path folder) {
        var sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"name\":");
        json(sb, name);
        for (var member : members.entrySet()) {
            sb.append(',');
            json(sb, member.getKey());
            sb.append(':');
            json(sb, member.getValue());
        }
        sb.append(",\"features\":[\n");
        for (int i = 0; i < features.size(); i++) {
            sb.append(features.get(i)).append(i + 1 < features.size() ? ",\n" : "\n");
        }
        sb.append("]}\n");
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(name + ".geojson"), sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void geometry(StringBuilder sb, Geometry g) {
        switch (g) {
            case Point p -> {
                sb.append("{\"type\":\"Point\",\"coordinates\":");
                position(sb, p.getCoordinate());
            }
            case LineString l -> {
                sb.append("{\"type\":\"LineString\",\"coordinates\":");
                positions(sb, l.getCoordinates());
            }
            case Polygon p -> {
                sb.append("{\"type\":\"Polygon\",\"coordinates\":");
                rings(sb, p);
            }
            case MultiPolygon m -> {
                sb.append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
                for (int i = 0; i < m.getNumGeometries(); i++) {
                    if (i > 0) sb.append(',');
                    rings(sb, (Polygon) m.getGeometryN(i));
                }
                sb.append(']');
            }
            default -> throw new IllegalArgumentException("unsupported geometry " + g.getGeometryType());
        }
        sb.append('}');
    }

    private static void rings(StringBuilder sb, Polygon polygon) {
        Polygon normal = (Polygon) polygon.copy();
        normal.normalize(); // exterior clockwise, holes counter-clockwise, fixed start vertex
        Polygon oriented = normal.reverse(); // RFC 7946: exterior counter-clockwise, holes clockwise
        sb.append('[');
        positions(sb, oriented.getExteriorRing().getCoordinates());
        for (int i = 0; i < oriented.getNumInteriorRing(); i++) {
            sb.append(',');
            positions(sb, oriented.getInteriorRingN(i).getCoordinates());
        }
        sb.append(']');
    }

    private static void positions(StringBuilder sb, Coordinate[] coordinates) {
        sb.append('[');
        for (int i = 0; i < coordinates.length; i++) {
            if (i > 0) sb.append(',');
            position(sb, coordinates[i]);
        }
        sb.append(']');
    }

    private static void position(StringBuilder sb, Coordinate c) {
        sb.append('[').append(number(c.x, 7)).append(',').append(number(c.y, 7)).append(']');
    }

    static String number(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    @SuppressWarnings("unchecked")
    private static void json(StringBuilder sb, Object value) {
        switch (value) {
            case null -> sb.append("null");
            case String s -> {
                sb.append('"');
                for (char c : s.toCharArray()) {
                    switch (c) {
                        case '"' -> sb.append("\\\"");
                        case '\\' -> sb.append("\\\\");
                        case '\n' -> sb.append("\\n");
                        case '\r' -> sb.append("\\r");
                        case '\t' -> sb.append("\\t");
                        default -> {
                            if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                            else sb.append(c);
                        }
                    }
                }
                sb.append('"');
            }
            case Integer i -> sb.append(i);
            case Long l -> sb.append(l);
            case Double d -> sb.append(number(d, 6));
            case Boolean b -> sb.append(b);
            case Map<?, ?> map -> {
                sb.append('{');
                boolean first = true;
                for (var entry : map.entrySet()) {
                    if (!first) sb.append(',');
                    first = false;
                    json(sb, entry.getKey().toString());
                    sb.append(':');
                    json(sb, entry.getValue());
                }
                sb.append('}');
            }
            case List<?> list -> {
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) sb.append(',');
                    json(sb, list.get(i));
                }
                sb.append(']');
            }
            default -> throw new IllegalArgumentException("unsupported value " + value.getClass());
        }
    }
}
