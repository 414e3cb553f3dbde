package com.gridcommand.security;

import com.gridcommand.base.i18n.Formats;
import com.gridcommand.security.internal.SecurityQueries;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
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

    private final SecurityQueries queries;
    private final CurrentUser current;
    private final JsonMapper json;
    private final Clock clock;

    AuditService(SecurityQueries queries, CurrentUser current, JsonMapper json, Clock clock) {
        this.queries = queries;
        this.current = current;
        this.json = json;
        this.clock = clock;
    }

    /** One field of a change, as stored (JSON); {@code shape} for geometry, whose values are not shown. */
    public record Change(String field, JsonNode before, JsonNode after, boolean shape) {}

    /**
     * One change: who (the account, and its name if a person's), what, and the fields that differ.
     * {@link #describe} reads them for people; {@link #changes} is the stored form, for logs and tests.
     */
    public record AuditEntry(long id, OffsetDateTime at, String actor, String actorName, String action, String entity, Long entityId,
                             String township, List<Change> fields) {

        /** The fields that differ as stored: "field: before → after". */
        public List<String> changes() {
            return fields.stream().map(c -> c.shape() ? c.field() + ": changed" : c.field() + ": " + text(c.before()) + " → " + text(c.after()))
                    .toList();
        }

        /** The fields that differ in words: field labels, values by their labels, times in the city's zone. */
        public List<String> describe(Formats f) {
            return fields.stream().map(c -> AuditValues.describe(f, entity, c)).toList();
        }

        /** Who changed it, in words: a person's name and account, or what the system's own worker is. */
        public String who(Formats f) {
            return f.actor(actor, actorName);
        }

        /** What was changed: the kind of thing and its number (派遣 #12). */
        public String what(Formats f) {
            return f.entity(entity) + (entityId == null ? "" : " #" + entityId);
        }
    }

    /** What to look for; null fields do not filter. */
    public record AuditQuery(OffsetDateTime from, OffsetDateTime to, String entity, String actor) {
        public static AuditQuery all() {
            return new AuditQuery(null, null, null, null);
        }
    }

    public long count(AuditQuery q) {
        AccessScope scope = current.require(Role.LEADER, Role.ADMIN).scope();
        return queries.countAudit(q, scope);
    }

    public List<AuditEntry> find(AuditQuery q, int offset, int limit) {
        AccessScope scope = current.require(Role.LEADER, Role.ADMIN).scope();
        return queries.findAudit(q, scope, offset, Math.min(limit, 1000)).stream()
                .map(r -> new AuditEntry(r.id(), r.at(), r.actor(), r.actorName(), r.action(), r.entity(), r.entityId(), r.township(),
                        changes(r.before(), r.after())))
                .toList();
    }

    /** The tables whose changes the trail holds (those with the audit trigger), and the bulk import's line. */
    public List<String> entities() {
        current.require(Role.LEADER, Role.ADMIN);
        List<String> tables = new ArrayList<>(queries.auditedTables());
        tables.add("gis-data");
        return tables;
    }

    /**
     * UTF-8 CSV with a byte-order mark, so spreadsheet programs open the Chinese text correctly; the rows read as
     * the screen shows them, in Chinese (an export is a record): times in the city's zone, names, labels.
     */
    public void exportCsv(AuditQuery q, OutputStream out) throws IOException {
        Formats zh = Formats.chinese(clock.getZone());
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        writer.write("id,时间 time,操作人 actor,操作 action,对象 entity,对象编号 entity_id,乡镇 township,变更 changes\r\n");
        int offset = 0;
        for (List<AuditEntry> page; !(page = find(q, offset, 1000)).isEmpty(); offset += page.size()) {
            for (AuditEntry e : page) {
                writer.write(String.join(",", String.valueOf(e.id()), csv(zh.dateTimeSeconds(e.at())), csv(e.who(zh)),
                        csv(zh.label("audit.action", e.action())), csv(zh.entity(e.entity())), e.entityId() == null ? "" : e.entityId().toString(),
                        csv(e.township()), csv(String.join("；", e.describe(zh)))));
                writer.write("\r\n");
            }
        }
        writer.flush();
    }

    /** The line a bulk import leaves (its rows are not audited one by one). */
    @Transactional
    public void recordImport(String source, Map<String, Integer> stored) {
        queries.insertImportLine(source, stored);
    }

    private List<Change> changes(String before, String after) {
        JsonNode b = before == null ? null : json.readTree(before);
        JsonNode a = after == null ? null : json.readTree(after);
        TreeSet<String> fields = new TreeSet<>();
        if (b != null) fields.addAll(b.propertyNames());
        if (a != null) fields.addAll(a.propertyNames());
        List<Change> changes = new ArrayList<>();
        for (String field : fields) {
            JsonNode before1 = b == null ? null : b.get(field), after1 = a == null ? null : a.get(field);
            if (field.equals("geom") || field.equals("position") || field.equals("version")) {
                if (b != null && a != null && !b.path(field).equals(a.path(field)) && !field.equals("version")) {
                    changes.add(new Change(field, before1, after1, true));
                }
                continue;
            }
            if (b != null && a != null && java.util.Objects.equals(before1, after1)) continue;
            changes.add(new Change(field, before1, after1, false));
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
