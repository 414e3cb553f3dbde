package com.gridcommand.casework;

import com.gridcommand.changefeed.ChangeTopic;

import com.gridcommand.base.i18n.ProblemException;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reading cases — for the map (open cases in a view with their supervision light), the list (filtered,
 * sorted, a page at a time), details, timelines and attachments — always limited to the grid cells in
 * the caller's scope.
 */
@Service
@Transactional(readOnly = true)
public class CaseService {

    /** Cases registered, changed or closed. */
    public static final ChangeTopic CHANGES = ChangeTopic.rowsOf("gov_case");

    /** More open cases than this in one view are not sent: the map asks to zoom in. */
    public static final int MAP_LIMIT = 5_000;
    public static final Set<String> CATEGORIES = Set.of("NEIGHBOUR", "FAMILY", "LAND", "LABOUR", "PROPERTY",
            "PUBLIC_SECURITY", "HAZARD", "PETITION", "OTHER");

    static final String IN_SCOPE = ScopeSql.cellId("k.grid_cell_id");

    /**
     * When the current step is due: its own clock, but never later than the case's 办结时限 (the deadline
     * column). A new step clock — after an escalation, a rejection, a reopening — cannot make a case that is
     * already past its 办结时限 look in time again. Null when the case is done. (least() skips nulls.)
     */
    static final String STEP_DUE = "least(k.step_deadline, k.deadline)";

    /**
     * Overdue (超期): open and past its 办结时限. The deadline column's mark, the 仅超期 filter, the popups'
     * 超期 and the map's overdue counts all read this; a case it holds for is always {@link #LIGHT} red.
     */
    static final String OVERDUE = "coalesce(k.step not in ('CLOSED', 'REFERRED') and :now > k.deadline, false)";

    /**
     * The supervision light, the one rule every screen shows: red once the step is due ({@link #STEP_DUE}
     * passed, so always when {@link #OVERDUE}), yellow in the last quarter of the step's time to it, green
     * before; none when done.
     */
    static final String LIGHT = """
            case when k.step in ('CLOSED', 'REFERRED') or %1$s is null then null
                 when :now > %1$s then 'RED'
                 when :now > %1$s - (%1$s - k.step_started_at) * 0.25 then 'YELLOW'
                 else 'GREEN' end""".formatted(STEP_DUE);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CurrentUser current;
    private final Attachments attachments;
    private final JsonMapper json;

    CaseService(JdbcClient jdbc, Clock clock, CurrentUser current, Attachments attachments, JsonMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.current = current;
        this.attachments = attachments;
        this.json = json;
    }

