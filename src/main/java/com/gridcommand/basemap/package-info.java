/**
 * The basemap every map starts from, on an intranet without tiles: roads by class, township, community and grid
 * cell outlines, and their names (place names decluttered by rank, road names along the roads). One definition of
 * each layer, drawn by the command map and by every other screen with a map.
 */
package com.gridcommand.basemap;
