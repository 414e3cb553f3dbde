package com.gridcommand.gisdata;

/**
 * One thing wrong with the data, located as precisely as we can.
 *
 * @param file    e.g. {@code grid_cells.geojson}
 * @param feature e.g. {@code feature #12 (331099001001003)}, or empty for the file as a whole
 */
public record GisDataProblem(String file, String feature, String message) {

    @Override
    public String toString() {
        return file + (feature.isEmpty() ? "" : ", " + feature) + ": " + message;
    }
}
