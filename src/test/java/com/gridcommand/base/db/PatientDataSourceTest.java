package com.gridcommand.base.db;

import com.gridcommand.base.postgis.EmbeddedPostgis;
import com.gridcommand.base.postgis.EmbeddedPostgisProperties;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A busy pool is waited for, slice after slice; a database that is away is not waited for at all. */
class PatientDataSourceTest {

    private static HikariDataSource pool(EmbeddedPostgis postgis) {
        var pool = new HikariDataSource();
        pool.setJdbcUrl(postgis.jdbcUrl());
        pool.setUsername(postgis.user());
        pool.setPassword(postgis.password());
        pool.setMaximumPoolSize(1);
        pool.setConnectionTimeout(300);
        pool.setValidationTimeout(250);
        return pool;
    }

    @Test
    void aRequestWaitsForABusyPoolLongerThanOneSliceAndGetsItsConnection(@TempDir Path folder) throws Exception {
        var properties = new EmbeddedPostgisProperties(folder.resolve("pgdata"), 0, false, true, "gridcommand", null);
        try (EmbeddedPostgis postgis = EmbeddedPostgis.start(properties); HikariDataSource hikari = pool(postgis)) {
            var patient = new PatientDataSource(hikari, Duration.ofSeconds(10));
            Connection held = patient.getConnection();
            // The only connection is given back after a second: three slices of the pool's own wait.
            CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(1000);
                    held.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            try (Connection c = patient.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(600));
            // Hikari alone gives up after one slice.
            Connection again = patient.getConnection();
            assertThatThrownBy(hikari::getConnection).isInstanceOf(SQLException.class);
            again.close();
        }
    }

    @Test
    void aRequestFailsAtOnceWhenTheDatabaseIsAway(@TempDir Path folder) throws Exception {
        var properties = new EmbeddedPostgisProperties(folder.resolve("pgdata"), 0, false, true, "gridcommand", null);
        EmbeddedPostgis postgis = EmbeddedPostgis.start(properties);
        try (HikariDataSource hikari = pool(postgis)) {
            var patient = new PatientDataSource(hikari, Duration.ofSeconds(30));
            patient.getConnection().close();
            postgis.close();   // stopped for good: no watchdog brings it back
            hikari.getHikariPoolMXBean().softEvictConnections();   // no idle connection left to hand out
            long start = System.nanoTime();
            assertThatThrownBy(() -> patient.getConnection().close()).isInstanceOf(SQLException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }
}
