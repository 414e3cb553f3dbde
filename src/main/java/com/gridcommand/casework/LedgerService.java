package com.gridcommand.casework;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.casework.internal.CaseQueries;
import com.gridcommand.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * 台帐: the cases a station (a township's or a community's 综治中心/站) registered in a period, with owners,
 * deadlines, durations, outcomes and every step they went through. Limited to the caller's areas; the
 * files themselves are written by {@link LedgerFiles}.
 */
@Service
@Transactional(readOnly = true)
public class LedgerService {

    /** A ledger bigger than this is refused: choose a shorter period or a smaller station. */
    public static final int MAX_CASES = 20_000;

    public enum StationLevel { TOWNSHIP, COMMUNITY }

    public record Station(StationLevel level, long id, String code, String name) {}

    /** One case of the ledger. Title, parties and outcome come from the public: they are data, never formulas or markup. */
    public record Row(long id, String code, String title, String category, int severity, String source, List<NewCase.Party> parties,
                      OffsetDateTime reportedAt, String township, String community, String cell, String step, String level,
                      String supervision, String unit, String person, OffsetDateTime deadline, OffsetDateTime closedAt,
                      double durationDays, boolean overdue, String outcome, Boolean satisfied, String registeredBy,
                      String registeredByName) {}

    /** One step of one case; the actor's name if the actor is a person's account. */
    public record Step(String caseCode, OffsetDateTime at, String action, String from, String to, String actor, String actorName,
                       String note) {}

    public record Ledger(Station station, LocalDate from, LocalDate to, OffsetDateTime madeAt, String madeBy, List<Row> rows,
                         List<Step> steps) {}

    private final CaseQueries queries;
    private final CurrentUser current;
    private final Clock clock;

    LedgerService(CaseQueries queries, CurrentUser current, Clock clock) {
        this.queries = queries;
        this.current = current;
        this.clock = clock;
    }

    /** The station (township or community) by its statistical code, if it is in the caller's areas. */
    public Optional<Station> station(String code) {
        var scope = current.scope();
        Optional<Station> township = queries.townshipStation(code, scope);
        if (township.isPresent()) return township;
        return queries.communityStation(code, scope);
    }

    /** The ledger of a station for the days from–to (both included, local time), in registration order. */
    public Ledger ledger(Station station, LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) throw new ProblemException("problem.ledger.period", "a period runs from a day to the same or a later day");
        if (from.plusYears(5).isBefore(to)) throw new ProblemException("problem.ledger.years", "a ledger covers at most five years", 5);
        var user = current.get().orElseThrow(() -> new CurrentUser.AccessDeniedException("sign in first"));
        ZoneId zone = clock.getZone();
        OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime now = OffsetDateTime.now(clock);
        int count = queries.ledgerCount(station, start, end, current.scope());
        if (count > MAX_CASES) {
            throw new ProblemException("problem.ledger.tooMany", "the ledger would hold " + count + " cases, more than " + MAX_CASES + ": choose a shorter period", count, MAX_CASES);
        }
        List<Row> rows = queries.ledgerRows(station, start, end, now, current.scope());
        List<Step> steps = queries.ledgerSteps(station, start, end, current.scope());
        return new Ledger(station, from, to, now, user.displayName(), rows, steps);
    }

    /** Days as shown in a ledger: one decimal. */
    public static String days(double days) {
        return String.format(java.util.Locale.ROOT, "%.1f", days);
    }
}
