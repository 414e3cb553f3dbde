package com.gridcommand.changefeed;

import java.util.List;

/**
 * Changes heard together (within one poll of the database).
 *
 * @param resync the feed was interrupted: changes may have been missed, listeners should reload what they show
 */
public record MapChanges(List<MapChange> changes, boolean resync) {
}
