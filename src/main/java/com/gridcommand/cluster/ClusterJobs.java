package com.gridcommand.cluster;

import com.gridcommand.cluster.internal.JobRunQueries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs a scheduled job on one node of the cluster at a time (DD007). Each run holds a PostgreSQL advisory lock in the
 * transaction of a connection of its own, kept open while the job works (the job's own transactions use other
 * connections): the lock goes the moment that transaction ends or its connection dies — a node killed, its network
 * lost, the primary failed over — with no expiry to wait out. The {@code job_run} row says who ran last and when
 * (the database's clock), so the node that finds the job done within the period skips it, and a sticky job stays on
 * the node that runs it until that node stops finishing runs.
 */
@Component
public class ClusterJobs {

    /** What became of one attempt; the meters' tag is the lowercase name. */
    public enum Outcome { RAN, FAILED, SKIPPED }

    /** What a sticky job is told when it runs: whether another node ran it last (so what it kept in memory is stale). */
    public record Handover(boolean fromAnotherNode, String previousNode) {}

    private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);
    /** A run that finished this share of the period early still counts as the period's (schedulers drift a little). */
    private static final double PERIOD_SLACK = 0.9;

    private final DataSource dataSource;
    private final MeterRegistry meters;
    private final String node;

    @Autowired
    ClusterJobs(DataSource dataSource, MeterRegistry meters, @Value("${gridcommand.cluster.node-id:}") String nodeId,
                @Value("${server.port:8080}") int port) {
        this(dataSource, meters, nodeId == null || nodeId.isBlank() ? defaultNodeId(port) : nodeId.strip());
        log.info("Cluster node id {} (gridcommand.cluster.node-id)", node);
    }

    /** A node of its own on the given pool (tests run two on one database). */
    public ClusterJobs(DataSource dataSource, MeterRegistry meters, String node) {
        this.dataSource = dataSource;
        this.meters = meters;
        this.node = node;
    }

    /** This node's id, as {@code job_run.node} names it. */
    public String node() {
        return node;
    }

    /**
     * Runs the work here unless another node is running it now or it finished (anywhere) less than {@code period} ago.
     * For jobs that are safe to move between nodes from one period to the next.
     */
    public Outcome runExclusive(String job, Duration period, Runnable work) {
        return run(job, period, null, handover -> work.run());
    }

    /**
     * Runs the work here each time it is called on the node that ran it last; another node takes over only once the
     * last runner has not finished a run for {@code takeOverAfter} (it stopped, or lost the database). The work is told
     * when it takes over, to start from what the database holds rather than what it kept in memory.
     */
    public Outcome runSticky(String job, Duration takeOverAfter, Consumer<Handover> work) {
        return run(job, null, takeOverAfter, work);
    }

    private Outcome run(String job, Duration period, Duration takeOverAfter, Consumer<Handover> work) {
        Outcome outcome;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                outcome = runLocked(connection, job, period, takeOverAfter, work);
                connection.commit();
            } finally {
                // Ends the transaction (and so the lock) whatever happened; a dead connection has lost it already.
                if (!connection.isClosed()) {
                    try {
                        connection.rollback();
                        connection.setAutoCommit(true);
                    } catch (SQLException ignored) {
                        // the pool discards a broken connection
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            // No connection, or it broke during the run: the job may have run (its own transactions commit on their own),
            // but its run is not recorded and another node may run it next period.
            log.warn("Job {} on {}: {}", job, node, e.getMessage());
            outcome = Outcome.FAILED;
        }
        count(job, outcome);
        return outcome;
    }

    private Outcome runLocked(Connection connection, String job, Duration period, Duration takeOverAfter, Consumer<Handover> work) {
        JobRunQueries queries = new JobRunQueries(connection);
        if (!queries.tryLock(lockKey(job))) return Outcome.SKIPPED;
        JobRunQueries.LastRun last = queries.lastRun(job);
        boolean mine = node.equals(last.node());
        Duration since = last.sinceFinished();
        if (period != null && since != null && since.toMillis() < period.toMillis() * PERIOD_SLACK) return Outcome.SKIPPED;
        if (takeOverAfter != null && !mine && last.node() != null && since != null && since.compareTo(takeOverAfter) < 0) {
            return Outcome.SKIPPED;
        }
        if (takeOverAfter != null && !mine && last.node() != null) log.info("Job {} taken over by {} from {}", job, node, last.node());
        String error = null;
        try {
            work.accept(new Handover(!mine, last.node()));
        } catch (RuntimeException e) {
            error = e.toString();
            log.warn("Job {} failed on {}", job, node, e);
        }
        queries.finished(job, node, error == null, error);
        return error == null ? Outcome.RAN : Outcome.FAILED;
    }

    private void count(String job, Outcome outcome) {
        Counter.builder("gridcommand.jobs.runs").description("Scheduled job attempts on this node: ran, failed, or skipped (another node has it)")
                .tag("job", job).tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(meters).increment();
    }

    /** A stable 64-bit advisory lock key for a job name (the first 8 bytes of its SHA-256). */
    static long lockKey(String job) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("gridcommand.job:" + job).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) key = (key << 8) | (hash[i] & 0xff);
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** host:port, or host and a short random id when the port is chosen at start (0). */
    private static String defaultNodeId(int port) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        return host + ":" + (port > 0 ? Integer.toString(port) : UUID.randomUUID().toString().substring(0, 8));
    }
}
