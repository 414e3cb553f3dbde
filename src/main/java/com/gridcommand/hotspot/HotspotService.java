package com.gridcommand.hotspot;

import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hotspots for the map: polygons by status, details, and how many are listed in a view. */
@Service
@Transactional(readOnly = true)
public class HotspotService {

    /** Statuses of a hotspot still on the list (not delisted). */
    public static final List<String> ACTIVE = List.of("LISTED", "RECTIFYING", "UNDER_REVIEW");

    private final JdbcClient jdbc;

    HotspotService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Hotspots intersecting the box (GiST on hotspot.geom). */
    public List<GeoFeature> inView(Viewport viewport) {
        return query("ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))", viewport, Map.of());
    }

    /** The given hotspots, if they intersect the box: for live updates of single rows. */
    public List<GeoFeature> inView(Viewport viewport, Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return query("id in (:ids) and ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))", viewport, Map.of("ids", ids));
    }

    private List<GeoFeature> query(String where, Viewport viewport, Map<String, Object> extra) {
        Bbox b = viewport.bbox();
        var spec = jdbc.sql("""
                        select id, code, name, status,
                               ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, :tolerance), :decimals) as geometry
                          from hotspot where %s order by code""".formatted(where))
                .param("tolerance", viewport.pixelDegrees() * 0.5).param("decimals", viewport.decimals())
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north());
        for (var e : extra.entrySet()) spec = spec.param(e.getKey(), e.getValue());
        return spec.query((rs, i) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("code", rs.getString("code"));
            p.put("name", rs.getString("name"));
            p.put("status", rs.getString("status"));
            return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
        }).list();
    }

    /** Hotspots still listed (not delisted) that intersect the box. */
    public int countActive(Bbox b) {
        return jdbc.sql("""
                        select count(*) from hotspot
                         where status <> 'DELISTED' and ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))""")
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query(Integer.class).single();
    }

    public Optional<HotspotDetails> details(long id) {
        return jdbc.sql("""
                        select h.id, h.code, h.name, h.status, h.listed_on, h.delisted_on, h.responsible_unit, h.measures,
                               h.focus, t.name as township, ST_Area(h.geom::geography) / 1e6 as km2
                          from hotspot h left join township t on t.id = h.township_id where h.id = :id""")
                .param("id", id)
                .query((rs, i) -> new HotspotDetails(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("status"), rs.getObject("listed_on", java.time.LocalDate.class),
                        rs.getObject("delisted_on", java.time.LocalDate.class), rs.getString("responsible_unit"),
                        rs.getString("measures"), texts(rs.getArray("focus")), rs.getString("township"), rs.getDouble("km2")))
                .optional();
    }

    static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
