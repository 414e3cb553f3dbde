package com.gridcommand.casework;

import java.util.List;

/**
 * The case list's map: at most {@link CaseService#MAP_LIMIT} cases drawn (the rest said to be too many), a circle
 * pick of at least one metre, and a case brought into view at street level (zoom 15) or closer.
 */
public final class CaseMapRules {

    public static final int FOCUS_ZOOM = 15;

    private CaseMapRules() {
    }

    /** Whether {@code loaded} cases are more than the map draws. */
    public static boolean tooMany(int loaded) {
        return loaded > CaseService.MAP_LIMIT;
    }

    /** The cases drawn of those loaded: the first {@link CaseService#MAP_LIMIT}. */
    public static <T> List<T> drawn(List<T> loaded) {
        return tooMany(loaded.size()) ? loaded.subList(0, CaseService.MAP_LIMIT) : loaded;
    }

    /** The radius to search a drawn circle with: as drawn, but never under one metre. */
    public static double pickRadius(double drawnMetres) {
        return Math.max(1, drawnMetres);
    }

    /** The zoom to bring a case into view at, from the map's zoom now (null: not known yet). */
    public static int focusZoom(Integer zoomNow) {
        return Math.max(FOCUS_ZOOM, zoomNow == null ? FOCUS_ZOOM : zoomNow);
    }
}
