package com.gridcommand.base.postgis;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster run from the machine's own PostgreSQL + PostGIS binaries.
 * In run mode its data folder is kept and it is crash-safe (fsync, synchronous commit);
 * tests run it ephemeral and fast. It listens on loopback and its own socket only, and every
 * connection needs the generated password kept beside the data folder.
 */
public final class EmbeddedPostgis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgis.class);
    /** How long a leftover server may take to shut down (it may be finishing a checkpoint). */
    private static final Duration LEFTOVER_PATIENCE = Duration.ofSeconds(60);
    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgisProperties properties;
    private final PostgisInstallation installation;
    private final Path dataDir;
    private final ClusterPassword passwordFile;
    private final String password;
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgis(EmbeddedPostgisProperties properties, PostgisInstallation installation, Path dataDir,
                            ClusterPassword passwordFile, String password, EmbeddedPostgres postgres) {
        this.properties = properties;
        this.installation = installation;
        this.dataDir = dataDir;
        this.passwordFile = passwordFile;
        this.password = password;
        this.postgres = postgres;
    }

    public static EmbeddedPostgis start(EmbeddedPostgisProperties properties) {
        PostgisInstallation installation = PostgisInstallation.find(properties.postgresHome());
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        ClusterPassword passwordFile = new ClusterPassword(dataDir);
        try {
            if (properties.ephemeral()) deleteRecursively(dataDir);
            Files.createDirectories(dataDir);
            // A killed JVM leaves its postmaster running and holding the folder: stop it, or clear a stale lock file.
            new ClusterProcesses(dataDir).clearLeftovers(LEFTOVER_PATIENCE);
            boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
            boolean migrate = !fresh && !ClusterAuthentication.requiresPassword(dataDir);
            if (!fresh && !migrate && !passwordFile.exists()) {
                throw new IllegalStateException("the embedded cluster in " + dataDir + " requires the password kept in "
                        + passwordFile.file() + ", which is missing: restore that file, or delete " + dataDir + " to start afresh");
            }
            String password = passwordFile.readOrCreate();
            if (fresh) initdb(installation, dataDir, passwordFile.file());
            EmbeddedPostgres postgres = builder(properties, installation, dataDir, password, properties.port()).start();
            var embedded = new EmbeddedPostgis(properties, installation, dataDir, passwordFile, password, postgres);
            if (migrate) embedded.requirePassword();
            embedded.createDatabaseIfMissing();
            log.info("Embedded PostGIS ({}) running: {} (data in {}, durable={}, password in {})",
                    installation.home(), embedded.jdbcUrl(), dataDir, properties.durable(), passwordFile.file());
            return embedded;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostGIS in " + dataDir, e);
        }
    }

    private static EmbeddedPostgres.Builder builder(EmbeddedPostgisProperties properties, PostgisInstallation installation,
                                                    Path dataDir, String password, int port) {
        // zonky unpacks its (symlink) archive here; shared by every cluster under the same parent folder.
        Path work = dataDir.resolveSibling("postgres-bin");
        var builder = EmbeddedPostgres.builder()
                .setPgBinaryResolver(new SystemPostgresBinaryResolver(installation.bin()))
                .setOverrideWorkingDirectory(work.toFile())
                .setDataDirectory(dataDir)
                // Never zonky's own initdb (it trusts every local connection) and never its clean-up: both are ours.
                .setCleanDataDirectory(false)
                .setPort(port)
                .setLocaleConfig("locale", "C.UTF-8")
                // zonky's own readiness check signs in too.
                .setConnectConfig("password", password)
                // Debian's default socket folder is not ours to write; keep the socket beside the data.
                .setServerConfig("unix_socket_directories", dataDir.toString())
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("max_connections", "100")
                .setServerConfig("timezone", "UTC");
        // zonky passes -F (fsync off) and synchronous_commit=off: fine for tests, data loss in run mode.
        String durable = properties.durable() ? "on" : "off";
        return builder.setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable)
                .setServerConfig("full_page_writes", durable);
    }

    /** A new cluster asks for the password from its first start: initdb sets it and writes our pg_hba.conf. */
    private static void initdb(PostgisInstallation installation, Path dataDir, Path passwordFile) throws IOException {
        List<String> command = new ArrayList<>();
        // PostgreSQL refuses to run as root; zonky runs it in a user namespace then, and so do we.
        if (LinuxUtils.isUnshareAvailable()) command.addAll(List.of("unshare", "-U"));
        command.addAll(List.of(installation.bin().resolve("initdb").toString(), "-A", "scram-sha-256", "-U", SUPERUSER,
                "--pwfile=" + passwordFile, "-D", dataDir.toString(), "-E", "UTF-8", "--locale=C.UTF-8"));
        Process initdb = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(initdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (initdb.waitFor() != 0) throw new IOException("initdb failed: " + output.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while initdb ran", e);
        }
        ClusterAuthentication.writeHba(dataDir);
    }

    /** An older cluster trusted local connections: give the superuser the password, then ask for it. */
    private void requirePassword() {
        try (Connection c = connect(); var statement = c.createStatement()) {
            // The password is URL-safe Base64: nothing in it needs quoting.
            statement.execute("alter role " + SUPERUSER + " password '" + password + "'");
            ClusterAuthentication.writeHba(dataDir);
            statement.execute("select pg_reload_conf()");
            log.warn("The embedded cluster in {} trusted local connections (made by an older version): it now requires the password in {}",
                    dataDir, passwordFile.file());
        } catch (SQLException e) {
            throw new IllegalStateException("could not move the embedded cluster in " + dataDir + " to password sign-in", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + properties.database();
    }

    public String user() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return postgres.getPort();
    }

    private void createDatabaseIfMissing() {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, properties.database());
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("create database \"" + properties.database().replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + properties.database(), e);
        }
    }

    /** For tools that need a raw connection outside the pool. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
        if (properties.ephemeral()) {
            deleteRecursively(dataDir);
            passwordFile.delete();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
