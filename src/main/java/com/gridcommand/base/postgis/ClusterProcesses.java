package com.gridcommand.base.postgis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The server processes of one data folder, found through {@code /proc}: PostgreSQL refuses to run as
 * root, so {@code pg_ctl status} cannot answer for a root JVM, and a killed JVM leaves its postmaster
 * (and a {@code postmaster.pid} naming it) behind. Every server process works inside its data folder,
 * which is how a process is told apart from an unrelated one that got the same pid.
 */
final class ClusterProcesses {

    private static final Logger log = LoggerFactory.getLogger(ClusterProcesses.class);
    private static final Path PROC = Path.of("/proc");

    private final Path dataDir;

    ClusterProcesses(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    Path pidFile() {
        return dataDir.resolve("postmaster.pid");
    }

    /** The pid the lock file names, if it names one. */
    OptionalLong postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(pidFile());
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether this live process is a PostgreSQL server process working in this data folder. */
    boolean isServerOfThisCluster(long pid) {
        Path process = PROC.resolve(Long.toString(pid));
        try {
            String command = Files.readString(process.resolve("comm")).trim();
            return command.startsWith("postgres") && Files.isSameFile(Files.readSymbolicLink(process.resolve("cwd")), dataDir);
        } catch (IOException | UnsupportedOperationException | SecurityException gone) {
            return false;
        }
    }

    /** Every live server process of this data folder (the postmaster and any backend still winding down). */
    List<ProcessHandle> serverProcesses() {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> isServerOfThisCluster(p.pid())).toList();
        }
    }

    /**
     * Leaves the data folder free for a new server: a leftover postmaster of this folder is shut down
     * (fast: open transactions roll back, committed ones are kept), a lock file naming no such process is
     * removed, and no process of the old server is left (a new one refuses to start beside them).
     */
    void clearLeftovers(Duration patience) {
        OptionalLong pid = postmasterPid();
        if (pid.isPresent() && isServerOfThisCluster(pid.getAsLong())) {
            log.warn("A PostgreSQL server from an earlier run (pid {}) still holds {}: shutting it down", pid.getAsLong(), dataDir);
            signal(pid.getAsLong(), "INT");
            if (!awaitGone(List.of(ProcessHandle.of(pid.getAsLong()).orElseThrow()), patience)) {
                log.warn("The earlier server (pid {}) did not stop in {} s: ending it at once", pid.getAsLong(), patience.toSeconds());
                signal(pid.getAsLong(), "QUIT");
            }
        } else if (Files.exists(pidFile())) {
            log.warn("Removing a stale postmaster.pid in {}: no server of this folder runs (pid {})", dataDir,
                    pid.isPresent() ? pid.getAsLong() : "unreadable");
            try {
                Files.deleteIfExists(pidFile());
            } catch (IOException e) {
                throw new IllegalStateException("could not remove the stale " + pidFile(), e);
            }
        }
        List<ProcessHandle> remaining = serverProcesses();
        if (!remaining.isEmpty() && !awaitGone(remaining, patience)) {
            // Backends of a killed postmaster end by themselves within moments; these did not.
            remaining.forEach(ProcessHandle::destroyForcibly);
            awaitGone(remaining, Duration.ofSeconds(5));
        }
        if (serverProcesses().isEmpty()) removeStaleSocketLocks();
    }

    /**
     * The socket's lock file names the dead postmaster, which may linger as a zombie until someone reaps it
     * (a container's init may never do so): PostgreSQL would take it for a running server. No server of this
     * folder runs any more, so the lock is stale.
     */
    private void removeStaleSocketLocks() {
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path lock : files.filter(f -> f.getFileName().toString().matches("\\.s\\.PGSQL\\.\\d+\\.lock")).toList()) {
                Files.deleteIfExists(lock);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not remove the stale socket lock files in " + dataDir, e);
        }
    }

    private static boolean awaitGone(List<ProcessHandle> processes, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** PostgreSQL's shutdown modes are signals: INT is "fast", QUIT "immediate". */
    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("could not signal process " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
