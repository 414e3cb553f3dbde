package com.gridcommand.casework;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** One line of a case's timeline: who did what, when, from which step to which, with a note and files. */
public record CaseEvent(long id, OffsetDateTime at, String actor, CaseAction action, CaseStep from, CaseStep to, String note,
                        Map<String, Object> details, List<Attachments.Stored> attachments) {
}
