package com.gridcommand.casework;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final CurrentUser current;
    private final Clock clock;
    private final tools.jackson.databind.json.JsonMapper json;

    LedgerService(JdbcClient jdbc, CurrentUser current, Clock clock, tools.jackson.databind.json.JsonMapper json) {
        this.json = json;
        this.jdbc = jdbc;
        this.current = current;
        this.clock = clock;
    }

    /** The station (township or community) by its statistical code, if it is in the caller's areas. */
    public Optional<Station> station(String code) {
        var scope = current.scope();
        Optional<Station> township = ScopeSql.bind(jdbc.sql("""
                        select t.id, t.code, t.name from township t
                         where t.code = :code and exists (select 1 from community m join grid_cell k on k.community_id = m.id
                                                           where m.township_id = t.id and %s)""".formatted(ScopeSql.cellId("k.id"))), scope)
                .param("code", code).query((rs, i) -> new Station(StationLevel.TOWNSHIP, rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
        if (township.isPresent()) return township;
        return ScopeSql.bind(jdbc.sql("""
                        select m.id, m.code, m.name from community m
                         where m.code = :code and exists (select 1 from grid_cell k where k.community_id = m.id and %s)"""
                        .formatted(ScopeSql.cellId("k.id"))), scope)
                .param("code", code).query((rs, i) -> new Station(StationLevel.COMMUNITY, rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
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
        String stationColumn = station.level() == StationLevel.TOWNSHIP ? "k.township_id" : "k.community_id";
        String where = stationColumn + " = :station and k.reported_at >= :start and k.reported_at < :end and " + CaseService.IN_SCOPE;
        int count = ScopeSql.bind(jdbc.sql("select count(*) from gov_case k where " + where), current.scope())
                .param("station", station.id()).param("start", start).param("end", end).query(Integer.class).single();
        if (count > MAX_CASES) {
            throw new ProblemException("problem.ledger.tooMany", "the ledger would hold " + count + " cases, more than " + MAX_CASES + ": choose a shorter period", count, MAX_CASES);
        }
        List<Row> rows = ScopeSql.bind(jdbc.sql("""
                        select k.id, k.code, k.title, k.category, k.severity, k.source,
                               k.parties,
                               k.reported_at, t.name as township, m.name as community, c.name as cell, k.step, k.level, k.supervision,
                               k.responsible_unit, k.responsible_person, k.deadline, k.closed_at,
                               extract(epoch from (coalesce(k.closed_at, :now) - k.reported_at)) / 86400.0 as days,
                               coalesce(k.deadline < coalesce(k.closed_at, case when k.step in ('CLOSED', 'REFERRED') then null else :now end), false) as overdue,
                               k.outcome,
                               (select (e.details->>'satisfied')::boolean from case_event e
                                 where e.case_id = k.id and e.action = 'FOLLOW_UP' order by e.at desc, e.id desc limit 1) as satisfied,
                               k.registered_by, u.display_name as registered_by_name
                          from gov_case k join grid_cell c on c.id = k.grid_cell_id join community m on m.id = k.community_id
                          join township t on t.id = k.township_id left join app_user u on u.username = k.registered_by
                        """ + " where " + where + " order by k.reported_at, k.id"), current.scope())
                .param("station", station.id()).param("start", start).param("end", end).param("now", now)
                .query((rs, i) -> new Row(rs.getLong("id"), rs.getString("code"), rs.getString("title"), rs.getString("category"),
                        rs.getInt("severity"), rs.getString("source"), CaseService.parties(json, rs.getString("parties")), rs.getObject("reported_at", OffsetDateTime.class),
                        rs.getString("township"), rs.getString("community"), rs.getString("cell"), rs.getString("step"), rs.getString("level"),
                        rs.getString("supervision"), rs.getString("responsible_unit"), rs.getString("responsible_person"),
                        rs.getObject("deadline", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class),
                        Math.max(0, rs.getDouble("days")), rs.getBoolean("overdue"), rs.getString("outcome"),
                        (Boolean) rs.getObject("satisfied"), rs.getString("registered_by"),
                        rs.getString("registered_by_name")))
                .list();
        List<Step> steps = ScopeSql.bind(jdbc.sql("""
                        select k.code, e.at, e.action, e.from_step, e.to_step, e.actor, u.display_name, e.note
                          from case_event e join gov_case k on k.id = e.case_id left join app_user u on u.username = e.actor
                        """ + " where " + where + " order by k.reported_at, k.id, e.at, e.id"), current.scope())
                .param("station", station.id()).param("start", start).param("end", end)
                .query((rs, i) -> new Step(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
        return new Ledger(station, from, to, now, user.displayName(), rows, steps);
    }

    /** Days as shown in a ledger: one decimal. */
    public static String days(double days) {
        return String.format(java.util.Locale.ROOT, "%.1f", days);
    }
}
