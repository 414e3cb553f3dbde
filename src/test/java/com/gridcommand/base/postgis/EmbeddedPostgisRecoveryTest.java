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
