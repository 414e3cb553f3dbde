package com.gridcommand.dispatch.internal;

import com.gridcommand.base.db.SqlArrays;
import com.gridcommand.dispatch.ArrivalNorms.Norm;
import com.gridcommand.dispatch.Assignment;
import com.gridcommand.dispatch.Candidate;
import com.gridcommand.dispatch.CandidateFilter;
import com.gridcommand.dispatch.Emergencies.CheckItem;
import com.gridcommand.dispatch.Emergencies.Emergency;
import com.gridcommand.dispatch.Emergencies.Place;
import com.gridcommand.dispatch.Emergencies.Ring;
import com.gridcommand.dispatch.ResponderDetails;
import com.gridcommand.dispatch.ResponderService.BoardRow;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.security.AccessScope;
import com.gridcommand.security.ScopeSql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The dispatch module's SQL: responders for the map and the board, the nearest of them, travel times and reach over
 * the roads (pgRouting), emergencies, assignments, and the tracks as they arrive.
 */
@Component
public class DispatchQueries {

    /** Responders belong to their home township; users of a smaller area see those positioned inside it. */
    private static final String RESPONDER_IN_SCOPE = ScopeSql.ownedByTownship("r.township_id", "r.position");
    /** The road graph as pgRouting reads it: every routable segment (road_segment.cost and reverse_cost are seconds). */
    private static final String EDGES = "select id, source, target, cost, reverse_cost from road_segment where source is not null and target is not null";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    DispatchQueries(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    // ---- responders on the map and the board --------------------------------------------------------------------

    /**
     * Responders in scope positioned in the box (only those of {@code ids} when given), by id, with {@code code}, {@code name},
     * {@code kind}, {@code status} and {@code stale} (positioned before {@code staleBefore}) (responder_position_gist serves the box).
     */
    public List<GeoFeature> respondersInView(Bbox b, int decimals, OffsetDateTime staleBefore, Collection<Long> ids, AccessScope scope) {
        String where = (ids == null ? "" : "r.id in (:ids) and ") + "ST_Intersects(r.position, ST_MakeEnvelope(:w, :s, :e, :n, 4326))";
        var spec = ScopeSql.bind(jdbc.sql("""
                        select r.id, r.code, r.name, r.kind, r.status, r.position_at < :stale as stale,
                               ST_AsGeoJSON(r.position, :decimals) as geometry
                          from responder r where %s and %s order by r.id""".formatted(where, RESPONDER_IN_SCOPE)), scope)
                .param("decimals", decimals).param("stale", staleBefore)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north());
        if (ids != null) spec = spec.param("ids", ids);
        return spec.query((rs, i) -> responderFeature(rs)).list();
    }

    /**
     * The given responders in scope that have a position, wherever it is, with its coordinates: one load for all open
     * maps of the same scope, each keeping those inside its own box (primary key for the ids).
     */
    public List<PositionedResponder> respondersPositioned(Collection<Long> ids, int decimals, OffsetDateTime staleBefore, AccessScope scope) {
        if (ids.isEmpty()) return List.of();
        return ScopeSql.bind(jdbc.sql("""
                        select r.id, r.code, r.name, r.kind, r.status, r.position_at < :stale as stale,
                               ST_AsGeoJSON(r.position, :decimals) as geometry, ST_X(r.position) as lon, ST_Y(r.position) as lat
                          from responder r where r.id in (:ids) and r.position is not null and %s order by r.id""".formatted(RESPONDER_IN_SCOPE)), scope)
                .param("ids", ids).param("decimals", decimals).param("stale", staleBefore)
                .query((rs, i) -> new PositionedResponder(responderFeature(rs), rs.getDouble("lon"), rs.getDouble("lat"))).list();
    }

    /** A responder as the maps draw it, with the coordinates of its position. */
    public record PositionedResponder(GeoFeature feature, double lon, double lat) {}

