/**
 * The small open map API every screen with a map composes: the {@link com.gridcommand.base.map.MapLayerSource}
 * contract that features publish their layers through (as beans in their {@code ui} packages), the map settings
 * (tile server), and {@link com.gridcommand.base.map.MapScreens} (options, fit to the user's areas, viewports).
 * The drawing itself is the leaflet-flow add-on's.
 */
package com.gridcommand.base.map;
