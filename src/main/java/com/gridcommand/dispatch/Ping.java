package com.gridcommand.dispatch;

import java.time.Instant;

/**
 * One position fix as a device reported it. Optional values are null when not sent. Speed in metres per
 * second, bearing in degrees from north, accuracy and altitude in metres, battery in percent.
 */
public record Ping(Instant time, double lat, double lon, Double speedMps, Double bearing, Double altitudeMetres,
                   Double accuracyMetres, Double batteryPercent) {

    public static Ping at(Instant time, double lat, double lon) {
        return new Ping(time, lat, lon, null, null, null, null, null);
    }
}
