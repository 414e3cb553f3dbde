package com.gridcommand.gisdata.internal;

import com.gridcommand.geo.CoordinateSystems;
import com.gridcommand.geo.Wgs84;
import com.gridcommand.gisdata.GeometryKind;
import com.gridcommand.gisdata.GisDataProblem;
import com.gridcommand.gisdata.GisFeature;
import com.gridcommand.gisdata.LayerSchema;
import com.gridcommand.gisdata.PropertySpec;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.locationtech.proj4j.CoordinateTransform;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks one GeoJSON file against its layer's schema and turns it into validated features. Every
 * problem is named by file and feature, so a city's GIS staff can fix their export; a file with any
 * problem yields no features at all.
 */
final class FeatureCollectionValidator {

    static final int MAX_PROBLEMS_PER_FILE = 50;

    /**
     * @param region     where the data may lie (a generous box around the country or city): points
     *                   outside it, or whose swapped coordinates fall inside, are refused
     * @param today      for shifting demo dates; null leaves dates as they are
     */
    record Options(Envelope region, LocalDate today) {}

    /** @param relativeDates the file declared {@code datesRelativeTo} (demo data whose dates were moved to today) */
    record Result(List<GisFeature> features, List<GisDataProblem> problems, boolean relativeDates) {
        Result(List<GisFeature> features, List<GisDataProblem> problems) {
            this(features, problems, false);
        }
    }

    private final JsonMapper mapper;

    FeatureCollectionValidator(JsonMapper mapper) {
        this.mapper = mapper;
    }

    Result validate(String file, byte[] content, LayerSchema schema, Options options) {
        var problems = new Problems(file);
        JsonNode root;
        try {
            root = mapper.readTree(content);
        } catch (JacksonException e) {
            problems.file("not valid JSON: " + e.getOriginalMessage());
            return new Result(List.of(), problems.list);
        }
        if (!root.isObject() || !"FeatureCollection".equals(root.path("type").asString(""))) {
            problems.file("must be a GeoJSON FeatureCollection");
            return new Result(List.of(), problems.list);
        }
        Optional<CoordinateTransform> transform = crs(root, problems);
        long shiftDays = dateShift(root, options, problems);
        JsonNode features = root.path("features");
        if (!features.isArray()) {
            problems.file("has no \"features\" array");
        }
        if (!problems.list.isEmpty()) return new Result(List.of(), problems.list);

        List<GisFeature> valid = new ArrayList<>();
        Map<String, Integer> keys = new HashMap<>();
        int index = 0;
        for (JsonNode feature : features) {
            index++;
            if (problems.full()) break;
            String label = label(feature, schema, index);
            int before = problems.list.size();
            GisFeature f = feature(feature, index, label, schema, transform.orElse(null), shiftDays, options, problems);
            if (problems.list.size() > before || f == null) continue;
            if (schema.key() != null) {
                String key = String.valueOf(f.values().get(schema.key()));
                Integer first = keys.putIfAbsent(key, index);
                if (first != null) {
                    problems.feature(label, "duplicate " + schema.key() + " " + key + " (also feature #" + first + ")");
                    continue;
                }
            }
            valid.add(f);
        }
        return problems.list.isEmpty() ? new Result(valid, List.of(), root.has("datesRelativeTo") && options.today() != null)
                : new Result(List.of(), problems.list);
    }

    /** The declared CRS: nothing or WGS 84 needs no transform; a known projected system gets one; others are refused. */
    private Optional<CoordinateTransform> crs(JsonNode root, Problems problems) {
        JsonNode crs = root.get("crs");
        if (crs == null || crs.isNull()) return Optional.empty();
        String name = crs.path("properties").path("name").asString("");
        Optional<Integer> epsg = CoordinateSystems.epsgCode(name);
        if (epsg.isEmpty()) {
            problems.file("declares a coordinate system we cannot read (\"" + name + "\"): use EPSG:4326 (WGS 84 longitude/latitude)");
            return Optional.empty();
        }
        if (CoordinateSystems.isWgs84Equivalent(epsg.get())) return Optional.empty();
        Optional<CoordinateTransform> transform = CoordinateSystems.toWgs84(epsg.get());
        if (transform.isEmpty()) {
            problems.file("is in EPSG:" + epsg.get() + ", which we do not convert: reproject it to EPSG:4326 (WGS 84) first");
        }
        return transform;
    }

