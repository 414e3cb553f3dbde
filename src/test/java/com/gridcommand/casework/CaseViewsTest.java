package com.gridcommand.casework;

import com.gridcommand.support.BrowserlessSignIn;

import com.gridcommand.casework.ui.CaseDetailView;
import com.gridcommand.casework.ui.CaseListView;
import org.vaadin.addons.leafletflow.LeafletMap;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.IntegrationTest;
import com.gridcommand.support.TestClock;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case views' logic without a browser: filters and a drawn area decide what the list and its map
 * hold; the case page offers exactly the actions of the step and role; a user acting on a case someone
 * changed meanwhile is told, and what they typed stays.
 */
@IntegrationTest
@ViewPackages(classes = {CaseListView.class, CaseDetailView.class, com.gridcommand.map.CommandMapView.class})
class CaseViewsTest extends SpringBrowserlessTest {

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;

    private final List<Long> made = new ArrayList<>();

    void signIn(String username) {
        BrowserlessSignIn.signIn(users, username);
    }

    @AfterEach
    void cleanUp() {
        SecurityContextHolder.clearContext();
        for (long id : made) jdbc.sql("delete from gov_case where id = :id").param("id", id).update();
    }

    @SuppressWarnings("unchecked")
    Grid<CaseListItem> grid() {
        return $(Grid.class).id("case-list");
    }

    Set<Long> listed() {
        var tester = test(grid());
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < tester.size(); i++) ids.add(tester.getRow(i).id());
        return ids;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStepFilterAndADrawnPolygonDecideTheListAndItsMap() {
        signIn("zhihui");
        navigate(CaseListView.class);
        assertThat(test(grid()).size()).isEqualTo(jdbc.sql("select count(*) from gov_case").query(Integer.class).single());

        MultiSelectComboBox<CaseStep> steps = $(MultiSelectComboBox.class).id("filter-step");
        test(steps).selectItem("报结反馈");
        assertThat(listed()).isEqualTo(new HashSet<>(jdbc.sql("select id from gov_case where step = 'FEEDBACK'").query(Long.class).list()));
        assertThat($(Span.class).id("case-total").getText()).isEqualTo("共 " + listed().size() + " 件");

        // A polygon drawn over the west half of the first township: the FEEDBACK cases inside it.
        String polygon = jdbc.sql("""
                        select ST_AsGeoJSON(ST_Envelope(ST_MakeLine(ST_MakePoint(ST_XMin(e), ST_YMin(e)), ST_MakePoint((ST_XMin(e) + ST_XMax(e)) / 2, ST_YMax(e)))))
                          from (select ST_Envelope(geom) e from township order by code limit 1) t""").query(String.class).single();
        LeafletMap map = $(LeafletMap.class).id("case-map");
        ComponentUtil.fireEvent(map, new LeafletMap.ShapeDrawnEvent(map, true, "polygon", polygon, 0, 0, 0));
        Set<Long> inside = new HashSet<>(jdbc.sql("""
                        select id from gov_case where step = 'FEEDBACK' and ST_Intersects(geom, ST_SetSRID(ST_GeomFromGeoJSON(:p), 4326))""")
                .param("p", polygon).query(Long.class).list());
        assertThat(inside).isNotEmpty();
        assertThat(listed()).isEqualTo(inside);
        assertThat($(Span.class).id("select-info").getText().replaceAll("\\D", "")).isEqualTo(String.valueOf(
                jdbc.sql("select count(*) from gov_case where ST_Intersects(geom, ST_SetSRID(ST_GeomFromGeoJSON(:p), 4326))")
                        .param("p", polygon).query(Integer.class).single()));

        // The map shows what the list holds, in the reported view.
        ComponentUtil.fireEvent(map, new LeafletMap.MoveEvent(map, true, 120.0, 28.0, 122.0, 30.0, 11, 800, 600));
        assertThat(map.layer("cases").orElseThrow().features().keySet()).isEqualTo(inside.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet()));

