package com.gridcommand.casework;

import java.time.OffsetDateTime;

/** A row of the case list. Title and description come from the public: show them as text. */
public record CaseListItem(long id, String code, String title, String description, String category, int severity,
                           String step, OffsetDateTime reportedAt, OffsetDateTime deadline, boolean overdue,
                           String township, String community, String gridCell, long version, String light,
                           String supervision, double lon, double lat) {
}