    private long dateShift(JsonNode root, Options options, Problems problems) {
        JsonNode relative = root.get("datesRelativeTo");
        if (relative == null || options.today() == null) return 0;
        try {
            return ChronoUnit.DAYS.between(LocalDate.parse(relative.asString("")), options.today());
        } catch (DateTimeParseException e) {
            problems.file("\"datesRelativeTo\" must be a date (yyyy-mm-dd)");
            return 0;
        }
    }

    private static String label(JsonNode feature, LayerSchema schema, int index) {
        String name = "feature #" + index;
        JsonNode key = schema.key() == null ? null : feature.path("properties").get(schema.key());
        if (key != null && key.isValueNode() && !key.isNull()) return name + " (" + key.asString() + ")";
        JsonNode id = feature.get("id");
        if (id != null && id.isValueNode() && !id.isNull()) return name + " (id " + id.asString() + ")";
        return name;
    }

    private GisFeature feature(JsonNode node, int index, String label, LayerSchema schema, CoordinateTransform transform,
                               long shiftDays, Options options, Problems problems) {
        if (!node.isObject() || !"Feature".equals(node.path("type").asString(""))) {
            problems.feature(label, "is not a GeoJSON Feature");
            return null;
        }
        Geometry geometry = geometry(node.get("geometry"), label, schema, transform, options, problems);
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> json = new LinkedHashMap<>();
        JsonNode properties = node.get("properties");
        if (properties != null && !properties.isNull() && !properties.isObject()) {
            problems.feature(label, "\"properties\" must be an object");
            return null;
        }
        if (properties != null && properties.isObject()) {
            for (String name : properties.propertyNames()) {
                if (!schema.properties().containsKey(name)) {
                    problems.feature(label, "unknown property '" + name + "' (" + schema.name() + " takes: "
                            + String.join(", ", schema.properties().keySet()) + ")");
                }
            }
        }
        for (PropertySpec spec : schema.properties().values()) {
            JsonNode value = properties == null ? null : properties.get(spec.name());
            Object converted = value(spec, value, shiftDays, label, problems);
            values.put(spec.name(), converted);
            if (spec.type() == PropertySpec.Type.OBJECT_LIST && converted != null) json.put(spec.name(), value.toString());
        }
        return new GisFeature(index, label, geometry, values, json);
    }

    private Geometry geometry(JsonNode node, String label, LayerSchema schema, CoordinateTransform transform,
                              Options options, Problems problems) {
        if (node == null || node.isNull()) {
            if (!schema.geometryOptional()) problems.feature(label, "has no geometry");
            return null;
        }
        String type = node.path("type").asString("");
        boolean accepted = schema.geometryKinds().stream().anyMatch(k -> k.geoJsonName().equals(type))
                || ("Polygon".equals(type) && schema.geometryKinds().contains(GeometryKind.MULTI_POLYGON));
        if (!accepted) {
            problems.feature(label, "geometry is " + (type.isEmpty() ? "of no type" : type) + "; " + schema.name() + " takes "
                    + schema.geometryKinds().stream().map(GeometryKind::geoJsonName).sorted().toList());
            return null;
        }
        if (transform == null) {
            String coordinateProblem = checkPositions(node.get("coordinates"), options.region());
            if (coordinateProblem != null) {
                problems.feature(label, coordinateProblem);
                return null;
            }
        }
        Geometry geometry;
        try {
            geometry = new GeoJsonReader(Wgs84.FACTORY).read(node.toString());
        } catch (ParseException | RuntimeException e) {
            problems.feature(label, "geometry cannot be read: " + e.getMessage());
            return null;
        }
        if (transform != null) {
            geometry = CoordinateSystems.transform(geometry, transform);
            for (Coordinate c : geometry.getCoordinates()) {
                if (!Wgs84.inRange(c.x, c.y) || !options.region().contains(c.x, c.y)) {
                    problems.feature(label, String.format(Locale.ROOT,
                            "after conversion to WGS 84 the point (%.6f, %.6f) lies outside the region; is the declared CRS right?", c.x, c.y));
                    return null;
                }
            }
        }
        geometry.setSRID(Wgs84.SRID);
        if (geometry.isEmpty()) {
            problems.feature(label, "geometry is empty");
            return null;
        }
        IsValidOp validity = new IsValidOp(geometry);
        if (!validity.isValid()) {
            TopologyValidationError error = validity.getValidationError();
            Coordinate at = error.getCoordinate();
            problems.feature(label, "invalid geometry: " + error.getMessage()
                    + (at == null ? "" : String.format(Locale.ROOT, " at (%.7f, %.7f)", at.x, at.y)));
            return null;
        }
        if (geometry instanceof Polygon polygon && !schema.geometryKinds().contains(GeometryKind.POLYGON)) {
            geometry = Wgs84.FACTORY.createMultiPolygon(new Polygon[]{polygon});
        }
        return geometry;
    }

