package com.gridcommand.prevention;

/** A camera as the map describes it: where it looks and how far. */
public record CameraDetails(long id, String code, String name, String kind, double bearingDeg, double fovDeg, double rangeM,
                            String status, String community) {
}
