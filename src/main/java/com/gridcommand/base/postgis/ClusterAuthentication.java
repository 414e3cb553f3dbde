package com.gridcommand.base.postgis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who may connect to the embedded cluster: only over loopback or its own socket, and only with the
 * password (SCRAM). Clusters made by older versions trusted every local connection; they are recognised
 * by their {@code pg_hba.conf} lacking our first line, and moved over at their next start.
 */
final class ClusterAuthentication {

    static final String MARKER = "# GridCommand: every connection needs the password kept beside the data folder (scram-sha-256).";

    static final String HBA = MARKER + "\n"
            + "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
            + "local   all       all                 scram-sha-256\n"
            + "host    all       all   127.0.0.1/32  scram-sha-256\n"
            + "host    all       all   ::1/128       scram-sha-256\n";

    private ClusterAuthentication() {
    }

    static Path hbaFile(Path dataDir) {
        return dataDir.resolve("pg_hba.conf");
    }

    /** Whether the cluster already asks every connection for the password. */
    static boolean requiresPassword(Path dataDir) {
        try {
            return Files.exists(hbaFile(dataDir)) && Files.readString(hbaFile(dataDir)).startsWith(MARKER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeHba(Path dataDir) {
        try {
            Files.writeString(hbaFile(dataDir), HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + hbaFile(dataDir), e);
        }
    }
}
