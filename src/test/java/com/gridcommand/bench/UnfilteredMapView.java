package com.gridcommand.bench;

import com.gridcommand.base.i18n.Texts;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.LatLng;
import org.vaadin.addons.leafletflow.LeafletMap;
import org.vaadin.addons.leafletflow.MapOptions;
import com.gridcommand.base.map.MapLayerSource;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.Route;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSetMetaData;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's baseline, test code only: the same map and layer styles as the dashboard, but once
 * the map reports its first view every layer is loaded whole — every row, full geometry, no box, no
 * zoom rules, no simplification. (Loaded on the first view, as the dashboard is, so both take the
 * same round trips and only what they send differs.)
 */
@Route("bench/unfiltered")
@jakarta.annotation.security.PermitAll
public class UnfilteredMapView extends Div {

    static final Map<String, String> EVERYTHING = new LinkedHashMap<>();

    static {
        EVERYTHING.put("townships", "select id, code, name, kind, ST_AsGeoJSON(geom) as geometry from township");
        EVERYTHING.put("communities", "select id, code, name, kind, ST_AsGeoJSON(geom) as geometry from community");
        EVERYTHING.put("cells", "select id, code, name, ST_AsGeoJSON(geom) as geometry from grid_cell");
        EVERYTHING.put("roads", "select id, name, road_class as \"roadClass\", ST_AsGeoJSON(geom) as geometry from road_segment");
        EVERYTHING.put("routes", "select id, code, name, team_kind as \"teamKind\", ST_AsGeoJSON(geom) as geometry from patrol_route");
        EVERYTHING.put("hotspots", "select id, code, name, status, ST_AsGeoJSON(geom) as geometry from hotspot");
        EVERYTHING.put("places", "select id, code, name, kind, ST_AsGeoJSON(geom) as geometry from key_place");
        EVERYTHING.put("cameras", "select id, code, name, kind, status, ST_AsGeoJSON(geom) as geometry from camera");
        EVERYTHING.put("responders", "select id, code, name, kind, status, ST_AsGeoJSON(position) as geometry from responder where position is not null");
        EVERYTHING.put("cases", "select id, code, title, category, severity, step, deadline < now() as overdue, ST_AsGeoJSON(geom) as geometry from gov_case");
    }

    UnfilteredMapView(List<MapLayerSource> sources, JdbcClient jdbc, Clock clock) {
        setSizeFull();
        Texts texts = new Texts(UI.getCurrent(), clock);
        LeafletMap map = new LeafletMap(MapOptions.centredOn(new LatLng(29.1, 121.0), 12));
        map.setSizeFull();
        map.setId("command-map");
        List<Runnable> loaders = new java.util.ArrayList<>();
        for (MapLayerSource source : sources) {
            // Every layer at every zoom, whatever its usual range.
            var definition = source.definition(texts);
            var layer = map.addLayer(org.vaadin.addons.leafletflow.LayerDefinition.layer(definition.id(), definition.title())
                    .order(definition.order()).style(definition.style()).tooltip(definition.tooltip()).build());
            loaders.add(() -> layer.setFeatures(jdbc.sql(EVERYTHING.get(definition.id())).query((rs, i) -> {
                ResultSetMetaData meta = rs.getMetaData();
                Map<String, Object> properties = new LinkedHashMap<>();
                for (int c = 2; c <= meta.getColumnCount(); c++) {
                    if (!meta.getColumnLabel(c).equals("geometry")) properties.put(meta.getColumnLabel(c), rs.getObject(c));
                }
                return new Feature(rs.getString("id"), rs.getString("geometry"), properties);
            }).list()));
        }
        boolean[] loaded = {false};
        map.addMoveListener(e -> {
            if (loaded[0]) return;
            loaded[0] = true;
            loaders.forEach(Runnable::run);
        });
        add(map);
    }
}
