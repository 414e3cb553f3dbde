package com.gridcommand.casework;

import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.gridcommand.security.ScopeSql;
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
import java.util.Set;

/**
 * Cases for the map and the list (open cases in a view with overdue marked, counts, details), limited
 * to the grid cells in the caller's scope; correcting a case's registration.
 */
@Service
@Transactional(readOnly = true)
public class CaseService {

    /** More open cases than this in one view are not sent: the map asks to zoom in. */
    public static final int MAP_LIMIT = 5_000;
    public static final Set<String> CATEGORIES = Set.of("NEIGHBOUR", "FAMILY", "LAND", "LABOUR", "PROPERTY",
            "PUBLIC_SECURITY", "HAZARD", "PETITION", "OTHER");

    static final String IN_SCOPE = ScopeSql.cellId("k.grid_cell_id");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CurrentUser current;

    CaseService(JdbcClient jdbc, Clock clock, CurrentUser current) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.current = current;
    }

    /** Open cases in scope in the box (partial GiST index gov_case_open_geom_gist), at most {@link #MAP_LIMIT} + 1. */
    public List<GeoFeature> openInView(Viewport viewport) {
        return query("ST_Intersects(k.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))", viewport, Map.of(), MAP_LIMIT + 1);
    }

    /** The given cases, if open, in scope and in the box: for live updates of single rows. */
    public List<GeoFeature> openInView(Viewport viewport, Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return query("k.id in (:ids) and ST_Intersects(k.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))", viewport, Map.of("ids", ids), ids.size());
    }

    private List<GeoFeature> query(String where, Viewport viewport, Map<String, Object> extra, int limit) {
        Bbox b = viewport.bbox();
        var spec = ScopeSql.bind(jdbc.sql("""
                        select k.id, k.code, k.title, k.category, k.severity, k.step, coalesce(k.deadline < :now, false) as overdue,
                               ST_AsGeoJSON(k.geom, :decimals) as geometry
                          from gov_case k
                         where k.step <> 'CLOSED' and %s and %s
                         order by k.id limit :limit""".formatted(where, IN_SCOPE)), current.scope())
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
        return ScopeSql.bind(jdbc.sql("""
                        select count(*) as open, count(*) filter (where k.deadline < :now) as overdue
                          from gov_case k
                         where k.step <> 'CLOSED' and ST_Intersects(k.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and """ + IN_SCOPE),
                        current.scope())
                .param("now", OffsetDateTime.now(clock))
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query((rs, i) -> new CaseCounts(rs.getInt("open"), rs.getInt("overdue"))).single();
    }

    public Optional<CaseDetails> details(long id) {
        return ScopeSql.bind(jdbc.sql("""
                        select k.*, c.name as cell, m.name as community, t.name as township,
                               coalesce(k.step <> 'CLOSED' and k.deadline < :now, false) as overdue,
                               (select string_agg(p->>'name' || '(' || (p->>'role') || ')', '、') from jsonb_array_elements(k.parties) p) as party_list
                          from gov_case k
                          join grid_cell c on c.id = k.grid_cell_id
                          join community m on m.id = k.community_id
                          join township t on t.id = k.township_id
                         where k.id = :id and """ + IN_SCOPE), current.scope())
                .param("id", id).param("now", OffsetDateTime.now(clock))
                .query((rs, i) -> new CaseDetails(rs.getLong("id"), rs.getString("code"), rs.getString("title"),
                        rs.getString("description"), rs.getString("category"), rs.getInt("severity"), rs.getString("source"),
                        rs.getString("step"), rs.getString("party_list"), rs.getObject("reported_at", OffsetDateTime.class),
                        rs.getObject("deadline", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class),
                        rs.getString("responsible_unit"), rs.getString("responsible_person"), rs.getString("cell"),
                        rs.getString("community"), rs.getString("township"), rs.getBoolean("overdue"), rs.getLong("version")))
                .optional();
    }

    /** Cases in scope, newest first, a page at a time. */
    public List<CaseListItem> list(int offset, int limit) {
        return ScopeSql.bind(jdbc.sql("""
                        select k.id, k.code, k.title, k.description, k.category, k.severity, k.step, k.reported_at, k.deadline,
                               coalesce(k.step <> 'CLOSED' and k.deadline < :now, false) as overdue,
                               t.name as township, m.name as community, c.name as cell, k.version
                          from gov_case k join grid_cell c on c.id = k.grid_cell_id join community m on m.id = k.community_id
                          join township t on t.id = k.township_id
                         where """ + IN_SCOPE + " order by k.reported_at desc, k.id desc offset :offset limit :limit"), current.scope())
                .param("now", OffsetDateTime.now(clock)).param("offset", offset).param("limit", limit)
                .query((rs, i) -> new CaseListItem(rs.getLong("id"), rs.getString("code"), rs.getString("title"), rs.getString("description"),
                        rs.getString("category"), rs.getInt("severity"), rs.getString("step"), rs.getObject("reported_at", OffsetDateTime.class),
                        rs.getObject("deadline", OffsetDateTime.class), rs.getBoolean("overdue"), rs.getString("township"),
                        rs.getString("community"), rs.getString("cell"), rs.getLong("version")))
                .list();
    }

    public int count() {
        return ScopeSql.bind(jdbc.sql("select count(*) from gov_case k where " + IN_SCOPE), current.scope()).query(Integer.class).single();
    }

    /**
     * Corrects a case's registration (title, description, category, severity). Command staff,
     * dispatchers and administrators may within their areas; a grid worker only in their own cells.
     * Saved only if nobody saved since the user read it ({@link CaseConflictException} otherwise).
     */
    @Transactional
    public void correctRegistration(CaseCorrection c) {
        current.require(Role.COMMAND, Role.DISPATCHER, Role.GRID_WORKER, Role.ADMIN);
        if (c.title() == null || c.title().isBlank() || c.title().length() > 200) throw new IllegalArgumentException("a title has 1 to 200 characters");
        if (c.description() != null && c.description().length() > 5000) throw new IllegalArgumentException("a description has at most 5000 characters");
        if (!CATEGORIES.contains(c.category())) throw new IllegalArgumentException("unknown category " + c.category());
        if (c.severity() < 1 || c.severity() > 4) throw new IllegalArgumentException("severity is 1 to 4");
        String code = ScopeSql.bind(jdbc.sql("select k.code from gov_case k where k.id = :id and " + IN_SCOPE), current.scope())
                .param("id", c.id()).query(String.class).optional()
                .orElseThrow(() -> new CurrentUser.AccessDeniedException("that case is outside your areas"));
        int rows = jdbc.sql("""
                        update gov_case set title = :title, description = :description, category = :category, severity = :severity,
                               version = version + 1, updated_at = now()
                         where id = :id and version = :version""")
                .param("title", c.title().strip()).param("description", c.description() == null ? "" : c.description().strip())
                .param("category", c.category()).param("severity", c.severity()).param("id", c.id()).param("version", c.expectedVersion())
                .update();
        if (rows == 0) throw new CaseConflictException(code);
    }
}
