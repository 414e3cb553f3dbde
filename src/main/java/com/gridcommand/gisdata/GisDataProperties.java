package com.gridcommand.gisdata;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the map data comes from and what it may look like.
 *
 * @param location         a Spring resource folder holding the layer files ({@code classpath:gis-data/}, {@code file:/srv/city/})
 * @param loadOnEmpty      load it when the database holds no map yet (first start)
 * @param shiftDemoDates   files that say {@code "datesRelativeTo"} get their dates moved so that day becomes today
 * @param region           lon/lat box the data must lie in: {@code west,south,east,north}; default: China
 * @param maxFileBytes     a larger file is refused before it is read
 */
@ConfigurationProperties("gridcommand.gis-data")
public record GisDataProperties(String location, boolean loadOnEmpty, boolean shiftDemoDates, String region, long maxFileBytes) {

    public GisDataProperties {
        if (location == null || location.isBlank()) location = "classpath:gis-data/";
        if (!location.endsWith("/")) location = location + "/";
        if (region == null || region.isBlank()) region = "73,3,136,54";
        if (maxFileBytes <= 0) maxFileBytes = 64L * 1024 * 1024;
    }

    public double[] regionBox() {
        String[] parts = region.split(",");
        if (parts.length != 4) throw new IllegalArgumentException("gridcommand.gis-data.region must be west,south,east,north");
        double[] box = new double[4];
        for (int i = 0; i < 4; i++) box[i] = Double.parseDouble(parts[i].trim());
        return box;
    }
}
