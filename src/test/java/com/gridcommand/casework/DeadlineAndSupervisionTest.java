package com.gridcommand.casework;

import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.IntegrationTest;
import com.gridcommand.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.transaction.AfterTransaction;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deadlines in working days by the holiday calendar and the rules, and supervision against a clock the
 * test controls: a step turns yellow in its last quarter and red past its deadline, is alerted once per
 * kind, and a case still overdue two working days later goes one level up by itself.
 * <p>
 * October 2031 in this test: Wed 1st; Thu 2nd and Fri 3rd are holidays; Sat 11th is a make-up working
 * day. Each test runs in a transaction that is rolled back, because supervision looks at every case.
 */
@IntegrationTest
@Transactional
class DeadlineAndSupervisionTest {

    @Autowired
    TestClock clock;
    @Autowired
    WorkingCalendar calendar;
    @Autowired
    RoutingRules rules;
    @Autowired
    CaseWorkflowService workflow;
    @Autowired
    CaseService cases;
    @Autowired
    SupervisionService supervision;
    @Autowired
    GridUserRepository users;
    @Autowired
    JdbcClient jdbc;

    static ZonedDateTime at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(java.time.ZoneId.of("Asia/Shanghai"));
    }

    @BeforeEach
    void octoberHolidays() {
        As.user(users, "admin", () -> {
            calendar.set(LocalDate.parse("2031-10-02"), "HOLIDAY", "国庆节");
            calendar.set(LocalDate.parse("2031-10-03"), "HOLIDAY", "国庆节");
            calendar.set(LocalDate.parse("2031-10-11"), "WORKDAY", "国庆节调休");
        });
    }

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @AfterTransaction
    void forgetTheRolledBackDays() {
        calendar.refresh();
    }

    @Test
    void workingDaysSkipWeekendsAndHolidaysAndCountMakeUpDays() {
        assertThat(calendar.isWorkingDay(LocalDate.parse("2031-10-01"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2031-10-02"))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2031-10-04"))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2031-10-11"))).isTrue();
        // Wednesday 10:00 + 1 working day: past the holidays and the weekend, the same time on Monday.
        assertThat(calendar.addWorkingDays(at("2031-10-01T10:00").toOffsetDateTime(), 1)).isEqualTo(at("2031-10-06T10:00").toOffsetDateTime());
        // Friday + 1: the make-up Saturday.
        assertThat(calendar.addWorkingDays(at("2031-10-10T15:00").toOffsetDateTime(), 1)).isEqualTo(at("2031-10-11T15:00").toOffsetDateTime());
        // Started on a rest day: counts from the next working morning.
        assertThat(calendar.addWorkingDays(at("2031-10-04T14:00").toOffsetDateTime(), 1)).isEqualTo(at("2031-10-07T09:00").toOffsetDateTime());
        assertThat(calendar.addWorkingDays(at("2031-10-01T10:00").toOffsetDateTime(), 5)).isEqualTo(at("2031-10-10T10:00").toOffsetDateTime());
    }

    @Test
    void theCalendarRefusesNonsenseAndOnlyAdministratorsKeepIt() {
        As.user(users, "admin", () -> {
            assertThatThrownBy(() -> calendar.set(LocalDate.parse("2031-10-04"), "HOLIDAY", "x")).hasMessageContaining("weekend");
            assertThatThrownBy(() -> calendar.set(LocalDate.parse("2031-10-06"), "WORKDAY", "x")).hasMessageContaining("weekday");
            assertThatThrownBy(() -> calendar.set(LocalDate.parse("2031-10-06"), "HALF", "x")).hasMessageContaining("HOLIDAY or a WORKDAY");
        });
        As.user(users, "lingdao", () -> assertThatThrownBy(() -> calendar.set(LocalDate.parse("2031-10-06"), "HOLIDAY", "x"))
                .isInstanceOf(com.gridcommand.security.CurrentUser.AccessDeniedException.class));
    }

    long register(String category, int severity) {
        double[] p = point();
        return As.user(users, "wangge", () -> workflow.register(new NewCase(p[0], p[1], "测试", "", category, severity, "PATROL", List.of(), List.of())));
    }

    double[] point() {
        String cell = users.byUsername("wangge").orElseThrow().scope().codes().getFirst();
        return jdbc.sql("select ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) from grid_cell where code = :c")
                .param("c", cell).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
    }

    CaseDetails details(long id) {
        return As.user(users, "admin", () -> cases.details(id).orElseThrow());
    }

    @Test
    void categoryAndSeverityDecideTheUnitAndTheDeadlineInWorkingDays() {
        clock.set(at("2031-10-01T10:00"));
        // A hazard: the township's emergency office, 5 working days.
        CaseDetails hazard = details(register("HAZARD", 1));
        assertThat(hazard.responsibleUnit()).endsWith("应急管理站");
        assertThat(hazard.level()).isEqualTo("TOWNSHIP");
        assertThat(hazard.deadline()).isEqualTo(at("2031-10-10T10:00").toOffsetDateTime());
        // Intake has its own clock: sign within 1 working day.
        assertThat(hazard.stepDeadline()).isEqualTo(at("2031-10-06T10:00").toOffsetDateTime());
        // A serious neighbour dispute: the severity rule is more specific than the category rule.
        CaseDetails serious = details(register("NEIGHBOUR", 3));
        assertThat(serious.responsibleUnit()).endsWith("综治中心");
        assertThat(serious.level()).isEqualTo("TOWNSHIP");
        // The gravest: the city's centre, 2 working days.
        CaseDetails gravest = details(register("NEIGHBOUR", 4));
        assertThat(gravest.responsibleUnit()).isEqualTo("市综治中心");
        assertThat(gravest.deadline()).isEqualTo(at("2031-10-07T10:00").toOffsetDateTime());
    }

    @Test
    void anAdministratorsRuleChangeAppliesToTheNextCaseAndIsAudited() {
        clock.set(at("2031-10-01T10:00"));
        RoutingRules.Rule hazard = rules.list().stream().filter(r -> "HAZARD".equals(r.category())).findFirst().orElseThrow();
        As.user(users, "admin", () -> rules.save(new RoutingRules.Rule(hazard.id(), "HAZARD", 1, "{township}安监办", "TOWNSHIP", 3, hazard.version())));
        CaseDetails c = details(register("HAZARD", 1));
        assertThat(c.responsibleUnit()).endsWith("安监办");
        assertThat(c.deadline()).isEqualTo(at("2031-10-08T10:00").toOffsetDateTime());
        assertThat(jdbc.sql("""
                        select count(*) from audit_event where entity = 'routing_rule' and entity_id = :id and action = 'UPDATE'
                           and before ->> 'unit_template' = '{township}应急管理站' and after ->> 'unit_template' = '{township}安监办'""")
                .param("id", hazard.id()).query(Integer.class).single()).isEqualTo(1);
        // A second edit against the version read before is refused, not overwritten.
        As.user(users, "admin", () -> assertThatThrownBy(() -> rules.save(new RoutingRules.Rule(hazard.id(), "HAZARD", 1, "x", "TOWNSHIP", 4, hazard.version())))
                .isInstanceOf(RoutingRules.RuleChangedException.class));
        // The catch-all rule cannot go: every case needs a rule.
        RoutingRules.Rule any = rules.list().stream().filter(r -> r.category() == null && r.minSeverity() == 1).findFirst().orElseThrow();
        As.user(users, "admin", () -> assertThatThrownBy(() -> rules.delete(any.id(), any.version())).hasMessageContaining("every case needs a rule"));
        As.user(users, "zhihui", () -> assertThatThrownBy(() -> rules.delete(hazard.id(), hazard.version() + 1))
                .isInstanceOf(com.gridcommand.security.CurrentUser.AccessDeniedException.class));
    }

    Set<String> alertKinds(long id) {
        return Set.copyOf(jdbc.sql("select kind || ':' || step from case_alert where case_id = :id").param("id", id).query(String.class).list());
    }

    @Test
    void aStepTurnsYellowThenRedIsAlertedOnceAndEscalatesByItselfLevelByLevel() {
        clock.set(at("2031-10-01T10:00"));
        long id = register("NEIGHBOUR", 1);
        assertThat(details(id).light()).isEqualTo("GREEN");
        supervision.runOnce();
        assertThat(alertKinds(id)).isEmpty();

        // Intake runs Wed 10:00 → Mon 10:00 (120 h): its last quarter begins Sunday 04:00.
        clock.set(at("2031-10-05T05:00"));
        assertThat(details(id).light()).isEqualTo("YELLOW");
        supervision.runOnce();
        assertThat(alertKinds(id)).containsExactly("NEAR:INTAKE");

        clock.set(at("2031-10-06T10:01"));
        assertThat(details(id).light()).isEqualTo("RED");
        supervision.runOnce();
        supervision.runOnce();
        assertThat(alertKinds(id)).containsExactlyInAnyOrder("NEAR:INTAKE", "OVERDUE:INTAKE");
        // The alert reaches the users of the case's areas, and only them.
        As.user(users, "wangge", () -> assertThat(supervision.recentAlerts(Duration.ofDays(2), 1000))
                .filteredOn(a -> a.caseId() == id).extracting(CaseAlert::kind).containsExactlyInAnyOrder("NEAR", "OVERDUE"));
        assertThat(supervision.recentAlerts(Duration.ofDays(1), 1000)).as("nobody signed in").isEmpty();
        // The light filter of the list finds it.
        As.user(users, "wangge", () -> assertThat(cases.list(new CaseFilter(Set.of(), Set.of(), null, false, "RED", null, null, null,
                List.of(id), CaseFilter.Sort.REPORTED, true), 0, 10)).singleElement().satisfies(c -> assertThat(c.light()).isEqualTo("RED")));

        // Routed: the routing step has its own 1-day clock; a new step, new alerts.
        As.user(users, "zhihui", () -> workflow.route(id, details(id).version(), null, null, null));
        assertThat(details(id).stepDeadline()).isEqualTo(at("2031-10-07T10:01").toOffsetDateTime());
        assertThat(details(id).light()).isEqualTo("GREEN");
        // Overdue, but not yet two working days past the step's deadline: marked, not escalated.
        clock.set(at("2031-10-08T12:00"));
        supervision.runOnce();
        assertThat(details(id).level()).isEqualTo("COMMUNITY");
        assertThat(alertKinds(id)).contains("OVERDUE:ROUTING");
        // Two working days past it (Thu 9th 10:01): up to the township, by the system, with its reason.
        clock.set(at("2031-10-09T10:02"));
        SupervisionService.Run run = supervision.runOnce();
        assertThat(run.escalated()).isPositive();
        CaseDetails escalated = details(id);
        assertThat(escalated.level()).isEqualTo("TOWNSHIP");
        assertThat(escalated.step()).isEqualTo("ROUTING");
        assertThat(escalated.responsibleUnit()).endsWith("综治中心");
        CaseEvent last = As.user(users, "admin", () -> cases.timeline(id)).getLast();
        assertThat(last.action()).isEqualTo(CaseAction.ESCALATE);
        assertThat(last.actor()).isEqualTo("system:supervision");
        assertThat(last.note()).contains("自动上报");
        assertThat(alertKinds(id)).contains("ESCALATED:ROUTING");
        // Its new routing clock ends Fri 10th 10:02; two working days later (Sat 11th is one) it goes to the city.
        clock.set(at("2031-10-13T10:03"));
        supervision.runOnce();
        assertThat(details(id).level()).isEqualTo("CITY");
        assertThat(details(id).responsibleUnit()).isEqualTo("市综治中心");
        // Not beyond the city.
        clock.set(at("2031-10-31T10:00"));
        supervision.runOnce();
        assertThat(details(id).level()).isEqualTo("CITY");
        assertThat(As.user(users, "admin", () -> cases.timeline(id)).stream().filter(e -> e.action() == CaseAction.ESCALATE).count()).isEqualTo(2);
    }

    CaseFilter overdueOnly(long id) {
        return new CaseFilter(Set.of(), Set.of(), null, true, null, null, null, null, List.of(id), CaseFilter.Sort.REPORTED, true);
    }

    /** What the list shows of one case: its light and its overdue mark, and whether 仅超期 keeps it. */
    record Listed(String light, boolean overdue, boolean keptByOverdueOnly) {}

    Listed listed(long id) {
        return As.user(users, "admin", () -> {
            CaseListItem row = cases.list(new CaseFilter(Set.of(), Set.of(), null, false, null, null, null, null, List.of(id),
                    CaseFilter.Sort.REPORTED, true), 0, 10).getFirst();
            return new Listed(row.light(), row.overdue(), !cases.list(overdueOnly(id), 0, 10).isEmpty());
        });
    }

    @Test
    void anEscalatedCaseMonthsPastItsDeadlineIsRedInTheListTheOverdueFilterAndThePopup() {
        clock.set(at("2031-10-01T10:00"));
        long id = register("NEIGHBOUR", 1);
        As.user(users, "zhihui", () -> workflow.route(id, details(id).version(), null, null, null));
        As.user(users, "wangge", () -> workflow.sign(id, details(id).version(), null));
        OffsetDateTime deadline = details(id).deadline();
        // Two months past its deadline, still being handled: the system sends it up to the township.
        clock.set(deadline.toZonedDateTime().plusMonths(2));
        assertThat(supervision.runOnce().escalated()).isPositive();
        CaseDetails escalated = details(id);
        assertThat(escalated.level()).isEqualTo("TOWNSHIP");
        assertThat(escalated.step()).isEqualTo("ROUTING");
        // A new step with its own clock, but the case is as late as before: red everywhere, overdue everywhere.
        assertThat(escalated.overdue()).isTrue();
        assertThat(escalated.light()).isEqualTo("RED");
        assertThat(escalated.stepDeadline()).as("the step is due no later than the case").isEqualTo(deadline);
        assertThat(listed(id)).isEqualTo(new Listed("RED", true, true));
        As.user(users, "admin", () -> assertThat(cases.list(new CaseFilter(Set.of(), Set.of(), null, true, "GREEN", null, null, null,
                null, CaseFilter.Sort.REPORTED, true), 0, 1)).as("no overdue case is green").isEmpty());
        // The same once the township signs for it: the handling clock is the case's deadline.
        As.user(users, "zhihui", () -> workflow.sign(id, details(id).version(), null));
        assertThat(details(id).light()).isEqualTo("RED");
    }

    @Test
    void aNewStepClockEndsAtTheCaseDeadlineTheLightTurnsRedTheMomentThatPasses() {
        clock.set(at("2031-10-01T10:00"));
        long id = register("NEIGHBOUR", 1);
        As.user(users, "zhihui", () -> workflow.route(id, details(id).version(), null, null, null));
        // Routed at 10:00 with a day to sign for it; the case itself must be done by 12:00.
        jdbc.sql("update gov_case set deadline = :d where id = :id").param("d", at("2031-10-01T12:00").toOffsetDateTime()).param("id", id).update();
        assertThat(details(id).stepDeadline()).isEqualTo(at("2031-10-01T12:00").toOffsetDateTime());
        clock.set(at("2031-10-01T11:29:59"));
        assertThat(listed(id)).isEqualTo(new Listed("GREEN", false, false));
        // The last quarter of the two hours left: yellow, up to and including 12:00.
        clock.set(at("2031-10-01T11:30:01"));
        assertThat(listed(id)).isEqualTo(new Listed("YELLOW", false, false));
        clock.set(at("2031-10-01T12:00"));
        assertThat(listed(id)).isEqualTo(new Listed("YELLOW", false, false));
        assertThat(details(id).light()).isEqualTo("YELLOW");
        // A second later: red and overdue together, in the list, the filter and the details a popup shows.
        clock.set(at("2031-10-01T12:00:01"));
        assertThat(listed(id)).isEqualTo(new Listed("RED", true, true));
        assertThat(details(id).light()).isEqualTo("RED");
        assertThat(details(id).overdue()).isTrue();
        supervision.runOnce();
        assertThat(alertKinds(id)).contains("OVERDUE:ROUTING");
    }

    @Test
    void aLeaderSetsTheSupervisionLevel() {
        clock.set(at("2031-10-01T10:00"));
        long id = register("LAND", 2);
        As.user(users, "lingdao", () -> workflow.supervise(id, details(id).version(), "CITY", "列为市级督办"));
        assertThat(details(id).supervision()).isEqualTo("CITY");
        As.user(users, "lingdao", () -> assertThatThrownBy(() -> workflow.supervise(id, details(id).version(), "NATIONAL", null))
                .isInstanceOf(IllegalArgumentException.class));
        As.user(users, "zhihui", () -> assertThatThrownBy(() -> workflow.supervise(id, details(id).version(), "NONE", null))
                .isInstanceOf(com.gridcommand.security.CurrentUser.AccessDeniedException.class));
        assertThat(OffsetDateTime.now(clock)).isEqualTo(at("2031-10-01T10:00").toOffsetDateTime());
    }
}
