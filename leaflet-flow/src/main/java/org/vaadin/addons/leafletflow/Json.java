package org.vaadin.addons.leafletflow;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.List;


/** The JSON the element reads. Kept here so the wire format is in one place. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static String options(MapOptions o) {
        ObjectNode n = NODES.objectNode();
        n.putArray("center").add(o.center().lat()).add(o.center().lng());
        n.put("zoom", o.zoom());
        n.put("minZoom", o.minZoom());
        n.put("maxZoom", o.maxZoom());
        if (o.tileUrl() != null) {
            n.put("tileUrl", o.tileUrl());
            n.put("tileAttribution", o.tileAttribution() == null ? "" : o.tileAttribution());
        }
        if (o.background() != null) n.put("background", o.background());
        if (o.layerControlTitle() != null) n.put("layerControlTitle", o.layerControlTitle());
        return n.toString();
    }

    static String layer(LayerDefinition d) {
        ObjectNode n = NODES.objectNode();
        n.put("id", d.id());
        n.put("title", d.title());
        n.put("order", d.order());
        if (d.cluster() != null) {
            ObjectNode cluster = n.putObject("cluster").put("radius", d.cluster().radius()).put("disableAtZoom", d.cluster().disableAtZoom());
            if (d.cluster().colorBy() != null) cluster.put("colorBy", d.cluster().colorBy());
        }
        if (d.minZoom() != null) n.put("minZoom", d.minZoom());
        if (d.maxZoom() != null) n.put("maxZoom", d.maxZoom());
        if (d.style() != null) n.set("style", style(d.style()));
        ArrayNode rules = n.putArray("rules");
        for (StyleRule r : d.rules()) {
            ObjectNode rule = rules.addObject();
            ObjectNode when = rule.putObject("when");
            when.put("property", r.property());
            ArrayNode values = when.putArray("values");
            r.values().forEach(values::add);
            rule.set("style", style(r.style()));
        }
        if (d.tooltip() != null) n.put("tooltip", d.tooltip());
        ArrayNode legend = n.putArray("legend");
        for (LegendEntry e : d.legend()) {
            ObjectNode entry = legend.addObject();
            entry.put("label", e.label());
            entry.set("style", style(e.style()));
            entry.put("shape", e.shape().name().toLowerCase());
        }
        n.put("visible", d.visible());
        n.put("interactive", d.interactive());
        if (d.zoomHint() != null) n.put("zoomHint", d.zoomHint());
        n.put("inControl", d.inControl());
        if (d.labels()) n.put("labels", true);
        if (d.text()) n.put("text", true);
        return n.toString();
    }

    static ObjectNode style(Style s) {
        ObjectNode n = NODES.objectNode();
        if (s == null) return n;
        if (s.color() != null) n.put("color", s.color());
        if (s.weight() != null) n.put("weight", s.weight());
        if (s.opacity() != null) n.put("opacity", s.opacity());
        if (s.fillColor() != null) n.put("fillColor", s.fillColor());
        if (s.fillOpacity() != null) n.put("fillOpacity", s.fillOpacity());
        if (s.dashArray() != null) n.put("dashArray", s.dashArray());
        if (s.radius() != null) n.put("radius", s.radius());
        if (s.fill() != null) n.put("fill", s.fill());
        if (s.stroke() != null) n.put("stroke", s.stroke());
        if (s.shape() != null) n.put("shape", s.shape().name().toLowerCase(java.util.Locale.ROOT));
        return n;
    }

    /** One feature as GeoJSON text; the geometry is passed through as it came from the database. */
    static String feature(Feature f) {
        StringBuilder sb = new StringBuilder(64 + (f.geometryJson() == null ? 4 : f.geometryJson().length()));
        sb.append("{\"type\":\"Feature\",\"id\":").append(MAPPER.writeValueAsString(f.id()))
                .append(",\"geometry\":").append(f.geometryJson() == null ? "null" : f.geometryJson())
                .append(",\"properties\":").append(MAPPER.writeValueAsString(f.properties())).append('}');
        return sb.toString();
    }

    static String array(Collection<String> jsonItems) {
        return "[" + String.join(",", jsonItems) + "]";
    }

    static String strings(Collection<String> values) {
        return MAPPER.writeValueAsString(List.copyOf(values));
    }

    static String popup(Popup p) {
        ObjectNode n = NODES.objectNode();
        n.put("lat", p.at().lat());
        n.put("lng", p.at().lng());
        if (p.title() != null) n.put("title", p.title());
        ArrayNode rows = n.putArray("rows");
        for (List<String> row : p.rows()) rows.addArray().add(row.get(0)).add(row.get(1));
        if (p.text() != null) n.put("text", p.text());
        return n.toString();
    }

}
