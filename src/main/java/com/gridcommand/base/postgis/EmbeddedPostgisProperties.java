package com.gridcommand.base.postgis;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * The private PostGIS cluster the app starts when no {@code spring.datasource.url} is set.
 *
 * @param dataDir    where the cluster keeps its files between runs
 * @param port       TCP port on loopback; 0 picks a free one
 * @param durable    fsync and synchronous commit on: what the dashboard says is saved survives a crash.
 *                   Only throw-away test clusters turn it off.
 * @param ephemeral  delete the data folder when the app stops (tests)
 * @param database   the database created inside the cluster
 * @param postgresHome a PostgreSQL install folder holding {@code bin/}; empty finds Debian's
 *                   {@code /usr/lib/postgresql/<major>} with PostGIS installed
 */
@ConfigurationProperties("gridcommand.embedded-db")
public record EmbeddedPostgisProperties(
        Path dataDir,
        int port,
        boolean durable,
        boolean ephemeral,
        String database,
        Path postgresHome) {

    public EmbeddedPostgisProperties {
        if (dataDir == null) dataDir = Path.of("data", "pgdata");
        if (database == null || database.isBlank()) database = "gridcommand";
    }
}
