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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster run from the machine's own PostgreSQL + PostGIS binaries.
 * In run mode its data folder is kept and it is crash-safe (fsync, synchronous commit);
 * tests run it ephemeral and fast. It listens on loopback and its own socket only, and every
 * connection needs the generated password kept beside the data folder. The app owns it: if its
 * postmaster dies, a watchdog starts it again on the same port and folder (crash recovery keeps
 * every committed transaction), and the pool reconnects by itself.
 */
public final class EmbeddedPostgis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgis.class);
    /** How long a leftover server may take to shut down (it may be finishing a checkpoint). */
    private static final Duration LEFTOVER_PATIENCE = Duration.ofSeconds(60);
    private static final String SUPERUSER = "postgres";
    /** How often the watchdog looks at the postmaster: a dead one is noticed within this. */
    private static final Duration WATCH_EVERY = Duration.ofMillis(200);
    /** Backends of a killed postmaster still hold its shared memory for a moment; a new one waits for them. */
    private static final Duration RESTART_PATIENCE = Duration.ofSeconds(5);

    private final EmbeddedPostgisProperties properties;
    private final PostgisInstallation installation;
    private final Path dataDir;
    private final ClusterPassword passwordFile;
    private final String password;
    private final ClusterProcesses processes;
    private final int port;
    private final EmbeddedPostgres postgres;
    private volatile long postmasterPid;
    private volatile boolean closed;
    private final AtomicInteger restarts = new AtomicInteger();
    private Thread watchdog;

    private EmbeddedPostgis(EmbeddedPostgisProperties properties, PostgisInstallation installation, Path dataDir,
                            ClusterPassword passwordFile, String password, EmbeddedPostgres postgres) {
        this.properties = properties;
        this.installation = installation;
        this.dataDir = dataDir;
        this.passwordFile = passwordFile;
        this.password = password;
        this.processes = new ClusterProcesses(dataDir);
        this.postgres = postgres;
        // Fixed from now on: the pool's URL must reach a restarted server too.
        this.port = postgres.getPort();
        this.postmasterPid = processes.postmasterPid().orElse(-1);
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
            embedded.watch();
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
                .setConnectConfig("password", password);
        serverConfig(properties, dataDir).forEach(builder::setServerConfig);
        return builder;
    }

    /** The server's settings, the same at the first start and at a restart. */
    private static Map<String, String> serverConfig(EmbeddedPostgisProperties properties, Path dataDir) {
        Map<String, String> config = new LinkedHashMap<>();
        // Debian's default socket folder is not ours to write; keep the socket beside the data.
        config.put("unix_socket_directories", dataDir.toString());
        config.put("listen_addresses", "localhost");
        config.put("password_encryption", "scram-sha-256");
        config.put("max_connections", "100");
        config.put("timezone", "UTC");
        // zonky passes -F (fsync off) and synchronous_commit=off: fine for tests, data loss in run mode.
        String durable = properties.durable() ? "on" : "off";
        config.put("fsync", durable);
        config.put("synchronous_commit", durable);
        config.put("full_page_writes", durable);
        // After a crash the server first flushes the whole folder: one syncfs call instead of an fsync per file.
        if (properties.durable()) config.put("recovery_init_sync_method", "syncfs");
        return config;
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

    private void watch() {
        watchdog = Thread.ofPlatform().name("embedded-postgis-watchdog").daemon().start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(WATCH_EVERY);
                    if (!closed && !processes.isServerOfThisCluster(postmasterPid)) restart();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException | IOException e) {
                    log.warn("Could not restart the embedded PostgreSQL server yet ({}); trying again", e.getMessage());
                }
            }
        });
    }

    /**
     * The server died (killed, crashed, stopped by hand): the app owns it, so it starts it again with
     * zonky's command line. zonky keeps its lock on the folder and still stops whatever runs there at close.
     */
    private synchronized void restart() throws IOException {
        if (closed) return;
        long started = System.nanoTime();
        log.warn("The embedded PostgreSQL server (pid {}) has stopped: starting it again on port {} ({})", postmasterPid, port, dataDir);
        processes.clearLeftovers(RESTART_PATIENCE);
        StringBuilder options = new StringBuilder("-p " + port + " -F");
        serverConfig(properties, dataDir).forEach((key, value) -> options.append(" -c ").append(key).append('=').append(value));
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) command.addAll(List.of("unshare", "-U"));
        command.addAll(List.of(installation.bin().resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-o", options.toString(),
                "-l", serverLog().toString(), "-w", "-t", "60", "start"));
        Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(pgCtl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (pgCtl.waitFor() != 0) throw new IOException("pg_ctl start failed: " + output.strip() + "; the server said: " + lastLines(serverLog(), 3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the server started", e);
        }
        postmasterPid = processes.postmasterPid().orElse(-1);
        restarts.incrementAndGet();
        log.warn("The embedded PostgreSQL server is back (pid {}) after {} ms; its log is in {}",
                postmasterPid, (System.nanoTime() - started) / 1_000_000, serverLog());
    }

    private static String lastLines(Path file, int count) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(no log in " + file + ")";
        }
    }

    /** Where a restarted server writes its log (zonky relays only the first server's to ours). */
    private Path serverLog() {
        return dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    /** The running postmaster's process id (for operators, and for tests that kill it). */
    public long postmasterPid() {
        return postmasterPid;
    }

    /** How often the watchdog has started the server again since this app started it. */
    public int restarts() {
        return restarts.get();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + properties.database();
    }

    public String user() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
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
        closed = true;
        if (watchdog != null) watchdog.interrupt();
        synchronized (this) {
            postgres.close();
        }
        if (properties.ephemeral()) {
            deleteRecursively(dataDir);
            passwordFile.delete();
            Files.deleteIfExists(serverLog());
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
