package com.gridcommand.cluster;

import com.gridcommand.cluster.ClusterJobs.Outcome;
import com.gridcommand.support.IntegrationTest;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes, each with a pool of its own, on one database: a job runs on one of them at a time. */
@IntegrationTest
class ClusterJobsTest {

    @Autowired
    DataSource appDataSource;
    @Autowired
    JdbcClient jdbc;

    private HikariDataSource poolA, poolB;
    private ClusterJobs nodeA, nodeB;
    private final String job = "test-" + System.nanoTime();

    @BeforeEach
    void twoNodes() throws Exception {
        poolA = pool("a");
        poolB = pool("b");
        nodeA = new ClusterJobs(poolA, new SimpleMeterRegistry(), "node-a");
        nodeB = new ClusterJobs(poolB, new SimpleMeterRegistry(), "node-b");
    }

    private HikariDataSource pool(String name) throws Exception {
        HikariDataSource app = appDataSource.unwrap(HikariDataSource.class);
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(app.getJdbcUrl());
        pool.setUsername(app.getUsername());
        pool.setPassword(app.getPassword());
        pool.setMaximumPoolSize(6);
        pool.setPoolName("node-" + name);
        return pool;
    }

    @AfterEach
    void close() {
        poolA.close();
        poolB.close();
        jdbc.sql("delete from job_run where name = :name").param("name", job).update();
    }

