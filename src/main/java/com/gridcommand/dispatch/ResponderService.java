package com.gridcommand.dispatch;

import com.gridcommand.geo.Bbox;
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
        return spec.query((rs, i) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("code", rs.getString("code"));
            p.put("name", rs.getString("name"));
            p.put("kind", rs.getString("kind"));
            p.put("status", rs.getString("status"));
            p.put("stale", rs.getBoolean("stale"));
            return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
        }).list();
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
        if (!STATUSES.contains(status)) throw new IllegalArgumentException("unknown responder status " + status);
        int rows = ScopeSql.bind(jdbc.sql("update responder r set status = :status, version = version + 1 where r.id = :id and "
                        + ScopeSql.townshipWholly("r.township_id")), current.scope())
                .param("status", status).param("id", id).update();
        if (rows == 0) throw new CurrentUser.AccessDeniedException("that responder is outside your areas");
    }

    static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