    // ------------------------------------------------------------------ the map

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
                        select %s
                          from gov_case k
                         where %s and %s and %s
                         order by k.id limit :limit""".formatted(openColumns(":decimals"), OPEN, where, IN_SCOPE)), current.scope())
                .param("now", OffsetDateTime.now(clock)).param("decimals", Math.max(6, viewport.decimals())).param("limit", limit)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north());
        for (var e : extra.entrySet()) spec = spec.param(e.getKey(), e.getValue());
        return spec.query((rs, i) -> openCase(rs)).list();
    }

    private static final String OPEN = "k.step not in ('CLOSED', 'REFERRED')";

    private static String openColumns(String decimals) {
        return """
                k.id, k.code, k.title, k.category, k.severity, k.step, %s as overdue,
                %s as light, k.supervision, ST_AsGeoJSON(k.geom, %s) as geometry""".formatted(OVERDUE, LIGHT, decimals);
    }

    private static GeoFeature openCase(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", rs.getString("code"));
        p.put("title", rs.getString("title"));
        p.put("category", rs.getString("category"));
        p.put("severity", rs.getInt("severity"));
        p.put("step", rs.getString("step"));
        p.put("overdue", rs.getBoolean("overdue"));
        p.put("light", rs.getString("light"));
        p.put("supervision", rs.getString("supervision"));
        return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
    }

    /**
     * A page of every open case in scope in the box — not capped at {@link #MAP_LIMIT} as the map is — by id
     * (partial GiST gov_case_open_geom_gist for the box, primary key for the order), with the count.
     */
    public FeaturePage openPage(FeaturePage.Request request) {
        String where = OPEN + " and " + request.where("k.geom", "k.id") + " and " + IN_SCOPE;
        List<GeoFeature> features = ScopeSql.bind(jdbc.sql("select " + openColumns("7") + " from gov_case k where " + where + request.cut("k.id")),
                        current.scope())
                .params(request.params()).param("now", OffsetDateTime.now(clock)).query((rs, i) -> openCase(rs)).list();
        Long matched = request.matchedFrom(features.size());
        if (matched == null) {
            matched = ScopeSql.bind(jdbc.sql("select count(*) from gov_case k where " + where), current.scope())
                    .params(request.params()).query(Long.class).single();
        }
        return new FeaturePage(features, matched);
    }

    /** Where the open cases in scope lie and when the first and last were reported: ST_Extent and min/max over the open rows (a scan of gov_case). */
    public FeatureExtent openExtent() {
        return ScopeSql.bind(jdbc.sql(FeatureExtent.sql("k.geom", "k.reported_at", "gov_case k", OPEN + " and " + IN_SCOPE)), current.scope())
                .query((rs, i) -> FeatureExtent.read(rs)).single();
    }

    public CaseCounts countsIn(Bbox b) {
        return ScopeSql.bind(jdbc.sql("""
                        select count(*) as open, count(*) filter (where %s) as overdue
                          from gov_case k
                         where k.step not in ('CLOSED', 'REFERRED') and ST_Intersects(k.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and %s"""
                        .formatted(OVERDUE, IN_SCOPE)), current.scope())
                .param("now", OffsetDateTime.now(clock))
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query((rs, i) -> new CaseCounts(rs.getInt("open"), rs.getInt("overdue"))).single();
    }

    /**
     * Ids of the cases in scope inside a drawn shape (GeoJSON polygon, WGS 84): the spatial pick. A
     * self-crossing outline is repaired (ST_MakeValid) rather than refused: the user meant an area.
     */
    public List<Long> idsInside(String polygonGeoJson) {
        if (polygonGeoJson == null || polygonGeoJson.length() > 200_000) throw new ProblemException("problem.pick.shape", "a drawn area of at most a few thousand corners");
        return ScopeSql.bind(jdbc.sql("""
                        with shape as (select ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(:shape), 4326)) as g)
                        select k.id from gov_case k, shape
                         where ST_GeometryType(shape.g) in ('ST_Polygon', 'ST_MultiPolygon', 'ST_GeometryCollection')
                           and ST_Intersects(k.geom, shape.g) and """ + IN_SCOPE + " order by k.id"),
                        current.scope())
                .param("shape", polygonGeoJson).query(Long.class).list();
    }

    /** Ids of the cases in scope within a circle (metres, on the spheroid: geography index on the true distance). */
    public List<Long> idsWithin(double lon, double lat, double metres) {
        if (metres <= 0 || metres > 50_000) throw new ProblemException("problem.pick.radius", "a radius of 1 m to 50 km");
        return ScopeSql.bind(jdbc.sql("""
                        select k.id from gov_case k
                         where ST_DWithin(k.geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, :m) and """
                        + IN_SCOPE + " order by k.id"), current.scope())
                .param("lon", lon).param("lat", lat).param("m", metres).query(Long.class).list();
    }

    // ------------------------------------------------------------------ the list

    private record Where(String sql, Map<String, Object> params) {}

    private Where where(CaseFilter f) {
        StringBuilder sql = new StringBuilder(IN_SCOPE);
        Map<String, Object> p = new LinkedHashMap<>();
        if (f.steps() != null && !f.steps().isEmpty()) {
            sql.append(" and k.step in (:steps)");
            p.put("steps", f.steps().stream().map(Enum::name).toList());
        }
        if (f.categories() != null && !f.categories().isEmpty()) {
            sql.append(" and k.category in (:categories)");
            p.put("categories", List.copyOf(f.categories()));
        }
        if (f.areaCode() != null && !f.areaCode().isBlank()) {
            // The code names a township, a community or a cell: filter on the case's own column for it (indexed).
            var area = jdbc.sql("""
                            select 'township_id', id from township where code = :c
                            union all select 'community_id', id from community where code = :c
                            union all select 'grid_cell_id', id from grid_cell where code = :c limit 1""")
                    .param("c", f.areaCode().strip()).query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).optional();
            if (area.isEmpty()) sql.append(" and false");
            else {
                sql.append(" and k.").append(area.get().getKey()).append(" = :areaId");
                p.put("areaId", area.get().getValue());
            }
        }
        if (f.overdueOnly()) sql.append(" and ").append(OVERDUE);
        if (f.light() != null) {
            sql.append(" and (").append(LIGHT).append(") = :light");
            p.put("light", f.light());
        }
        ZoneId zone = clock.getZone();
        if (f.reportedFrom() != null) {
            sql.append(" and k.reported_at >= :from");
            p.put("from", f.reportedFrom().atStartOfDay(zone).toOffsetDateTime());
        }
        if (f.reportedTo() != null) {
            sql.append(" and k.reported_at < :to");
            p.put("to", f.reportedTo().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        }
        if (f.text() != null && !f.text().isBlank()) {
            // Codes ignore case; titles and descriptions (Chinese text) are matched as written: ILIKE on
            // multi-byte text costs twice as much and buys nothing for Chinese.
            sql.append(" and (k.code ilike :text or k.title like :text or k.description like :text)");
            p.put("text", "%" + f.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.ids() != null) {
            if (f.ids().isEmpty()) sql.append(" and false");
            else {
                sql.append(" and k.id in (:ids)");
                p.put("ids", List.copyOf(f.ids()));
            }
        }
        return new Where(sql.toString(), p);
    }

    private static String orderBy(CaseFilter f) {
        String column = switch (f.sort() == null ? CaseFilter.Sort.REPORTED : f.sort()) {
            case REPORTED -> "k.reported_at";
            case DEADLINE -> "k.deadline";
            case SEVERITY -> "k.severity";
            case STEP -> "array_position(array['INTAKE','ROUTING','SUPERVISION','FEEDBACK','FOLLOW_UP','REFERRED','CLOSED'], k.step)";
            case CODE -> "k.code";
        };
        String direction = f.descending() ? " desc" : " asc";
        // Only the deadline can be empty; "nulls last" elsewhere would keep the planner off the indexes.
        String nulls = f.sort() == CaseFilter.Sort.DEADLINE ? " nulls last" : "";
        return " order by " + column + direction + nulls + ", k.id" + direction;
    }

    /** Cases in scope matching the filter, a page at a time. */
    public List<CaseListItem> list(CaseFilter filter, int offset, int limit) {
        Where w = where(filter);
        var spec = ScopeSql.bind(jdbc.sql("""
                        select k.id, k.code, k.title, k.description, k.category, k.severity, k.step, k.reported_at, k.deadline,
                               %s as overdue,
                               t.name as township, m.name as community, c.name as cell, k.version, %s as light, k.supervision,
                               ST_X(k.geom) as lon, ST_Y(k.geom) as lat
                          from gov_case k join grid_cell c on c.id = k.grid_cell_id join community m on m.id = k.community_id
                          join township t on t.id = k.township_id
                         where %s %s offset :offset limit :limit""".formatted(OVERDUE, LIGHT, w.sql(), orderBy(filter))), current.scope())
                .param("now", OffsetDateTime.now(clock)).param("offset", offset).param("limit", limit);
        for (var e : w.params().entrySet()) spec = spec.param(e.getKey(), e.getValue());
        return spec.query((rs, i) -> new CaseListItem(rs.getLong("id"), rs.getString("code"), rs.getString("title"), rs.getString("description"),
                        rs.getString("category"), rs.getInt("severity"), rs.getString("step"), rs.getObject("reported_at", OffsetDateTime.class),
                        rs.getObject("deadline", OffsetDateTime.class), rs.getBoolean("overdue"), rs.getString("township"),
                        rs.getString("community"), rs.getString("cell"), rs.getLong("version"), rs.getString("light"),
                        rs.getString("supervision"), rs.getDouble("lon"), rs.getDouble("lat")))
                .list();
    }

    /**
     * The cases matching the list's filter inside a map view (any step), at most {@link #MAP_LIMIT} + 1:
     * the list's map shows what the list holds.
     */
    public List<GeoFeature> inView(CaseFilter filter, Viewport viewport) {
        Where w = where(filter);
        Bbox b = viewport.bbox();
        var spec = ScopeSql.bind(jdbc.sql("""
                        select k.id, k.code, k.title, k.severity, k.step, %s as light, ST_AsGeoJSON(k.geom, :decimals) as geometry
                          from gov_case k
                         where ST_Intersects(k.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and %s
                         limit :limit""".formatted(LIGHT, w.sql())), current.scope())
                .param("now", OffsetDateTime.now(clock)).param("decimals", Math.max(6, viewport.decimals())).param("limit", MAP_LIMIT + 1)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north());
        for (var e : w.params().entrySet()) spec = spec.param(e.getKey(), e.getValue());
        return spec.query((rs, i) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("code", rs.getString("code"));
            p.put("title", rs.getString("title"));
            p.put("severity", rs.getInt("severity"));
            p.put("step", rs.getString("step"));
            p.put("light", rs.getString("light"));
            return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
        }).list();
    }

    /** Where a case stands in the filtered, sorted list (0-based), if it is in it: to scroll the list to a case picked on the map. */
    public Optional<Integer> indexOf(CaseFilter filter, long id) {
        Where w = where(filter);
        var spec = ScopeSql.bind(jdbc.sql("""
                        select n - 1 from (select k.id, row_number() over (%s) as n from gov_case k where %s) ranked where id = :target"""
                        .formatted(orderBy(filter), w.sql())), current.scope())
                .param("now", OffsetDateTime.now(clock)).param("target", id);
        for (var e : w.params().entrySet()) spec = spec.param(e.getKey(), e.getValue());
        return spec.query(Integer.class).optional();
    }

    public int count(CaseFilter filter) {
        Where w = where(filter);
        var spec = ScopeSql.bind(jdbc.sql("select count(*) from gov_case k where " + w.sql()), current.scope())
                .param("now", OffsetDateTime.now(clock));
        for (var e : w.params().entrySet()) spec = spec.param(e.getKey(), e.getValue());
        return spec.query(Integer.class).single();
    }

    public List<CaseListItem> list(int offset, int limit) {
        return list(CaseFilter.none(), offset, limit);
    }

    public int count() {
        return count(CaseFilter.none());
    }

    // ------------------------------------------------------------------ one case

    public Optional<CaseDetails> details(long id) {
        return ScopeSql.bind(jdbc.sql("""
                        select k.*, %s as step_due, c.name as cell, m.name as community, t.name as township,
                               %s as overdue, %s as light,
                               ST_X(k.geom) as lon, ST_Y(k.geom) as lat
                          from gov_case k
                          join grid_cell c on c.id = k.grid_cell_id
                          join community m on m.id = k.community_id
                          join township t on t.id = k.township_id
                         where k.id = :id and %s""".formatted(STEP_DUE, OVERDUE, LIGHT, IN_SCOPE)), current.scope())
                .param("id", id).param("now", OffsetDateTime.now(clock))
                .query((rs, i) -> new CaseDetails(rs.getLong("id"), rs.getString("code"), rs.getString("title"),
                        rs.getString("description"), rs.getString("category"), rs.getInt("severity"), rs.getString("source"),
                        rs.getString("step"), parties(json, rs.getString("parties")), rs.getObject("reported_at", OffsetDateTime.class),
                        rs.getObject("deadline", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class),
                        rs.getString("responsible_unit"), rs.getString("responsible_person"), rs.getString("cell"),
                        rs.getString("community"), rs.getString("township"), rs.getBoolean("overdue"), rs.getLong("version"),
                        rs.getString("level"), rs.getString("supervision"), rs.getObject("step_started_at", OffsetDateTime.class),
                        rs.getObject("step_due", OffsetDateTime.class), rs.getString("light"), rs.getString("outcome"),
                        texts(rs.getArray("joint_units")), rs.getString("referred_to"), rs.getInt("reopened"),
                        rs.getDouble("lon"), rs.getDouble("lat")))
                .optional();
    }

    /** The case's timeline, oldest first, with the files of each step. */
    public List<CaseEvent> timeline(long id) {
        if (details(id).isEmpty()) return List.of();
        return jdbc.sql("""
                        select e.*, u.display_name as actor_name from case_event e left join app_user u on u.username = e.actor
                         where e.case_id = :id order by e.at, e.id""").param("id", id)
                .query((rs, i) -> new CaseEvent(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
                        rs.getString("actor_name"),
                        CaseAction.valueOf(rs.getString("action")), rs.getString("from_step") == null ? null : CaseStep.valueOf(rs.getString("from_step")),
                        CaseStep.valueOf(rs.getString("to_step")), rs.getString("note"), map(rs.getString("details")),
                        attachments.ofEvent(rs.getLong("id"))))
                .list();
    }

    /** An attachment's bytes, if its case is in scope. */
    public Optional<Attachments.Content> attachment(long attachmentId) {
        Long caseId = jdbc.sql("select case_id from case_attachment where id = :id").param("id", attachmentId).query(Long.class).optional().orElse(null);
        if (caseId == null || details(caseId).isEmpty()) return Optional.empty();
        return attachments.content(attachmentId);
    }

    /** A timeline line's details as plain values: text, numbers, yes/no, lists of text. */
    private Map<String, Object> map(String text) {
        JsonNode node = json.readTree(text == null ? "{}" : text);
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : node.properties()) out.put(e.getKey(), value(e.getValue()));
        return out;
    }

    private static Object value(JsonNode v) {
        if (v.isString()) return v.asString();
        if (v.isBoolean()) return v.asBoolean();
        if (v.isIntegralNumber()) return v.asLong();
        if (v.isNumber()) return v.asDouble();
        if (v.isArray()) {
            List<Object> items = new java.util.ArrayList<>();
            for (JsonNode item : v) items.add(value(item));
            return items;
        }
        return v.isNull() ? null : v.toString();
    }

    /** The parties kept as JSON ([{"name", "role"}]). */
    static List<NewCase.Party> parties(JsonMapper json, String text) {
        if (text == null || text.isBlank()) return List.of();
        List<NewCase.Party> parties = new java.util.ArrayList<>();
        for (JsonNode p : json.readTree(text)) parties.add(new NewCase.Party(p.path("name").asString(""), p.path("role").asString("")));
        return parties;
    }

    static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
