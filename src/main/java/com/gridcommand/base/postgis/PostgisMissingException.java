package com.gridcommand.base.postgis;

/** The embedded default cannot start because the machine lacks PostgreSQL, PostGIS or pgRouting. */
public class PostgisMissingException extends IllegalStateException {

    public PostgisMissingException(String what) {
        super(what + ": install them with `apt-get install " + PostgisInstallation.PACKAGES
                + "`, or set SPRING_DATASOURCE_URL to an external PostGIS database");
    }
}
