package com.gridcommand.casework;

import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.IntegrationTest;
import com.gridcommand.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The workflow through the service, on real PostGIS: every step × action pair applied to a real case
 * by a user allowed to act; every action refused to the roles not listed; the timeline grows by one
 * line per change and never otherwise; a change made against an old version is refused; a point
 * decides the cell; attachments are checked before anything is stored.
 */
@IntegrationTest
class CaseWorkflowServiceTest {

    @Autowired
    TestClock clock;

    /** A demo user for each role, all of whom may act in the cell the test cases are put in. */
    static final Map<Role, String> USER = Map.of(Role.ADMIN, "admin", Role.COMMAND, "zhihui", Role.DISPATCHER, "diaodu",
            Role.LEADER, "lingdao", Role.GRID_WORKER, "wangge");

    @Autowired
    CaseWorkflowService workflow;
    @Autowired
    CaseService cases;
    @Autowired
    GridUserRepository users;
    @Autowired
    JdbcClient jdbc;

    private final List<Long> made = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void removeTestCases() {
        for (long id : made) jdbc.sql("delete from gov_case where id = :id").param("id", id).update();
        made.clear();
    }

    /** The grid worker's first cell: every demo user may act there. */
    String cell() {
        return users.byUsername("wangge").orElseThrow().scope().codes().getFirst();
    }

    /** A case straight in the database, in the given step, at community level, inside the grid worker's first cell. */
    long caseIn(CaseStep step) {
        long id = jdbc.sql("""
                        insert into gov_case (code, title, description, category, severity, source, step, reported_at, deadline, closed_at,
                                              step_started_at, step_deadline, responsible_unit, geom)
                        select 'T-' || substr(md5(random()::text), 1, 24), '测试案件', '', 'NEIGHBOUR', 1, 'PATROL', :step, :now - interval '1 day',
                               :now + interval '10 days', case when :step = 'CLOSED' then :now end,
                               case when :step in ('CLOSED', 'REFERRED') then null else :now - interval '1 hour' end,
                               case when :step in ('CLOSED', 'REFERRED') then null else :now + interval '2 days' end, '测试调委会',
                               ST_PointOnSurface(geom)
                          from grid_cell where code = :cell returning id""")
                .param("now", clock.now()).param("step", step.name()).param("cell", cell()).query(Long.class).single();
        made.add(id);
        return id;
    }

    long version(long id) {
        return jdbc.sql("select version from gov_case where id = :id").param("id", id).query(Long.class).single();
    }

    CaseStep step(long id) {
        return CaseStep.valueOf(jdbc.sql("select step from gov_case where id = :id").param("id", id).query(String.class).single());
    }

    int events(long id) {
        return jdbc.sql("select count(*) from case_event where case_id = :id").param("id", id).query(Integer.class).single();
    }

    /** Takes the action with valid input, as the service asks for it. */
    void act(CaseAction action, long id, long version) {
        switch (action) {
            case ROUTE -> workflow.route(id, version, null, "张调解", "请尽快联系双方");
            case SIGN -> workflow.sign(id, version, null);
            case REPORT -> workflow.report(id, version, "经调解双方达成协议", List.of());
            case ACCEPT -> workflow.accept(id, version, null);
            case REJECT -> workflow.reject(id, version, "协议未签字，重新办理");
            case FOLLOW_UP -> workflow.followUp(id, version, "回访双方，均表示满意", true);
            case ESCALATE -> workflow.escalate(id, version, "村级调解不成");
            case REFER -> workflow.refer(id, version, "县人民法院", "已起诉");
            case JOINT -> workflow.joint(id, version, List.of("派出所", "司法所"), "联合调解");
            case REOPEN -> workflow.reopen(id, version, "当事人再次反映");
            case SUPERVISE -> workflow.supervise(id, version, "CITY", "列为市级督办");
            case CORRECT -> workflow.correct(new CaseCorrection(id, "更正后的标题", "", "NEIGHBOUR", 2, version));
            default -> throw new IllegalArgumentException(action.name());
        }
    }

    static String someoneAllowed(CaseAction action) {
        Role role = CaseWorkflowTest.ROLES.get(action).stream().sorted().findFirst().orElseThrow();
        return USER.get(role);
    }

