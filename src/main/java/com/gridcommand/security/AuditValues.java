package com.gridcommand.security;

import com.gridcommand.base.i18n.Formats;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The audit trail's stored values as people read them: a field by its label (audit.column.…), a code by
 * the label of its kind (gov_case.step INTAKE → 受理登记), a time in the city's zone, yes/no, an account
 * by its name, parties with their roles, a shape as "changed". The trail keeps rows of every module's
 * tables; which catalogue prefix labels a column's codes is written down here, once.
 */
final class AuditValues {

    /** table.column (or column, for every table) → the catalogue prefix of its values' labels. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("gov_case.step", "case.step"), Map.entry("step_clock.step", "case.step"),
            Map.entry("category", "case.category"), Map.entry("severity", "case.severity"), Map.entry("min_severity", "case.severity"),
            Map.entry("gov_case.source", "case.source"), Map.entry("gov_case.level", "level"), Map.entry("routing_rule.level", "level"),
            Map.entry("emergency.level", "emergency.level"), Map.entry("supervision", "supervision"),
            Map.entry("role", "role"), Map.entry("scope_kind", "scope"),
            Map.entry("assignment.status", "assignment.status"), Map.entry("responder.status", "responder.status"),
            Map.entry("hotspot.status", "hotspot.status"), Map.entry("from_status", "hotspot.status"), Map.entry("to_status", "hotspot.status"),
            Map.entry("camera.status", "camera.status"), Map.entry("assignment.eta_method", "travel.method"),
            Map.entry("responder.kind", "responder.kind"), Map.entry("key_place.kind", "place.kind"), Map.entry("camera.kind", "camera.kind"),
            Map.entry("township.kind", "township.kind"), Map.entry("community.kind", "community.kind"),
            Map.entry("emergency.kind", "emergency.kind"), Map.entry("calendar_day.kind", "rules.kind"),
            Map.entry("patrol_route.team_kind", "route.team"), Map.entry("road_segment.road_class", "road.class"));

    /** Columns that hold an account (or the system's own worker). */
    private static final Set<String> ACTORS = Set.of("registered_by", "assigned_by", "ended_by", "declared_by", "created_by", "reviewer");

    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*");

    private AuditValues() {
    }

    static String describe(Formats f, String table, AuditService.Change c) {
        String label = f.column(table, c.field());
        if (c.shape()) return f.t("audit.change.shape", label);
        return f.t("audit.change", label, value(f, table, c.field(), c.before()), value(f, table, c.field(), c.after()));
    }

    static String value(Formats f, String table, String column, JsonNode v) {
        if (v == null || v.isNull()) return f.t("audit.empty");
        if (v.isBoolean()) return f.yesNo(v.asBoolean());
        if (v.isArray()) {
            if (column.equals("parties")) {
                List<String> parties = new ArrayList<>();
                for (JsonNode p : v) parties.add(f.party(p.path("name").asString(""), p.path("role").asString("")));
                return String.join("、", parties);
            }
            List<String> items = new ArrayList<>();
            for (JsonNode item : v) items.add(value(f, table, column, item));
            return String.join("、", items);
        }
        if (v.isObject()) return cut(v.toString());
        String text = v.isString() ? v.asString() : v.toString();
        String prefix = LABELS.getOrDefault(table + "." + column, LABELS.get(column));
        if (prefix != null) return f.label(prefix, text);
        if (ACTORS.contains(column)) return f.actor(text);
        if (column.equals("eta_seconds") && v.isNumber()) return f.minutes(v.asLong());
        if (TIME.matcher(text).matches()) return f.dateTime(text);
        return cut(text);
    }

    private static String cut(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "…" : s;
    }
}
