package com.gridcommand.casework.internal;

import com.gridcommand.base.db.SqlArrays;
import com.gridcommand.casework.AreaReview;
import com.gridcommand.casework.Attachments;
import com.gridcommand.casework.CaseAction;
import com.gridcommand.casework.CaseAlert;
import com.gridcommand.casework.CaseCounts;
import com.gridcommand.casework.CaseDetails;
import com.gridcommand.casework.CaseEvent;
import com.gridcommand.casework.CaseFilter;
import com.gridcommand.casework.CaseListItem;
import com.gridcommand.casework.CaseStep;
import com.gridcommand.casework.CaseWorkflowService.Location;
import com.gridcommand.casework.LedgerService;
import com.gridcommand.casework.NewCase;
import com.gridcommand.casework.RoutingRules.Rule;
import com.gridcommand.casework.WorkingCalendar.CalendarDay;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.security.AccessScope;
import com.gridcommand.security.ScopeSql;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The casework module's SQL: cases for the map and the list, one case with its timeline and files, the workflow's
 * changes, routing rules and step clocks, supervision alerts, the working calendar, ledgers and the area review.
 * Every read of cases on a user's behalf is limited to the grid cells in their scope.
 */
@Component
public class CaseQueries {

    /** A case is in scope when its grid cell is. */
    private static final String IN_SCOPE = ScopeSql.cellId("k.grid_cell_id");

    /**
     * When the current step is due: its own clock, but never later than the case's 办结时限 (the deadline
     * column). A new step clock — after an escalation, a rejection, a reopening — cannot make a case that is
     * already past its 办结时限 look in time again. Null when the case is done. (least() skips nulls.)
     */
    private static final String STEP_DUE = "least(k.step_deadline, k.deadline)";

    /**
     * Overdue (超期): open and past its 办结时限. The deadline column's mark, the 仅超期 filter, the popups'
     * 超期 and the map's overdue counts all read this; a case it holds for is always {@link #LIGHT} red.
     */
    private static final String OVERDUE = "coalesce(k.step not in ('CLOSED', 'REFERRED') and :now > k.deadline, false)";

    /**
     * The supervision light, the one rule every screen shows: red once the step is due ({@link #STEP_DUE}
     * passed, so always when {@link #OVERDUE}), yellow in the last quarter of the step's time to it, green
     * before; none when done.
     */
    private static final String LIGHT = """
            case when k.step in ('CLOSED', 'REFERRED') or %1$s is null then null
                 when :now > %1$s then 'RED'
                 when :now > %1$s - (%1$s - k.step_started_at) * 0.25 then 'YELLOW'
                 else 'GREEN' end""".formatted(STEP_DUE);

    private static final String OPEN = "k.step not in ('CLOSED', 'REFERRED')";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CaseQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // ---- the map ------------------------------------------------------------------------------------------------

