package com.gridcommand.casework;

import com.gridcommand.base.i18n.Formats;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A case in full. Title, description, parties and notes come from the public: show them as text.
 *
 * @param stepDeadline  when the current step is due: its own clock, never later than the case's deadline (办结时限)
 * @param light  the supervision light of the current step: GREEN, YELLOW (last quarter of its time), RED (past it, and
 *               always when {@code overdue}); null when done
 */
public record CaseDetails(long id, String code, String title, String description, String category, int severity,
                          String source, String step, List<NewCase.Party> parties, OffsetDateTime reportedAt, OffsetDateTime deadline,
                          OffsetDateTime closedAt, String responsibleUnit, String responsiblePerson, String gridCell,
                          String community, String township, boolean overdue, long version, String level, String supervision,
                          OffsetDateTime stepStartedAt, OffsetDateTime stepDeadline, String light, String outcome,
                          List<String> jointUnits, String referredTo, int reopened, double lon, double lat) {

    /** The parties with their roles, as people read them. */
    public String parties(Formats f) {
        return NewCase.describe(parties, f);
    }

    public CaseStep caseStep() {
        return CaseStep.valueOf(step);
    }
}
