package com.gridcommand.casework;

import com.gridcommand.cluster.ClusterJobs;
import com.gridcommand.cluster.ClusterJobs.Outcome;
import com.gridcommand.support.IntegrationTest;
import com.gridcommand.support.TestClock;
import com.gridcommand.support.NodePools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supervision scheduled on two nodes (each with its own pool) on one database: each period it runs once, and however
 * often the nodes race, each overdue case is escalated once and alerted once per step and kind. It escalates the demo
 * city's cases for good, so it has a database of its own (the property below makes its own context).
 */
@IntegrationTest
@TestPropertySource(properties = "gridcommand.cluster.node-id=supervision-across-nodes")
class SupervisionAcrossNodesTest {

    @Autowired
    DataSource appDataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SupervisionService supervision;
    @Autowired
    TestClock clock;

    private NodePools otherNodes;

    @AfterEach
    void close() {
        if (otherNodes != null) otherNodes.close();
        clock.reset();
    }

    private ClusterJobs node(String name) throws Exception {
        if (otherNodes == null) otherNodes = new NodePools(appDataSource);
        return otherNodes.jobs(name, 4);
    }

    private List<Outcome> race(List<ClusterJobs> nodes, int threadsPerNode, int attempts, Duration period,
                               ConcurrentLinkedQueue<SupervisionService.Run> runs) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size() * threadsPerNode);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Outcome>>> futures = new ArrayList<>();
        for (int t = 0; t < nodes.size() * threadsPerNode; t++) {
            ClusterJobs node = nodes.get(t % nodes.size());
            futures.add(threads.submit(() -> {
                start.await();
                List<Outcome> outcomes = new ArrayList<>();
                for (int i = 0; i < attempts; i++) outcomes.add(node.runExclusive(SupervisionService.JOB, period, () -> runs.add(supervision.runOnce())));
                return outcomes;
            }));
        }
        start.countDown();
        List<Outcome> all = new ArrayList<>();
        for (Future<List<Outcome>> f : futures) all.addAll(f.get(5, TimeUnit.MINUTES));
        threads.shutdown();
        return all;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void supervisionRacedFromTwoNodesRunsOncePerPeriodEscalatesEachOverdueCaseOnceAndAlertsOncePerCaseStepAndKind() throws Exception {
        // A month on, many of the demo city's open cases are past their step's deadline by more than two working days.
        clock.set(clock.instant().plus(Duration.ofDays(30)));
        List<ClusterJobs> nodes = List.of(node("node-a"), node("node-b"));
        long alertsBefore = count("select count(*) from case_alert");

        ConcurrentLinkedQueue<SupervisionService.Run> firstPeriod = new ConcurrentLinkedQueue<>();
        List<Outcome> outcomes = race(nodes, 3, 10, Duration.ofHours(1), firstPeriod);
        assertThat(outcomes).hasSize(60).doesNotContain(Outcome.FAILED);
        assertThat(outcomes.stream().filter(o -> o == Outcome.RAN)).as("one run in the period").hasSize(1);
        SupervisionService.Run run = firstPeriod.element();
        assertThat(run.escalated()).as("the demo city has overdue cases a month on").isPositive();

        long escalatedCases = count("select count(distinct case_id) from case_alert where kind = 'ESCALATED'");
        assertThat(count("select count(*) from case_alert where kind = 'ESCALATED'")).isEqualTo(escalatedCases).isEqualTo(run.escalated());
        assertThat(count("select count(*) from case_alert") - alertsBefore).isEqualTo(run.near() + run.overdue() + run.escalated());

        // With no period the nodes take turns as fast as they can: no case is escalated twice, no alert raised twice
        // (a case escalated past its own deadline is red at once at its new level: that step's alert is a new one).
        long alertsBetween = count("select count(*) from case_alert");
        ConcurrentLinkedQueue<SupervisionService.Run> again = new ConcurrentLinkedQueue<>();
        List<Outcome> turns = race(nodes, 3, 4, Duration.ZERO, again);
        assertThat(turns).doesNotContain(Outcome.FAILED);
        assertThat(again).hasSizeGreaterThan(1).allSatisfy(r -> assertThat(r.escalated()).isZero());
        assertThat(again.stream().filter(r -> r.near() + r.overdue() > 0)).as("only the first turn finds anything new").hasSizeLessThanOrEqualTo(1);
        assertThat(count("select count(*) from case_alert") - alertsBetween).isEqualTo(again.stream().mapToLong(r -> r.near() + r.overdue()).sum());
        assertThat(count("select count(*) from case_alert where kind = 'ESCALATED'")).as("each case escalated once").isEqualTo(escalatedCases);
        assertThat(count("select count(*) from case_alert"))
                .as("one alert per case, step (as it started) and kind")
                .isEqualTo(count("select count(*) from (select distinct case_id, step, kind, step_started_at from case_alert) d"));
        assertThat(count("select runs from job_run where name = 'supervision'")).isEqualTo(1 + again.size());
    }
}
