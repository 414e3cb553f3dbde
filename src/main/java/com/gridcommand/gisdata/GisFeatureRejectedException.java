package com.gridcommand.gisdata;

/** A feature that passed the schema but that the stored data cannot take (named parent missing, outside the city). */
public class GisFeatureRejectedException extends RuntimeException {

    public GisFeatureRejectedException(String message) {
        super(message);
    }
}
