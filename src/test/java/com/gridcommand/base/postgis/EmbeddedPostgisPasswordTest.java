package com.gridcommand.base.postgis;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded cluster lets in only those who have its password, and only from this machine. */
class EmbeddedPostgisPasswordTest {

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address) return Optional.of(address);
            }
        }
        return Optional.empty();
    }

    @Test
    void aNewClusterRefusesConnectionsWithoutItsPasswordAndListensOnlyOnLoopback(@TempDir Path folder) throws Exception {
        Path dataDir = folder.resolve("pgdata");
        var properties = new EmbeddedPostgisProperties(dataDir, 0, true, false, "gridcommand", null);
        try (EmbeddedPostgis postgis = EmbeddedPostgis.start(properties); Connection c = postgis.connect()) {
            Path passwordFile = folder.resolve("pgdata.password");
            assertThat(Files.readString(passwordFile).trim()).isEqualTo(postgis.password()).hasSizeGreaterThanOrEqualTo(40);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            assertThat(one(c, "show listen_addresses")).isEqualTo("localhost");
            assertThat(one(c, "select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256'")).isEqualTo("0");

            assertThatThrownBy(() -> DriverManager.getConnection(postgis.jdbcUrl(), "postgres", "").close())
                    .as("no password").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(postgis.jdbcUrl(), "postgres", "guess").close())
                    .as("a wrong password").isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            Optional<InetAddress> outside = nonLoopbackAddress();
            if (outside.isPresent()) {
                assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(outside.get(), postgis.port()), 2000);
                    }
                }).as("nothing listens on " + outside.get()).isInstanceOf(java.io.IOException.class);
            }
        }
    }

    @Test
    void aClusterMadeByAnOlderVersionThatTrustedLocalConnectionsStartsKeepsItsDataAndThenRequiresThePassword(@TempDir Path folder) throws Exception {
        Path dataDir = folder.resolve("pgdata");
        // What older versions made: zonky's own initdb, which trusts every local connection.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                .setPgBinaryResolver(new SystemPostgresBinaryResolver(PostgisInstallation.find(null).bin()))
                .setOverrideWorkingDirectory(folder.resolve("postgres-bin").toFile())
                .setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setServerConfig("unix_socket_directories", dataDir.toString())
                .start();
             Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database gridcommand");
            try (Connection g = DriverManager.getConnection(old.getJdbcUrl("postgres", "gridcommand")); Statement t = g.createStatement()) {
                t.execute("create table kept (v text)");
                t.execute("insert into kept values ('from the old version')");
            }
        }
        var properties = new EmbeddedPostgisProperties(dataDir, 0, true, false, "gridcommand", null);
        try (EmbeddedPostgis postgis = EmbeddedPostgis.start(properties)) {
            try (Connection c = postgis.connect()) {
                assertThat(one(c, "select v from kept")).isEqualTo("from the old version");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(postgis.jdbcUrl(), "postgres", "").close())
                    .as("trust is gone at once").isInstanceOf(SQLException.class);
        }
        // And so it stays at the next start, with the same password.
        try (EmbeddedPostgis postgis = EmbeddedPostgis.start(properties); Connection c = postgis.connect()) {
            assertThat(one(c, "select v from kept")).isEqualTo("from the old version");
            assertThat(one(c, "select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256'")).isEqualTo("0");
            assertThatThrownBy(() -> DriverManager.getConnection(postgis.jdbcUrl(), "postgres", "").close()).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aClusterWhosePasswordFileIsLostDoesNotStartAndSaysWhichFileToRestore(@TempDir Path folder) throws Exception {
        Path dataDir = folder.resolve("pgdata");
        var properties = new EmbeddedPostgisProperties(dataDir, 0, true, false, "gridcommand", null);
        EmbeddedPostgis.start(properties).close();
        Files.delete(folder.resolve("pgdata.password"));
        assertThatThrownBy(() -> EmbeddedPostgis.start(properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(folder.resolve("pgdata.password").toString());
    }
}