    private static GeoFeature responderFeature(ResultSet rs) throws SQLException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", rs.getString("code"));
        p.put("name", rs.getString("name"));
        p.put("kind", rs.getString("kind"));
        p.put("status", rs.getString("status"));
        p.put("stale", rs.getBoolean("stale"));
        return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
    }

    /** A page of the responders in scope positioned in the box, by id, with the count (responder_position_gist, the primary key for the order). */
    public FeaturePage respondersPage(FeaturePage.Request request, OffsetDateTime staleBefore, AccessScope scope) {
        String where = request.where("r.position", "r.id") + " and " + RESPONDER_IN_SCOPE;
        List<GeoFeature> features = ScopeSql.bind(jdbc.sql("""
                        select r.id, r.code, r.name, r.kind, r.status, r.position_at < :stale as stale, ST_AsGeoJSON(r.position, 7) as geometry
                          from responder r where\s""" + where + request.cut("r.id")), scope)
                .params(request.params()).param("stale", staleBefore)
                .query((rs, i) -> responderFeature(rs)).list();
        Long matched = request.matchedFrom(features.size());
        if (matched == null) {
            matched = ScopeSql.bind(jdbc.sql("select count(*) from responder r where " + where), scope)
                    .params(request.params()).query(Long.class).single();
        }
        return new FeaturePage(features, matched);
    }

    /** Where the positioned responders in scope are and when: ST_Extent and min/max (no index: a scan of responder, some 170 rows in the demo city). */
    public FeatureExtent respondersExtent(AccessScope scope) {
        return ScopeSql.bind(jdbc.sql(FeatureExtent.sql("r.position", "r.position_at", "responder r", "r.position is not null and " + RESPONDER_IN_SCOPE)),
                        scope)
                .query((rs, i) -> FeatureExtent.read(rs)).single();
    }

    /** How many available responders in scope are positioned in the box (responder_position_gist serves the box). */
    public int countAvailable(Bbox b, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select count(*) from responder r
                         where r.status = 'AVAILABLE' and ST_Intersects(r.position, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and """ + RESPONDER_IN_SCOPE),
                        scope)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query(Integer.class).single();
    }

    /** A responder in scope with their township (responder's primary key). */
    public Optional<ResponderDetails> responder(long id, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select r.id, r.code, r.name, r.kind, r.team, r.skills, r.phone, r.status, t.name as township, r.position_at
                          from responder r left join township t on t.id = r.township_id where r.id = :id and """ + RESPONDER_IN_SCOPE), scope)
                .param("id", id)
                .query((rs, i) -> new ResponderDetails(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("kind"), rs.getString("team"), texts(rs.getArray("skills")), rs.getString("phone"),
                        rs.getString("status"), rs.getString("township"), rs.getObject("position_at", OffsetDateTime.class)))
                .optional();
    }

    /** Sets a responder's status if their whole township is in scope; the rows changed (responder's primary key). */
    public int setResponderStatusInScope(long id, String status, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("update responder r set status = :status, version = version + 1 where r.id = :id and "
                        + ScopeSql.townshipWholly("r.township_id")), scope)
                .param("status", status).param("id", id).update();
    }

    /**
     * Every responder in scope (leaders aside) with their active task, by name (no index: a scan of responder, some 170 rows
     * in the demo city; assignment_one_active finds each one's task).
     */
    public List<BoardRow> board(AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select r.id, r.code, r.name, r.kind, r.team, r.status,
                               coalesce(c.code || ' ' || c.title, e.title) as target
                          from responder r
                          left join assignment a on a.responder_id = r.id and a.status in ('ASSIGNED', 'ACCEPTED', 'EN_ROUTE', 'ON_SCENE')
                          left join gov_case c on c.id = a.case_id left join emergency e on e.id = a.emergency_id
                         where r.kind <> 'LEADER' and\s""" + RESPONDER_IN_SCOPE + " order by r.name, r.id"), scope)
                .query((rs, i) -> new BoardRow(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("kind"),
                        rs.getString("team"), rs.getString("status"), rs.getString("target")))
                .list();
    }

    /** Where a responder in scope is, [lon, lat] (responder's primary key). */
    public Optional<double[]> responderPosition(long id, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("select ST_X(r.position), ST_Y(r.position) from responder r where r.id = :id and r.position is not null and "
                        + RESPONDER_IN_SCOPE), scope)
                .param("id", id).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).optional();
    }

    /** The arrival norm in minutes of the township at a point, if one holds it (township_geom_gist). */
    public Optional<Integer> arrivalNormAt(double lon, double lat) {
        return jdbc.sql("select arrival_norm_minutes from township where ST_Intersects(geom, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)) order by code limit 1")
                .param("lon", lon).param("lat", lat).query(Integer.class).optional();
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    // ---- arrival norms ------------------------------------------------------------------------------------------

    /** Every township's arrival norm, by code (no index: a scan of township, 5 rows in the demo city). */
    public List<Norm> norms() {
        return jdbc.sql("select id, code, name, kind, arrival_norm_minutes from township order by code")
                .query((rs, i) -> new Norm(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5))).list();
    }

    /** Sets a township's arrival norm; the rows changed (township's primary key). */
    public int setNorm(long townshipId, int minutes) {
        return jdbc.sql("update township set arrival_norm_minutes = :m where id = :id").param("m", minutes).param("id", townshipId).update();
    }

    // ---- the nearest responders ---------------------------------------------------------------------------------

    /**
     * The nearest by exact metres among the {@code n} nearest on the sphere: at most k of them, nearest first; how many
     * the index scan saw, and the sphere distance of the farthest it saw (what anyone unseen is at least).
     */
    public record NearestScan(List<Candidate> nearest, int seen, double farthestSphere) {}

    /** The dispatchable responders in scope matching the filter, with only the filters in use in the query. */
    private static String dispatchable(CandidateFilter filter, AccessScope scope) {
        // Only the filters in use go into the query: an "unused or matches" clause would make the planner
        // misjudge how many rows pass and sort them all instead of walking the distance index. The first three
        // are responder_dispatchable_geog's predicate (V14), which the planner must find in the query to use it.
        StringBuilder where = new StringBuilder("r.status in ('AVAILABLE', 'RETURNING') and r.kind <> 'LEADER' and r.position is not null");
        if (!filter.kinds().isEmpty()) where.append(" and r.kind = any (:kinds::text[])");
        if (filter.skill() != null) where.append(" and :skill = any (r.skills)");
        if (filter.team() != null) where.append(" and r.team = :team");
        // A city-wide caller sees every responder: "true or exists (...)" would only cost planning and a test per row.
        if (!scope.isCity()) where.append(" and ").append(RESPONDER_IN_SCOPE);
        return where.toString();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, double lon, double lat, CandidateFilter filter, AccessScope scope) {
        spec = ScopeSql.bind(spec, scope).param("lon", lon).param("lat", lat);
        if (!filter.kinds().isEmpty()) spec = spec.param("kinds", SqlArrays.text(filter.kinds()));
        if (filter.skill() != null) spec = spec.param("skill", filter.skill());
        if (filter.team() != null) spec = spec.param("team", filter.team());
        return spec;
    }

    /**
     * The {@code k} nearest by exact metres on the spheroid (ties by id) among the {@code n} dispatchable responders in
     * scope nearest the point on the sphere, in one statement (responder_dispatchable_geog walks "nearest first" over only
     * those who can be sent; only those n are measured exactly and only k come back). The point is not materialized: the
     * index scan needs it as a value.
     */
    public NearestScan nearestAmongSphere(double lon, double lat, CandidateFilter filter, int n, int k, AccessScope scope) {
        int[] seen = {0};
        double[] farthest = {0};
        // n and k are written into the text, not bound: under "limit $1" a reused (generic) plan expects a tenth of the
        // table and prices an exact distance for each, so the server would plan the statement afresh at every call.
        List<Candidate> nearest = bind(jdbc.sql("""
                        with here as not materialized (select ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography as g),
                             scan as (select r.id, r.code, r.name, r.kind, r.team, r.skills, r.status, r.position_at, r.position,
                                             r.position::geography <-> here.g as sphere
                                        from responder r, here where %s
                                       order by r.position::geography <-> here.g limit %d)
                        select s.id, s.code, s.name, s.kind, s.team, s.skills, s.status, s.position_at,
                               ST_X(s.position) as lon, ST_Y(s.position) as lat, ST_Distance(s.position::geography, here.g) as metres,
                               count(*) over () as seen, max(s.sphere) over () as farthest
                          from scan s, here
                         order by metres, s.id limit %d""".formatted(dispatchable(filter, scope), n, k)), lon, lat, filter, scope)
                .query((rs, i) -> {
                    seen[0] = rs.getInt("seen");
                    farthest[0] = rs.getDouble("farthest");
                    return candidate(rs);
                }).list();
        return new NearestScan(nearest, seen[0], farthest[0]);
    }

    /**
     * The dispatchable responders in scope within {@code boundMetres} of the point, the {@code k} nearest exactly
     * (responder_dispatchable_geog serves the bound).
     */
    public List<Candidate> nearestWithin(double lon, double lat, CandidateFilter filter, double boundMetres, int k, AccessScope scope) {
        return bind(jdbc.sql("""
                        with here as (select ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography as g)
                        select r.id, r.code, r.name, r.kind, r.team, r.skills, r.status, r.position_at,
                               ST_X(r.position) as lon, ST_Y(r.position) as lat, ST_Distance(r.position::geography, here.g) as metres
                          from responder r, here
                         where %s and ST_DWithin(r.position::geography, here.g, :bound)
                         order by metres, r.id limit %d""".formatted(dispatchable(filter, scope), k)), lon, lat, filter, scope)
                .param("bound", boundMetres)
                .query((rs, i) -> candidate(rs)).list();
    }

    private static Candidate candidate(ResultSet rs) throws SQLException {
        return new Candidate(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("kind"),
                rs.getString("team"), texts(rs.getArray("skills")), rs.getString("status"), rs.getDouble("lon"),
                rs.getDouble("lat"), rs.getObject("position_at", OffsetDateTime.class), rs.getDouble("metres"), null);
    }

    // ---- travel over the roads ----------------------------------------------------------------------------------

    /** A point placed on its nearest road segment: the segment, its ends, the fraction along it and the metres off it. */
    public record Snap(long edge, long source, long target, double fraction, double metres) {

        /** The graph vertex for this point: a road junction if it lies on one (pgRouting drops points on vertices), else the point (negative). */
        public long vertex(int pid) {
            if (fraction <= 1e-9) return source;
            if (fraction >= 1 - 1e-9) return target;
            return -pid;
        }
    }

    /**
     * Each point's (numbered from 1) nearest road segment in metres among the five nearest by box, if any
     * (road_segment_geom_gist answers "nearest box first").
     */
    public Map<Integer, Snap> snap(List<Double> lons, List<Double> lats) {
        Map<Integer, Snap> snaps = new HashMap<>();
        jdbc.sql("""
                        select u.idx, s.id, s.source, s.target, s.fraction, s.metres
                          from unnest(:lons::float8[], :lats::float8[]) with ordinality as u(lon, lat, idx)
                          cross join lateral (
                              select k.id, k.source, k.target, ST_LineLocatePoint(k.geom, k.pt) as fraction,
                                     ST_Distance(k.pt::geography, ST_ClosestPoint(k.geom, k.pt)::geography) as metres
                                from (select r.id, r.source, r.target, r.geom, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326) as pt
                                        from road_segment r
                                       where r.source is not null and r.target is not null
                                       order by r.geom <-> ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326) limit 5) k
                               order by metres, k.id limit 1) s""")
                .param("lons", SqlArrays.float8(lons))
                .param("lats", SqlArrays.float8(lats))
                .query(rs -> {
                    snaps.put(rs.getInt("idx"), new Snap(rs.getLong("id"), rs.getLong("source"), rs.getLong("target"), rs.getDouble("fraction"),
                            rs.getDouble("metres")));
                });
        return snaps;
    }

    /** A point strictly inside a road segment, entering the graph as point {@code pid}. */
    public record EdgePoint(int pid, long edge, double fraction) {}

    /**
     * The least road seconds from each start vertex to the end vertex, one-way streets respected, by start vertex (or by
     * negative point id for {@code points}) (no index: pgRouting reads the whole graph, road_segment, some 1,800 rows in the demo city).
     */
    public Map<Long, Double> roadSeconds(List<Long> starts, long end, List<EdgePoint> points) {
        // The points query is built from numbers the caller computed (ids, fractions), never from input text.
        var spec = points.isEmpty()
                ? jdbc.sql("select start_vid as v, agg_cost from pgr_dijkstraCost(:edges, :starts::bigint[], :end, directed => true)")
                : jdbc.sql("select start_pid as v, agg_cost from pgr_withPointsCost(:edges, :points, :starts::bigint[], :end, directed => true)")
                .param("points", "select pid, edge_id, fraction, side from (values " + points.stream()
                        .map(p -> String.format(Locale.ROOT, "(%d, %d, %.12f::float8, 'b'::char)", p.pid(), p.edge(), p.fraction()))
                        .collect(Collectors.joining(", ")) + ") as p(pid, edge_id, fraction, side)");
        Map<Long, Double> seconds = new HashMap<>();
        spec.param("edges", EDGES).param("starts", SqlArrays.bigint(starts)).param("end", end)
                .query(rs -> {
                    seconds.put(rs.getLong("v"), rs.getDouble("agg_cost"));
                });
        return seconds;
    }

    /** The metres on the spheroid from each origin to the target, in the origins' order (no index: arithmetic on the points). */
    public List<Double> straightMetres(List<Double> lons, List<Double> lats, double targetLon, double targetLat) {
        return jdbc.sql("""
                        select ST_Distance(ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326)::geography,
                                           ST_SetSRID(ST_MakePoint(:tlon, :tlat), 4326)::geography) as metres
                          from unnest(:lons::float8[], :lats::float8[]) with ordinality as u(lon, lat, idx) order by u.idx""")
                .param("lons", SqlArrays.float8(lons))
                .param("lats", SqlArrays.float8(lats))
                .param("tlon", targetLon).param("tlat", targetLat)
                .query((rs, i) -> rs.getDouble(1)).list();
    }

    // ---- live reach ---------------------------------------------------------------------------------------------

    /** The road junctions nearest the available units in scope (responder_status finds them; road_node_geom_gist the junction nearest each). */
    public List<Long> availableUnitNodes(AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select distinct n.id from responder r
                          cross join lateral (select id from road_node n order by n.geom <-> r.position limit 1) n
                         where r.status = 'AVAILABLE' and r.kind <> 'LEADER' and r.position is not null and\s""" + RESPONDER_IN_SCOPE),
                        scope)
                .query(Long.class).list();
    }

    /** The least road seconds from any of the start junctions to each junction reached within the horizon, by junction (no index: pgRouting reads the whole graph). */
    public Map<Long, Integer> drivingSeconds(List<Long> starts, int horizonSeconds) {
        Map<Long, Integer> nodeSeconds = new HashMap<>();
        jdbc.sql("""
                        select node, agg_cost from pgr_drivingDistance(
                            'select id, source, target, cost, reverse_cost from road_segment where source is not null and target is not null',
                            :starts::bigint[], :horizon, directed => true, equicost => true)""")
                .param("starts", SqlArrays.bigint(starts))
                .param("horizon", (double) horizonSeconds)
                .query(rs -> {
                    nodeSeconds.merge(rs.getLong("node"), (int) Math.round(rs.getDouble("agg_cost")), Math::min);
                });
        return nodeSeconds;
    }

    /** A grid cell, its township's arrival norm, and the road junctions that stand for it. */
    public record CellNodes(long cell, int norm, Long[] nodes) {}

    /**
     * Every grid cell in scope with its township's norm and its junctions: those inside it and the one nearest its centre
     * (road_node_geom_gist for both).
     */
    public List<CellNodes> cellNodes(AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select c.id, t.arrival_norm_minutes,
                               array(select n.id from road_node n where ST_Intersects(n.geom, c.geom)
                                     union select k.id from (select n.id from road_node n order by n.geom <-> ST_PointOnSurface(c.geom) limit 1) k) as nodes
                          from grid_cell c join community m on m.id = c.community_id join township t on t.id = m.township_id
                         where\s""" + ScopeSql.cellId("c.id")), scope)
                .query((rs, i) -> new CellNodes(rs.getLong(1), rs.getInt(2), (Long[]) rs.getArray(3).getArray())).list();
    }

    // ---- emergencies --------------------------------------------------------------------------------------------

    /** The township of the grid cell in scope at a point, if any (grid_cell_geom_gist). */
    public Optional<Long> townshipOfCellAt(double lon, double lat, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select t.id from grid_cell c join community m on m.id = c.community_id join township t on t.id = m.township_id
                         where ST_Intersects(c.geom, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)) and\s""" + ScopeSql.cellId("c.id")
                        + " order by c.code limit 1"), scope)
                .param("lon", lon).param("lat", lat).query(Long.class).optional();
    }

    /** Stores a declared emergency; its id. */
    public long insertEmergency(String kind, int level, String title, double lon, double lat, long townshipId, String by, OffsetDateTime now) {
        return jdbc.sql("""
                        insert into emergency (kind, level, title, geom, township_id, declared_by, declared_at)
                        values (:kind, :level, :title, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), :t, :by, :now) returning id""")
                .param("kind", kind).param("level", level).param("title", title).param("lon", lon).param("lat", lat)
                .param("t", townshipId).param("by", by).param("now", now).query(Long.class).single();
    }

    /**
     * Calls an emergency's leaders: the township's always; the city's for levels I and II, or when the township has none
     * (no index: a scan of app_user, a few dozen rows).
     */
    public void callLeaders(long emergencyId, OffsetDateTime now, long townshipId, int level) {
        jdbc.sql("""
                        insert into emergency_leader (emergency_id, user_id, status, updated_at)
                        select :id, u.id, 'NOTIFIED', :now from app_user u
                         where u.role = 'LEADER' and u.enabled
                           and ((u.scope_kind = 'TOWNSHIP' and exists (select 1 from township t where t.id = :t and t.code = any (u.scope_codes)))
                                or (u.scope_kind = 'CITY' and (:level <= 2 or not exists (
                                        select 1 from app_user l join township t on t.code = any (l.scope_codes)
                                         where l.role = 'LEADER' and l.enabled and l.scope_kind = 'TOWNSHIP' and t.id = :t))))""")
                .param("id", emergencyId).param("now", now).param("t", townshipId).param("level", level).update();
    }

    private static final String EMERGENCY = """
            select e.*, ST_X(e.geom) as lon, ST_Y(e.geom) as lat, t.name as township
              from emergency e join township t on t.id = e.township_id
            """;

    private static Emergency emergency(ResultSet rs, int i) throws SQLException {
        return new Emergency(rs.getLong("id"), rs.getString("kind"), rs.getInt("level"), rs.getString("title"),
                rs.getDouble("lon"), rs.getDouble("lat"), rs.getString("township"), rs.getString("declared_by"),
                rs.getObject("declared_at", OffsetDateTime.class));
    }

    /** The emergencies in scope not yet ended, most severe and oldest first (emergency_active). */
    public List<Emergency> activeEmergencies(AccessScope scope) {
        return ScopeSql.bind(jdbc.sql(EMERGENCY + " where e.ended_at is null and " + ScopeSql.townshipId("e.township_id")
                        + " order by e.level, e.declared_at"), scope)
                .query(DispatchQueries::emergency)
                .list();
    }

    /** An emergency in scope (emergency's primary key). */
    public Optional<Emergency> emergency(long id, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql(EMERGENCY + " where e.id = :id and " + ScopeSql.townshipId("e.township_id")), scope)
                .param("id", id)
                .query(DispatchQueries::emergency)
                .optional();
    }

    /** How many key places, cameras and grid cells lie within {@code metres} of an emergency (key_place_geom_geog, camera_geom_geog; grid cells: a scan of some 400 rows). */
    public Ring ring(long emergencyId, int metres) {
        return jdbc.sql("""
                        with here as (select geom::geography as g from emergency where id = :id)
                        select (select count(*) from key_place k, here where ST_DWithin(k.geom::geography, here.g, :m)),
                               (select count(*) from camera c, here where ST_DWithin(c.geom::geography, here.g, :m)),
                               (select count(*) from grid_cell c, here where ST_DWithin(c.geom::geography, here.g, :m))""")
                .param("id", emergencyId).param("m", (double) metres)
                .query((rs, i) -> new Ring(metres, rs.getInt(1), rs.getInt(2), rs.getInt(3))).single();
    }

    /** The key places within {@code metres} of an emergency, nearest first (key_place_geom_geog). */
    public List<Place> keyPlacesNear(long emergencyId, int metres) {
        return jdbc.sql("""
                        with here as (select geom::geography as g from emergency where id = :id)
                        select k.kind, k.name, ST_Distance(k.geom::geography, here.g) as metres, ST_X(k.geom) as lon, ST_Y(k.geom) as lat
                          from key_place k, here where ST_DWithin(k.geom::geography, here.g, :m) order by metres, k.id""")
                .param("id", emergencyId).param("m", (double) metres)
                .query((rs, i) -> new Place(rs.getString("kind"), rs.getString("name"), rs.getDouble("metres"), rs.getDouble("lon"), rs.getDouble("lat")))
                .list();
    }

    /** The checklist of an emergency's kind with what was ticked, by item (emergency_checklist's and emergency_check's primary keys). */
    public List<CheckItem> checklist(long emergencyId, String kind) {
        return jdbc.sql("""
                        select l.item_no, l.text, c.done_by, c.done_at from emergency_checklist l
                          left join emergency_check c on c.emergency_id = :id and c.item_no = l.item_no
                         where l.kind = :kind order by l.item_no""")
                .param("id", emergencyId).param("kind", kind)
                .query((rs, i) -> new CheckItem(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class))).list();
    }

    /** A called leader, where their responder is (if positioned) and how far from the emergency. */
    public record CalledLeader(long user, String name, String status, Double lon, Double lat, Double metres) {}

    /** The leaders called to an emergency, by name (emergency_leader's primary key (emergency_id, user_id)). */
    public List<CalledLeader> calledLeaders(long emergencyId) {
        return jdbc.sql("""
                        select u.id, u.display_name, l.status, ST_X(r.position) as lon, ST_Y(r.position) as lat,
                               ST_Distance(r.position::geography, e.geom::geography) as metres
                          from emergency_leader l join app_user u on u.id = l.user_id join emergency e on e.id = l.emergency_id
                          left join responder r on r.id = u.responder_id
                         where l.emergency_id = :id order by u.display_name""")
                .param("id", emergencyId)
                .query((rs, i) -> new CalledLeader(rs.getLong(1), rs.getString(2), rs.getString(3), (Double) rs.getObject(4), (Double) rs.getObject(5),
                        (Double) rs.getObject(6))).list();
    }

    /** The circle of {@code metres} around an emergency as a GeoJSON polygon, true metres (emergency's primary key). */
    public String ringOutline(long emergencyId, int metres) {
        return jdbc.sql("select ST_AsGeoJSON(ST_Buffer(geom::geography, :m, 48)::geometry, 6) from emergency where id = :id")
                .param("m", (double) metres).param("id", emergencyId).query(String.class).single();
    }

    /** Whether an emergency is in scope (emergency's primary key). */
    public boolean emergencyInScope(long id, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("select count(*) > 0 from emergency e where e.id = :id and " + ScopeSql.townshipId("e.township_id")),
                scope).param("id", id).query(Boolean.class).single();
    }

    /** Ticks a checklist item once; a second tick changes nothing (emergency_check's primary key). */
    public void tick(long emergencyId, int itemNo, String by, OffsetDateTime now) {
        jdbc.sql("insert into emergency_check (emergency_id, item_no, done_by, done_at) values (:id, :n, :by, :now) on conflict do nothing")
                .param("id", emergencyId).param("n", itemNo).param("by", by).param("now", now).update();
    }

    /** Sets a called leader's status and marks the emergency changed; the leader rows changed (emergency_leader's primary key). */
    public int setLeaderStatus(long emergencyId, long userId, String status, OffsetDateTime now) {
        int rows = jdbc.sql("update emergency_leader set status = :s, updated_at = :now where emergency_id = :id and user_id = :u")
                .param("s", status).param("now", now).param("id", emergencyId).param("u", userId).update();
        if (rows > 0) jdbc.sql("update emergency set version = version + 1 where id = :id").param("id", emergencyId).update();
        return rows;
    }

    /** Ends an emergency not yet ended (emergency's primary key). */
    public void endEmergency(long id, OffsetDateTime now, String by) {
        jdbc.sql("update emergency set ended_at = :now, ended_by = :by, version = version + 1 where id = :id and ended_at is null")
                .param("now", now).param("by", by).param("id", id).update();
    }

    // ---- assignments --------------------------------------------------------------------------------------------

    /** Where a responder is sent: a case or an emergency, its label, township and point, and whether it is closed. */
    public record Target(Long caseId, Long emergencyId, String label, long townshipId, double lon, double lat, boolean closed) {}

    /** A case in scope as a target (gov_case's primary key). */
    public Optional<Target> caseTarget(long caseId, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select c.id, c.code || ' ' || c.title as label, c.township_id, ST_X(c.geom) as lon, ST_Y(c.geom) as lat,
                               c.step = 'CLOSED' as closed
                          from gov_case c where c.id = :id and """ + ScopeSql.cellId("c.grid_cell_id")), scope)
                .param("id", caseId)
                .query((rs, i) -> new Target(rs.getLong("id"), null, rs.getString("label"), rs.getLong("township_id"),
                        rs.getDouble("lon"), rs.getDouble("lat"), rs.getBoolean("closed")))
                .optional();
    }

    /** An emergency in scope as a target (emergency's primary key). */
    public Optional<Target> emergencyTarget(long emergencyId, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select e.id, e.title, e.township_id, ST_X(e.geom) as lon, ST_Y(e.geom) as lat, e.ended_at is not null as closed
                          from emergency e where e.id = :id and """ + ScopeSql.townshipId("e.township_id")), scope)
                .param("id", emergencyId)
                .query((rs, i) -> new Target(null, rs.getLong("id"), rs.getString("title"), rs.getLong("township_id"),
                        rs.getDouble("lon"), rs.getDouble("lat"), rs.getBoolean("closed")))
                .optional();
    }

    /** Where a responder is, [lon, lat], whatever the caller's scope (responder's primary key). */
    public Optional<double[]> anyResponderPosition(long id) {
        return jdbc.sql("select ST_X(position), ST_Y(position) from responder where id = :id and position is not null")
                .param("id", id).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).optional();
    }

    /** Makes a free responder in scope ASSIGNED, the one conditional update dispatchers race on; the rows changed, 0 or 1 (responder's primary key). */
    public int takeIfFree(long responderId, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        update responder r set status = 'ASSIGNED', version = version + 1
                         where r.id = :id and r.status in ('AVAILABLE', 'RETURNING') and r.kind <> 'LEADER' and """
                        + RESPONDER_IN_SCOPE), scope)
                .param("id", responderId).update();
    }

    /** Stores an assignment with the distance and travel time at this moment (null: unknown); its id. */
    public long insertAssignment(Target target, long responderId, String by, OffsetDateTime now, Double metres, Integer etaSeconds, String etaMethod) {
        return jdbc.sql("""
                        insert into assignment (case_id, emergency_id, responder_id, township_id, status, assigned_by, assigned_at,
                                                distance_m, eta_seconds, eta_method)
                        values (:case, :emergency, :responder, :township, 'ASSIGNED', :by, :now, :metres, :eta, :method) returning id""")
                .param("case", target.caseId()).param("emergency", target.emergencyId()).param("responder", responderId)
                .param("township", target.townshipId()).param("by", by).param("now", now)
                .param("metres", metres).param("eta", etaSeconds).param("method", etaMethod)
                .query(Long.class).single();
    }

    /** A responder's name and status, and whether they are in scope. */
    public record ResponderState(String name, String status, boolean inScope) {}

    /** A responder's name, status and whether they are in scope, if there is such a responder (responder's primary key). */
    public Optional<ResponderState> responderState(long responderId, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("select r.name, r.status, " + RESPONDER_IN_SCOPE + " as in_scope from responder r where r.id = :id"), scope)
                .param("id", responderId).query((rs, i) -> new ResponderState(rs.getString(1), rs.getString(2), rs.getBoolean(3))).optional();
    }

    /**
     * Moves an assignment to a status if it is in one of {@code from}, stamping {@code column} with the time (and the actor when
     * it ends, and the note if any); the rows changed, 0 or 1 (assignment's primary key).
     */
    public int stepAssignment(long id, Assignment.Status to, String column, Collection<Assignment.Status> from, OffsetDateTime now, boolean ends,
                              String actor, String note) {
        return jdbc.sql("""
                        update assignment set status = :to, %s = :now, version = version + 1,
                               ended_by = case when :ends then :actor else ended_by end, note = coalesce(:note, note)
                         where id = :id and status = any (:from::text[])""".formatted(column))
                .param("to", to.name()).param("now", now).param("ends", ends).param("actor", actor).param("note", note)
                .param("id", id).param("from", SqlArrays.text(from.stream().map(Enum::name).toList()))
                .update();
    }

    /** Sets a responder's status (responder's primary key). */
    public void setResponderStatus(long responderId, String status) {
        jdbc.sql("update responder set status = :s, version = version + 1 where id = :id")
                .param("s", status).param("id", responderId).update();
    }

    /** Makes a returning, off-duty or available responder available (responder's primary key). */
    public void makeAvailable(long responderId) {
        jdbc.sql("update responder set status = 'AVAILABLE', version = version + 1 where id = :id and status in ('RETURNING', 'OFF_DUTY', 'AVAILABLE')")
                .param("id", responderId).update();
    }

    private static final String ASSIGNMENT = """
            select a.*, c.code as case_code, c.title as case_title, e.title as emergency_title, r.name as responder_name,
                   coalesce(ST_X(c.geom), ST_X(e.geom)) as target_lon, coalesce(ST_Y(c.geom), ST_Y(e.geom)) as target_lat
              from assignment a join responder r on r.id = a.responder_id
              left join gov_case c on c.id = a.case_id left join emergency e on e.id = a.emergency_id
            """;

    /** An assignment with its target and responder (assignment's primary key). */
    public Optional<Assignment> assignment(long id) {
        return jdbc.sql(ASSIGNMENT + " where a.id = :id").param("id", id).query(DispatchQueries::assignment).optional();
    }

    /** A responder's active assignment, if any (assignment_one_active). */
    public Optional<Assignment> activeAssignmentOf(long responderId) {
        return jdbc.sql(ASSIGNMENT + " where a.responder_id = :id and a.status in ('ASSIGNED', 'ACCEPTED', 'EN_ROUTE', 'ON_SCENE')")
                .param("id", responderId).query(DispatchQueries::assignment).optional();
    }

    /** The responder a user is, if any (app_user's primary key). */
    public Optional<Long> responderOfUser(long userId) {
        return jdbc.sql("select responder_id from app_user where id = :id and responder_id is not null")
                .param("id", userId).query(Long.class).optional();
    }

    /** Where a user's own responder last was, [lon, lat], whatever the user's scope (app_user's and responder's primary keys). */
    public Optional<double[]> positionOfUser(long userId) {
        return jdbc.sql("""
                        select ST_X(r.position), ST_Y(r.position) from app_user u join responder r on r.id = u.responder_id
                         where u.id = :id and r.position is not null""")
                .param("id", userId).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).optional();
    }

    /** Every assignment in scope of a case, newest first (assignment_case (case_id, assigned_at)). */
    public List<Assignment> assignmentsOfCase(long caseId, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql(ASSIGNMENT + " where a.case_id = :id and " + ScopeSql.townshipId("a.township_id") + " order by a.assigned_at desc, a.id desc"),
                scope).param("id", caseId).query(DispatchQueries::assignment).list();
    }

    /** The active assignments in scope, oldest first (assignment_one_active covers the active ones). */
    public List<Assignment> activeAssignments(AccessScope scope) {
        return ScopeSql.bind(jdbc.sql(ASSIGNMENT + " where a.status in ('ASSIGNED', 'ACCEPTED', 'EN_ROUTE', 'ON_SCENE') and "
                        + ScopeSql.townshipId("a.township_id") + " order by a.assigned_at, a.id"), scope)
                .query(DispatchQueries::assignment).list();
    }

    /** Whether an assignment's township is in scope (assignment's primary key). */
    public boolean assignmentInScope(long id, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("select " + ScopeSql.townshipId("a.township_id") + " from assignment a where a.id = :id"), scope)
                .param("id", id).query(Boolean.class).single();
    }

    private static Assignment assignment(ResultSet rs, int i) throws SQLException {
        return new Assignment(rs.getLong("id"), (Long) rs.getObject("case_id"), rs.getString("case_code"), rs.getString("case_title"),
                (Long) rs.getObject("emergency_id"), rs.getString("emergency_title"), rs.getLong("responder_id"), rs.getString("responder_name"),
                rs.getString("status"), rs.getString("assigned_by"), rs.getObject("assigned_at", OffsetDateTime.class),
                rs.getObject("accepted_at", OffsetDateTime.class), rs.getObject("en_route_at", OffsetDateTime.class),
                rs.getObject("on_scene_at", OffsetDateTime.class), rs.getObject("ended_at", OffsetDateTime.class), rs.getString("ended_by"),
                rs.getString("note"), (Double) rs.getObject("distance_m"), (Integer) rs.getObject("eta_seconds"), rs.getString("eta_method"),
                rs.getDouble("target_lon"), rs.getDouble("target_lat"));
    }

    // ---- tracks -------------------------------------------------------------------------------------------------

    /** A stored fix of a device. */
    public record StoredFix(Instant time, double lat, double lon) {}

    /** A fix to store, with what the device said about it (null: not said). */
    public record NewFix(Instant time, double lon, double lat, Double speedMps, Double bearing, Double altitudeMetres, Double accuracyMetres,
                         Double batteryPercent) {}

    /**
     * Stores fixes of a device in one statement, a resent one (same device time) changing nothing; per fix, the rows stored,
     * 0 or 1 (position_report's primary key). The fixes come as one array per column, so a request of a thousand is one
     * round trip and one statement, and the presence rollup's trigger runs once for all of them.
     */
    public int[] storeFixes(long deviceId, Long responderId, Instant receivedAt, List<NewFix> fixes) {
        int[] stored = new int[fixes.size()];
        if (fixes.isEmpty()) return stored;
        // Two fixes of one device time: the first is stored and the second is not (min(k)), as row by row.
        jdbc.sql("""
                        with f as (select * from unnest(:times::text[]::timestamptz[], :lons::float8[], :lats::float8[], :speeds::float8[],
                                                        :bearings::float8[], :altitudes::float8[], :accuracies::float8[], :batteries::float8[])
                                                 with ordinality as f(device_time, lon, lat, speed, bearing, altitude, accuracy, battery, k)),
                             ins as (insert into position_report (device_id, device_time, responder_id, received_at, position,
                                                                  speed_mps, bearing, altitude_m, accuracy_m, battery_pct)
                                     select :device::bigint, f.device_time, :responder::bigint, :received::timestamptz,
                                            ST_SetSRID(ST_MakePoint(f.lon, f.lat), 4326), f.speed, f.bearing, f.altitude, f.accuracy, f.battery
                                       from f order by f.k
                                     on conflict do nothing returning device_time)
                        select min(f.k) from f join ins on ins.device_time = f.device_time group by f.device_time""")
                .param("times", fixes.stream().map(f -> f.time().toString()).toArray(String[]::new))
                .param("lons", fixes.stream().map(NewFix::lon).toArray(Double[]::new))
                .param("lats", fixes.stream().map(NewFix::lat).toArray(Double[]::new))
                .param("speeds", fixes.stream().map(NewFix::speedMps).toArray(Double[]::new))
                .param("bearings", fixes.stream().map(NewFix::bearing).toArray(Double[]::new))
                .param("altitudes", fixes.stream().map(NewFix::altitudeMetres).toArray(Double[]::new))
                .param("accuracies", fixes.stream().map(NewFix::accuracyMetres).toArray(Double[]::new))
                .param("batteries", fixes.stream().map(NewFix::batteryPercent).toArray(Double[]::new))
                .param("device", deviceId).param("responder", responderId).param("received", Timestamp.from(receivedAt))
                .query(Long.class).list()
                .forEach(k -> stored[(int) (k - 1)] = 1);
        return stored;
    }

    /** Moves a responder to a fix only if it is newer than the position they have (responder's primary key). */
    public void moveResponderIfNewer(long responderId, StoredFix fix) {
        template.update("""
                        update responder set position = ST_SetSRID(ST_MakePoint(?, ?), 4326), position_at = ?
                         where id = ? and (position_at is null or position_at < ?)""",
                fix.lon(), fix.lat(), Timestamp.from(fix.time()), responderId, Timestamp.from(fix.time()));
    }

    /** Notes when a device last reported, at most once a minute (device's primary key). */
    public void deviceSeen(long deviceId, Instant now) {
        template.update("update device set last_seen_at = ? where id = ? and (last_seen_at is null or last_seen_at < ?)",
                Timestamp.from(now), deviceId, Timestamp.from(now.minusSeconds(60)));
    }

    /** A device's stored fix just before (or after) a time; with no time, its newest (position_report's primary key (device_id, device_time)). */
    public Optional<StoredFix> storedFix(long deviceId, Instant around, boolean before) {
        String sql = around == null
                ? "select device_time, ST_Y(position), ST_X(position) from position_report where device_id = ? order by device_time desc limit 1"
                : before
                ? "select device_time, ST_Y(position), ST_X(position) from position_report where device_id = ? and device_time < ? order by device_time desc limit 1"
                : "select device_time, ST_Y(position), ST_X(position) from position_report where device_id = ? and device_time > ? order by device_time limit 1";
        Object[] args = around == null ? new Object[]{deviceId} : new Object[]{deviceId, Timestamp.from(around)};
        List<StoredFix> rows = template.query(sql, (rs, i) -> new StoredFix(rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getDouble(3)), args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** Makes the partition of position_report holding a day (UTC), if missing. */
    public void makePartition(LocalDate day) {
        template.queryForObject("select position_report_partition(?)", String.class, day);
    }
}
