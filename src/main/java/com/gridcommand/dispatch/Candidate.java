package com.gridcommand.dispatch;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A responder who could go to a place: straight-line distance in metres (on the spheroid), and for the
 * top candidates a travel time.
 */
public record Candidate(long id, String code, String name, String kind, String team, List<String> skills, String status,
                        double lon, double lat, OffsetDateTime positionAt, double distanceMetres, TravelTime travel) {

    public Candidate withTravel(TravelTime t) {
        return new Candidate(id, code, name, kind, team, skills, status, lon, lat, positionAt, distanceMetres, t);
    }
}
