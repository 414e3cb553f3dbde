package com.gridcommand.dispatch;

import java.util.List;
import java.util.Optional;

/**
 * What the dispatcher's screen shows of an emergency and offers when declaring one: the nearest key places
 * (at most {@link #PLACES_SHOWN}), the rings' ids on the map, whether the user is one of its leaders, and the
 * declare dialog's choices and defaults.
 */
public final class EmergencyDisplay {

    public static final int PLACES_SHOWN = 8;
    public static final String DEFAULT_KIND = "FIRE";
    public static final List<Integer> LEVELS = List.of(1, 2, 3, 4);
    public static final int DEFAULT_LEVEL = 3;

    private EmergencyDisplay() {
    }

    /** The kinds to declare, sorted by their code. */
    public static List<String> kinds() {
        return Emergencies.KINDS.stream().sorted().toList();
    }

    /** The places listed under a situation: the first {@link #PLACES_SHOWN}, in the order given. */
    public static List<Emergencies.Place> places(Emergencies.Situation s) {
        return s.places().stream().limit(PLACES_SHOWN).toList();
    }

    /** The map id of an emergency's ring number {@code index} (the rings of {@link Emergencies#RINGS}, in order). */
    public static String ringId(long emergencyId, int index) {
        return emergencyId + "-" + Emergencies.RINGS.get(index);
    }

    /** Whether the user (if any) is one of the situation's leaders. */
    public static boolean isLeader(Emergencies.Situation s, Optional<Long> userId) {
        return s.leaders().stream().anyMatch(l -> userId.map(u -> u == l.userId()).orElse(false));
    }
}
