package com.gridcommand.base.db;

import com.gridcommand.base.web.DatabaseOutage;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Waits long for a busy pool but not at all for a database that is away. The pool's own wait is short
 * (a slice); when a slice ends without a connection, the pool says why: with no failed attempt to connect
 * it was only busy (a burst of dispatchers), so the request waits another slice, up to {@code patience};
 * with a failed attempt the database is away, and the request fails at once — to be answered 503.
 */
final class PatientDataSource extends DelegatingDataSource {

    private final long patienceNanos;

    PatientDataSource(DataSource pool, Duration patience) {
        super(pool);
        this.patienceNanos = patience.toNanos();
    }

    @Override
    public Connection getConnection() throws SQLException {
        long deadline = System.nanoTime() + patienceNanos;
        while (true) {
            try {
                return super.getConnection();
            } catch (SQLTransientConnectionException slice) {
                // Hikari names the last failed attempt to connect as the cause, and forgets it once one succeeds.
                boolean away = slice.getCause() != null && DatabaseOutage.causedBy(slice.getCause());
                if (away || System.nanoTime() > deadline) throw slice;
            }
        }
    }
}
