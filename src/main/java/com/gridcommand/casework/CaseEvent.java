package com.gridcommand.casework;

import com.gridcommand.base.i18n.Formats;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line of a case's timeline: who did what, when, from which step to which, with a note and files.
 *
 * @param actor      the account, or the system's own worker (system:supervision, system:gis-data)
 * @param actorName  the account's name, if it is a person's
 * @param details    what the step set, as plain values (text, numbers, yes/no, lists)
 */
public record CaseEvent(long id, OffsetDateTime at, String actor, String actorName, CaseAction action, CaseStep from, CaseStep to,
                        String note, Map<String, Object> details, List<Attachments.Stored> attachments) {

    /** Who did it, as people read it: 王芳（wangge）, 系统自动督办. */
    public String who(Formats f) {
        return f.actor(actor, actorName);
    }

    /**
     * What the step set, one "label：value" each, in words: levels, supervision levels and times by the
     * formatter, yes/no, lists joined. The same key means different things in different actions (an
     * escalation goes "to" a level, a referral "to" a body), so each is read by its action.
     */
    public List<String> detailLines(Formats f) {
        List<String> lines = new ArrayList<>();
        switch (action) {
            case ESCALATE -> {
                add(lines, f, "case.detail.to", f.level(text("to")));
                add(lines, f, "case.detail.unit", text("unit"));
            }
            case REFER -> add(lines, f, "field.referredTo", text("to"));
            case SUPERVISE -> add(lines, f, "field.supervision", f.label("supervision", text("level")));
            case CORRECT -> add(lines, f, "field.title", text("title"));
            default -> {
                add(lines, f, "case.detail.unit", text("unit"));
                add(lines, f, "case.detail.person", text("person"));
                add(lines, f, "case.detail.level", f.level(text("level")));
                add(lines, f, "case.detail.units", details.get("units") instanceof List<?> units
                        ? String.join("、", units.stream().map(String::valueOf).toList()) : text("units"));
                if (details.get("satisfied") instanceof Boolean satisfied) add(lines, f, "case.detail.satisfied", f.yesNo(satisfied));
                add(lines, f, "case.detail.deadline", f.dateTime(text("deadline")));
                add(lines, f, "field.cell", text("cell"));
            }
        }
        return lines;
    }

    private String text(String key) {
        Object v = details == null ? null : details.get(key);
        return v == null ? null : v.toString();
    }

    private static void add(List<String> lines, Formats f, String labelKey, String value) {
        if (value != null && !value.isBlank()) lines.add(f.t("case.detail.format", f.t(labelKey), value));
    }
}
