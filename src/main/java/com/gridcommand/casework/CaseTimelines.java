package com.gridcommand.casework;

import java.util.List;

/** What a user has seen of a case's timeline: the newest line shown, and what was added after it. */
public final class CaseTimelines {

    private CaseTimelines() {
    }

    /** The id of the newest line (0 for none). */
    public static long newest(List<CaseEvent> events) {
        return events.stream().mapToLong(CaseEvent::id).max().orElse(0);
    }

    /** The lines added after the one with id {@code seen}, in the timeline's order. */
    public static List<CaseEvent> after(List<CaseEvent> events, long seen) {
        return events.stream().filter(e -> e.id() > seen).toList();
    }
}
