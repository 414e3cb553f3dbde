package com.gridcommand.base.web;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database is away" (answered 503) and which are defects. */
class DatabaseOutageTest {

    private static SQLException fromHikari(String message) {
        SQLException e = new SQLException(message);
        e.setStackTrace(new StackTraceElement[]{new StackTraceElement("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "lambda", null, 1)});
        return e;
    }

    @Test
    void theDatabaseAwayIsRecognisedHoweverItArrives() {
        assertThat(DatabaseOutage.causedBy(new CannotGetJdbcConnectionException("x", new SQLTransientConnectionException("timed out")))).isTrue();
        assertThat(DatabaseOutage.causedBy(new RuntimeException(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException("terminating connection due to unexpected postmaster exit", "57P01"))).isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException("the database system is starting up", "57P03"))).isTrue();
        // A rollback on the connection the pool had closed replaces the failure that caused it; the JDBC transaction
        // manager reports it translated, or (when nothing translates it) as a failed transaction.
        assertThat(DatabaseOutage.causedBy(new UncategorizedSQLException("JDBC rollback", null, fromHikari("Connection is closed")))).isTrue();
        assertThat(DatabaseOutage.causedBy(new TransactionSystemException("JDBC rollback failed", fromHikari("Connection is closed")))).isTrue();
        TransactionSystemException rollback = new TransactionSystemException("rollback failed");
        rollback.initApplicationException(new SQLException("I/O error", "08006"));
        assertThat(DatabaseOutage.causedBy(rollback)).isTrue();
    }

    @Test
    void otherFailuresAreNoOutage() {
        assertThat(DatabaseOutage.causedBy(new DataIntegrityViolationException("duplicate key", new SQLException("duplicate", "23505")))).isFalse();
        assertThat(DatabaseOutage.causedBy(new SQLException("Connection is closed"))).as("not from the pool").isFalse();
        assertThat(DatabaseOutage.causedBy(new SQLException("cancelled", "57014"))).isFalse();
        assertThat(DatabaseOutage.causedBy(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseOutage.causedBy(null)).isFalse();
    }
}
