package com.gridcommand.casework;

import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cases for the map: open cases in a view (with overdue marked), counts, details. */
@Service
@Transactional(readOnly = true)
public class CaseService {

    /** More open cases than this in one view are not sent: the map asks to zoom in. */
    public static final int MAP_LIMIT = 5_000;

    private final JdbcClient jdbc;
    private final Clock clock;

    CaseService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Open cases in the box (partial GiST index gov_case_open_geom_gist), at most {@link #MAP_LIMIT} + 1. */
    public List<GeoFeature> openInView(Viewport viewport) {
        return query("ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))", viewport, Map.of(), MAP_LIMIT + 1);
    }

    /** The given cases, if open and in the box: for live updates of single rows. */
    public List<GeoFeature> openInView(Viewport viewport, Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return query("id in (:ids) and ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))", viewport, Map.of("ids", ids), ids.size());
    }

    private List<GeoFeature> query(String where, Viewport viewport, Map<String, Object> extra, int limit) {
        Bbox b = viewport.bbox();
        var spec = jdbc.sql("""
                        select id, code, title, category, severity, step, coalesce(deadline < :now, false) as overdue,
                               ST_AsGeoJSON(geom, :decimals) as geometry
                          from gov_case
                         where step <> 'CLOSED' and %s
                         order by id limit :limit""".formatted(where))
                .param("now", OffsetDateTime.now(clock)).param("decimals", Math.max(6, viewport.decimals())).param("limit", limit)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north());
        for (var e : extra.entrySet()) spec = spec.param(e.getKey(), e.getValue());
        return spec.query((rs, i) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("code", rs.getString("code"));
            p.put("title", rs.getString("title"));
            p.put("category", rs.getString("category"));
            p.put("severity", rs.getInt("severity"));
            p.put("step", rs.getString("step"));
            p.put("overdue", rs.getBoolean("overdue"));
            return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
        }).list();
    }

    public CaseCounts countsIn(Bbox b) {
        return jdbc.sql("""
                        select count(*) as open, count(*) filter (where deadline < :now) as overdue
                          from gov_case
                         where step <> 'CLOSED' and ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))""")
                .param("now", OffsetDateTime.now(clock))
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query((rs, i) -> new CaseCounts(rs.getInt("open"), rs.getInt("overdue"))).single();
    }

    public Optional<CaseDetails> details(long id) {
        return jdbc.sql("""
                        select k.*, c.name as cell, m.name as community, t.name as township,
                               coalesce(k.step <> 'CLOSED' and k.deadline < :now, false) as overdue,
                               (select string_agg(p->>'name' || '(' || (p->>'role') || ')', '、') from jsonb_array_elements(k.parties) p) as party_list
                          from gov_case k
                          join grid_cell c on c.id = k.grid_cell_id
                          join community m on m.id = k.community_id
                          join township t on t.id = k.township_id
                         where k.id = :id""")
                .param("id", id).param("now", OffsetDateTime.now(clock))
                .query((rs, i) -> new CaseDetails(rs.getLong("id"), rs.getString("code"), rs.getString("title"),
                        rs.getString("description"), rs.getString("category"), rs.getInt("severity"), rs.getString("source"),
                        rs.getString("step"), rs.getString("party_list"), rs.getObject("reported_at", OffsetDateTime.class),
                        rs.getObject("deadline", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class),
                        rs.getString("responsible_unit"), rs.getString("responsible_person"), rs.getString("cell"),
                        rs.getString("community"), rs.getString("township"), rs.getBoolean("overdue")))
                .optional();
    }
}
