package com.gridcommand.geo;

/**
 * A place found by name, with a point to put on the map (for a polygon: a point surely inside it).
 *
 * @param kind    what it is, e.g. COMMUNITY, GRID_CELL, SCHOOL
 * @param context where it is, e.g. its township
 */
public record NamedPoint(String kind, String name, String context, double lon, double lat) {
}