    @Test
    void everyStepAndActionThroughTheService() {
        for (CaseStep from : CaseStep.values()) {
            for (CaseAction action : CaseAction.values()) {
                if (!CaseWorkflowTest.isTransition(action)) continue;
                long id = caseIn(from);
                long v = version(id);
                CaseStep expected = CaseWorkflowTest.ALLOWED.getOrDefault(from, Map.of()).get(action);
                As.user(users, someoneAllowed(action), () -> {
                    if (expected != null) {
                        act(action, id, v);
                        assertThat(step(id)).as("%s in %s", action, from).isEqualTo(expected);
                        assertThat(version(id)).isEqualTo(v + 1);
                        assertThat(cases.timeline(id)).last().satisfies(e -> {
                            assertThat(e.action()).isEqualTo(action);
                            assertThat(e.from()).isEqualTo(from);
                            assertThat(e.to()).isEqualTo(expected);
                            assertThat(e.actor()).isEqualTo(someoneAllowed(action));
                        });
                    } else {
                        assertThatThrownBy(() -> act(action, id, v)).as("%s in %s", action, from).isInstanceOf(IllegalTransitionException.class);
                        assertThat(step(id)).isEqualTo(from);
                        assertThat(version(id)).isEqualTo(v);
                        assertThat(events(id)).isZero();
                    }
                });
            }
        }
    }

    @Test
    void anActionIsRefusedToEveryRoleNotListedAndNothingChanges() {
        for (CaseAction action : CaseAction.values()) {
            if (!CaseWorkflowTest.isTransition(action)) continue;
            CaseStep from = CaseWorkflowTest.ALLOWED.entrySet().stream().filter(e -> e.getValue().containsKey(action))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            for (Role role : Role.values()) {
                if (CaseWorkflowTest.ROLES.get(action).contains(role)) continue;
                long id = caseIn(from);
                long v = version(id);
                As.user(users, USER.get(role), () -> assertThatThrownBy(() -> act(action, id, v)).as("%s as %s", action, role)
                        .isInstanceOf(CurrentUser.AccessDeniedException.class));
                assertThat(version(id)).isEqualTo(v);
                assertThat(events(id)).isZero();
            }
        }
    }

