package com.gridcommand.casework;

import com.gridcommand.casework.internal.CaseQueries;
import com.gridcommand.changefeed.ChangeTopic;
import com.gridcommand.cluster.ClusterJobs;
import com.gridcommand.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
 * dashboards through the change feed. The schedule runs it on one node of the cluster per period ({@link ClusterJobs});
 * it would be safe on several at once too: alerts are unique per case, step and kind, and an escalation applies only
 * to the version it read.
 */
@Service
public class SupervisionService {

    /** Supervision alerts raised (a step near or past its deadline). */
    public static final ChangeTopic ALERTS = ChangeTopic.rowsOf("case_alert");
    /** Its name as a cluster job ({@code job_run.name}). */
    public static final String JOB = "supervision";

    private static final Logger log = LoggerFactory.getLogger(SupervisionService.class);

    public record Run(int near, int overdue, int escalated) {}

    private final CaseQueries queries;
    private final Clock clock;
    private final WorkingCalendar calendar;
    private final CaseWorkflowService workflow;
    private final CurrentUser current;
    private final int escalateAfterWorkingDays;
    private final boolean scheduled;
    private final ClusterJobs jobs;
    private final Duration every;

    SupervisionService(CaseQueries queries, Clock clock, WorkingCalendar calendar, CaseWorkflowService workflow, CurrentUser current,
                       @Value("${gridcommand.supervision.escalate-after-working-days:2}") int escalateAfterWorkingDays,
                       @Value("${gridcommand.supervision.scheduled:true}") boolean scheduled, ClusterJobs jobs,
                       @Value("${gridcommand.supervision.every:PT1M}") Duration every) {
        this.queries = queries;
        this.clock = clock;
        this.calendar = calendar;
        this.workflow = workflow;
        this.current = current;
        this.escalateAfterWorkingDays = escalateAfterWorkingDays;
        this.scheduled = scheduled;
        this.jobs = jobs;
        this.every = every;
    }

    @Scheduled(fixedDelayString = "${gridcommand.supervision.every:PT1M}", initialDelayString = "PT30S")
    void onSchedule() {
        if (!scheduled) return;
        // Every node schedules it; the one that finds it not yet run this period runs it.
        jobs.runExclusive(JOB, every, () -> {
            Run run = runOnce();
            if (run.near() + run.overdue() + run.escalated() > 0) log.info("Supervision: {}", run);
        });
    }

    @Transactional
    public Run runOnce() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int near = raise("YELLOW", "NEAR", now);
        int overdue = raise("RED", "OVERDUE", now);
        int escalated = 0;
        // Escalation waits on the step's own clock, not on the light's due time (CaseQueries' STEP_DUE): a case
        // long past its 办结时限 is red at the level it reached at once, but that level still gets its step's time.
        List<CaseQueries.Late> late = queries.pastStepDeadline(now);
        for (CaseQueries.Late c : late) {
            if (calendar.addWorkingDays(c.stepDeadline(), escalateAfterWorkingDays).isBefore(now)) {
                // A case someone acted on meanwhile is left for the next run to look at again.
                if (workflow.escalateBySupervision(c.id(), "超期" + escalateAfterWorkingDays + "个工作日未办理，按规则自动上报")) {
                    queries.alertEscalated(c.id(), now);
                    escalated++;
                }
            }
        }
        return new Run(near, overdue, escalated);
    }

    private int raise(String light, String kind, OffsetDateTime now) {
        return queries.raiseAlerts(light, kind, now);
    }

    /** Alerts of the caller's areas raised within the window, newest first. */
    @Transactional(readOnly = true)
    public List<CaseAlert> recentAlerts(Duration window, int limit) {
        return queries.alertsSince(OffsetDateTime.now(clock).minus(window), limit, current.scope());
    }

    /** One alert, if its case is in the caller's areas (for live pushes by id). */
    @Transactional(readOnly = true)
    public java.util.Optional<CaseAlert> alert(long id) {
        return queries.alert(id, current.scope());
    }
}
