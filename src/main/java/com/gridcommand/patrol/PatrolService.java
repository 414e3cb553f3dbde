package com.gridcommand.patrol;

import com.gridcommand.geo.Bbox;
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

/** Patrol routes for the map and their details. */
@Service
@Transactional(readOnly = true)
public class PatrolService {

    private final JdbcClient jdbc;
    private final CurrentUser current;

    PatrolService(JdbcClient jdbc, CurrentUser current) {
        this.jdbc = jdbc;
        this.current = current;
    }

    /** Routes intersecting the box (GiST on patrol_route.geom), simplified for the zoom. */
    public List<GeoFeature> inView(Viewport viewport) {
        Bbox b = viewport.bbox();
        return ScopeSql.bind(jdbc.sql("""
                        select id, code, name, team_kind,
                               ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, :tolerance), :decimals) as geometry
                          from patrol_route r
                         where ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and %s
                         order by code""".formatted(ScopeSql.ownedByTownship("r.township_id", "r.geom"))), current.scope())
                .param("tolerance", viewport.pixelDegrees() * 0.5).param("decimals", viewport.decimals())
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query((rs, i) -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("code", rs.getString("code"));
                    p.put("name", rs.getString("name"));
                    p.put("teamKind", rs.getString("team_kind"));
                    return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
                })
                .list();
    }

    private boolean visible(long id) {
        return ScopeSql.bind(jdbc.sql("select count(*) from patrol_route r where r.id = :id and "
                + ScopeSql.ownedByTownship("r.township_id", "r.geom")), current.scope()).param("id", id).query(Integer.class).single() > 0;
    }

    public Optional<PatrolRouteDetails> details(long id) {
        if (!visible(id)) return Optional.empty();
        List<String> windows = jdbc.sql("""
                        select array_to_string(days, ',') || ' ' || to_char(starts_at, 'HH24:MI') || '–' || to_char(ends_at, 'HH24:MI')
                          from patrol_window where route_id = :id order by starts_at""")
                .param("id", id).query(String.class).list();
        return jdbc.sql("""
                        select r.id, r.code, r.name, r.team, r.team_kind, t.name as township,
                               ST_Length(r.geom::geography) / 1000 as km
                          from patrol_route r left join township t on t.id = r.township_id where r.id = :id""")
                .param("id", id)
                .query((rs, i) -> new PatrolRouteDetails(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("team"), rs.getString("team_kind"), rs.getString("township"), rs.getDouble("km"), windows))
                .optional();
    }
}
