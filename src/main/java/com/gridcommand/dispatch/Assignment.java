package com.gridcommand.dispatch;

import java.time.Duration;
import java.time.OffsetDateTime;

/** One responder sent to one case or emergency, with the time stamp of each step. */
public record Assignment(long id, Long caseId, String caseCode, String caseTitle, Long emergencyId, String emergencyTitle,
                         long responderId, String responderName, String status, String assignedBy, OffsetDateTime assignedAt,
                         OffsetDateTime acceptedAt, OffsetDateTime enRouteAt, OffsetDateTime onSceneAt, OffsetDateTime endedAt,
                         String endedBy, String note, Double distanceMetres, Integer etaSeconds, String etaMethod,
                         double targetLon, double targetLat) {

    public enum Status {
        ASSIGNED, ACCEPTED, EN_ROUTE, ON_SCENE, FINISHED, DECLINED, CANCELLED;

        public boolean active() {
            return this == ASSIGNED || this == ACCEPTED || this == EN_ROUTE || this == ON_SCENE;
        }
    }

    public Status state() {
        return Status.valueOf(status);
    }

    /** From assignment to arrival: the response time the norm is about; empty until on scene. */
    public Duration responseTime() {
        return onSceneAt == null ? null : Duration.between(assignedAt, onSceneAt);
    }

    public String target() {
        return caseCode != null ? caseCode + " " + caseTitle : emergencyTitle;
    }
}
