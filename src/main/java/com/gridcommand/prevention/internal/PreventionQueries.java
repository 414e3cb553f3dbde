package com.gridcommand.prevention.internal;

import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.NamedPoint;
import com.gridcommand.prevention.CameraCoverage.HotspotCoverage;
import com.gridcommand.prevention.CameraCoverage.Sector;
import com.gridcommand.prevention.CameraCoverage.UnseenPlace;
import com.gridcommand.prevention.CameraDetails;
import com.gridcommand.prevention.KeyPlaceDetails;
import com.gridcommand.security.AccessScope;
import com.gridcommand.security.ScopeSql;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The prevention module's spatial SQL: key places, cameras and what the cameras see. */
@Component
public class PreventionQueries {

    /** Key places and cameras belong to the grid cell they stand in. */
    private static final String IN_SCOPE = ScopeSql.cellId("k.grid_cell_id");
    private static final String KEY_PLACE_COLUMNS = "k.id, k.code, k.name, k.kind, ST_AsGeoJSON(k.geom, 7) as geometry";
    private static final String CAMERA_COLUMNS = "k.id, k.code, k.name, k.kind, k.status, ST_AsGeoJSON(k.geom, 7) as geometry";

    private final JdbcClient jdbc;

    PreventionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Key places in scope in the box, by code, with {@code code}, {@code name}, {@code kind} (key_place_geom_gist serves the box). */
    public List<GeoFeature> keyPlacesInView(Bbox b, int decimals, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select id, code, name, kind, ST_AsGeoJSON(geom, :decimals) as geometry from key_place k
                         where ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and %s order by code"""
                        .formatted(IN_SCOPE)), scope)
                .param("decimals", decimals)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query(PreventionQueries::keyPlace)
                .list();
    }

    /** Cameras in scope in the box, by code, with {@code code}, {@code name}, {@code kind}, {@code status} (camera_geom_gist serves the box). */
    public List<GeoFeature> camerasInView(Bbox b, int decimals, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select id, code, name, kind, status, ST_AsGeoJSON(geom, :decimals) as geometry from camera k
                         where ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and %s order by code"""
                        .formatted(IN_SCOPE)), scope)
                .param("decimals", decimals)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query(PreventionQueries::camera)
                .list();
    }

    /** A page of the key places in scope in the box, by id, with the count (key_place_geom_gist, the primary key for the order). */
    public FeaturePage keyPlacesPage(FeaturePage.Request request, AccessScope scope) {
        return page("key_place", KEY_PLACE_COLUMNS, request, scope, PreventionQueries::keyPlace);
    }

    /** A page of the cameras in scope in the box, by id, with the count (camera_geom_gist, the primary key for the order). */
    public FeaturePage camerasPage(FeaturePage.Request request, AccessScope scope) {
        return page("camera", CAMERA_COLUMNS, request, scope, PreventionQueries::camera);
    }

    private FeaturePage page(String table, String columns, FeaturePage.Request request, AccessScope scope, RowMapper<GeoFeature> rows) {
        String where = request.where("k.geom", "k.id") + " and " + IN_SCOPE;
        List<GeoFeature> features = ScopeSql.bind(jdbc.sql("select " + columns + " from " + table + " k where " + where + request.cut("k.id")), scope)
                .params(request.params()).query(rows).list();
        Long matched = request.matchedFrom(features.size());
        if (matched == null) {
            matched = ScopeSql.bind(jdbc.sql("select count(*) from " + table + " k where " + where), scope)
                    .params(request.params()).query(Long.class).single();
        }
        return new FeaturePage(features, matched);
    }

    /** Where the key places in scope lie: ST_Extent of their points (no index: a scan of key_place, some 200 rows in the demo city). */
    public FeatureExtent keyPlacesExtent(AccessScope scope) {
        return ScopeSql.bind(jdbc.sql(FeatureExtent.sql("k.geom", null, "key_place k", IN_SCOPE)), scope)
                .query((rs, i) -> FeatureExtent.read(rs)).single();
    }

    /** Where the cameras in scope lie: ST_Extent of their points (no index: a scan of camera, some 300 rows in the demo city). */
    public FeatureExtent camerasExtent(AccessScope scope) {
        return ScopeSql.bind(jdbc.sql(FeatureExtent.sql("k.geom", null, "camera k", IN_SCOPE)), scope)
                .query((rs, i) -> FeatureExtent.read(rs)).single();
    }

    /** Key places in scope whose name contains the text, shortest name first (no index: a scan of key_place, some 200 rows in the demo city). */
    public List<NamedPoint> searchKeyPlaces(String text, int limit, AccessScope scope) {
        String pattern = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return ScopeSql.bind(jdbc.sql("""
                        select k.kind, k.name, m.name as context, ST_X(k.geom), ST_Y(k.geom)
                          from key_place k join grid_cell c on c.id = k.grid_cell_id join community m on m.id = c.community_id
                         where k.name ilike :pattern and %s order by length(k.name), k.name limit :limit"""
                        .formatted(IN_SCOPE)), scope)
                .param("pattern", pattern).param("limit", limit)
                .query((rs, i) -> new NamedPoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5)))
                .list();
    }

    /** A key place in scope with its community and township (key_place's primary key). */
    public Optional<KeyPlaceDetails> keyPlace(long id, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select k.id, k.code, k.name, k.kind, k.address, k.capacity, k.contact, m.name as community, t.name as township
                          from key_place k
                          join grid_cell c on c.id = k.grid_cell_id
                          join community m on m.id = c.community_id
                          join township t on t.id = m.township_id
                         where k.id = :id and """ + IN_SCOPE), scope)
                .param("id", id)
                .query((rs, i) -> new KeyPlaceDetails(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("kind"), rs.getString("address"), (Integer) rs.getObject("capacity"), rs.getString("contact"),
                        rs.getString("community"), rs.getString("township")))
                .optional();
    }

    /** A camera in scope with its community (camera's primary key). */
    public Optional<CameraDetails> camera(long id, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select k.id, k.code, k.name, k.kind, k.bearing_deg, k.fov_deg, k.range_m, k.status, m.name as community
                          from camera k
                          join grid_cell c on c.id = k.grid_cell_id
                          join community m on m.id = c.community_id
                         where k.id = :id and """ + IN_SCOPE), scope)
                .param("id", id)
                .query((rs, i) -> new CameraDetails(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("kind"), rs.getDouble("bearing_deg"), rs.getDouble("fov_deg"), rs.getDouble("range_m"),
                        rs.getString("status"), rs.getString("community")))
                .optional();
    }

    private static GeoFeature keyPlace(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return feature(rs.getLong("id"), rs.getString("geometry"), "code", rs.getString("code"), "name", rs.getString("name"),
                "kind", rs.getString("kind"));
    }

    private static GeoFeature camera(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return feature(rs.getLong("id"), rs.getString("geometry"), "code", rs.getString("code"), "name", rs.getString("name"),
                "kind", rs.getString("kind"), "status", rs.getString("status"));
    }

    private static GeoFeature feature(long id, String geometry, String... keyValues) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) p.put(keyValues[i], keyValues[i + 1]);
        return new GeoFeature(Long.toString(id), geometry, p);
    }

    /** A camera's view sector as GeoJSON, if there is such a camera (camera's primary key). */
    public Optional<String> sector(long cameraId) {
        return jdbc.sql("select ST_AsGeoJSON(camera_sector(geom, bearing_deg, fov_deg, range_m), 7) from camera where id = :id")
                .param("id", cameraId).query(String.class).optional();
    }

    /**
     * Each active hotspot with the share the online cameras see and its blind part, least seen first (no index: each camera's
     * reach is its own range, so every hotspot meets a scan of camera, some 300 rows, against some 15 hotspots in the demo city).
     */
    public List<HotspotCoverage> hotspotCoverage() {
        return jdbc.sql("""
                        with seen as (select h.id, ST_Union(camera_sector(c.geom, c.bearing_deg, c.fov_deg, c.range_m)) as g
                                        from hotspot h join camera c on c.status = 'ONLINE'
                                         and ST_DWithin(c.geom::geography, h.geom::geography, c.range_m)
                                       group by h.id)
                        select h.id, h.code, h.name,
                               coalesce(ST_Area(ST_Intersection(h.geom, s.g)::geography) / ST_Area(h.geom::geography), 0) as share,
                               ST_AsGeoJSON(case when s.g is null then h.geom else ST_Difference(h.geom, s.g) end, 6) as blind
                          from hotspot h left join seen s on s.id = h.id
                         where h.status <> 'DELISTED' order by share, h.code""")
                .query((rs, i) -> new HotspotCoverage(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getDouble("share"),
                        rs.getString("blind")))
                .list();
    }

    /** The sectors of the cameras within about a kilometre of the box, by code (camera_geom_gist serves the widened box). */
    public List<Sector> sectors(double west, double south, double east, double north) {
        return jdbc.sql("""
                        select c.id, c.code, c.name, c.status, ST_AsGeoJSON(camera_sector(c.geom, c.bearing_deg, c.fov_deg, c.range_m), 6) as g
                          from camera c where c.geom && ST_Expand(ST_MakeEnvelope(:w, :s, :e, :n, 4326), 0.01) order by c.code""")
                .param("w", west).param("s", south).param("e", east).param("n", north)
                .query((rs, i) -> new Sector(rs.getLong("id"), rs.getString("code"), rs.getString("name"), "ONLINE".equals(rs.getString("status")),
                        rs.getString("g")))
                .list();
    }

    /**
     * The key places no online camera's sector reaches, by code, with a point on each (no index: each camera's reach is its
     * own range, so every key place meets a scan of camera; some 200 key places and 300 cameras in the demo city).
     */
    public List<UnseenPlace> unseenKeyPlaces() {
        return jdbc.sql("""
                        select k.code, k.name, ST_X(ST_PointOnSurface(k.geom)) as lon, ST_Y(ST_PointOnSurface(k.geom)) as lat from key_place k
                         where not exists (select 1 from camera c where c.status = 'ONLINE'
                                             and ST_DWithin(c.geom::geography, k.geom::geography, c.range_m)
                                             and ST_Intersects(camera_sector(c.geom, c.bearing_deg, c.fov_deg, c.range_m), k.geom))
                         order by k.code""")
                .query((rs, i) -> new UnseenPlace(rs.getString("code"), rs.getString("name"), rs.getDouble("lon"), rs.getDouble("lat")))
                .list();
    }
}
