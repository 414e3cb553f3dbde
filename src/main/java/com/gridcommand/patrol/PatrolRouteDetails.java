package com.gridcommand.patrol;

import java.util.List;

/**
 * A patrol route as the map describes it.
 *
 * @param windows e.g. {@code 1-7 20:00–02:00}: ISO weekdays and hours
 */
public record PatrolRouteDetails(long id, String code, String name, String team, String teamKind, String township,
                                 double lengthKm, List<String> windows) {
}
