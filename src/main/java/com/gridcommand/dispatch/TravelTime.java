package com.gridcommand.dispatch;

/**
 * How long a responder needs to reach a place. {@link Method#ROAD}: over the road network (pgRouting),
 * plus the short legs between each point and the road it is nearest to. {@link Method#STRAIGHT_LINE}: one
 * of the points is off the network (or no road connects them), so the time is the straight-line distance
 * at {@link TravelTimes#OFF_ROAD_KMH} — an estimate, and labelled as one.
 */
public record TravelTime(int seconds, Method method, double metres) {

    public enum Method { ROAD, STRAIGHT_LINE }

    public int minutesRoundedUp() {
        return (seconds + 59) / 60;
    }
}
