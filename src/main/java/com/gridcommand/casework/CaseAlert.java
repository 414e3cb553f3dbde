package com.gridcommand.casework;

import java.time.OffsetDateTime;

/** A supervision alert: a case's step near its deadline (NEAR), past it (OVERDUE), or escalated for it (ESCALATED). */
public record CaseAlert(long id, long caseId, String code, String title, String step, String kind, OffsetDateTime raisedAt,
                        String township, String community) {
}
