package com.gridcommand.prevention;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * Camera coverage (技防): each online camera's view sector (the database's {@code camera_sector}), the share of
 * each active hotspot the cameras see, which key places no camera sees, and the blind parts of hotspots.
 * Sectors ignore walls and terrain: the share is an upper bound of what is really seen.
 */
@Service
@Transactional(readOnly = true)
public class CameraCoverage {

    private final JdbcClient jdbc;

    CameraCoverage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A camera's view sector as GeoJSON. */
    public String sector(long cameraId) {
        return jdbc.sql("select ST_AsGeoJSON(camera_sector(geom, bearing_deg, fov_deg, range_m), 7) from camera where id = :id")
                .param("id", cameraId).query(String.class).optional().orElseThrow(() -> new IllegalArgumentException("no camera " + cameraId));
    }

    /** How much of a hotspot the online cameras see, and the part they do not (GeoJSON, null when fully seen). */
    public record HotspotCoverage(long hotspotId, String code, String name, double share, String blindSpot) {}

    public List<HotspotCoverage> hotspots() {
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

    /** Key places no online camera sees. */
    public List<String> unseenKeyPlaces() {
        return unseenKeyPlacesWithPlace().stream().map(UnseenPlace::code).toList();
    }

    /** A camera's view sector for the map. */
    public record Sector(long cameraId, String code, String name, boolean online, String geometry) {}

    /** The sectors of the cameras within {@code bbox}-reach (west, south, east, north in degrees). */
    public List<Sector> sectors(double west, double south, double east, double north) {
        return jdbc.sql("""
                        select c.id, c.code, c.name, c.status, ST_AsGeoJSON(camera_sector(c.geom, c.bearing_deg, c.fov_deg, c.range_m), 6) as g
                          from camera c where c.geom && ST_Expand(ST_MakeEnvelope(:w, :s, :e, :n, 4326), 0.01) order by c.code""")
                .param("w", west).param("s", south).param("e", east).param("n", north)
                .query((rs, i) -> new Sector(rs.getLong("id"), rs.getString("code"), rs.getString("name"), "ONLINE".equals(rs.getString("status")),
                        rs.getString("g")))
                .list();
    }

    /** A key place no online camera sees, where it is. */
    public record UnseenPlace(String code, String name, double lon, double lat) {}

    public List<UnseenPlace> unseenKeyPlacesWithPlace() {
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
