package com.gridcommand.base.postgis;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A private PostgreSQL cluster run from the machine's own PostgreSQL + PostGIS binaries.
 * In run mode its data folder is kept and it is crash-safe (fsync, synchronous commit);
 * tests run it ephemeral and fast.
 */
public final class EmbeddedPostgis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgis.class);
    /** How long a leftover server may take to shut down (it may be finishing a checkpoint). */
    private static final Duration LEFTOVER_PATIENCE = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final String database;

    private EmbeddedPostgis(EmbeddedPostgres postgres, String database) {
        this.postgres = postgres;
        this.database = database;
    }

    public static EmbeddedPostgis start(EmbeddedPostgisProperties properties) {
        PostgisInstallation installation = PostgisInstallation.find(properties.postgresHome());
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
            // A killed JVM leaves its postmaster running and holding the folder: stop it, or clear a stale lock file.
            new ClusterProcesses(dataDir).clearLeftovers(LEFTOVER_PATIENCE);
            // zonky unpacks its (symlink) archive here; shared by every cluster under the same parent folder.
            Path work = dataDir.resolveSibling("postgres-bin");
            var builder = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(new SystemPostgresBinaryResolver(installation.bin()))
                    .setOverrideWorkingDirectory(work.toFile())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(properties.ephemeral())
                    .setPort(properties.port())
                    .setLocaleConfig("locale", "C.UTF-8")
                    // Debian's default socket folder is not ours to write; keep the socket beside the data.
                    .setServerConfig("unix_socket_directories", dataDir.toString())
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("timezone", "UTC");
            // zonky passes -F (fsync off) and synchronous_commit=off: fine for tests, data loss in run mode.
            String durable = properties.durable() ? "on" : "off";
            builder.setServerConfig("fsync", durable)
                    .setServerConfig("synchronous_commit", durable)
                    .setServerConfig("full_page_writes", durable);
            EmbeddedPostgres postgres = builder.start();
            var embedded = new EmbeddedPostgis(postgres, properties.database());
            embedded.createDatabaseIfMissing();
            log.info("Embedded PostGIS ({}) running: {} (data in {}, durable={})",
                    installation.home(), embedded.jdbcUrl(), dataDir, properties.durable());
            return embedded;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostGIS in " + dataDir, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    public String user() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    private void createDatabaseIfMissing() {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("create database \"" + database.replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    /** For tools that need a raw connection outside the pool. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), "");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
