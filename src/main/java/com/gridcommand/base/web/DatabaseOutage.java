package com.gridcommand.base.web;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a failure because the database cannot be reached (down, restarting, the pool's wait over) from
 * any other: the first is answered 503 with {@code Retry-After}, for the client to try again; the second
 * is a defect.
 */
public final class DatabaseOutage {

    /** What clients are told to wait before trying again: the embedded cluster is back within about a second. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseOutage() {
    }

    /** Whether the database being away is what made this fail, anywhere in its chain of causes. */
    public static boolean causedBy(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
            if (t instanceof DatabaseUnavailableException || t instanceof CannotGetJdbcConnectionException
                || t instanceof SQLTransientConnectionException) return true;
            // SQLSTATE 08: connection exceptions; 57P01-03: the server is shutting down, crashed or starting up.
            if (t instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) return true;
            if (t instanceof SQLException sql && closedByThePool(sql)) return true;
            // A failed rollback replaces the failure that caused it; that one is kept here.
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null && causedBy(tx.getApplicationException())) return true;
        }
        return false;
    }

    /** Hikari closes a connection it found broken and says so without an SQLSTATE (a rollback after the database died). */
    private static boolean closedByThePool(SQLException e) {
        return "Connection is closed".equals(e.getMessage()) && e.getStackTrace().length > 0
               && e.getStackTrace()[0].getClassName().startsWith("com.zaxxer.hikari.");
    }

    /** A failure that carries the outage past code that would take it for something else (sign-in). */
    public static DatabaseUnavailableException unavailable(Throwable cause) {
        return new DatabaseUnavailableException(cause);
    }

    public static final class DatabaseUnavailableException extends RuntimeException {
        DatabaseUnavailableException(Throwable cause) {
            super("the database cannot be reached", cause);
        }
    }
}
