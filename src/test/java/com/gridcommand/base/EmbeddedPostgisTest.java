package com.gridcommand.base;

import com.gridcommand.base.postgis.EmbeddedPostgis;
import com.gridcommand.base.postgis.EmbeddedPostgisProperties;
import com.gridcommand.base.postgis.PostgisMissingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded default: crash-safe and kept in run mode, PostGIS and pgRouting available, a clear word when they are missing. */
class EmbeddedPostgisTest {

    private static String setting(Connection c, String name) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theRunModeClusterIsDurableKeepsItsDataAndHasTheExtensions(@TempDir Path folder) throws Exception {
        var properties = new EmbeddedPostgisProperties(folder.resolve("pgdata"), 0, true, false, "gridcommand", null);
        try (EmbeddedPostgis postgis = EmbeddedPostgis.start(properties); Connection c = postgis.connect()) {
            assertThat(setting(c, "fsync")).isEqualTo("on");
            assertThat(setting(c, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(c, "full_page_writes")).isEqualTo("on");
            try (Statement s = c.createStatement()) {
                s.execute("create extension if not exists postgis");
                s.execute("create extension if not exists pgrouting");
                s.execute("create table kept (v text)");
                s.execute("insert into kept values ('still here')");
            }
        }
        // Started again on the same folder: the data is there.
        try (EmbeddedPostgis postgis = EmbeddedPostgis.start(properties); Connection c = postgis.connect();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select v from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void aMissingPostgresInstallSaysWhichPackagesToInstall(@TempDir Path folder) {
        var properties = new EmbeddedPostgisProperties(folder.resolve("pgdata"), 0, true, false, "gridcommand", folder.resolve("no-such-postgres"));
        assertThatThrownBy(() -> EmbeddedPostgis.start(properties))
                .isInstanceOf(PostgisMissingException.class)
                .hasMessageContaining("apt-get install postgresql-15-postgis-3 postgresql-15-pgrouting")
                .hasMessageContaining("SPRING_DATASOURCE_URL");
    }
}