        // Cleared: every case again.
        test($(Button.class).id("select-clear")).click();
        steps.clear();
        assertThat(test(grid()).size()).isEqualTo(jdbc.sql("select count(*) from gov_case").query(Integer.class).single());
    }

    long caseIn(CaseStep step) {
        long id = jdbc.sql("""
                        insert into gov_case (code, title, description, category, severity, source, step, reported_at, deadline,
                                              step_started_at, step_deadline, geom)
                        select 'V-' || substr(md5(random()::text), 1, 20), '视图测试', '', 'NEIGHBOUR', 1, 'PATROL', :step, :now, :now + interval '5 days',
                               :now, :now + interval '1 day', ST_PointOnSurface(geom)
                          from grid_cell where code = :cell returning id""")
                .param("now", clock.now()).param("step", step.name()).param("cell", users.byUsername("wangge").orElseThrow().scope().codes().getFirst())
                .query(Long.class).single();
        made.add(id);
        return id;
    }

    Set<String> actionsOffered() {
        Set<String> ids = new HashSet<>();
        $(Button.class).all().forEach(b -> b.getId().filter(i -> i.startsWith("action-")).ifPresent(ids::add));
        return ids;
    }

    @Test
    void theCasePageOffersTheActionsOfItsStepToTheRole() {
        long id = caseIn(CaseStep.SUPERVISION);
        signIn("wangge");
        navigate(CaseDetailView.class, java.util.Map.of("id", Long.toString(id)));
        assertThat(actionsOffered()).containsExactlyInAnyOrder("action-report", "action-escalate", "action-correct");
        signIn("lingdao");
        navigate(CaseDetailView.class, java.util.Map.of("id", Long.toString(id)));
        assertThat(actionsOffered()).containsExactlyInAnyOrder("action-escalate", "action-refer", "action-joint", "action-supervise");
        // A case outside the reader's areas reads as no case at all.
        long elsewhere = jdbc.sql("""
                        select k.id from gov_case k join grid_cell c on c.id = k.grid_cell_id where c.code <> all(:mine) order by k.id limit 1""")
                .param("mine", users.byUsername("wangge").orElseThrow().scope().codes().toArray(String[]::new)).query(Long.class).single();
        signIn("wangge");
        navigate(CaseDetailView.class, java.util.Map.of("id", Long.toString(elsewhere)));
        assertThat(actionsOffered()).isEmpty();
        assertThat($(com.vaadin.flow.component.html.H2.class).single().getText()).isEqualTo("案件不存在，或不在您的管辖范围内");
    }

    String lastNotification() {
        return test($(Notification.class).last()).getText();
    }

    @Test
    void aFollowUpVisitWithoutWhatThePartiesSaidIsRefusedInChinese() {
        long id = caseIn(CaseStep.FOLLOW_UP);
        signIn("wangge");
        navigate(CaseDetailView.class, java.util.Map.of("id", Long.toString(id)));
        test($(Button.class).id("action-follow_up")).click();
        test($(Button.class).id("action-confirm")).click();
        assertThat(lastNotification()).isEqualTo("回访须记录当事人的意见。");
        assertThat($(TextArea.class).id("action-note").isAttached()).as("the dialog stays to be filled in").isTrue();
        assertThat(jdbc.sql("select step from gov_case where id = :id").param("id", id).query(String.class).single()).isEqualTo("FOLLOW_UP");
    }

    @Test
    void aPointOutsideTheGridWorkersCellsIsRefusedWhenClickedNamingTheCellAndNoFormOpens() {
        record Cell(String name, double lon, double lat) {}
        Cell elsewhere = jdbc.sql("""
                        select name, ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) from grid_cell
                         where code <> all(:mine) order by code limit 1""")
                .param("mine", users.byUsername("wangge").orElseThrow().scope().codes().toArray(String[]::new))
                .query((rs, i) -> new Cell(rs.getString(1), rs.getDouble(2), rs.getDouble(3))).single();
        signIn("wangge");
        navigate(com.gridcommand.map.CommandMapView.class);
        LeafletMap map = $(LeafletMap.class).id("command-map");
        test($(Button.class).id("map-register")).click();
        ComponentUtil.fireEvent(map, new LeafletMap.PointPickedEvent(map, true, elsewhere.lat(), elsewhere.lon()));
        assertThat($(com.gridcommand.casework.ui.IntakeDialog.class).all()).as("no form to fill in for nothing").isEmpty();
        assertThat(lastNotification()).isEqualTo("该位置属于" + elsewhere.name() + "，不在您的管辖网格内，不能在此登记案件。");
        // A point in one of the worker's own cells opens the form, placed in that cell.
        String own = users.byUsername("wangge").orElseThrow().scope().codes().getFirst();
        double[] inside = jdbc.sql("select ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) from grid_cell where code = :c")
                .param("c", own).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        test($(Button.class).id("map-register")).click();
        ComponentUtil.fireEvent(map, new LeafletMap.PointPickedEvent(map, true, inside[1], inside[0]));
        assertThat($(com.gridcommand.casework.ui.IntakeDialog.class).single().isOpened()).isTrue();
        assertThat($(Span.class).id("intake-location").getText()).contains(
                jdbc.sql("select name from grid_cell where code = :c").param("c", own).query(String.class).single());
    }

    @Autowired
    CaseWorkflowService workflow;
    @Autowired
    CaseService cases;

    long version(long id) {
        return jdbc.sql("select version from gov_case where id = :id").param("id", id).query(Long.class).single();
    }

    @Test
    void theTimelineReadsInWordsLevelsTimesAnswersPartiesAndTheSystemsOwnSupervision() {
        String cell = users.byUsername("wangge").orElseThrow().scope().codes().getFirst();
        double[] p = jdbc.sql("select ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) from grid_cell where code = :c")
                .param("c", cell).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        long id = com.gridcommand.support.As.user(users, "wangge", () -> workflow.register(new NewCase(p[0], p[1], "宅基地边界争执", "", "NEIGHBOUR", 1,
                "PATROL", List.of(new NewCase.Party("赵英伟", "APPLICANT"), new NewCase.Party("李四", "RESPONDENT")), List.of())));
        made.add(id);
        com.gridcommand.support.As.user(users, "zhihui", () -> workflow.route(id, version(id), null, null, null));
        assertThat(workflow.escalateBySupervision(id, "超期2个工作日未办理，按规则自动上报")).isTrue();
        com.gridcommand.support.As.user(users, "zhihui", () -> workflow.sign(id, version(id), null));
        com.gridcommand.support.As.user(users, "wangge", () -> workflow.report(id, version(id), "双方达成协议", List.of()));
        com.gridcommand.support.As.user(users, "lingdao", () -> workflow.accept(id, version(id), null));
        com.gridcommand.support.As.user(users, "wangge", () -> workflow.followUp(id, version(id), "双方满意", true));
        OffsetDateTime deadline = jdbc.sql("select deadline from gov_case where id = :id").param("id", id).query(OffsetDateTime.class).single();

        signIn("zhihui");
        navigate(CaseDetailView.class, java.util.Map.of("id", Long.toString(id)));
        List<String> items = $(com.vaadin.flow.component.html.Div.class).withClassName("gc-timeline-item").all().stream()
                .map(d -> d.getElement().getTextRecursively()).toList();
        assertThat(items).hasSize(7);
        String register = items.get(0), escalate = items.get(2), followUp = items.get(6);
        assertThat(register).contains("级别：村/社区级")
                .contains("办结时限：" + deadline.atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai")).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .contains(jdbc.sql("select display_name from app_user where username = 'wangge'").query(String.class).single() + "（wangge）");
        assertThat(escalate).contains("转至：乡镇级").contains("系统自动督办").doesNotContain("system:");
        assertThat(followUp).contains("满意：是");
        assertThat(String.join("\n", items)).as("no codes, ISO times or booleans")
                .doesNotContainPattern("\\b[A-Z][A-Z_]{3,}\\b").doesNotContainPattern("\\d{2}T\\d{2}:").doesNotContain("+08:00").doesNotContain("true");
        String facts = $(com.vaadin.flow.component.html.Div.class).withClassName("gc-facts").single().getElement().getTextRecursively();
        assertThat(facts).contains("赵英伟（申请人）、李四（被申请人）").doesNotContain("APPLICANT");
    }

    /** Another user acts meanwhile (Vaadin reads the user from the session: switch it there, then back). */
    void meanwhile(String other, String me, Runnable action) {
        signIn(other);
        action.run();
        signIn(me);
    }

    String displayName(String username) {
        return jdbc.sql("select display_name from app_user where username = :u").param("u", username).query(String.class).single();
    }

    String stepOf(long id) {
        return jdbc.sql("select step from gov_case where id = :id").param("id", id).query(String.class).single();
    }

    @Test
    void whenTwoRouteTheSameCaseTheSecondKeepsTheNoteIsToldWhatTheFirstDidAndConfirmsAgain() {
        long id = caseIn(CaseStep.INTAKE);
        signIn("diaodu");
        navigate(CaseDetailView.class, java.util.Map.of("id", Long.toString(id)));
        test($(Button.class).id("action-route")).click();
        test($(com.vaadin.flow.component.textfield.TextField.class).id("action-person")).setValue("王调解");
        TextArea note = $(TextArea.class).id("action-note");
        test(note).setValue("请先电话联系双方，周五前上门");
        // Meanwhile the other user routes it.
        meanwhile("zhihui", "diaodu", () -> workflow.route(id, version(id), "青溪镇司法所", "李主任", "请司法所处理"));
        test($(Button.class).id("action-confirm")).click();
        assertThat(lastNotification()).contains("该案件刚被他人处理");
        assertThat(note.isAttached()).isTrue();
        assertThat(note.getValue()).isEqualTo("请先电话联系双方，周五前上门");
        assertThat($(Span.class).id("case-step").getText()).as("the page underneath is the case as it is now").isEqualTo("分流查处");
        Paragraph changed = $(Paragraph.class).id("action-conflict");
        assertThat(changed.isVisible()).isTrue();
        assertThat(changed.getText()).contains(displayName("zhihui") + "（zhihui）").contains("分流交办").contains("青溪镇司法所").contains("再次点击“确定”");
        assertThat(jdbc.sql("select count(*) from case_event where case_id = :id").param("id", id).query(Integer.class).single()).isEqualTo(1);
        // Confirmed again, knowingly: routed once more with what the second user typed.
        Button confirm = $(Button.class).id("action-confirm");
        assertThat(confirm.isEnabled()).isTrue();
        test(confirm).click();
        assertThat(note.isAttached()).as("done: the dialog closes").isFalse();
        assertThat(jdbc.sql("select responsible_person from gov_case where id = :id").param("id", id).query(String.class).single()).isEqualTo("王调解");
        assertThat(jdbc.sql("select actor || ' ' || note from case_event where case_id = :id order by id desc limit 1").param("id", id)
                .query(String.class).single()).isEqualTo("diaodu 请先电话联系双方，周五前上门");
        assertThat(stepOf(id)).isEqualTo("ROUTING");
    }

    @Test
    void signingForACaseSomeoneSignedForMeanwhileKeepsTheNoteAndSaysItCanNoLongerBeSigned() {
        long id = caseIn(CaseStep.ROUTING);
        signIn("wangge");
        navigate(CaseDetailView.class, java.util.Map.of("id", Long.toString(id)));
        test($(Button.class).id("action-sign")).click();
        TextArea note = $(TextArea.class).id("action-note");
        test(note).setValue("我来处理，明天上门");
        meanwhile("zhihui", "wangge", () -> workflow.sign(id, version(id), "中心已签收"));
        test($(Button.class).id("action-confirm")).click();
        assertThat(note.getValue()).isEqualTo("我来处理，明天上门");
        assertThat($(Paragraph.class).id("action-conflict").getText()).contains(displayName("zhihui")).contains("签收")
                .contains("案件现处于“跟踪督办”环节，已不能签收");
        assertThat($(Button.class).id("action-confirm").isEnabled()).isFalse();
        assertThat(jdbc.sql("select count(*) from case_event where case_id = :id and action = 'SIGN'").param("id", id).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void theAccountThatReportedTheResultIsNotOfferedToAcceptItTheTownshipAboveIs() {
        long id = caseIn(CaseStep.SUPERVISION);
        jdbc.sql("update gov_case set responsible_unit = '测试调委会' where id = :id").param("id", id).update();
        com.gridcommand.support.As.user(users, "cunzhan", () -> workflow.report(id, version(id), "已调解，双方签订协议", List.of()));
        signIn("cunzhan");
        navigate(CaseDetailView.class, java.util.Map.of("id", Long.toString(id)));
        assertThat(actionsOffered()).doesNotContain("action-accept").contains("action-reject");
        assertThat($(Span.class).id("accept-own-report").getText()).isEqualTo("本案报结由您提交，须由其他账户（如上级综治中心）审核通过。");
        signIn("qingxi.zhihui");
        navigate(CaseDetailView.class, java.util.Map.of("id", Long.toString(id)));
        assertThat(actionsOffered()).contains("action-accept");
        assertThat($(Span.class).withId("accept-own-report").all()).isEmpty();
        test($(Button.class).id("action-accept")).click();
        test($(Button.class).id("action-confirm")).click();
        assertThat(stepOf(id)).isEqualTo("FOLLOW_UP");
    }

    @Test
    void actingOnACaseSomeoneChangedMeanwhileSaysSoAndKeepsWhatWasTyped() {
        long id = caseIn(CaseStep.SUPERVISION);
        signIn("wangge");
        navigate(CaseDetailView.class, java.util.Map.of("id", Long.toString(id)));
        test($(Button.class).id("action-report")).click();
        TextArea note = $(TextArea.class).id("action-note");
        test(note).setValue("已调解完毕");
        // Meanwhile someone else changed the case.
        jdbc.sql("update gov_case set version = version + 1, responsible_person = '另一人' where id = :id").param("id", id).update();
        test($(Button.class).id("action-confirm")).click();
        assertThat(test($(Notification.class).last()).getText()).contains("该案件刚被他人处理");
        assertThat(note.getValue()).isEqualTo("已调解完毕");
        assertThat(note.isAttached()).isTrue();
        assertThat(jdbc.sql("select step from gov_case where id = :id").param("id", id).query(String.class).single()).isEqualTo("SUPERVISION");
        // Confirmed again, knowingly: it applies to the case as it is now.
        test($(Button.class).id("action-confirm")).click();
        assertThat(jdbc.sql("select step from gov_case where id = :id").param("id", id).query(String.class).single()).isEqualTo("FEEDBACK");
        assertThat($(Span.class).id("case-step").getText()).isEqualTo("报结反馈");
    }
}
