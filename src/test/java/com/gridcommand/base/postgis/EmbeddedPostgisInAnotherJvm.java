package com.gridcommand.base.postgis;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A JVM of its own that runs the embedded cluster on a folder, writes a row and waits to be killed:
 * what an app killed with {@code kill -9} leaves behind, for {@code EmbeddedPostgisRecoveryTest}.
 */
public final class EmbeddedPostgisInAnotherJvm {

    public static void main(String[] args) throws Exception {
        var properties = new EmbeddedPostgisProperties(Path.of(args[0]), 0, true, false, "gridcommand", null);
        EmbeddedPostgis postgis = EmbeddedPostgis.start(properties);
        try (Connection c = postgis.connect(); Statement s = c.createStatement()) {
            s.execute("create table if not exists kept (v text)");
            s.execute("insert into kept values ('written before the kill')");
        }
        System.out.println("READY " + postgis.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
