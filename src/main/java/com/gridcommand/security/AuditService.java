package com.gridcommand.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the audit trail — who changed what, when, from what to what — for leaders and administrators,
 * limited to their areas; exports it. Writing happens in the database (triggers), never through here,
 * except the one line a bulk import leaves.
 */
@Service
@Transactional(readOnly = true)
public class AuditService {

    private final JdbcClient jdbc;
    private final CurrentUser current;
    private final JsonMapper json;

    AuditService(JdbcClient jdbc, CurrentUser current, JsonMapper json) {
        this.jdbc = jdbc;
        this.current = current;
        this.json = json;
    }

    /** One change. {@code changes} lists the fields that differ: "field: before → after". */
    public record AuditEntry(long id, OffsetDateTime at, String actor, String action, String entity, Long entityId,
                             String township, List<String> changes) {}

    /** What to look for; null fields do not filter. */
    public record AuditQuery(OffsetDateTime from, OffsetDateTime to, String entity, String actor) {
        public static AuditQuery all() {
            return new AuditQuery(null, null, null, null);
        }
    }

    /**
     * Rows of the caller's areas: rows tied to a grid cell in scope, or to a township wholly in scope;
     * rows tied to no area (accounts, devices, imports) only for the whole city.
     */
    private String where(AuditQuery q) {
        return """
                where (%s or (a.township_id is not null and exists (select 1 from township scope_t
                        where scope_t.id = a.township_id and scope_t.code like any (array[:scopeTownships]::text[])))
                       or (a.grid_cell_id is null and a.township_id is null and :city))
                  and (cast(:from as timestamptz) is null or a.at >= :from)
                  and (cast(:to as timestamptz) is null or a.at < :to)
                  and (cast(:entity as text) is null or a.entity = :entity)
                  and (cast(:actor as text) is null or a.actor = :actor)
                """.formatted("(a.grid_cell_id is not null and " + ScopeSql.cellId("a.grid_cell_id") + ")");
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, AuditQuery q, AccessScope scope) {
        return ScopeSql.bind(spec, scope).param("city", scope.isCity())
                .param("from", q.from()).param("to", q.to()).param("entity", q.entity()).param("actor", q.actor());
    }

    public long count(AuditQuery q) {
        AccessScope scope = current.require(Role.LEADER, Role.ADMIN).scope();
        return bind(jdbc.sql("select count(*) from audit_event a " + where(q)), q, scope).query(Long.class).single();
    }

    public List<AuditEntry> find(AuditQuery q, int offset, int limit) {
        AccessScope scope = current.require(Role.LEADER, Role.ADMIN).scope();
        return bind(jdbc.sql("""
                        select a.id, a.at, a.actor, a.action, a.entity, a.entity_id, t.name as township, a.before, a.after
                          from audit_event a left join township t on t.id = a.township_id
                        """ + where(q) + " order by a.at desc, a.id desc offset :offset limit :limit"), q, scope)
                .param("offset", offset).param("limit", Math.min(limit, 1000))
                .query((rs, i) -> new AuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
                        rs.getString("action"), rs.getString("entity"), (Long) rs.getObject("entity_id"), rs.getString("township"),
                        changes(rs.getString("before"), rs.getString("after"))))
                .list();
    }

    /** UTF-8 CSV with a byte-order mark, so spreadsheet programs open the Chinese text correctly. */
    public void exportCsv(AuditQuery q, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        writer.write("id,时间 time,操作人 actor,操作 action,对象 entity,对象编号 entity_id,乡镇 township,变更 changes\r\n");
        DateTimeFormatter format = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        int offset = 0;
        for (List<AuditEntry> page; !(page = find(q, offset, 1000)).isEmpty(); offset += page.size()) {
            for (AuditEntry e : page) {
                writer.write(String.join(",", String.valueOf(e.id()), csv(format.format(e.at())), csv(e.actor()), csv(e.action()),
                        csv(e.entity()), e.entityId() == null ? "" : e.entityId().toString(), csv(e.township()), csv(String.join("; ", e.changes()))));
                writer.write("\r\n");
            }
        }
        writer.flush();
    }

    /** The line a bulk import leaves (its rows are not audited one by one). */
    @Transactional
    public void recordImport(String source, Map<String, Integer> stored) {
        jdbc.sql("insert into audit_event (actor, action, entity, after) values (audit_actor(), 'IMPORT', 'gis-data', :after::jsonb)")
                .param("after", json.writeValueAsString(Map.of("source", source, "stored", stored))).update();
    }

    private List<String> changes(String before, String after) {
        JsonNode b = before == null ? null : json.readTree(before);
        JsonNode a = after == null ? null : json.readTree(after);
        TreeSet<String> fields = new TreeSet<>();
        if (b != null) fields.addAll(b.propertyNames());
        if (a != null) fields.addAll(a.propertyNames());
        List<String> changes = new ArrayList<>();
        for (String field : fields) {
            if (field.equals("geom") || field.equals("position") || field.equals("version")) {
                if (b != null && a != null && !b.path(field).equals(a.path(field)) && !field.equals("version")) changes.add(field + ": changed");
                continue;
            }
            JsonNode before1 = b == null ? null : b.get(field), after1 = a == null ? null : a.get(field);
            if (b != null && a != null && java.util.Objects.equals(before1, after1)) continue;
            changes.add(field + ": " + text(before1) + " → " + text(after1));
        }
        return changes;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) return "∅";
        String s = node.isString() ? node.asString() : node.toString();
        return s.length() > 120 ? s.substring(0, 117) + "…" : s;
    }

    /** A CSV field; a leading formula character is neutralised (CSV injection into spreadsheets). */
    static String csv(String value) {
        if (value == null) return "";
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
