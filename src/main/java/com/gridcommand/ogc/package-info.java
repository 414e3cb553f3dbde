/**
 * OGC API – Features (Part 1: Core, GeoJSON, OpenAPI 3.0) over the governance map, read-only, for GIS clients such
 * as QGIS: the same layers as the command map, limited to the signed-in user's areas (HTTP Basic).
 */
package com.gridcommand.ogc;
