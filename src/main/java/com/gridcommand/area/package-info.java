/**
 * The spatial hierarchy: townships (乡镇/街道), communities (村/社区) and grid cells (网格), which tile
 * each other exactly. Answers "which area is this point in" and serves the boundaries to the map,
 * pre-generalised per zoom.
 */
package com.gridcommand.area;