    /**
     * Walks the nested coordinate arrays; returns a message for the first position that is not a
     * pair of finite numbers in range and in the region, telling swapped axes and projected metres apart.
     */
    private static String checkPositions(JsonNode coordinates, Envelope region) {
        if (coordinates == null || !coordinates.isArray()) return "geometry has no coordinates";
        if (coordinates.size() > 0 && coordinates.get(0).isNumber()) {
            if (coordinates.size() < 2 || !coordinates.get(1).isNumber()) return "a position needs two numbers [longitude, latitude]";
            double x = coordinates.get(0).doubleValue(), y = coordinates.get(1).doubleValue();
            if (!Double.isFinite(x) || !Double.isFinite(y)) return "a coordinate is not a finite number";
            boolean inRange = Wgs84.inRange(x, y);
            if (inRange && region.contains(x, y)) return null;
            if (Wgs84.inRange(y, x) && region.contains(y, x)) {
                return String.format(Locale.ROOT, "coordinates [%s, %s] are in latitude, longitude order; GeoJSON needs [longitude, latitude]", num(x), num(y));
            }
            if (!inRange && (Math.abs(x) > 1000 || Math.abs(y) > 1000)) {
                return String.format(Locale.ROOT, "coordinates [%s, %s] look projected (metres): declare the CRS or reproject to EPSG:4326", num(x), num(y));
            }
            if (!inRange) {
                return String.format(Locale.ROOT, "coordinate [%s, %s] is out of range: longitude must be within ±180 and latitude within ±90", num(x), num(y));
            }
            return String.format(Locale.ROOT, "coordinate [%s, %s] lies outside the region this system serves (%s)", num(x), num(y), describe(region));
        }
        for (JsonNode child : coordinates) {
            String problem = checkPositions(child, region);
            if (problem != null) return problem;
        }
        return null;
    }