    private List<Outcome> race(int threadsPerNode, int attempts, Duration period, Runnable work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2 * threadsPerNode);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Outcome>>> futures = new ArrayList<>();
        for (int t = 0; t < 2 * threadsPerNode; t++) {
            ClusterJobs node = t % 2 == 0 ? nodeA : nodeB;
            futures.add(threads.submit(() -> {
                start.await();
                List<Outcome> outcomes = new ArrayList<>();
                for (int i = 0; i < attempts; i++) outcomes.add(node.runExclusive(job, period, work));
                return outcomes;
            }));
        }
        start.countDown();
        List<Outcome> all = new ArrayList<>();
        for (Future<List<Outcome>> f : futures) all.addAll(f.get(2, TimeUnit.MINUTES));
        threads.shutdown();
        return all;
    }

    private long runs() {
        return jdbc.sql("select runs from job_run where name = :name").param("name", job).query(Long.class).single();
    }

    @Test
    void twoNodesRacingForAJobManyTimesRunItOnceInItsPeriod() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        List<Outcome> outcomes = race(4, 25, Duration.ofHours(1), () -> {
            ran.incrementAndGet();
            sleep(30);
        });
        assertThat(outcomes).hasSize(200).doesNotContain(Outcome.FAILED);
        assertThat(outcomes.stream().filter(o -> o == Outcome.RAN)).hasSize(1);
        assertThat(ran).hasValue(1);
        assertThat(runs()).isEqualTo(1);
    }

    @Test
    void aJobWithNoPeriodRunsAgainAndAgainButNeverOnTwoNodesAtOnce() throws Exception {
        AtomicInteger inside = new AtomicInteger(), most = new AtomicInteger(), ran = new AtomicInteger();
        List<Outcome> outcomes = race(3, 30, Duration.ZERO, () -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            sleep(2);
            ran.incrementAndGet();
            inside.decrementAndGet();
        });
        assertThat(most).as("never two runs at once").hasValue(1);
        assertThat(outcomes).doesNotContain(Outcome.FAILED);
        assertThat(outcomes.stream().filter(o -> o == Outcome.RAN).count()).isEqualTo(ran.get()).isEqualTo(runs()).isGreaterThan(1);
    }

    @Test
    void aNodeWhoseConnectionIsKilledWhileRunningLosesTheJobToTheOtherNodeAtItsNextTry() throws Exception {
        CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<Outcome> first = thread.submit(() -> nodeA.runExclusive(job, Duration.ofMillis(500), () -> {
            running.countDown();
            await(release);
        }));
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(nodeB.runExclusive(job, Duration.ofMillis(500), () -> { })).as("A holds the lock").isEqualTo(Outcome.SKIPPED);

        long key = ClusterJobs.lockKey(job);
        int killed = jdbc.sql("""
                        select count(pg_terminate_backend(pid)) from pg_locks
                         where locktype = 'advisory' and classid = :high::oid and objid = :low::oid and objsubid = 1 and granted""")
                .param("high", key >>> 32).param("low", key & 0xffffffffL).query(Integer.class).single();
        assertThat(killed).as("the holder's connection").isEqualTo(1);

        AtomicInteger ranOnB = new AtomicInteger();
        Outcome takeOver = Outcome.SKIPPED;
        for (int i = 0; i < 250 && takeOver == Outcome.SKIPPED; i++) {
            takeOver = nodeB.runExclusive(job, Duration.ofMillis(500), ranOnB::incrementAndGet);
            if (takeOver == Outcome.SKIPPED) sleep(20);
        }
        assertThat(takeOver).as("B runs it while A's work still goes on").isEqualTo(Outcome.RAN);
        assertThat(ranOnB).hasValue(1);
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).as("A cannot record a run it lost the lock of").isEqualTo(Outcome.FAILED);
        thread.shutdown();
        assertThat(jdbc.sql("select node from job_run where name = :name").param("name", job).query(String.class).single()).isEqualTo("node-b");
        assertThat(runs()).isEqualTo(1);
    }

    @Test
    void aStickyJobStaysOnItsNodeAndMovesOnlyOnceThatNodeStopsFinishingRuns() throws Exception {
        Duration takeOverAfter = Duration.ofMillis(1500); // well above a stall of a loaded test machine
        Map<String, List<ClusterJobs.Handover>> handovers = new ConcurrentHashMap<>();
        java.util.function.Function<String, java.util.function.Consumer<ClusterJobs.Handover>> work =
                node -> h -> handovers.computeIfAbsent(node, n -> new ArrayList<>()).add(h);

        assertThat(nodeA.runSticky(job, takeOverAfter, work.apply("a"))).isEqualTo(Outcome.RAN);
        for (int i = 0; i < 12; i++) {
            sleep(50);
            assertThat(nodeB.runSticky(job, takeOverAfter, work.apply("b"))).as("B while A ticks").isEqualTo(Outcome.SKIPPED);
            sleep(50);
            assertThat(nodeA.runSticky(job, takeOverAfter, work.apply("a"))).as("A, its runner").isEqualTo(Outcome.RAN);
        }
        assertThat(handovers.get("a")).hasSize(13);
        assertThat(handovers.get("a").getFirst().fromAnotherNode()).as("its first run starts from the database").isTrue();
        assertThat(handovers.get("a").subList(1, 13)).allMatch(h -> !h.fromAnotherNode());
        assertThat(handovers).doesNotContainKey("b");

        // A stops (killed, or cut off): B takes over once A's last run is takeOverAfter old, not before.
        long stopped = System.nanoTime();
        Outcome b = Outcome.SKIPPED;
        while (b == Outcome.SKIPPED && System.nanoTime() - stopped < Duration.ofSeconds(15).toNanos()) {
            sleep(50);
            b = nodeB.runSticky(job, takeOverAfter, work.apply("b"));
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - stopped);
        assertThat(b).isEqualTo(Outcome.RAN);
        assertThat(waited).isGreaterThanOrEqualTo(takeOverAfter.minusMillis(50)).isLessThan(Duration.ofSeconds(8));
        assertThat(handovers.get("b")).singleElement()
                .satisfies(h -> assertThat(h.fromAnotherNode()).isTrue())
                .satisfies(h -> assertThat(h.previousNode()).isEqualTo("node-a"));

        // A comes back: B keeps it, and B's next runs go on from its own state.
        assertThat(nodeA.runSticky(job, takeOverAfter, work.apply("a"))).isEqualTo(Outcome.SKIPPED);
        assertThat(nodeB.runSticky(job, takeOverAfter, work.apply("b"))).isEqualTo(Outcome.RAN);
        assertThat(handovers.get("b").getLast().fromAnotherNode()).isFalse();
    }

    @Test
    void aJobThatThrowsIsRecordedAsFailedAndCountsAsItsPeriodsRun() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ClusterJobs node = new ClusterJobs(poolA, meters, "node-a");
        assertThat(node.runExclusive(job, Duration.ofHours(1), () -> {
            throw new IllegalStateException("no luck");
        })).isEqualTo(Outcome.FAILED);
        assertThat(nodeB.runExclusive(job, Duration.ofHours(1), () -> { })).isEqualTo(Outcome.SKIPPED);
        var row = jdbc.sql("select last_outcome, last_error from job_run where name = :name").param("name", job)
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2))).single();
        assertThat(row.get(0)).isEqualTo("FAILED");
        assertThat(row.get(1)).contains("no luck");
        assertThat(meters.get("gridcommand.jobs.runs").tag("job", job).tag("outcome", "failed").counter().count()).isEqualTo(1);
    }

    @Test
    void lockKeysAreStableAndDifferPerJob() {
        assertThat(ClusterJobs.lockKey("supervision")).isEqualTo(ClusterJobs.lockKey("supervision"))
                .isNotEqualTo(ClusterJobs.lockKey("position-partitions"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
