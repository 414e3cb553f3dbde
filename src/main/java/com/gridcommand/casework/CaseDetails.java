package com.gridcommand.casework;

import java.time.OffsetDateTime;

/** A case as the map describes it. Title, description and parties come from the public: show them as text. */
public record CaseDetails(long id, String code, String title, String description, String category, int severity,
                          String source, String step, String parties, OffsetDateTime reportedAt, OffsetDateTime deadline,
                          OffsetDateTime closedAt, String responsibleUnit, String responsiblePerson, String gridCell,
                          String community, String township, boolean overdue, long version) {
}
