package com.gridcommand.patrol;

/** The half of the day a coverage gap is looked for in: the night (20:00–06:00) or the day (06:00–20:00). */
public enum PatrolHalf {
    NIGHT, DAY;

    /** Whether a patrol was in the area in this half of the day. */
    public boolean present(PatrolPresence.Presence p) {
        return this == NIGHT ? p.night() : p.day();
    }
}
