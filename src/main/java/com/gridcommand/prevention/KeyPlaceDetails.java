package com.gridcommand.prevention;

/** A key place as the map describes it. */
public record KeyPlaceDetails(long id, String code, String name, String kind, String address, Integer capacity,
                              String contact, String community, String township) {
}
