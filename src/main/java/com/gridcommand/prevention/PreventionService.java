package com.gridcommand.prevention;

import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Key places and cameras for the map, and their details. */
@Service
@Transactional(readOnly = true)
public class PreventionService {

    private final JdbcClient jdbc;
    private final CurrentUser current;

    PreventionService(JdbcClient jdbc, CurrentUser current) {
        this.jdbc = jdbc;
        this.current = current;
    }

    /** Key places in the box (GiST on key_place.geom). */
    public List<GeoFeature> keyPlacesInView(Viewport viewport) {
        Bbox b = viewport.bbox();
        return ScopeSql.bind(jdbc.sql("""
                        select id, code, name, kind, ST_AsGeoJSON(geom, :decimals) as geometry from key_place k
                         where ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and %s order by code"""
                        .formatted(ScopeSql.cellId("k.grid_cell_id"))), current.scope())
                .param("decimals", viewport.decimals())
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query((rs, i) -> feature(rs.getLong("id"), rs.getString("geometry"),
                        "code", rs.getString("code"), "name", rs.getString("name"), "kind", rs.getString("kind")))
                .list();
    }

    /** Cameras in the box (GiST on camera.geom). */
    public List<GeoFeature> camerasInView(Viewport viewport) {
        Bbox b = viewport.bbox();
        return ScopeSql.bind(jdbc.sql("""
                        select id, code, name, kind, status, ST_AsGeoJSON(geom, :decimals) as geometry from camera k
                         where ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and %s order by code"""
                        .formatted(ScopeSql.cellId("k.grid_cell_id"))), current.scope())
                .param("decimals", viewport.decimals())
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query((rs, i) -> feature(rs.getLong("id"), rs.getString("geometry"), "code", rs.getString("code"),
                        "name", rs.getString("name"), "kind", rs.getString("kind"), "status", rs.getString("status")))
                .list();
    }

    /** Key places and cameras belong to the grid cell they stand in. */
    private static final String KEY_PLACE_COLUMNS = "k.id, k.code, k.name, k.kind, ST_AsGeoJSON(k.geom, 7) as geometry";
    private static final String CAMERA_COLUMNS = "k.id, k.code, k.name, k.kind, k.status, ST_AsGeoJSON(k.geom, 7) as geometry";
    private static final String IN_SCOPE = ScopeSql.cellId("k.grid_cell_id");

    /** A page of the key places in scope in the box, by id (GiST on key_place.geom, primary key), with the count. */
    public FeaturePage keyPlacesPage(FeaturePage.Request request) {
        return page("key_place", KEY_PLACE_COLUMNS, request, (rs, i) -> feature(rs.getLong("id"), rs.getString("geometry"),
                "code", rs.getString("code"), "name", rs.getString("name"), "kind", rs.getString("kind")));
    }

    /** A page of the cameras in scope in the box, by id (GiST on camera.geom, primary key), with the count. */
    public FeaturePage camerasPage(FeaturePage.Request request) {
        return page("camera", CAMERA_COLUMNS, request, (rs, i) -> feature(rs.getLong("id"), rs.getString("geometry"), "code", rs.getString("code"),
                "name", rs.getString("name"), "kind", rs.getString("kind"), "status", rs.getString("status")));
    }

    private FeaturePage page(String table, String columns, FeaturePage.Request request, org.springframework.jdbc.core.RowMapper<GeoFeature> rows) {
        String where = request.where("k.geom", "k.id") + " and " + IN_SCOPE;
        List<GeoFeature> features = ScopeSql.bind(jdbc.sql("select " + columns + " from " + table + " k where " + where + request.cut("k.id")), current.scope())
                .params(request.params()).query(rows).list();
        Long matched = request.matchedFrom(features.size());
        if (matched == null) {
            matched = ScopeSql.bind(jdbc.sql("select count(*) from " + table + " k where " + where), current.scope())
                    .params(request.params()).query(Long.class).single();
        }
        return new FeaturePage(features, matched);
    }

    /** Where the key places in scope lie: ST_Extent of their points (a scan of key_place; no index needed). */
    public FeatureExtent keyPlacesExtent() {
        return ScopeSql.bind(jdbc.sql(FeatureExtent.sql("k.geom", null, "key_place k", IN_SCOPE)), current.scope())
                .query((rs, i) -> FeatureExtent.read(rs)).single();
    }

    /** Where the cameras in scope lie: ST_Extent of their points (a scan of camera; no index needed). */
    public FeatureExtent camerasExtent() {
        return ScopeSql.bind(jdbc.sql(FeatureExtent.sql("k.geom", null, "camera k", IN_SCOPE)), current.scope())
                .query((rs, i) -> FeatureExtent.read(rs)).single();
    }

    /** Key places of the caller's areas found by name. */
    public List<com.gridcommand.geo.NamedPoint> searchKeyPlaces(String text, int limit) {
        if (text == null || text.isBlank()) return List.of();
        String pattern = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return ScopeSql.bind(jdbc.sql("""
                        select k.kind, k.name, m.name as context, ST_X(k.geom), ST_Y(k.geom)
                          from key_place k join grid_cell c on c.id = k.grid_cell_id join community m on m.id = c.community_id
                         where k.name ilike :pattern and %s order by length(k.name), k.name limit :limit"""
                        .formatted(ScopeSql.cellId("k.grid_cell_id"))), current.scope())
                .param("pattern", pattern).param("limit", limit)
                .query((rs, i) -> new com.gridcommand.geo.NamedPoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5)))
                .list();
    }

    public Optional<KeyPlaceDetails> keyPlace(long id) {
        return ScopeSql.bind(jdbc.sql("""
                        select k.id, k.code, k.name, k.kind, k.address, k.capacity, k.contact, m.name as community, t.name as township
                          from key_place k
                          join grid_cell c on c.id = k.grid_cell_id
                          join community m on m.id = c.community_id
                          join township t on t.id = m.township_id
                         where k.id = :id and """ + ScopeSql.cellId("k.grid_cell_id")), current.scope())
                .param("id", id)
                .query((rs, i) -> new KeyPlaceDetails(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("kind"), rs.getString("address"), (Integer) rs.getObject("capacity"), rs.getString("contact"),
                        rs.getString("community"), rs.getString("township")))
                .optional();
    }

    public Optional<CameraDetails> camera(long id) {
        return ScopeSql.bind(jdbc.sql("""
                        select k.id, k.code, k.name, k.kind, k.bearing_deg, k.fov_deg, k.range_m, k.status, m.name as community
                          from camera k
                          join grid_cell c on c.id = k.grid_cell_id
                          join community m on m.id = c.community_id
                         where k.id = :id and """ + ScopeSql.cellId("k.grid_cell_id")), current.scope())
                .param("id", id)
                .query((rs, i) -> new CameraDetails(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("kind"), rs.getDouble("bearing_deg"), rs.getDouble("fov_deg"), rs.getDouble("range_m"),
                        rs.getString("status"), rs.getString("community")))
                .optional();
    }

    private static GeoFeature feature(long id, String geometry, String... keyValues) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) p.put(keyValues[i], keyValues[i + 1]);
        return new GeoFeature(Long.toString(id), geometry, p);
    }
}
