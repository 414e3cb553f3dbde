package com.gridcommand.gisdata;

import org.locationtech.jts.geom.Geometry;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A feature that passed its layer's schema: geometry in WGS 84 (valid, in range) and typed property
 * values (absent optional properties are null).
 *
 * @param index    position in the file, from 1, for messages
 * @param label    how messages name it, e.g. {@code cases.geojson feature #12 (AJ20251101-0001)}
 * @param json     the OBJECT_LIST properties as normalised JSON text, for jsonb columns
 */
public record GisFeature(int index, String label, Geometry geometry, Map<String, Object> values, Map<String, String> json) {

    public String text(String name) {
        return (String) values.get(name);
    }

    public Integer integer(String name) {
        return (Integer) values.get(name);
    }

    public Double number(String name) {
        return (Double) values.get(name);
    }

    public Boolean bool(String name) {
        return (Boolean) values.get(name);
    }

    public LocalDate date(String name) {
        return (LocalDate) values.get(name);
    }

    public LocalTime time(String name) {
        return (LocalTime) values.get(name);
    }

    public OffsetDateTime timestamp(String name) {
        return (OffsetDateTime) values.get(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> texts(String name) {
        return (List<String>) values.get(name);
    }

    @SuppressWarnings("unchecked")
    public List<Integer> integers(String name) {
        return (List<Integer>) values.get(name);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> objects(String name) {
        return (List<Map<String, Object>>) values.get(name);
    }

    public String jsonText(String name) {
        return json.get(name);
    }
}
