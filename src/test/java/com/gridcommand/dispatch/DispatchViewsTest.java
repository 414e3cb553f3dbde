package com.gridcommand.dispatch;

import com.gridcommand.support.BrowserlessSignIn;

import com.gridcommand.dispatch.ui.DispatchView;
import com.gridcommand.dispatch.ui.MyTasksView;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.IntegrationTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;


import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatch screens' logic without a browser: a case as the target lists the nearest units in the
 * service's order and one click assigns the first; the responder's own screen offers exactly the next
 * steps and takes them.
 */
@IntegrationTest
@ViewPackages(classes = {DispatchView.class, MyTasksView.class, com.gridcommand.admin.RulesView.class, com.gridcommand.casework.ui.CaseDetailView.class})
class DispatchViewsTest extends SpringBrowserlessTest {

    @Autowired
    com.gridcommand.support.TestClock clock;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;
    @Autowired
    NearestResponders nearest;
    @Autowired
    Assignments assignments;
    @Autowired
    Emergencies emergencies;

    private long caseId;
    private Candidate best;
    private String statusBefore;

    void signIn(String username) {
        BrowserlessSignIn.signIn(users, username);
    }

    @BeforeEach
    void pick() {
        caseId = jdbc.sql("""
                select c.id from gov_case c where c.step not in ('CLOSED', 'REFERRED')
                   and (select count(*) from responder r where r.status = 'AVAILABLE' and r.kind <> 'LEADER'
                          and ST_DWithin(r.position::geography, c.geom::geography, 3000)) >= 3
                 order by c.id desc limit 1""").query(Long.class).single();
        double[] at = jdbc.sql("select ST_X(geom), ST_Y(geom) from gov_case where id = :id").param("id", caseId)
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        best = As.user(users, "diaodu", () -> nearest.nearestWithTravel(at[0], at[1], DispatchView.CANDIDATES, CandidateFilter.ANY, 5)).getFirst();
        statusBefore = jdbc.sql("select status from responder where id = :id").param("id", best.id()).query(String.class).single();
    }

    @AfterEach
    void cleanUp() {
        SecurityContextHolder.clearContext();
        jdbc.sql("update app_user set responder_id = null where username = 'wangge'").update();
        jdbc.sql("delete from assignment where responder_id = :r").param("r", best.id()).update();
        jdbc.sql("update responder set status = :s where id = :id").param("s", statusBefore).param("id", best.id()).update();
    }

    @SuppressWarnings("unchecked")
    private Grid<Candidate> candidates() {
        return $(Grid.class).id("candidates");
    }

    @Test
    void aCaseAsTargetListsTheNearestUnitsAndOneClickAssignsTheFirst() {
        signIn("diaodu");
        com.vaadin.flow.component.UI.getCurrent().navigate(DispatchView.class,
                com.vaadin.flow.router.QueryParameters.of("case", Long.toString(caseId)));
        var grid = test(candidates());
        assertThat(grid.size()).isEqualTo(DispatchView.CANDIDATES);
        assertThat(grid.getRow(0).id()).isEqualTo(best.id());
        Button send = (Button) grid.getCellComponent(0, 0);
        assertThat(send.getElement().getAttribute("data-responder")).isEqualTo(Long.toString(best.id()));
        test(send).click();
        assertThat(jdbc.sql("select status from responder where id = :id").param("id", best.id()).query(String.class).single()).isEqualTo("ASSIGNED");
        assertThat(jdbc.sql("select count(*) from assignment where case_id = :c and responder_id = :r and status = 'ASSIGNED'")
                .param("c", caseId).param("r", best.id()).query(Integer.class).single()).isEqualTo(1);
        // The unit has left the candidates; it is among the active assignments.
        assertThat(test(candidates()).size()).isEqualTo(DispatchView.CANDIDATES);
        for (int i = 0; i < test(candidates()).size(); i++) assertThat(test(candidates()).getRow(i).id()).isNotEqualTo(best.id());
        @SuppressWarnings("unchecked")
        Grid<Assignment> active = $(Grid.class).id("active-assignments");
        assertThat(test(active).size()).isGreaterThanOrEqualTo(1);
        boolean listed = false;
        for (int i = 0; i < test(active).size(); i++) listed |= test(active).getRow(i).responderId() == best.id();
        assertThat(listed).isTrue();
    }

