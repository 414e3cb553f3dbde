package com.gridcommand.area;

/** The three levels of the governance grid, from the top. */
public enum AreaLevel {
    TOWNSHIP, COMMUNITY, GRID_CELL
}
