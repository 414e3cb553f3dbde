package com.gridcommand.base.map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Command map settings.
 *
 * @param tileUrl          optional raster tiles (intranet tile server, Tianditu); empty: the city's own layers are the basemap
 */
@ConfigurationProperties("gridcommand.map")
public record MapSettings(String tileUrl, String tileAttribution) {
}