    @Test
    void anAdministratorSetsATownshipsArrivalNormAndTheCandidatesAreJudgedByIt() {
        String code = jdbc.sql("select t.code from gov_case c join township t on t.id = c.township_id where c.id = :id").param("id", caseId)
                .query(String.class).single();
        int before = jdbc.sql("select arrival_norm_minutes from township where code = :c").param("c", code).query(Integer.class).single();
        try {
            signIn("admin");
            navigate(com.gridcommand.admin.RulesView.class);
            test($(com.vaadin.flow.component.textfield.IntegerField.class).id("norm-" + code)).setValue(1);
            assertThat(jdbc.sql("select arrival_norm_minutes from township where code = :c").param("c", code).query(Integer.class).single()).isEqualTo(1);
            // With a one-minute norm, the best candidate's ETA (a few minutes by road) is shown as beyond the norm.
            signIn("diaodu");
            com.vaadin.flow.component.UI.getCurrent().navigate(DispatchView.class,
                    com.vaadin.flow.router.QueryParameters.of("case", Long.toString(caseId)));
            var eta = (com.vaadin.flow.component.html.Span) test(candidates()).getCellComponent(0, 2);
            assertThat(eta.getClassNames()).contains(best.travel().seconds() <= 60 ? "gc-eta-ok" : "gc-eta-late");
            assertThat(eta.getElement().getAttribute("title")).contains("1 分钟");
        } finally {
            jdbc.sql("update township set arrival_norm_minutes = :m where code = :c").param("m", before).param("c", code).update();
        }
    }

    @Test
    void theRespondersOwnScreenOffersTheNextStepsAndTakesThem() {
        jdbc.sql("update app_user set responder_id = :r where username = 'wangge'").param("r", best.id()).update();
        long assignment = As.user(users, "diaodu", () -> assignments.assignToCase(caseId, best.id()).id());
        signIn("wangge");
        navigate(MyTasksView.class);
        assertThat($(Button.class).all().stream().flatMap(b -> b.getId().stream()).filter(i -> i.startsWith("task-")).toList())
                .containsExactlyInAnyOrder("task-accepted", "task-en-route", "task-declined");
        test($(Button.class).id("task-en-route")).click();
        assertThat($(Button.class).all().stream().flatMap(b -> b.getId().stream()).filter(i -> i.startsWith("task-")).toList())
                .containsExactly("task-on-scene");
        test($(Button.class).id("task-on-scene")).click();
        test($(Button.class).id("task-finished")).click();
        assertThat(jdbc.sql("select status from assignment where id = :id").param("id", assignment).query(String.class).single()).isEqualTo("FINISHED");
        assertThat(jdbc.sql("select status from responder where id = :id").param("id", best.id()).query(String.class).single()).isEqualTo("RETURNING");
        test($(Button.class).id("task-available")).click();
        assertThat(jdbc.sql("select status from responder where id = :id").param("id", best.id()).query(String.class).single()).isEqualTo("AVAILABLE");
    }

    double[] casePoint() {
        return jdbc.sql("select ST_X(geom), ST_Y(geom) from gov_case where id = :id").param("id", caseId)
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
    }

    String lastNotification() {
        return test($(com.vaadin.flow.component.notification.Notification.class).last()).getText();
    }

    void openDispatchFor(String caseParameter) {
        com.vaadin.flow.component.UI.getCurrent().navigate(DispatchView.class, com.vaadin.flow.router.QueryParameters.of("case", caseParameter));
    }

