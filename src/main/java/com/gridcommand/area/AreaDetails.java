package com.gridcommand.area;

/**
 * What the map shows about an area when it is clicked.
 *
 * @param parent     the community of a cell, the township of a community; null for a township
 * @param grandParent the township of a cell
 * @param areaKm2    the area's size
 */
public record AreaDetails(AreaLevel level, long id, String code, String name, String kind, String parent, String grandParent,
                          String station, String gridWorker, String gridWorkerPhone, Integer households, double areaKm2) {
}
