package com.gridcommand.dispatch;

import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One-click assignment: exactly one winner under contention, every step stamped, only the right people report steps. */
@IntegrationTest
class AssignmentsTest {

    @Autowired
    Assignments assignments;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;
    @Autowired
    com.gridcommand.support.TestClock clock;

    private long caseId;
    private long otherCase;
    private long responderId;
    private String statusBefore;

    @BeforeEach
    void pick() {
        List<Long> open = jdbc.sql("select id from gov_case where step <> 'CLOSED' order by id limit 2").query(Long.class).list();
        caseId = open.get(0);
        otherCase = open.get(1);
        responderId = jdbc.sql("select id from responder where kind = 'POLICE_PATROL' and position is not null order by id limit 1").query(Long.class).single();
        statusBefore = jdbc.sql("select status from responder where id = :id").param("id", responderId).query(String.class).single();
        jdbc.sql("update responder set status = 'AVAILABLE' where id = :id").param("id", responderId).update();
    }

    @AfterEach
    void cleanUp() {
        jdbc.sql("update app_user set responder_id = null where username = 'diaodu'").update();
        jdbc.sql("delete from assignment where responder_id = :id").param("id", responderId).update();
        jdbc.sql("update responder set status = :s where id = :id").param("s", statusBefore).param("id", responderId).update();
    }

    @Test
    void twoHundredDispatchersAssigningTheSameResponderAtOnceGiveExactlyOneAssignment() throws Exception {
        int attempts = 200;
        java.time.OffsetDateTime since = clock.now().minusSeconds(1);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            long target = i % 2 == 0 ? caseId : otherCase;
            results.add(pool.submit(() -> {
                go.await();
                try {
                    return As.user(users, "diaodu", () -> assignments.assignToCase(target, responderId));
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        go.countDown();
        List<Assignment> won = new ArrayList<>();
        List<AssignmentRefusedException> lost = new ArrayList<>();
        for (Future<Object> f : results) {
            Object r = f.get();
            if (r instanceof Assignment a) won.add(a);
            else if (r instanceof AssignmentRefusedException e) lost.add(e);
            else throw new AssertionError("unexpected outcome", (Throwable) r);
        }
        pool.shutdown();
        assertThat(won).hasSize(1);
        assertThat(lost).hasSize(attempts - 1);
        // The losers are told who has the responder, for which case, since when.
        Assignment winner = won.getFirst();
        assertThat(lost).allSatisfy(e -> {
            assertThat(e.reason()).isEqualTo(AssignmentRefusedException.Reason.TAKEN);
            assertThat(e.args().get(1)).isEqualTo(winner.target());
        });
        // One new assignment (the demo's past dispatches of this unit are finished, long before the race).
        assertThat(jdbc.sql("select count(*) from assignment where responder_id = :id and assigned_at >= :since").param("id", responderId)
                .param("since", since).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select status from responder where id = :id").param("id", responderId).query(String.class).single()).isEqualTo("ASSIGNED");
    }

    @Test
    void everyStepIsStampedAndMovesTheResponderStatus() {
        Assignment a = As.user(users, "diaodu", () -> assignments.assignToCase(caseId, responderId));
        assertThat(a.status()).isEqualTo("ASSIGNED");
        assertThat(a.etaSeconds()).isNotNull().isPositive();
        assertThat(a.etaMethod()).isIn("ROAD", "STRAIGHT_LINE");
        // The responder's own account reports the steps (here the dispatcher's account plays the responder's phone).
        jdbc.sql("update app_user set responder_id = :r where username = 'wangge'").param("r", responderId).update();
        try {
            for (Assignment.Status s : List.of(Assignment.Status.ACCEPTED, Assignment.Status.EN_ROUTE, Assignment.Status.ON_SCENE, Assignment.Status.FINISHED)) {
                Assignment after = As.user(users, "wangge", () -> assignments.advance(a.id(), s, null));
                assertThat(after.status()).isEqualTo(s.name());
            }
        } finally {
            jdbc.sql("update app_user set responder_id = null where username = 'wangge'").update();
        }
        Assignment done = assignments.get(a.id()).orElseThrow();
        assertThat(done.acceptedAt()).isNotNull();
        assertThat(done.enRouteAt()).isNotNull();
        assertThat(done.onSceneAt()).isNotNull();
        assertThat(done.endedAt()).isNotNull();
        assertThat(done.endedBy()).isEqualTo("wangge");
        assertThat(done.responseTime()).isNotNull();
        assertThat(jdbc.sql("select status from responder where id = :id").param("id", responderId).query(String.class).single()).isEqualTo("RETURNING");
        // Returning units can be sent again.
        Assignment next = As.user(users, "diaodu", () -> assignments.assignToCase(otherCase, responderId));
        assertThat(next.status()).isEqualTo("ASSIGNED");
    }

    @Test
    void stepsOutOfOrderAndStrangersAreRefused() {
        Assignment a = As.user(users, "diaodu", () -> assignments.assignToCase(caseId, responderId));
        assertThatThrownBy(() -> As.user(users, "diaodu", () -> assignments.advance(a.id(), Assignment.Status.FINISHED, null)))
                .isInstanceOf(AssignmentRefusedException.class).extracting("reason").isEqualTo(AssignmentRefusedException.Reason.STEP);
        assertThatThrownBy(() -> As.user(users, "wangge", () -> assignments.advance(a.id(), Assignment.Status.ON_SCENE, null)))
                .isInstanceOf(AssignmentRefusedException.class).extracting("reason").isEqualTo(AssignmentRefusedException.Reason.NOT_YOURS);
        assertThatThrownBy(() -> As.user(users, "wangge", () -> assignments.assignToCase(caseId, responderId)))
                .isInstanceOf(CurrentUser.AccessDeniedException.class);
        // Cancelled by the dispatcher: the responder is free again.
        As.user(users, "diaodu", () -> assignments.advance(a.id(), Assignment.Status.CANCELLED, "wrong unit"));
        assertThat(jdbc.sql("select status from responder where id = :id").param("id", responderId).query(String.class).single()).isEqualTo("AVAILABLE");
        jdbc.sql("update responder set status = 'OFF_DUTY' where id = :id").param("id", responderId).update();
        assertThatThrownBy(() -> As.user(users, "diaodu", () -> assignments.assignToCase(caseId, responderId)))
                .isInstanceOf(AssignmentRefusedException.class).extracting("reason").isEqualTo(AssignmentRefusedException.Reason.NOT_DISPATCHABLE);
    }
}
