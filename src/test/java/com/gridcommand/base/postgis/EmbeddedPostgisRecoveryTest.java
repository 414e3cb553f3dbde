package com.gridcommand.base.postgis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded cluster after the faults a server meets: a killed app, a stale lock file. */
class EmbeddedPostgisRecoveryTest {

    private static String kept(EmbeddedPostgis postgis) throws Exception {
        try (Connection c = postgis.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select v from kept")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void afterTheAppIsKilledTheNextStartStopsTheLeftoverServerAndKeepsTheData(@TempDir Path folder) throws Exception {
        Path dataDir = folder.resolve("pgdata");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process app = new ProcessBuilder(java, "-Xshare:off", "-cp", System.getProperty("java.class.path"),
                EmbeddedPostgisInAnotherJvm.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        try (var out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                // the child's start-up log
            }
            assertThat(line).as("the other JVM started its cluster").startsWith("READY");
        }
        app.destroyForcibly();   // SIGKILL: no shutdown hook runs
        assertThat(app.waitFor(10, TimeUnit.SECONDS)).isTrue();
        ClusterProcesses processes = new ClusterProcesses(dataDir);
        OptionalLong leftover = processes.postmasterPid();
        assertThat(leftover).isPresent();
        assertThat(processes.isServerOfThisCluster(leftover.getAsLong())).as("the killed app's postmaster outlives it").isTrue();

        var properties = new EmbeddedPostgisProperties(dataDir, 0, true, false, "gridcommand", null);
        try (EmbeddedPostgis postgis = EmbeddedPostgis.start(properties)) {
            assertThat(kept(postgis)).isEqualTo("written before the kill");
            assertThat(ProcessHandle.of(leftover.getAsLong()).map(ProcessHandle::isAlive).orElse(false)).as("the leftover is gone").isFalse();
        }
    }

    @Test
    void aKilledPostmasterIsStartedAgainWithinTenSecondsOnTheSamePortWithEveryCommittedRow(@TempDir Path folder) throws Exception {
        var properties = new EmbeddedPostgisProperties(folder.resolve("pgdata"), 0, true, false, "gridcommand", null);
        try (EmbeddedPostgis postgis = EmbeddedPostgis.start(properties)) {
            int port = postgis.port();
            long pid = postgis.postmasterPid();
            try (Connection c = postgis.connect(); Statement s = c.createStatement()) {
                s.execute("create table kept (v text)");
                s.execute("insert into kept values ('committed before the kill')");
            }
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            assertThat(postmaster.destroyForcibly()).isTrue();   // kill -9
            long killed = System.nanoTime();
            postmaster.onExit().get(5, TimeUnit.SECONDS);
            String back = null;
            while (back == null && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(20)) {
                try {
                    back = kept(postgis);
                } catch (java.sql.SQLException stillAway) {
                    Thread.sleep(50);
                }
            }
            double seconds = (System.nanoTime() - killed) / 1e9;
            assertThat(back).isEqualTo("committed before the kill");
            assertThat(seconds).as("seconds until the cluster answered again").isLessThan(10);
            assertThat(postgis.port()).isEqualTo(port);
            assertThat(postgis.postmasterPid()).isNotEqualTo(pid);
            assertThat(postgis.restarts()).isEqualTo(1);
        }
        // Closing stops the restarted server too: nothing of the cluster is left running.
        assertThat(new ClusterProcesses(folder.resolve("pgdata")).serverProcesses()).isEmpty();
    }

    @Test
    void aStaleLockFileNamingAnUnrelatedLiveProcessDoesNotStopTheStartNorThatProcess(@TempDir Path folder) throws Exception {
        Path dataDir = folder.resolve("pgdata");
        var properties = new EmbeddedPostgisProperties(dataDir, 0, true, false, "gridcommand", null);
        List<String> lockFile;
        try (EmbeddedPostgis postgis = EmbeddedPostgis.start(properties); Connection c = postgis.connect(); Statement s = c.createStatement()) {
            s.execute("create table kept (v text)");
            s.execute("insert into kept values ('still here')");
            lockFile = Files.readAllLines(dataDir.resolve("postmaster.pid"));
        }
        // A crash leaves the lock file; by the next boot its pid belongs to some other process.
        Process unrelated = new ProcessBuilder("sleep", "120").start();
        try {
            lockFile.set(0, Long.toString(unrelated.pid()));
            Files.write(dataDir.resolve("postmaster.pid"), lockFile);
            try (EmbeddedPostgis postgis = EmbeddedPostgis.start(properties)) {
                assertThat(kept(postgis)).isEqualTo("still here");
            }
            assertThat(unrelated.isAlive()).as("the process that got the old pid is left alone").isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }
}
