/**
 * The validating GeoJSON loader: a city's own map data (or the demo city) goes in through here.
 * Each feature module declares its layers ({@link com.gridcommand.gisdata.GisLayer}); the loader checks
 * every feature against them and stores all of it or, on any problem, none of it.
 */
package com.gridcommand.gisdata;