    @Test
    void escalationGoesOneLevelUpWithItsReasonAndStopsAtTheCity() {
        long id = caseIn(CaseStep.SUPERVISION);
        As.user(users, "wangge", () -> {
            workflow.escalate(id, version(id), "村里调解不了");
            assertThat(cases.details(id).orElseThrow().level()).isEqualTo("TOWNSHIP");
            assertThat(cases.details(id).orElseThrow().responsibleUnit()).endsWith("综治中心");
            assertThat(step(id)).isEqualTo(CaseStep.ROUTING);
            workflow.escalate(id, version(id), "镇里也调解不了");
            assertThat(cases.details(id).orElseThrow().level()).isEqualTo("CITY");
            assertThat(cases.details(id).orElseThrow().responsibleUnit()).isEqualTo("市综治中心");
            assertThatThrownBy(() -> workflow.escalate(id, version(id), "再上报")).isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> workflow.escalate(id, version(id), " ")).isInstanceOf(IllegalArgumentException.class);
            assertThat(cases.timeline(id)).extracting(CaseEvent::note).containsExactly("村里调解不了", "镇里也调解不了");
        });
    }

    @Test
    void referralJointHandlingAndReopeningKeepWhatTheySaid() {
        long id = caseIn(CaseStep.SUPERVISION);
        As.user(users, "zhihui", () -> {
            workflow.joint(id, version(id), List.of("派出所", " 司法所 ", "派出所"), "三方联调");
            assertThat(cases.details(id).orElseThrow().jointUnits()).containsExactly("派出所", "司法所");
            assertThatThrownBy(() -> workflow.joint(id, version(id), List.of("派出所"), null)).isInstanceOf(IllegalArgumentException.class);
            workflow.refer(id, version(id), "县信访局", "涉及政策问题");
            CaseDetails referred = cases.details(id).orElseThrow();
            assertThat(referred.step()).isEqualTo("REFERRED");
            assertThat(referred.referredTo()).isEqualTo("县信访局");
            assertThat(referred.light()).isNull();
            assertThatThrownBy(() -> workflow.reopen(id, version(id), "")).isInstanceOf(IllegalArgumentException.class);
            workflow.reopen(id, version(id), "信访局退回");
            CaseDetails reopened = cases.details(id).orElseThrow();
            assertThat(reopened.step()).isEqualTo("SUPERVISION");
            assertThat(reopened.reopened()).isEqualTo(1);
            assertThat(reopened.referredTo()).isNull();
            assertThat(reopened.deadline()).isAfter(clock.now().plusDays(1));
        });
    }

    /** Unit names are stored as typed: a comma, a quote or a backslash is part of the name, not array syntax. */
    @Test
    void jointUnitsWithCommasQuotesAndBackslashesAreStoredExactlyAsTyped() {
        long id = caseIn(CaseStep.SUPERVISION);
        List<String> units = List.of("治安大队, 二中队", "\"平安\"办", "a\\b", "{司法所}");
        As.user(users, "zhihui", () -> {
            workflow.joint(id, version(id), units, "联合调解");
            assertThat(cases.details(id).orElseThrow().jointUnits()).containsExactlyElementsOf(units);
        });
    }

    @Test
    void theSecondOfTwoUsersActingOnTheSameVersionIsToldAndNothingIsOverwritten() {
        long id = caseIn(CaseStep.ROUTING);
        long seen = version(id);
        As.user(users, "zhihui", () -> workflow.sign(id, seen, "我来办"));
        // Told that someone acted first (a conflict), not that the action does not apply to a step never seen.
        As.user(users, "diaodu", () -> assertThatThrownBy(() -> workflow.route(id, seen, "另一单位", null, null))
                .isInstanceOf(CaseConflictException.class));
        // Same step, same version seen: a correction by one and by another.
        long now = version(id);
        As.user(users, "zhihui", () -> workflow.correct(new CaseCorrection(id, "第一人的标题", "", "NEIGHBOUR", 1, now)));
        As.user(users, "wangge", () -> assertThatThrownBy(() -> workflow.correct(new CaseCorrection(id, "第二人的标题", "", "NEIGHBOUR", 1, now)))
                .isInstanceOf(CaseConflictException.class));
        As.user(users, "zhihui", () -> assertThat(cases.details(id).orElseThrow().title()).isEqualTo("第一人的标题"));
        assertThat(As.user(users, "admin", () -> cases.timeline(id))).extracting(CaseEvent::action).containsExactly(CaseAction.SIGN, CaseAction.CORRECT);
    }

    @Test
    void twoUsersDecidingAtTheSameMomentOneWinsTheOtherIsRefused() throws Exception {
        long id = caseIn(CaseStep.FEEDBACK);
        long v = version(id);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<String>> tasks = List.of(
                    () -> As.user(users, "zhihui", () -> attempt(start, () -> workflow.accept(id, v, "通过"))),
                    () -> As.user(users, "lingdao", () -> attempt(start, () -> workflow.reject(id, v, "证据不足"))));
            List<Future<String>> results = new ArrayList<>();
            for (Callable<String> t : tasks) results.add(pool.submit(t));
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) outcomes.add(f.get());
            assertThat(outcomes).containsExactlyInAnyOrder("done", "refused");
        } finally {
            pool.shutdownNow();
        }
        // Exactly the winner's decision stands.
        assertThat(version(id)).isEqualTo(v + 1);
        assertThat(events(id)).isEqualTo(1);
        CaseAction winner = As.user(users, "admin", () -> cases.timeline(id)).getFirst().action();
        assertThat(step(id)).isEqualTo(winner == CaseAction.ACCEPT ? CaseStep.FOLLOW_UP : CaseStep.SUPERVISION);
    }

    private static String attempt(CountDownLatch start, Runnable action) {
        try {
            start.await();
            action.run();
            return "done";
        } catch (CaseConflictException | IllegalTransitionException e) {
            // Either it saw the old version and lost the race to write, or it read after the winner: refused both ways.
            return "refused";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    // ------------------------------------------------------------------ where a point falls

    @Test
    void aPointInsideACellIsRegisteredThereWithItsCommunityAndTownship() {
        double[] p = jdbc.sql("select ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) from grid_cell where code = :c")
                .param("c", cell()).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        long id = As.user(users, "wangge", () -> workflow.register(newCase(p[0], p[1], List.of())));
        made.add(id);
        var row = jdbc.sql("""
                        select c.code, m.name, t.name, k.registered_by, k.step, k.responsible_unit, k.level from gov_case k
                          join grid_cell c on c.id = k.grid_cell_id join community m on m.id = k.community_id join township t on t.id = k.township_id
                         where k.id = :id""").param("id", id)
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7))).single();
        var expected = jdbc.sql("""
                        select m.name, t.name from grid_cell c join community m on m.id = c.community_id join township t on t.id = m.township_id
                         where c.code = :c""").param("c", cell()).query((rs, i) -> List.of(rs.getString(1), rs.getString(2))).single();
        assertThat(row.get(0)).isEqualTo(cell());
        assertThat(row.subList(1, 3)).isEqualTo(expected);
        assertThat(row.get(3)).isEqualTo("wangge");
        assertThat(row.get(4)).isEqualTo("INTAKE");
        // Neighbour disputes go to the community's mediation committee (the rule for the category).
        assertThat(row.get(5)).isEqualTo(expected.get(0) + "人民调解委员会");
        assertThat(row.get(6)).isEqualTo("COMMUNITY");
        assertThat(cases.timeline(id)).as("nobody signed in reads nothing").isEmpty();
        As.user(users, "wangge", () -> assertThat(cases.timeline(id)).singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo(CaseAction.REGISTER)));
        assertThat(jdbc.sql("select code from gov_case where id = :id").param("id", id).query(String.class).single()).matches("AJ\\d{8}-\\d{4}");
    }

    @Test
    void aPointOnTheBoundaryOfTwoCellsGoesToTheCellWithTheLowerCode() {
        // A corner the two cells share exactly (the cells are noded), so it lies on both boundaries.
        record Shared(String a, String b, double lon, double lat) {}
        Shared shared = jdbc.sql("""
                        select a.code, b.code, ST_X(p.geom), ST_Y(p.geom)
                          from grid_cell a join grid_cell b on a.code < b.code and ST_Touches(a.geom, b.geom)
                          cross join lateral ST_DumpPoints(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom))) p
                         where ST_Covers(a.geom, p.geom) and ST_Covers(b.geom, p.geom)
                           and (select count(*) from grid_cell c where ST_Covers(c.geom, p.geom)) = 2
                         order by a.code limit 1""")
                .query((rs, i) -> new Shared(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4))).single();
        long id = As.user(users, "admin", () -> workflow.register(newCase(shared.lon(), shared.lat(), List.of())));
        made.add(id);
        String code = jdbc.sql("select c.code from gov_case k join grid_cell c on c.id = k.grid_cell_id where k.id = :id")
                .param("id", id).query(String.class).single();
        assertThat(code).isEqualTo(shared.a()).isLessThan(shared.b());
        assertThat(workflow.locate(shared.lon(), shared.lat())).get().extracting(CaseWorkflowService.Location::cellCode).isEqualTo(shared.a());
    }

    @Test
    void aPointOutsideTheCityOrWithItsAxesSwappedIsRefusedAndNothingIsWritten() {
        long before = jdbc.sql("select count(*) from gov_case").query(Long.class).single();
        double[] inside = jdbc.sql("select ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) from grid_cell where code = :c")
                .param("c", cell()).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        As.user(users, "admin", () -> {
            assertThatThrownBy(() -> workflow.register(newCase(116.39, 39.91, List.of()))).isInstanceOf(CaseLocationException.class)
                    .hasMessageContaining("outside every grid cell");
            // Latitude first by mistake: a point in the sea off Somalia, not in the city.
            assertThatThrownBy(() -> workflow.register(newCase(inside[1], inside[0], List.of()))).isInstanceOf(CaseLocationException.class);
            assertThatThrownBy(() -> workflow.register(newCase(Double.NaN, 29, List.of()))).isInstanceOf(CaseLocationException.class);
            assertThatThrownBy(() -> workflow.register(newCase(121, 95, List.of()))).isInstanceOf(CaseLocationException.class);
        });
        assertThat(workflow.locate(116.39, 39.91)).isEmpty();
        assertThat(jdbc.sql("select count(*) from gov_case").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aGridWorkerCannotRegisterOutsideTheirCells() {
        double[] elsewhere = jdbc.sql("""
                        select ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) from grid_cell
                         where code <> all(:mine) order by code desc limit 1""")
                .param("mine", users.byUsername("wangge").orElseThrow().scope().codes().toArray(String[]::new))
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        As.user(users, "wangge", () -> assertThatThrownBy(() -> workflow.register(newCase(elsewhere[0], elsewhere[1], List.of())))
                .isInstanceOf(CaseLocationException.class).hasMessageContaining("outside your areas"));
        As.user(users, "lingdao", () -> assertThatThrownBy(() -> workflow.register(newCase(elsewhere[0], elsewhere[1], List.of())))
                .isInstanceOf(CurrentUser.AccessDeniedException.class));
    }

    @Test
    void registrationChecksItsFieldsBeforeWriting() {
        double[] p = jdbc.sql("select ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) from grid_cell where code = :c")
                .param("c", cell()).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        long before = jdbc.sql("select count(*) from gov_case").query(Long.class).single();
        As.user(users, "wangge", () -> {
            assertThatThrownBy(() -> workflow.register(new NewCase(p[0], p[1], " ", "", "NEIGHBOUR", 1, "PATROL", List.of(), List.of())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("title");
            assertThatThrownBy(() -> workflow.register(new NewCase(p[0], p[1], "t", "", "NEIGHBOUR", 7, "PATROL", List.of(), List.of())))
                    .hasMessageContaining("severity is 1 to 4");
            assertThatThrownBy(() -> workflow.register(new NewCase(p[0], p[1], "t", "", "THEFT", 1, "PATROL", List.of(), List.of())))
                    .hasMessageContaining("unknown category");
            assertThatThrownBy(() -> workflow.register(new NewCase(p[0], p[1], "t", "", "NEIGHBOUR", 1, "PATROL",
                    List.of(new NewCase.Party("张三", "BYSTANDER")), List.of()))).hasMessageContaining("party role");
            assertThatThrownBy(() -> workflow.register(new NewCase(p[0], p[1], "t".repeat(201), "", "NEIGHBOUR", 1, "PATROL", List.of(), List.of())))
                    .hasMessageContaining("200");
        });
        assertThat(jdbc.sql("select count(*) from gov_case").query(Long.class).single()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ attachments

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};

    NewCase newCase(double lon, double lat, List<Attachments.Upload> files) {
        return new NewCase(lon, lat, "楼上漏水引发纠纷", "三楼住户反映楼上漏水", "NEIGHBOUR", 1, "PATROL",
                List.of(new NewCase.Party("王某", "APPLICANT"), new NewCase.Party("李某", "RESPONDENT")), files);
    }

    @Test
    void attachmentsAreCheckedByTheirBytesSizeAndCountBeforeAnythingIsStored() {
        double[] p = jdbc.sql("select ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) from grid_cell where code = :c")
                .param("c", cell()).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        long cases0 = jdbc.sql("select count(*) from gov_case").query(Long.class).single();
        long files0 = jdbc.sql("select count(*) from case_attachment").query(Long.class).single();
        byte[] exe = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        List<Attachments.Upload> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) eleven.add(new Attachments.Upload("p" + i + ".png", "image/png", PNG));
        As.user(users, "wangge", () -> {
            assertThatThrownBy(() -> workflow.register(newCase(p[0], p[1], List.of(new Attachments.Upload("现场.jpg", "image/jpeg", exe)))))
                    .isInstanceOf(Attachments.AttachmentRejectedException.class).hasMessageContaining("现场.jpg is not a JPEG, PNG, WebP image or a PDF");
            assertThatThrownBy(() -> workflow.register(newCase(p[0], p[1], List.of(new Attachments.Upload("big.png", "image/png", big)))))
                    .isInstanceOf(Attachments.AttachmentRejectedException.class).hasMessageContaining("the limit is 5120 KB");
            assertThatThrownBy(() -> workflow.register(newCase(p[0], p[1], eleven)))
                    .isInstanceOf(Attachments.AttachmentRejectedException.class).hasMessageContaining("at most 10 files");
            assertThatThrownBy(() -> workflow.register(newCase(p[0], p[1], List.of(new Attachments.Upload("a.png", "application/pdf", PNG)))))
                    .hasMessageContaining("says it is application/pdf but its contents are image/png");
            assertThatThrownBy(() -> workflow.register(newCase(p[0], p[1], List.of(new Attachments.Upload("empty.png", "image/png", new byte[0])))))
                    .hasMessageContaining("is empty");
        });
        assertThat(jdbc.sql("select count(*) from gov_case").query(Long.class).single()).isEqualTo(cases0);
        assertThat(jdbc.sql("select count(*) from case_attachment").query(Long.class).single()).isEqualTo(files0);

        // Within the limits: stored with the step, under its own name only, and read back byte for byte.
        long id = As.user(users, "wangge", () -> workflow.register(newCase(p[0], p[1],
                List.of(new Attachments.Upload("../../etc/现场照片.png", "image/png", PNG)))));
        made.add(id);
        As.user(users, "wangge", () -> {
            CaseEvent registered = cases.timeline(id).getFirst();
            assertThat(registered.attachments()).singleElement().satisfies(a -> {
                assertThat(a.fileName()).isEqualTo("现场照片.png");
                assertThat(a.contentType()).isEqualTo("image/png");
                assertThat(cases.attachment(a.id())).get().satisfies(c -> assertThat(c.data()).isEqualTo(PNG));
            });
        });
    }

    @Test
    void theTimelineCannotBeChangedAfterwards() {
        long id = caseIn(CaseStep.ROUTING);
        As.user(users, "zhihui", () -> workflow.sign(id, version(id), "签收"));
        assertThatThrownBy(() -> jdbc.sql("update case_event set note = 'changed' where case_id = :id").param("id", id).update())
                .rootCause().hasMessageContaining("a case timeline is append-only: UPDATE is not allowed");
        assertThatThrownBy(() -> jdbc.sql("delete from case_event where case_id = :id").param("id", id).update())
                .rootCause().hasMessageContaining("a case timeline is append-only: DELETE is not allowed");
    }

    @Test
    void routingACaseThatHasNoUnitYetAsksForOneAndChangesNothing() {
        long id = caseIn(CaseStep.INTAKE);
        jdbc.sql("update gov_case set responsible_unit = null where id = :id").param("id", id).update();
        As.user(users, "zhihui", () -> assertThatThrownBy(() -> workflow.route(id, version(id), " ", null, null))
                .isInstanceOfSatisfying(com.gridcommand.base.i18n.ProblemException.class, p -> assertThat(p.key()).isEqualTo("problem.case.routeUnit")));
        assertThat(step(id)).isEqualTo(CaseStep.INTAKE);
        assertThat(events(id)).isZero();
        As.user(users, "zhihui", () -> workflow.route(id, version(id), "青溪镇人民调解委员会", null, null));
        assertThat(step(id)).isEqualTo(CaseStep.ROUTING);
    }

    @Test
    void theAccountThatReportedAResultCannotAcceptItAnotherAccountCan() {
        long id = caseIn(CaseStep.SUPERVISION);
        As.user(users, "zhihui", () -> workflow.report(id, version(id), "经调解双方达成协议", List.of()));
        As.user(users, "zhihui", () -> assertThatThrownBy(() -> workflow.accept(id, version(id), "通过"))
                .isInstanceOfSatisfying(com.gridcommand.base.i18n.ProblemException.class, p -> assertThat(p.key()).isEqualTo("problem.case.ownReport")));
        assertThat(step(id)).isEqualTo(CaseStep.FEEDBACK);
        assertThat(events(id)).isEqualTo(1);
        // Sending it back is no approval: allowed. Reported again by someone else, the first account may accept.
        As.user(users, "zhihui", () -> workflow.reject(id, version(id), "协议缺签字"));
        As.user(users, "wangge", () -> workflow.report(id, version(id), "补签协议", List.of()));
        As.user(users, "zhihui", () -> workflow.accept(id, version(id), "通过"));
        assertThat(step(id)).isEqualTo(CaseStep.FOLLOW_UP);
    }
}
