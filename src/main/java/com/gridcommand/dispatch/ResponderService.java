package com.gridcommand.dispatch;

import com.gridcommand.changefeed.ChangeTopic;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.gridcommand.security.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Responders for the map: positions, status, details, how many are available in a view; limited to the caller's areas. */
@Service
@Transactional(readOnly = true)
public class ResponderService {

    /** Responders moved or changed status. */
    public static final ChangeTopic CHANGES = ChangeTopic.rowsOf("responder");

    /** A position older than this is drawn faded: the device has gone quiet. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(15);
    public static final List<String> STATUSES = List.of("AVAILABLE", "ASSIGNED", "EN_ROUTE", "ON_SCENE", "RETURNING", "OFF_DUTY");

    /** Responders belong to their home township; users of a smaller area see those positioned inside it. */
    static final String IN_SCOPE = ScopeSql.ownedByTownship("r.township_id", "r.position");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CurrentUser current;

    ResponderService(JdbcClient jdbc, Clock clock, CurrentUser current) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.current = current;
    }

    /** Responders in scope whose last position is in the box (GiST on responder.position). */
    public List<GeoFeature> inView(Viewport viewport) {
        return query("ST_Intersects(r.position, ST_MakeEnvelope(:w, :s, :e, :n, 4326))", viewport, Map.of());
    }

    /** The given responders, if in scope and positioned in the box: for live updates of single rows. */
    public List<GeoFeature> inView(Viewport viewport, Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return query("r.id in (:ids) and ST_Intersects(r.position, ST_MakeEnvelope(:w, :s, :e, :n, 4326))", viewport, Map.of("ids", ids));
    }

    private List<GeoFeature> query(String where, Viewport viewport, Map<String, Object> extra) {
        Bbox b = viewport.bbox();
        OffsetDateTime staleBefore = OffsetDateTime.now(clock).minus(STALE_AFTER);
        var spec = ScopeSql.bind(jdbc.sql("""
                        select r.id, r.code, r.name, r.kind, r.status, r.position_at < :stale as stale,
                               ST_AsGeoJSON(r.position, :decimals) as geometry
                          from responder r where %s and %s order by r.id""".formatted(where, IN_SCOPE)), current.scope())
                .param("decimals", Math.max(6, viewport.decimals())).param("stale", staleBefore)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north());
        for (var e : extra.entrySet()) spec = spec.param(e.getKey(), e.getValue());
        return spec.query((rs, i) -> feature(rs)).list();
    }

    private static GeoFeature feature(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", rs.getString("code"));
        p.put("name", rs.getString("name"));
        p.put("kind", rs.getString("kind"));
        p.put("status", rs.getString("status"));
        p.put("stale", rs.getBoolean("stale"));
        return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
    }

    /**
     * A page of the responders in scope positioned in the box, by id (GiST on responder.position, primary key),
     * with the count; those without a position are not on a map and not here.
     */
    public FeaturePage page(FeaturePage.Request request) {
        String where = request.where("r.position", "r.id") + " and " + IN_SCOPE;
        List<GeoFeature> features = ScopeSql.bind(jdbc.sql("""
                        select r.id, r.code, r.name, r.kind, r.status, r.position_at < :stale as stale, ST_AsGeoJSON(r.position, 7) as geometry
                          from responder r where\s""" + where + request.cut("r.id")), current.scope())
                .params(request.params()).param("stale", OffsetDateTime.now(clock).minus(STALE_AFTER))
                .query((rs, i) -> feature(rs)).list();
        Long matched = request.matchedFrom(features.size());
        if (matched == null) {
            matched = ScopeSql.bind(jdbc.sql("select count(*) from responder r where " + where), current.scope())
                    .params(request.params()).query(Long.class).single();
        }
        return new FeaturePage(features, matched);
    }

    /** Where the responders in scope are and when their positions were taken: ST_Extent and min/max (a scan of responder; no index needed). */
    public FeatureExtent extent() {
        return ScopeSql.bind(jdbc.sql(FeatureExtent.sql("r.position", "r.position_at", "responder r", "r.position is not null and " + IN_SCOPE)),
                        current.scope())
                .query((rs, i) -> FeatureExtent.read(rs)).single();
    }

    /** Available responders in scope whose position is in the box. */
    public int countAvailable(Bbox b) {
        return ScopeSql.bind(jdbc.sql("""
                        select count(*) from responder r
                         where r.status = 'AVAILABLE' and ST_Intersects(r.position, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and """ + IN_SCOPE),
                        current.scope())
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query(Integer.class).single();
    }

    public Optional<ResponderDetails> details(long id) {
        return ScopeSql.bind(jdbc.sql("""
                        select r.id, r.code, r.name, r.kind, r.team, r.skills, r.phone, r.status, t.name as township, r.position_at
                          from responder r left join township t on t.id = r.township_id where r.id = :id and """ + IN_SCOPE), current.scope())
                .param("id", id)
                .query((rs, i) -> new ResponderDetails(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("kind"), rs.getString("team"), texts(rs.getArray("skills")), rs.getString("phone"),
                        rs.getString("status"), rs.getString("township"), rs.getObject("position_at", OffsetDateTime.class)))
                .optional();
    }

    /** A dispatcher or command staff sets a responder's status; only for responders of their whole township (or the city). */
    @Transactional
    public void changeStatus(long id, String status) {
        current.require(Role.DISPATCHER, Role.COMMAND);
        if (!STATUSES.contains(status)) throw new ProblemException("problem.responder.status", "unknown responder status " + status);
        int rows = ScopeSql.bind(jdbc.sql("update responder r set status = :status, version = version + 1 where r.id = :id and "
                        + ScopeSql.townshipWholly("r.township_id")), current.scope())
                .param("status", status).param("id", id).update();
        if (rows == 0) throw new CurrentUser.AccessDeniedException("that responder is outside your areas");
    }

    /** A line of the unit status board: who, what, and the task they are on. */
    public record BoardRow(long id, String code, String name, String kind, String team, String status, String target) {}

    /** Every responder in scope (leaders aside) with their current task, for the status board. */
    public List<BoardRow> board() {
        return ScopeSql.bind(jdbc.sql("""
                        select r.id, r.code, r.name, r.kind, r.team, r.status,
                               coalesce(c.code || ' ' || c.title, e.title) as target
                          from responder r
                          left join assignment a on a.responder_id = r.id and a.status in ('ASSIGNED', 'ACCEPTED', 'EN_ROUTE', 'ON_SCENE')
                          left join gov_case c on c.id = a.case_id left join emergency e on e.id = a.emergency_id
                         where r.kind <> 'LEADER' and\s""" + IN_SCOPE + " order by r.name, r.id"), current.scope())
                .query((rs, i) -> new BoardRow(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("kind"),
                        rs.getString("team"), rs.getString("status"), rs.getString("target")))
                .list();
    }

    /** Where a responder in scope is: [lon, lat]. */
    public Optional<double[]> position(long id) {
        return ScopeSql.bind(jdbc.sql("select ST_X(r.position), ST_Y(r.position) from responder r where r.id = :id and r.position is not null and " + IN_SCOPE),
                        current.scope())
                .param("id", id).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).optional();
    }

    /** The arrival norm in minutes of the township at a point (5 in the city, 10 in the suburbs by default); null outside. */
    public Integer arrivalNorm(double lon, double lat) {
        return jdbc.sql("select arrival_norm_minutes from township where ST_Intersects(geom, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)) order by code limit 1")
                .param("lon", lon).param("lat", lat).query(Integer.class).optional().orElse(null);
    }

    static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