    @Test
    void anEmergencyWithoutATitleIsRefusedInChineseAndNothingIsDeclared() {
        signIn("diaodu");
        navigate(DispatchView.class);
        long before = jdbc.sql("select count(*) from emergency").query(Long.class).single();
        var map = $(org.vaadin.addons.leafletflow.LeafletMap.class).id("dispatch-map");
        double[] at = casePoint();
        com.vaadin.flow.component.ComponentUtil.fireEvent(map, new org.vaadin.addons.leafletflow.LeafletMap.PointPickedEvent(map, true, at[1], at[0]));
        test($(Button.class).id("emergency-ok")).click();
        assertThat(lastNotification()).isEqualTo("请填写标题（最多200个字）。");
        assertThat($(com.vaadin.flow.component.textfield.TextField.class).id("emergency-title").isAttached()).isTrue();
        assertThat(jdbc.sql("select count(*) from emergency").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void theResponderSeesTheArrivalTimeInChineseMinutes() {
        jdbc.sql("update app_user set responder_id = :r where username = 'wangge'").param("r", best.id()).update();
        long assignment = As.user(users, "diaodu", () -> assignments.assignToCase(caseId, best.id()).id());
        Integer eta = jdbc.sql("select eta_seconds from assignment where id = :id").param("id", assignment).query(Integer.class).single();
        assertThat(eta).as("the best candidate has a travel time").isNotNull();
        signIn("wangge");
        navigate(MyTasksView.class);
        assertThat($(com.vaadin.flow.component.html.Paragraph.class).all().stream().map(com.vaadin.flow.component.html.Paragraph::getText)
                .filter(text -> text.startsWith("预计到达"))).containsExactly("预计到达：约" + (eta + 59) / 60 + "分钟");
    }

    @Test
    void withdrawingAUnitAsksFirstSayingWhatHappensAndOnlyTheConfirmationWithdrawsIt() {
        long assignment = As.user(users, "diaodu", () -> assignments.assignToCase(caseId, best.id()).id());
        signIn("diaodu");
        navigate(DispatchView.class);
        @SuppressWarnings("unchecked")
        var active = test((Grid<Assignment>) $(Grid.class).id("active-assignments"));
        int row = java.util.stream.IntStream.range(0, active.size()).filter(i -> active.getRow(i).id() == assignment).findFirst().orElseThrow();
        Button withdraw = (Button) active.getCellComponent(row, 4);
        test(withdraw).click();
        var confirm = test($(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class).id("assignment-cancel-confirm"));
        assertThat(confirm.getHeader()).isEqualTo("撤回对" + best.name() + "的派遣？");
        assertThat(confirm.getText()).contains(best.name()).contains("不再前往").contains("已撤回");
        confirm.cancel();
        assertThat(jdbc.sql("select status from assignment where id = :id").param("id", assignment).query(String.class).single()).isEqualTo("ASSIGNED");
        test(withdraw).click();
        test($(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class).id("assignment-cancel-confirm")).confirm();
        assertThat(jdbc.sql("select status from assignment where id = :id").param("id", assignment).query(String.class).single()).isEqualTo("CANCELLED");
    }

    @Test
    void endingAnEmergencyAsksFirstSayingWhatHappensAndOnlyTheConfirmationEndsIt() {
        double[] at = casePoint();
        long emergency = As.user(users, "diaodu", () -> emergencies.declare("FIRE", 3, "确认测试火情", at[0], at[1]));
        try {
            signIn("diaodu");
            navigate(DispatchView.class);
            test($(Button.class).withClassName("gc-emergency-end").first()).click();
            var confirm = test($(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class).id("emergency-end-confirm"));
            assertThat(confirm.getHeader()).isEqualTo("结束应急“确认测试火情”？");
            assertThat(confirm.getText()).contains("不能撤销");
            confirm.cancel();
            assertThat(jdbc.sql("select ended_at is null from emergency where id = :id").param("id", emergency).query(Boolean.class).single()).isTrue();
            test($(Button.class).withClassName("gc-emergency-end").first()).click();
            test($(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class).id("emergency-end-confirm")).confirm();
            assertThat(jdbc.sql("select ended_by from emergency where id = :id").param("id", emergency).query(String.class).single()).isEqualTo("diaodu");
        } finally {
            jdbc.sql("update emergency set ended_at = greatest(declared_at, :now), ended_by = 'test' where id = :id and ended_at is null")
                    .param("now", clock.now()).param("id", emergency).update();
        }
    }

    @Test
    void aDispatchLinkToACaseOutsideTheUsersAreasOrToNoCaseSaysSo() {
        long elsewhere = jdbc.sql("""
                        select k.id from gov_case k join township t on t.id = k.township_id
                         where t.code <> '331099101000' and k.step not in ('CLOSED', 'REFERRED') order by k.id limit 1""")
                .query(Long.class).single();
        signIn("qingxi.zhihui");
        for (String parameter : List.of(Long.toString(elsewhere), "999999999", "abc")) {
            openDispatchFor(parameter);
            assertThat(lastNotification()).as(parameter).isEqualTo("要派遣的案件不存在，或不在您的管辖范围内；请在地图上点选一个在办案件。");
            assertThat($(com.vaadin.flow.component.html.Div.class).id("dispatch-target").getElement().getTextRecursively())
                    .as("no target chosen").isEqualTo("在地图上点选一个在办案件，列出最近的可用力量");
        }
        // A case of the user's own township is the target, without a warning.
        long own = jdbc.sql("""
                        select k.id from gov_case k join township t on t.id = k.township_id
                         where t.code = '331099101000' and k.step not in ('CLOSED', 'REFERRED') order by k.id limit 1""")
                .query(Long.class).single();
        int warnings = $(com.vaadin.flow.component.notification.Notification.class).all().size();
        openDispatchFor(Long.toString(own));
        assertThat($(com.vaadin.flow.component.notification.Notification.class).all()).hasSize(warnings);
        assertThat($(com.vaadin.flow.component.html.Div.class).id("dispatch-target").getElement().getTextRecursively())
                .contains(jdbc.sql("select code from gov_case where id = :id").param("id", own).query(String.class).single());
    }
}
