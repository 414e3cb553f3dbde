package com.gridcommand.casework;

import com.gridcommand.changefeed.ChangeTopic;

import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.ScopeSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * 跟踪督办 by machine: finds cases whose current step is in its last quarter (yellow) or past its
 * deadline (red) and raises one alert per step and kind; escalates a case still overdue a set number
 * of working days later one level up (village → township → city). Alerts reach the responsible users'
 * dashboards through the change feed. Safe on several nodes at once: alerts are unique per case, step
 * and kind, and an escalation applies only to the version it read.
 */
@Service
public class SupervisionService {

    /** Supervision alerts raised (a step near or past its deadline). */
    public static final ChangeTopic ALERTS = ChangeTopic.rowsOf("case_alert");

    private static final Logger log = LoggerFactory.getLogger(SupervisionService.class);

    public record Run(int near, int overdue, int escalated) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WorkingCalendar calendar;
    private final CaseWorkflowService workflow;
    private final CurrentUser current;
    private final int escalateAfterWorkingDays;
    private final boolean scheduled;

    SupervisionService(JdbcClient jdbc, Clock clock, WorkingCalendar calendar, CaseWorkflowService workflow, CurrentUser current,
                       @Value("${gridcommand.supervision.escalate-after-working-days:2}") int escalateAfterWorkingDays,
                       @Value("${gridcommand.supervision.scheduled:true}") boolean scheduled) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.calendar = calendar;
        this.workflow = workflow;
        this.current = current;
        this.escalateAfterWorkingDays = escalateAfterWorkingDays;
        this.scheduled = scheduled;
    }

    @Scheduled(fixedDelayString = "${gridcommand.supervision.every:PT1M}", initialDelayString = "PT30S")
    void onSchedule() {
        if (!scheduled) return;
        Run run = runOnce();
        if (run.near() + run.overdue() + run.escalated() > 0) log.info("Supervision: {}", run);
    }

    @Transactional
    public Run runOnce() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int near = raise("YELLOW", "NEAR", now);
        int overdue = raise("RED", "OVERDUE", now);
        int escalated = 0;
        record Candidate(long id, OffsetDateTime stepDeadline, String level) {}
        // Escalation waits on the step's own clock, not on the light's due time (CaseService.STEP_DUE): a case
        // long past its 办结时限 is red at the level it reached at once, but that level still gets its step's time.
        List<Candidate> late = jdbc.sql("""
                        select id, step_deadline, level from gov_case
                         where step in ('ROUTING', 'SUPERVISION') and level <> 'CITY' and step_deadline < :now order by id""")
                .param("now", now)
                .query((rs, i) -> new Candidate(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3))).list();
        for (Candidate c : late) {
            if (calendar.addWorkingDays(c.stepDeadline(), escalateAfterWorkingDays).isBefore(now)) {
                // A case someone acted on meanwhile is left for the next run to look at again.
                if (workflow.escalateBySupervision(c.id(), "超期" + escalateAfterWorkingDays + "个工作日未办理，按规则自动上报")) {
                    jdbc.sql("""
                                    insert into case_alert (case_id, step, kind, raised_at, step_started_at)
                                    select id, step, 'ESCALATED', :now, step_started_at from gov_case where id = :id
                                    on conflict do nothing""")
                            .param("now", now).param("id", c.id()).update();
                    escalated++;
                }
            }
        }
        return new Run(near, overdue, escalated);
    }

    private int raise(String light, String kind, OffsetDateTime now) {
        return jdbc.sql("""
                        insert into case_alert (case_id, step, kind, raised_at, step_started_at)
                        select k.id, k.step, :kind, :now, k.step_started_at from gov_case k
                         where k.step not in ('CLOSED', 'REFERRED') and k.step_started_at is not null and (%s) = :light
                        on conflict do nothing""".formatted(CaseService.LIGHT))
                .param("kind", kind).param("now", now).param("light", light).update();
    }

    /** Alerts of the caller's areas raised within the window, newest first. */
    @Transactional(readOnly = true)
    public List<CaseAlert> recentAlerts(Duration window, int limit) {
        return ScopeSql.bind(jdbc.sql("""
                        select a.id, a.case_id, k.code, k.title, a.step, a.kind, a.raised_at, t.name as township, m.name as community
                          from case_alert a join gov_case k on k.id = a.case_id
                          join township t on t.id = k.township_id join community m on m.id = k.community_id
                         where a.raised_at >= :since and k.step not in ('CLOSED', 'REFERRED') and a.step = k.step and """
                        + CaseService.IN_SCOPE + " order by a.raised_at desc, a.id desc limit :limit"), current.scope())
                .param("since", OffsetDateTime.now(clock).minus(window)).param("limit", limit)
                .query((rs, i) -> new CaseAlert(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getString(8), rs.getString(9)))
                .list();
    }

    /** One alert, if its case is in the caller's areas (for live pushes by id). */
    @Transactional(readOnly = true)
    public java.util.Optional<CaseAlert> alert(long id) {
        return ScopeSql.bind(jdbc.sql("""
                        select a.id, a.case_id, k.code, k.title, a.step, a.kind, a.raised_at, t.name as township, m.name as community
                          from case_alert a join gov_case k on k.id = a.case_id
                          join township t on t.id = k.township_id join community m on m.id = k.community_id
                         where a.id = :id and """ + CaseService.IN_SCOPE), current.scope())
                .param("id", id)
                .query((rs, i) -> new CaseAlert(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getString(8), rs.getString(9)))
                .optional();
    }
}