    /**
     * Open cases in scope in the box (only those of {@code ids} when given), by id, at most {@code limit}, with their light
     * (gov_case_open_geom_gist, a partial GiST of the open cases, serves the box).
     */
    public List<GeoFeature> openInView(Bbox b, int decimals, OffsetDateTime now, Collection<Long> ids, int limit, AccessScope scope) {
        String where = (ids == null ? "" : "k.id in (:ids) and ") + "ST_Intersects(k.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))";
        var spec = ScopeSql.bind(jdbc.sql("""
                        select %s
                          from gov_case k
                         where %s and %s and %s
                         order by k.id limit :limit""".formatted(openColumns(":decimals"), OPEN, where, IN_SCOPE)), scope)
                .param("now", now).param("decimals", decimals).param("limit", limit)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north());
        if (ids != null) spec = spec.param("ids", ids);
        return spec.query((rs, i) -> openCase(rs)).list();
    }

    private static String openColumns(String decimals) {
        return """
                k.id, k.code, k.title, k.category, k.severity, k.step, %s as overdue,
                %s as light, k.supervision, ST_AsGeoJSON(k.geom, %s) as geometry""".formatted(OVERDUE, LIGHT, decimals);
    }

    private static GeoFeature openCase(ResultSet rs) throws SQLException {
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

    /** A page of every open case in scope in the box, by id, with the count (gov_case_open_geom_gist for the box, the primary key for the order). */
    public FeaturePage openPage(FeaturePage.Request request, OffsetDateTime now, AccessScope scope) {
        String where = OPEN + " and " + request.where("k.geom", "k.id") + " and " + IN_SCOPE;
        List<GeoFeature> features = ScopeSql.bind(jdbc.sql("select " + openColumns("7") + " from gov_case k where " + where + request.cut("k.id")),
                        scope)
                .params(request.params()).param("now", now).query((rs, i) -> openCase(rs)).list();
        Long matched = request.matchedFrom(features.size());
        if (matched == null) {
            matched = ScopeSql.bind(jdbc.sql("select count(*) from gov_case k where " + where), scope)
                    .params(request.params()).query(Long.class).single();
        }
        return new FeaturePage(features, matched);
    }

    /** Where the open cases in scope lie and when the first and last were reported: ST_Extent and min/max (no index: a scan of gov_case's open rows). */
    public FeatureExtent openExtent(AccessScope scope) {
        return ScopeSql.bind(jdbc.sql(FeatureExtent.sql("k.geom", "k.reported_at", "gov_case k", OPEN + " and " + IN_SCOPE)), scope)
                .query((rs, i) -> FeatureExtent.read(rs)).single();
    }

    /** How many open cases in scope are in the box, and how many of them overdue (gov_case_open_geom_gist serves the box). */
    public CaseCounts countsIn(Bbox b, OffsetDateTime now, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select count(*) as open, count(*) filter (where %s) as overdue
                          from gov_case k
                         where k.step not in ('CLOSED', 'REFERRED') and ST_Intersects(k.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and %s"""
                        .formatted(OVERDUE, IN_SCOPE)), scope)
                .param("now", now)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query((rs, i) -> new CaseCounts(rs.getInt("open"), rs.getInt("overdue"))).single();
    }

    /** Ids of the cases in scope inside a drawn shape (GeoJSON, repaired by ST_MakeValid), by id (gov_case_geom_gist). */
    public List<Long> idsInside(String polygonGeoJson, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        with shape as (select ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(:shape), 4326)) as g)
                        select k.id from gov_case k, shape
                         where ST_GeometryType(shape.g) in ('ST_Polygon', 'ST_MultiPolygon', 'ST_GeometryCollection')
                           and ST_Intersects(k.geom, shape.g) and """ + IN_SCOPE + " order by k.id"),
                        scope)
                .param("shape", polygonGeoJson).query(Long.class).list();
    }

    /**
     * Ids of the cases in scope within {@code metres} of a point on the spheroid, by id (gov_case_geog_gist on
     * {@code geom::geography}: a distance in metres, which the geometry index cannot serve).
     */
    public List<Long> idsWithin(double lon, double lat, double metres, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select k.id from gov_case k
                         where ST_DWithin(k.geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, :m) and """
                        + IN_SCOPE + " order by k.id"), scope)
                .param("lon", lon).param("lat", lat).param("m", metres).query(Long.class).list();
    }

    // ---- the list -----------------------------------------------------------------------------------------------

    private record Where(String sql, Map<String, Object> params) {}

    /** The filter's condition on gov_case alias {@code k}, dates counted in {@code zone}. */
    private Where where(CaseFilter f, ZoneId zone) {
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

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Where w) {
        for (var e : w.params().entrySet()) spec = spec.param(e.getKey(), e.getValue());
        return spec;
    }

    /**
     * Cases in scope matching the filter, in its order, a page at a time (gov_case_reported_at, gov_case_step_deadline, gov_case_step,
     * gov_case_category and the area columns' indexes serve the filters and orders they match).
     */
    public List<CaseListItem> list(CaseFilter filter, int offset, int limit, OffsetDateTime now, ZoneId zone, AccessScope scope) {
        Where w = where(filter, zone);
        var spec = ScopeSql.bind(jdbc.sql("""
                        select k.id, k.code, k.title, k.description, k.category, k.severity, k.step, k.reported_at, k.deadline,
                               %s as overdue,
                               t.name as township, m.name as community, c.name as cell, k.version, %s as light, k.supervision,
                               ST_X(k.geom) as lon, ST_Y(k.geom) as lat
                          from gov_case k join grid_cell c on c.id = k.grid_cell_id join community m on m.id = k.community_id
                          join township t on t.id = k.township_id
                         where %s %s offset :offset limit :limit""".formatted(OVERDUE, LIGHT, w.sql(), orderBy(filter))), scope)
                .param("now", now).param("offset", offset).param("limit", limit);
        return bind(spec, w).query((rs, i) -> new CaseListItem(rs.getLong("id"), rs.getString("code"), rs.getString("title"), rs.getString("description"),
                        rs.getString("category"), rs.getInt("severity"), rs.getString("step"), rs.getObject("reported_at", OffsetDateTime.class),
                        rs.getObject("deadline", OffsetDateTime.class), rs.getBoolean("overdue"), rs.getString("township"),
                        rs.getString("community"), rs.getString("cell"), rs.getLong("version"), rs.getString("light"),
                        rs.getString("supervision"), rs.getDouble("lon"), rs.getDouble("lat")))
                .list();
    }

    /** The cases in scope matching the filter in the box (any step), at most {@code limit}, with their light (gov_case_geom_gist serves the box). */
    public List<GeoFeature> inView(CaseFilter filter, Bbox b, int decimals, int limit, OffsetDateTime now, ZoneId zone, AccessScope scope) {
        Where w = where(filter, zone);
        var spec = ScopeSql.bind(jdbc.sql("""
                        select k.id, k.code, k.title, k.severity, k.step, %s as light, ST_AsGeoJSON(k.geom, :decimals) as geometry
                          from gov_case k
                         where ST_Intersects(k.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and %s
                         limit :limit""".formatted(LIGHT, w.sql())), scope)
                .param("now", now).param("decimals", decimals).param("limit", limit)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north());
        return bind(spec, w).query((rs, i) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("code", rs.getString("code"));
            p.put("title", rs.getString("title"));
            p.put("severity", rs.getInt("severity"));
            p.put("step", rs.getString("step"));
            p.put("light", rs.getString("light"));
            return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
        }).list();
    }

    /** Where a case stands (0-based) in the filtered, sorted list of cases in scope, if it is in it (the list's indexes; the ranking reads every match). */
    public Optional<Integer> indexOf(CaseFilter filter, long id, OffsetDateTime now, ZoneId zone, AccessScope scope) {
        Where w = where(filter, zone);
        var spec = ScopeSql.bind(jdbc.sql("""
                        select n - 1 from (select k.id, row_number() over (%s) as n from gov_case k where %s) ranked where id = :target"""
                        .formatted(orderBy(filter), w.sql())), scope)
                .param("now", now).param("target", id);
        return bind(spec, w).query(Integer.class).optional();
    }

    /** How many cases in scope match the filter (the list's indexes, as they match the filter). */
    public int count(CaseFilter filter, OffsetDateTime now, ZoneId zone, AccessScope scope) {
        Where w = where(filter, zone);
        var spec = ScopeSql.bind(jdbc.sql("select count(*) from gov_case k where " + w.sql()), scope)
                .param("now", now);
        return bind(spec, w).query(Integer.class).single();
    }

    // ---- one case -----------------------------------------------------------------------------------------------

    /** A case in scope with its places, light and parties (gov_case's primary key). */
    public Optional<CaseDetails> details(long id, OffsetDateTime now, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select k.*, %s as step_due, c.name as cell, m.name as community, t.name as township,
                               %s as overdue, %s as light,
                               ST_X(k.geom) as lon, ST_Y(k.geom) as lat
                          from gov_case k
                          join grid_cell c on c.id = k.grid_cell_id
                          join community m on m.id = k.community_id
                          join township t on t.id = k.township_id
                         where k.id = :id and %s""".formatted(STEP_DUE, OVERDUE, LIGHT, IN_SCOPE)), scope)
                .param("id", id).param("now", now)
                .query((rs, i) -> new CaseDetails(rs.getLong("id"), rs.getString("code"), rs.getString("title"),
                        rs.getString("description"), rs.getString("category"), rs.getInt("severity"), rs.getString("source"),
                        rs.getString("step"), parties(rs.getString("parties")), rs.getObject("reported_at", OffsetDateTime.class),
                        rs.getObject("deadline", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class),
                        rs.getString("responsible_unit"), rs.getString("responsible_person"), rs.getString("cell"),
                        rs.getString("community"), rs.getString("township"), rs.getBoolean("overdue"), rs.getLong("version"),
                        rs.getString("level"), rs.getString("supervision"), rs.getObject("step_started_at", OffsetDateTime.class),
                        rs.getObject("step_due", OffsetDateTime.class), rs.getString("light"), rs.getString("outcome"),
                        texts(rs.getArray("joint_units")), rs.getString("referred_to"), rs.getInt("reopened"),
                        rs.getDouble("lon"), rs.getDouble("lat")))
                .optional();
    }

    /** A case's timeline, oldest first, each line with its files, whatever the scope (case_event_case (case_id, at); case_attachment_event for each line's files). */
    public List<CaseEvent> timeline(long caseId) {
        return jdbc.sql("""
                        select e.*, u.display_name as actor_name from case_event e left join app_user u on u.username = e.actor
                         where e.case_id = :id order by e.at, e.id""").param("id", caseId)
                .query((rs, i) -> new CaseEvent(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
                        rs.getString("actor_name"),
                        CaseAction.valueOf(rs.getString("action")), rs.getString("from_step") == null ? null : CaseStep.valueOf(rs.getString("from_step")),
                        CaseStep.valueOf(rs.getString("to_step")), rs.getString("note"), map(rs.getString("details")),
                        attachmentsOfEvent(rs.getLong("id"))))
                .list();
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
            List<Object> items = new ArrayList<>();
            for (JsonNode item : v) items.add(value(item));
            return items;
        }
        return v.isNull() ? null : v.toString();
    }

    /** The parties kept as JSON ([{"name", "role"}]). */
    private List<NewCase.Party> parties(String text) {
        if (text == null || text.isBlank()) return List.of();
        List<NewCase.Party> parties = new ArrayList<>();
        for (JsonNode p : json.readTree(text)) parties.add(new NewCase.Party(p.path("name").asString(""), p.path("role").asString("")));
        return parties;
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    // ---- attachments --------------------------------------------------------------------------------------------

    /** The case an attachment belongs to, if there is such an attachment (case_attachment's primary key). */
    public Optional<Long> caseOfAttachment(long attachmentId) {
        return jdbc.sql("select case_id from case_attachment where id = :id").param("id", attachmentId).query(Long.class).optional();
    }

    /** Stores an attachment's row: its bytes, or the path of the file holding them. */
    public void insertAttachment(long caseId, long eventId, String fileName, String contentType, int sizeBytes, String sha256, byte[] data,
                                 String storedPath, String actor) {
        jdbc.sql("""
                        insert into case_attachment (case_id, event_id, file_name, content_type, size_bytes, sha256, data, stored_path, created_by)
                        values (:c, :e, :n, :t, :s, :h, :d, :p, :by)""")
                .param("c", caseId).param("e", eventId).param("n", fileName).param("t", contentType)
                .param("s", sizeBytes).param("h", sha256).param("d", data).param("p", storedPath).param("by", actor).update();
    }

    /** The files of a timeline line, by id (case_attachment_event). */
    public List<Attachments.Stored> attachmentsOfEvent(long eventId) {
        return jdbc.sql("select id, file_name, content_type, size_bytes from case_attachment where event_id = :e order by id")
                .param("e", eventId).query((rs, i) -> new Attachments.Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
    }

    /** An attachment as stored: name, type, and its bytes or the path of the file holding them. */
    public record StoredFile(String fileName, String contentType, byte[] data, String storedPath) {}

    /** An attachment as stored (case_attachment's primary key). */
    public Optional<StoredFile> attachmentFile(long id) {
        return jdbc.sql("select file_name, content_type, data, stored_path from case_attachment where id = :id").param("id", id)
                .query((rs, i) -> new StoredFile(rs.getString("file_name"), rs.getString("content_type"), rs.getBytes("data"), rs.getString("stored_path")))
                .optional();
    }

    // ---- the workflow -------------------------------------------------------------------------------------------

    /** The cell a point falls in (locate_grid_cell: grid_cell_geom_gist, the lower code on a shared boundary), with its community and township. */
    public Optional<Location> locate(double lon, double lat) {
        return jdbc.sql("""
                        select c.id, c.code, c.name as cell, m.name as community, t.name as township
                          from grid_cell c join community m on m.id = c.community_id join township t on t.id = m.township_id
                         where c.id = locate_grid_cell(ST_SetSRID(ST_MakePoint(:lon, :lat), 4326))""")
                .param("lon", lon).param("lat", lat)
                .query((rs, i) -> new Location(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional();
    }

    /** A case to register, as it is stored. */
    public record NewRow(String code, String title, String description, String category, int severity, String source, String partiesJson,
                         OffsetDateTime reportedAt, OffsetDateTime deadline, String unit, String level, OffsetDateTime stepDeadline,
                         String registeredBy, double lon, double lat) {}

    /** Stores a registered case in INTAKE (the database's trigger places it in its cell, community and township); its id. */
    public long insertCase(NewRow c) {
        return jdbc.sql("""
                        insert into gov_case (code, title, description, category, severity, source, step, parties, reported_at, deadline,
                                              responsible_unit, level, step_started_at, step_deadline, registered_by, geom)
                        values (:code, :title, :description, :category, :severity, :source, 'INTAKE', :parties::jsonb, :now, :deadline,
                                :unit, :level, :now, :stepDeadline, :by, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326))
                        returning id""")
                .param("code", c.code()).param("title", c.title()).param("description", c.description())
                .param("category", c.category()).param("severity", c.severity()).param("source", c.source())
                .param("parties", c.partiesJson()).param("now", c.reportedAt()).param("deadline", c.deadline())
                .param("unit", c.unit()).param("level", c.level()).param("stepDeadline", c.stepDeadline())
                .param("by", c.registeredBy()).param("lon", c.lon()).param("lat", c.lat())
                .query(Long.class).single();
    }

    /** The next serial of a day's case codes, counted on from the codes already there (case_code_counter's primary key; gov_case_code_key for the first of a day). */
    public int nextCodeSerial(LocalDate day, String prefix) {
        return jdbc.sql("""
                        insert into case_code_counter (day, last)
                        values (:day, (select coalesce(max(substring(code from 12)::int), 0) + 1 from gov_case where code like :prefix || '%'))
                        on conflict (day) do update set last = case_code_counter.last + 1
                        returning last""")
                .param("day", day).param("prefix", prefix).query(Integer.class).single();
    }

    /** Who reported the result under review: the account of the case's last report (case_event_case). */
    public Optional<String> reportedBy(long caseId) {
        return jdbc.sql("select actor from case_event where case_id = :id and action = 'REPORT' order by at desc, id desc limit 1")
                .param("id", caseId).query(String.class).optional();
    }

    /** A case as the workflow reads it before changing it. */
    public record CaseRow(long id, String code, CaseStep step, long version, String level, String unit, String township,
                          String community, String category, int severity, OffsetDateTime deadline) {
        public CaseRow withDeadline(OffsetDateTime d) {
            return new CaseRow(id, code, step, version, level, unit, township, community, category, severity, d);
        }
    }

    private static final String CASE_ROW = """
            select k.id, k.code, k.step, k.version, k.level, k.responsible_unit, t.name as township, m.name as community,
                   k.category, k.severity, k.deadline
              from gov_case k join township t on t.id = k.township_id join community m on m.id = k.community_id""";

    private static final RowMapper<CaseRow> ROW = (rs, i) -> new CaseRow(rs.getLong("id"), rs.getString("code"),
            CaseStep.valueOf(rs.getString("step")), rs.getLong("version"), rs.getString("level"), rs.getString("responsible_unit"),
            rs.getString("township"), rs.getString("community"), rs.getString("category"), rs.getInt("severity"),
            rs.getObject("deadline", OffsetDateTime.class));

    /** A case in scope as the workflow reads it (gov_case's primary key). */
    public Optional<CaseRow> caseRow(long id, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql(CASE_ROW + " where k.id = :id and " + IN_SCOPE), scope).param("id", id).query(ROW).optional();
    }

    /** A case as the workflow reads it, whatever the scope (gov_case's primary key). */
    public CaseRow caseRowUnscoped(long id) {
        return jdbc.sql(CASE_ROW + " where k.id = :id").param("id", id).query(ROW).single();
    }

    /** What a step changes on the case besides its step and clock. */
    public sealed interface Change {
        /** Nothing else. */
        record None() implements Change {}
        /** 分流: the responsible unit and person (null: none). */
        record Route(String unit, String person) implements Change {}
        /** 报结: the outcome reported. */
        record Outcome(String outcome) implements Change {}
        /** 回访: the case is done now. */
        record Close() implements Change {}
        /** 上报: the level above and its unit; no person yet. */
        record Escalate(String level, String unit) implements Change {}
        /** 导访: the body it is referred to. */
        record Refer(String body) implements Change {}
        /** 联合调解: the departments handling it together, as typed. */
        record Joint(List<String> units) implements Change {}
        /** Reopened, with a fresh deadline. */
        record Reopen(OffsetDateTime deadline) implements Change {}
        /** 督办级别. */
        record Supervise(String level) implements Change {}
        /** The registration details corrected. */
        record Correct(String title, String description, String category, int severity) implements Change {}
    }

    /**
     * Moves a case to a step if it is still at {@code version}: the step, its clock when {@code stepChanges}, and the change;
     * the rows changed, 0 or 1 (gov_case's primary key).
     */
    public int updateCase(long id, long version, CaseStep to, OffsetDateTime now, boolean stepChanges, OffsetDateTime stepStarted,
                          OffsetDateTime stepDeadline, Change change) {
        Map<String, Object> params = new HashMap<>();
        String set = switch (change) {
            case Change.None n -> null;
            case Change.Route r -> {
                params.put("unit", r.unit());
                params.put("person", r.person());
                yield "responsible_unit = :unit, responsible_person = :person";
            }
            case Change.Outcome o -> {
                params.put("outcome", o.outcome());
                yield "outcome = :outcome";
            }
            case Change.Close c -> "closed_at = :now";
            case Change.Escalate e -> {
                params.put("level", e.level());
                params.put("unit", e.unit());
                yield "level = :level, responsible_unit = :unit, responsible_person = null";
            }
            case Change.Refer r -> {
                params.put("body", r.body());
                yield "referred_to = :body";
            }
            case Change.Joint j -> {
                params.put("units", SqlArrays.text(j.units()));
                yield "joint_units = :units::text[]";
            }
            case Change.Reopen r -> {
                params.put("deadline", r.deadline());
                yield "closed_at = null, reopened = reopened + 1, referred_to = null, deadline = :deadline";
            }
            case Change.Supervise s -> {
                params.put("supervision", s.level());
                yield "supervision = :supervision";
            }
            case Change.Correct c -> {
                params.put("title", c.title());
                params.put("description", c.description());
                params.put("category", c.category());
                params.put("severity", c.severity());
                yield "title = :title, description = :description, category = :category, severity = :severity";
            }
        };
        StringBuilder sql = new StringBuilder("update gov_case set step = :to, version = version + 1, updated_at = :now");
        if (stepChanges) sql.append(", step_started_at = :stepStarted, step_deadline = :stepDeadline");
        if (set != null) sql.append(", ").append(set);
        sql.append(" where id = :id and version = :version");
        var spec = jdbc.sql(sql.toString()).param("to", to.name()).param("now", now).param("id", id).param("version", version);
        if (stepChanges) spec = spec.param("stepStarted", stepStarted).param("stepDeadline", stepDeadline);
        for (var p : params.entrySet()) spec = spec.param(p.getKey(), p.getValue());
        return spec.update();
    }

    /** Adds a line to a case's timeline; its id. */
    public long insertEvent(long caseId, OffsetDateTime at, String actor, CaseAction action, CaseStep from, CaseStep to, String note, String detailsJson) {
        return jdbc.sql("""
                        insert into case_event (case_id, at, actor, action, from_step, to_step, note, details)
                        values (:c, :at, :actor, :action, :from, :to, :note, :details::jsonb) returning id""")
                .param("c", caseId).param("at", at).param("actor", actor).param("action", action.name())
                .param("from", from == null ? null : from.name()).param("to", to.name())
                .param("note", note).param("details", detailsJson)
                .query(Long.class).single();
    }

    // ---- routing rules and step clocks --------------------------------------------------------------------------

    private static final RowMapper<Rule> RULE = (rs, i) -> new Rule(rs.getLong("id"), rs.getString("category"), rs.getInt("min_severity"),
            rs.getString("unit_template"), rs.getString("level"), rs.getInt("working_days"), rs.getLong("version"));

    /** Every routing rule, any-category first, by minimum severity (no index: a scan of routing_rule, a dozen rows). */
    public List<Rule> rules() {
        return jdbc.sql("select * from routing_rule order by category nulls first, min_severity").query(RULE).list();
    }

    /** The most specific rule for a category and severity: a higher minimum severity first, then a category over "any" (no index: a scan of routing_rule, a dozen rows). */
    public Optional<Rule> ruleFor(String category, int severity) {
        return jdbc.sql("""
                        select * from routing_rule where (category = :c or category is null) and min_severity <= :s
                         order by min_severity desc, (category is not null) desc limit 1""")
                .param("c", category).param("s", severity)
                .query(RULE).optional();
    }

    /** The working days of a step's own clock, if it has one (step_clock's primary key). */
    public Optional<Integer> stepWorkingDays(CaseStep step) {
        return jdbc.sql("select working_days from step_clock where step = :s").param("s", step.name()).query(Integer.class).optional();
    }

    /** Whether another rule has this category and minimum severity (routing_rule's unique (category, min_severity)). */
    public boolean ruleClashes(String category, int minSeverity, long id) {
        return jdbc.sql("select exists (select 1 from routing_rule where category is not distinct from :c and min_severity = :s and id <> :id)")
                .param("c", category).param("s", minSeverity).param("id", id).query(Boolean.class).single();
    }

    /** Stores a new rule. */
    public void insertRule(String category, int minSeverity, String unitTemplate, String level, int workingDays) {
        jdbc.sql("insert into routing_rule (category, min_severity, unit_template, level, working_days) values (:c, :s, :u, :l, :d)")
                .param("c", category).param("s", minSeverity).param("u", unitTemplate)
                .param("l", level).param("d", workingDays).update();
    }

    /** Changes a rule if it is still at {@code version}; the rows changed, 0 or 1 (routing_rule's primary key). */
    public int updateRule(long id, long version, String category, int minSeverity, String unitTemplate, String level, int workingDays) {
        return jdbc.sql("""
                        update routing_rule set category = :c, min_severity = :s, unit_template = :u, level = :l, working_days = :d,
                               version = version + 1 where id = :id and version = :v""")
                .param("c", category).param("s", minSeverity).param("u", unitTemplate)
                .param("l", level).param("d", workingDays).param("id", id).param("v", version).update();
    }

    /** Removes a rule if it is still at {@code version}; the rows removed, 0 or 1 (routing_rule's primary key). */
    public int deleteRule(long id, long version) {
        return jdbc.sql("delete from routing_rule where id = :id and version = :v").param("id", id).param("v", version).update();
    }

    /** Whether the rule for any category at severity 1 is there (routing_rule's unique (category, min_severity)). */
    public boolean catchAllRulePresent() {
        return jdbc.sql("select exists (select 1 from routing_rule where category is null and min_severity = 1)").query(Boolean.class).single();
    }

    /** The working days of each step that has its own clock (no index: a scan of step_clock, 4 rows). */
    public Map<CaseStep, Integer> stepClocks() {
        Map<CaseStep, Integer> clocks = new EnumMap<>(CaseStep.class);
        jdbc.sql("select step, working_days from step_clock").query(rs -> {
            clocks.put(CaseStep.valueOf(rs.getString(1)), rs.getInt(2));
        });
        return clocks;
    }

    /** Sets a step's clock; the rows changed, 0 when the step has none (step_clock's primary key). */
    public int setStepClock(CaseStep step, int workingDays) {
        return jdbc.sql("update step_clock set working_days = :d where step = :s").param("d", workingDays).param("s", step.name()).update();
    }

    // ---- supervision --------------------------------------------------------------------------------------------

    /** Raises an alert of a kind for every open case whose light is {@code light}, once per case, step and kind; how many were new (no index: the light is computed, so a scan of gov_case's open rows). */
    public int raiseAlerts(String light, String kind, OffsetDateTime now) {
        return jdbc.sql("""
                        insert into case_alert (case_id, step, kind, raised_at, step_started_at)
                        select k.id, k.step, :kind, :now, k.step_started_at from gov_case k
                         where k.step not in ('CLOSED', 'REFERRED') and k.step_started_at is not null and (%s) = :light
                        on conflict do nothing""".formatted(LIGHT))
                .param("kind", kind).param("now", now).param("light", light).update();
    }

    /** A case past its step's own deadline, below the city's level. */
    public record Late(long id, OffsetDateTime stepDeadline, String level) {}

    /** The routing and handling cases below city level past their step's own deadline, by id (gov_case_step_deadline, a partial index of the open steps' deadlines). */
    public List<Late> pastStepDeadline(OffsetDateTime now) {
        return jdbc.sql("""
                        select id, step_deadline, level from gov_case
                         where step in ('ROUTING', 'SUPERVISION') and level <> 'CITY' and step_deadline < :now order by id""")
                .param("now", now)
                .query((rs, i) -> new Late(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3))).list();
    }

    /** Records that a case was escalated automatically, once per case and step (gov_case's primary key; case_alert's unique key). */
    public void alertEscalated(long caseId, OffsetDateTime now) {
        jdbc.sql("""
                        insert into case_alert (case_id, step, kind, raised_at, step_started_at)
                        select id, step, 'ESCALATED', :now, step_started_at from gov_case where id = :id
                        on conflict do nothing""")
                .param("now", now).param("id", caseId).update();
    }

    private static final String ALERT = """
            select a.id, a.case_id, k.code, k.title, a.step, a.kind, a.raised_at, t.name as township, m.name as community
              from case_alert a join gov_case k on k.id = a.case_id
              join township t on t.id = k.township_id join community m on m.id = k.community_id
            """;

    private static CaseAlert alert(ResultSet rs, int i) throws SQLException {
        return new CaseAlert(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getString(8), rs.getString(9));
    }

    /** The alerts in scope raised since a time on cases still open in that step, newest first (case_alert_raised). */
    public List<CaseAlert> alertsSince(OffsetDateTime since, int limit, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql(ALERT + " where a.raised_at >= :since and k.step not in ('CLOSED', 'REFERRED') and a.step = k.step and "
                        + IN_SCOPE + " order by a.raised_at desc, a.id desc limit :limit"), scope)
                .param("since", since).param("limit", limit)
                .query(CaseQueries::alert)
                .list();
    }

    /** One alert, if its case is in scope (case_alert's primary key). */
    public Optional<CaseAlert> alert(long id, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql(ALERT + " where a.id = :id and " + IN_SCOPE), scope)
                .param("id", id)
                .query(CaseQueries::alert)
                .optional();
    }

    // ---- the working calendar -----------------------------------------------------------------------------------

    /** Every marked day and its kind (no index: a scan of calendar_day, a few dozen rows a year). */
    public Map<LocalDate, String> calendarDays() {
        Map<LocalDate, String> days = new HashMap<>();
        jdbc.sql("select day, kind from calendar_day").query(rs -> {
            days.put(rs.getObject(1, LocalDate.class), rs.getString(2));
        });
        return days;
    }

    /** The marked days of a year, by day (no index: a scan of calendar_day, a few dozen rows a year). */
    public List<CalendarDay> calendarYear(int year) {
        return jdbc.sql("select day, kind, name from calendar_day where extract(year from day) = :y order by day").param("y", year)
                .query((rs, i) -> new CalendarDay(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3))).list();
    }

    /** Marks a day a holiday or a working day, replacing its mark (calendar_day's primary key). */
    public void markDay(LocalDate day, String kind, String name) {
        jdbc.sql("insert into calendar_day (day, kind, name) values (:d, :k, :n) on conflict (day) do update set kind = :k, name = :n")
                .param("d", day).param("k", kind).param("n", name).update();
    }

    /** Removes a day's mark (calendar_day's primary key). */
    public void unmarkDay(LocalDate day) {
        jdbc.sql("delete from calendar_day where day = :d").param("d", day).update();
    }

    // ---- ledgers ------------------------------------------------------------------------------------------------

    /** A township by code, if one of its cells is in scope (township_code_key). */
    public Optional<LedgerService.Station> townshipStation(String code, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select t.id, t.code, t.name from township t
                         where t.code = :code and exists (select 1 from community m join grid_cell k on k.community_id = m.id
                                                           where m.township_id = t.id and %s)""".formatted(ScopeSql.cellId("k.id"))), scope)
                .param("code", code)
                .query((rs, i) -> new LedgerService.Station(LedgerService.StationLevel.TOWNSHIP, rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /** A community by code, if one of its cells is in scope (community_code_key). */
    public Optional<LedgerService.Station> communityStation(String code, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select m.id, m.code, m.name from community m
                         where m.code = :code and exists (select 1 from grid_cell k where k.community_id = m.id and %s)"""
                        .formatted(ScopeSql.cellId("k.id"))), scope)
                .param("code", code)
                .query((rs, i) -> new LedgerService.Station(LedgerService.StationLevel.COMMUNITY, rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    private static String ledgerWhere(LedgerService.Station station) {
        String stationColumn = station.level() == LedgerService.StationLevel.TOWNSHIP ? "k.township_id" : "k.community_id";
        return stationColumn + " = :station and k.reported_at >= :start and k.reported_at < :end and " + IN_SCOPE;
    }

    /** How many cases in scope a station registered from {@code start} to {@code end} (gov_case_township or gov_case_community, gov_case_reported_at). */
    public int ledgerCount(LedgerService.Station station, OffsetDateTime start, OffsetDateTime end, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("select count(*) from gov_case k where " + ledgerWhere(station)), scope)
                .param("station", station.id()).param("start", start).param("end", end).query(Integer.class).single();
    }

    /** The ledger's cases in scope, in registration order, each with its last follow-up's satisfaction (as {@link #ledgerCount}; case_event_case for the follow-up). */
    public List<LedgerService.Row> ledgerRows(LedgerService.Station station, OffsetDateTime start, OffsetDateTime end, OffsetDateTime now,
                                              AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select k.id, k.code, k.title, k.category, k.severity, k.source,
                               k.parties,
                               k.reported_at, t.name as township, m.name as community, c.name as cell, k.step, k.level, k.supervision,
                               k.responsible_unit, k.responsible_person, k.deadline, k.closed_at,
                               extract(epoch from (coalesce(k.closed_at, :now) - k.reported_at)) / 86400.0 as days,
                               coalesce(k.deadline < coalesce(k.closed_at, case when k.step in ('CLOSED', 'REFERRED') then null else :now end), false) as overdue,
                               k.outcome,
                               (select (e.details->>'satisfied')::boolean from case_event e
                                 where e.case_id = k.id and e.action = 'FOLLOW_UP' order by e.at desc, e.id desc limit 1) as satisfied,
                               k.registered_by, u.display_name as registered_by_name
                          from gov_case k join grid_cell c on c.id = k.grid_cell_id join community m on m.id = k.community_id
                          join township t on t.id = k.township_id left join app_user u on u.username = k.registered_by
                        """ + " where " + ledgerWhere(station) + " order by k.reported_at, k.id"), scope)
                .param("station", station.id()).param("start", start).param("end", end).param("now", now)
                .query((rs, i) -> new LedgerService.Row(rs.getLong("id"), rs.getString("code"), rs.getString("title"), rs.getString("category"),
                        rs.getInt("severity"), rs.getString("source"), parties(rs.getString("parties")), rs.getObject("reported_at", OffsetDateTime.class),
                        rs.getString("township"), rs.getString("community"), rs.getString("cell"), rs.getString("step"), rs.getString("level"),
                        rs.getString("supervision"), rs.getString("responsible_unit"), rs.getString("responsible_person"),
                        rs.getObject("deadline", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class),
                        Math.max(0, rs.getDouble("days")), rs.getBoolean("overdue"), rs.getString("outcome"),
                        (Boolean) rs.getObject("satisfied"), rs.getString("registered_by"),
                        rs.getString("registered_by_name")))
                .list();
    }

    /** Every step of the ledger's cases, in the cases' order and then the steps' (as {@link #ledgerCount}; case_event_case for the steps). */
    public List<LedgerService.Step> ledgerSteps(LedgerService.Station station, OffsetDateTime start, OffsetDateTime end, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select k.code, e.at, e.action, e.from_step, e.to_step, e.actor, u.display_name, e.note
                          from case_event e join gov_case k on k.id = e.case_id left join app_user u on u.username = e.actor
                        """ + " where " + ledgerWhere(station) + " order by k.reported_at, k.id, e.at, e.id"), scope)
                .param("station", station.id()).param("start", start).param("end", end)
                .query((rs, i) -> new LedgerService.Step(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
    }

    // ---- the area review ----------------------------------------------------------------------------------------

    /**
     * The month's figures of the areas of a level in scope (inside one parent when {@code parentId} is given), by code
     * (gov_case_reported_at reads the month's cases once; the open overdue ones are a scan of gov_case's open rows).
     */
    public List<AreaReview.Row> areaMonth(AreaReview.Level level, OffsetDateTime from, OffsetDateTime to, OffsetDateTime now, Long parentId,
                                          AccessScope accessScope) {
        String area = switch (level) {
            case TOWNSHIP -> "township a";
            case COMMUNITY -> "community a";
            case GRID_CELL -> "grid_cell a";
        };
        String column = switch (level) {
            case TOWNSHIP -> "township_id";
            case COMMUNITY -> "community_id";
            case GRID_CELL -> "grid_cell_id";
        };
        String scope = switch (level) {
            case TOWNSHIP -> ScopeSql.townshipId("a.id");
            case COMMUNITY -> ScopeSql.communityId("a.id");
            case GRID_CELL -> ScopeSql.cellId("a.id");
        };
        String name = "a.name";
        if (parentId != null) {
            scope += switch (level) {
                case TOWNSHIP -> throw new IllegalArgumentException("townships have no parent area here");
                case COMMUNITY -> " and a.township_id = :parent";
                case GRID_CELL -> " and a.community_id = :parent";
            };
        }
        // The month's cases and the open overdue ones are each read once (the month by its date index) and grouped
        // per area, then joined to the areas: per area, the case index would read every case the area ever had.
        var statement = ScopeSql.bind(jdbc.sql("""
                        with m as (
                            select k.%3$s as area, count(*) as cases, count(k.closed_at) as closed,
                                   count(k.closed_at) filter (where k.deadline is not null and k.closed_at <= k.deadline) as on_time,
                                   percentile_cont(0.5) within group (order by extract(epoch from k.closed_at - k.reported_at) / 3600)
                                       filter (where k.closed_at is not null) as median,
                                   percentile_cont(0.9) within group (order by extract(epoch from k.closed_at - k.reported_at) / 3600)
                                       filter (where k.closed_at is not null) as p90
                              from gov_case k where k.reported_at >= :from and k.reported_at < :to group by 1),
                        o as (select o.%3$s as area, count(*) as overdue from gov_case o
                               where o.step not in ('CLOSED', 'REFERRED') and o.deadline < :now group by 1)
                        select a.id, a.code, %1$s as name, coalesce(m.cases, 0) as cases, coalesce(m.closed, 0) as closed,
                               coalesce(m.on_time, 0) as on_time, m.median, m.p90, coalesce(o.overdue, 0) as overdue
                          from %2$s left join m on m.area = a.id left join o on o.area = a.id
                         where %4$s order by a.code""".formatted(name, area, column, scope)), accessScope);
        if (parentId != null) statement = statement.param("parent", parentId);
        return statement.param("from", from).param("to", to).param("now", now)
                .query((rs, i) -> new AreaReview.Row(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getInt("cases"), rs.getInt("closed"),
                        rs.getInt("on_time"), (Double) rs.getObject("median"), (Double) rs.getObject("p90"), rs.getInt("overdue")))
                .list();
    }
}