    private static String num(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String describe(Envelope e) {
        return String.format(Locale.ROOT, "longitude %.2f..%.2f, latitude %.2f..%.2f", e.getMinX(), e.getMaxX(), e.getMinY(), e.getMaxY());
    }

    private Object value(PropertySpec spec, JsonNode value, long shiftDays, String label, Problems problems) {
        if (value == null || value.isNull() || (value.isString() && value.asString().isBlank() && spec.type() != PropertySpec.Type.TEXT)) {
            if (spec.mandatory()) problems.feature(label, "missing required property '" + spec.name() + "'");
            return null;
        }
        String problem;
        Object converted;
        try {
            converted = convert(spec, value, shiftDays);
            problem = check(spec, converted);
        } catch (IllegalArgumentException e) {
            converted = null;
            problem = e.getMessage();
        }
        if (problem != null) {
            problems.feature(label, "property '" + spec.name() + "' " + problem);
            return null;
        }
        return converted;
    }

    private Object convert(PropertySpec spec, JsonNode value, long shiftDays) {
        return switch (spec.type()) {
            case TEXT -> {
                if (!value.isString()) throw new IllegalArgumentException("must be text, got " + value);
                yield value.asString().strip();
            }
            case INTEGER -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt()) throw new IllegalArgumentException("must be a whole number, got " + value);
                yield value.intValue();
            }
            case NUMBER -> {
                if (!value.isNumber()) throw new IllegalArgumentException("must be a number, got " + value);
                yield value.doubleValue();
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) throw new IllegalArgumentException("must be true or false, got " + value);
                yield value.booleanValue();
            }
            case DATE -> parse(value, "a date (yyyy-mm-dd)", s -> LocalDate.parse(s).plusDays(shiftDays));
            case TIME -> parse(value, "a time of day (hh:mm)", LocalTime::parse);
            case TIMESTAMP -> parse(value, "a timestamp with offset (e.g. 2026-03-01T08:30:00+08:00)",
                    s -> OffsetDateTime.parse(s).plusDays(shiftDays));
            case TEXT_LIST -> {
                if (!value.isArray()) throw new IllegalArgumentException("must be a list of texts, got " + value);
                List<String> list = new ArrayList<>();
                for (JsonNode item : value) {
                    if (!item.isString()) throw new IllegalArgumentException("must be a list of texts, got " + value);
                    list.add(item.asString().strip());
                }
                yield List.copyOf(list);
            }
            case INTEGER_LIST -> {
                if (!value.isArray()) throw new IllegalArgumentException("must be a list of whole numbers, got " + value);
                List<Integer> list = new ArrayList<>();
                for (JsonNode item : value) {
                    if (!item.isIntegralNumber() || !item.canConvertToInt()) throw new IllegalArgumentException("must be a list of whole numbers, got " + value);
                    list.add(item.intValue());
                }
                yield List.copyOf(list);
            }
            case OBJECT_LIST -> {
                if (!value.isArray()) throw new IllegalArgumentException("must be a list of objects, got " + value);
                List<Map<String, Object>> list = new ArrayList<>();
                int i = 0;
                for (JsonNode item : value) {
                    i++;
                    if (!item.isObject()) throw new IllegalArgumentException("item " + i + " must be an object");
                    Map<String, PropertySpec> fields = new LinkedHashMap<>();
                    for (PropertySpec f : spec.fields()) fields.put(f.name(), f);
                    for (String name : item.propertyNames()) {
                        if (!fields.containsKey(name)) throw new IllegalArgumentException("item " + i + " has unknown field '" + name + "' (takes: " + String.join(", ", fields.keySet()) + ")");
                    }
                    Map<String, Object> object = new LinkedHashMap<>();
                    for (PropertySpec f : spec.fields()) {
                        JsonNode v = item.get(f.name());
                        if (v == null || v.isNull()) {
                            if (f.mandatory()) throw new IllegalArgumentException("item " + i + " lacks field '" + f.name() + "'");
                            object.put(f.name(), null);
                            continue;
                        }
                        Object c = convert(f, v, 0);
                        String p = check(f, c);
                        if (p != null) throw new IllegalArgumentException("item " + i + " field '" + f.name() + "' " + p);
                        object.put(f.name(), c);
                    }
                    list.add(object);
                }
                yield List.copyOf(list);
            }
        };
    }

    private static <T> T parse(JsonNode value, String what, java.util.function.Function<String, T> parser) {
        if (!value.isString()) throw new IllegalArgumentException("must be " + what + ", got " + value);
        try {
            return parser.apply(value.asString().strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be " + what + ", got \"" + value.asString() + "\"");
        }
    }

    /** Checks a converted value against the spec's limits; null when fine. */
    private static String check(PropertySpec spec, Object value) {
        if (value instanceof String s) {
            if (s.length() > spec.maxLength()) return "is longer than " + spec.maxLength() + " characters";
            if (spec.type() == PropertySpec.Type.TEXT && spec.mandatory() && s.isEmpty()) return "must not be empty";
            if (!spec.allowed().isEmpty() && !spec.allowed().contains(s)) {
                return "is '" + s + "'; allowed: " + String.join(", ", new TreeSet<>(spec.allowed()));
            }
            if (spec.pattern() != null && !spec.pattern().matcher(s).matches()) {
                return "is '" + s + "', which does not match " + spec.pattern().pattern();
            }
        }
        if (value instanceof Number n && spec.min() != null) {
            double v = n.doubleValue();
            boolean aboveMax = spec.maxExclusive() ? v >= spec.max() : v > spec.max();
            if (v < spec.min() || aboveMax) {
                return "is " + num(v) + "; allowed range is " + num(spec.min()) + (spec.maxExclusive() ? " to below " : " to ") + num(spec.max());
            }
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map) continue;
                String p = check(new PropertySpec(spec.name(), spec.type() == PropertySpec.Type.TEXT_LIST ? PropertySpec.Type.TEXT : PropertySpec.Type.INTEGER,
                        false, spec.allowed(), spec.min(), spec.max(), spec.maxExclusive(), spec.pattern(), spec.maxLength(), List.of(), ""), item);
                if (p != null) return "has an item that " + p;
            }
        }
        return null;
    }

    private static final class Problems {
        final String file;
        final List<GisDataProblem> list = new ArrayList<>();

        Problems(String file) {
            this.file = file;
        }

        void file(String message) {
            if (!full()) list.add(new GisDataProblem(file, "", message));
        }

        void feature(String feature, String message) {
            if (!full()) list.add(new GisDataProblem(file, feature, message));
        }

        boolean full() {
            return list.size() >= MAX_PROBLEMS_PER_FILE;
        }
    }
}
