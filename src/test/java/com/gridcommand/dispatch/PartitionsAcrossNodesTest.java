package com.gridcommand.dispatch;

import com.gridcommand.cluster.ClusterJobs;
import com.gridcommand.cluster.ClusterJobs.Outcome;
import com.gridcommand.support.IntegrationTest;
import com.gridcommand.support.TestClock;
import com.gridcommand.support.NodePools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The hourly partition job, scheduled on every node, makes the days' partitions on one of them. */
@IntegrationTest
class PartitionsAcrossNodesTest {

    @Autowired
    DataSource appDataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PositionIngest ingest;
    @Autowired
    ClusterJobs jobs;
    @Autowired
    TestClock clock;

    private NodePools otherNodes;
    private final String job = PositionIngest.PARTITION_JOB + "-test-" + System.nanoTime();
    /** Far from any day another test pings on. */
    private final LocalDate day = LocalDate.of(2029, 2, 13);

    @AfterEach
    void cleanUp() {
        if (otherNodes != null) otherNodes.close();
        clock.reset();
        for (LocalDate d : List.of(day, day.plusDays(1))) jdbc.sql("drop table if exists " + partition(d)).update();
        jdbc.sql("delete from job_run where name = :name").param("name", job).update();
    }

    private static String partition(LocalDate d) {
        return "position_report_" + d.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private ClusterJobs node(String name) throws Exception {
        if (otherNodes == null) otherNodes = new NodePools(appDataSource);
        return otherNodes.jobs(name, 4);
    }

    @Test
    void theStartOfThisNodeMadeTodaysPartitionsThroughTheClusterJob() {
        var row = jdbc.sql("select node, runs, last_outcome from job_run where name = :name").param("name", PositionIngest.PARTITION_JOB)
                .query((rs, i) -> List.of(rs.getString(1), rs.getLong(2), rs.getString(3))).single();
        assertThat(row.get(0)).isEqualTo(jobs.node());
        assertThat((Long) row.get(1)).isPositive();
        assertThat(row.get(2)).isEqualTo("OK");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        assertThat(jdbc.sql("select to_regclass(:name) is not null").param("name", partition(today)).query(Boolean.class).single()).isTrue();
    }

    @Test
    void twoNodesRacingForThePartitionJobMakeEachDaysPartitionOnceOnOneNode() throws Exception {
        clock.set(day.atTime(0, 0, 30).toInstant(ZoneOffset.UTC));
        List<ClusterJobs> nodes = List.of(node("node-a"), node("node-b"));
        AtomicInteger made = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Outcome>>> futures = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            ClusterJobs node = nodes.get(t % 2);
            futures.add(threads.submit(() -> {
                start.await();
                List<Outcome> outcomes = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    outcomes.add(node.runExclusive(job, PositionIngest.PARTITION_PERIOD, () -> {
                        made.incrementAndGet();
                        ingest.makeDays();
                    }));
                }
                return outcomes;
            }));
        }
        start.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<List<Outcome>> f : futures) outcomes.addAll(f.get(2, TimeUnit.MINUTES));
        threads.shutdown();

        assertThat(outcomes).hasSize(60).doesNotContain(Outcome.FAILED);
        assertThat(outcomes.stream().filter(o -> o == Outcome.RAN)).hasSize(1);
        assertThat(made).hasValue(1);
        for (LocalDate d : List.of(day, day.plusDays(1))) {
            assertThat(jdbc.sql("select count(*) from pg_inherits where inhparent = 'position_report'::regclass and inhrelid = to_regclass(:name)")
                    .param("name", partition(d)).query(Long.class).single()).as(partition(d)).isEqualTo(1);
        }
        assertThat(jdbc.sql("select runs from job_run where name = :name").param("name", job).query(Long.class).single()).isEqualTo(1);
    }
}
