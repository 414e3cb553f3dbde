package com.gridcommand.cluster.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.time.Duration;

/**
 * The SQL of one job run, on the connection whose transaction holds the job's lock (the lock lasts exactly as long as
 * that transaction, or that connection). Times are the database's clock.
 */
public final class JobRunQueries {

    /** A job's last run as the table has it; {@code sinceFinished} is null if it never finished. */
    public record LastRun(String node, Duration sinceFinished) {}

    private final JdbcClient jdbc;

    public JobRunQueries(Connection lockConnection) {
        this.jdbc = JdbcClient.create(new SingleConnectionDataSource(lockConnection, true));
    }

    /** Whether this transaction got the job's lock (a transaction-level advisory lock: no table, no index). */
    public boolean tryLock(long key) {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", key).query(Boolean.class).single());
    }

    /** Who ran the job last and how long ago it finished; the row is made on first use (job_run's primary key). */
    public LastRun lastRun(String job) {
        jdbc.sql("insert into job_run (name) values (:name) on conflict (name) do nothing").param("name", job).update();
        return jdbc.sql("""
                        select node, extract(epoch from clock_timestamp() - finished_at) * 1000 from job_run where name = :name""")
                .param("name", job)
                .query((rs, i) -> {
                    double millis = rs.getDouble(2);
                    return new LastRun(rs.getString(1), rs.wasNull() ? null : Duration.ofMillis((long) millis));
                }).single();
    }

    /** Records a run of this node that started at this transaction's start and finished now (job_run's primary key). */
    public void finished(String job, String node, boolean ok, String error) {
        jdbc.sql("""
                        update job_run set node = :node, started_at = now(), finished_at = clock_timestamp(), runs = runs + 1,
                               last_outcome = :outcome, last_error = :error
                         where name = :name""")
                .param("name", job).param("node", node).param("outcome", ok ? "OK" : "FAILED")
                .param("error", error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error)
                .update();
    }
}
