package com.gridcommand.map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Command map settings.
 *
 * @param tileUrl          optional raster tiles (intranet tile server, Tianditu); empty: the city's own layers are the basemap
 * @param liveUpdates      push changes to open dashboards (off in browserless tests)
 * @param flushMillis      how often a dashboard receives the changes gathered meanwhile
 */
@ConfigurationProperties("gridcommand.map")
public record MapSettings(String tileUrl, String tileAttribution, Boolean liveUpdates, Integer flushMillis) {

    public MapSettings {
        if (liveUpdates == null) liveUpdates = true;
        if (flushMillis == null || flushMillis < 50) flushMillis = 250;
    }
}
