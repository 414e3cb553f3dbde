package com.gridcommand.patrol;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The coverage gaps of a period in one half of the day: of the grid cells and hotspots shown (those of the user's
 * areas), how many saw no patrol, the codes of the hotspots among them, and the gaps themselves in order.
 */
public record PresenceGaps(int cells, int cellGaps, int hotspots, int hotspotGaps, List<String> hotspotCodes, List<PatrolPresence.Presence> gaps) {

    public PresenceGaps {
        hotspotCodes = List.copyOf(hotspotCodes);
        gaps = List.copyOf(gaps);
    }

    /** The gaps of {@code presence} in {@code half}, counting only the areas {@code shown} accepts. */
    public static PresenceGaps of(List<PatrolPresence.Presence> presence, PatrolHalf half, Predicate<PatrolPresence.Presence> shown) {
        int cells = 0, cellGaps = 0, hotspots = 0, hotspotGaps = 0;
        List<String> codes = new ArrayList<>();
        List<PatrolPresence.Presence> gaps = new ArrayList<>();
        for (PatrolPresence.Presence p : presence) {
            boolean cell = isCell(p);
            if (!shown.test(p)) continue;
            if (cell) cells++;
            else hotspots++;
            if (half.present(p)) continue;
            if (cell) cellGaps++;
            else {
                hotspotGaps++;
                codes.add(p.code());
            }
            gaps.add(p);
        }
        return new PresenceGaps(cells, cellGaps, hotspots, hotspotGaps, codes, gaps);
    }

    /** A grid cell's presence (else a hotspot's). */
    public static boolean isCell(PatrolPresence.Presence p) {
        return "CELL".equals(p.kind());
    }
}
