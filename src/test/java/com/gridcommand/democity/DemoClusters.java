package com.gridcommand.democity;

import java.util.List;

/** The case clusters the demo city was generated with (listed hotspots and emerging ones), for tests that must find them. */
public final class DemoClusters {

    /** A cluster's centre, how many cases it was given over the year, and how its rate runs. */
    public record Centre(double lon, double lat, int cases, String trend) {}

    private DemoClusters() {
    }

    /** The trend each listed hotspot's cases were generated with, by hotspot code. */
    public static java.util.Map<String, String> trendsByHotspot() {
        DemoCity city = new DemoCity(DemoCityGenerator.SEED, DemoCityGenerator.ANCHOR, new LocalPlane(121.0, 29.1));
        java.util.Map<String, String> trends = new java.util.TreeMap<>();
        for (Hotspots.Hotspot h : new Hotspots(city).listed) trends.put(h.code(), h.cluster().trend().name());
        return trends;
    }

    public static List<Centre> all() {
        DemoCity city = new DemoCity(DemoCityGenerator.SEED, DemoCityGenerator.ANCHOR, new LocalPlane(121.0, 29.1));
        return new Hotspots(city).clusters().stream()
                .map(c -> new Centre(c.centre().x, c.centre().y, c.cases(), c.trend().name())).toList();
    }
}
