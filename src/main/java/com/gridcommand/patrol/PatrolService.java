package com.gridcommand.patrol;

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

/** Patrol routes for the map and their details. */
@Service
@Transactional(readOnly = true)
public class PatrolService {

    /** A route belongs to its township; users of a smaller area see it where it reaches into theirs. */
    private static final String IN_SCOPE = ScopeSql.ownedByTownship("r.township_id", "r.geom");

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
                         order by code""".formatted(IN_SCOPE)), current.scope())
                .param("tolerance", viewport.pixelDegrees() * 0.5).param("decimals", viewport.decimals())
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query((rs, i) -> feature(rs))
                .list();
    }

    private static GeoFeature feature(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", rs.getString("code"));
        p.put("name", rs.getString("name"));
        p.put("teamKind", rs.getString("team_kind"));
        return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
    }

    /** A page of the routes in scope intersecting the box, unsimplified, by id (GiST on patrol_route.geom, primary key), with the count. */
    public FeaturePage page(FeaturePage.Request request) {
        String where = request.where("r.geom", "r.id") + " and " + IN_SCOPE;
        List<GeoFeature> features = ScopeSql.bind(jdbc.sql("select r.id, r.code, r.name, r.team_kind, ST_AsGeoJSON(r.geom, 7) as geometry from patrol_route r where "
                        + where + request.cut("r.id")), current.scope())
                .params(request.params()).query((rs, i) -> feature(rs)).list();
        Long matched = request.matchedFrom(features.size());
        if (matched == null) {
            matched = ScopeSql.bind(jdbc.sql("select count(*) from patrol_route r where " + where), current.scope())
                    .params(request.params()).query(Long.class).single();
        }
        return new FeaturePage(features, matched);
    }

    /** Where the routes in scope lie: ST_Extent of their stored boxes (a scan of patrol_route; no index needed). */
    public FeatureExtent extent() {
        return ScopeSql.bind(jdbc.sql(FeatureExtent.sql("r.geom", null, "patrol_route r", IN_SCOPE)), current.scope())
                .query((rs, i) -> FeatureExtent.read(rs)).single();
    }

    private boolean visible(long id) {
        return ScopeSql.bind(jdbc.sql("select count(*) from patrol_route r where r.id = :id and " + IN_SCOPE), current.scope()).param("id", id).query(Integer.class).single() > 0;
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
