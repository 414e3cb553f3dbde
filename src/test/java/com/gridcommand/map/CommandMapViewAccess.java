package com.gridcommand.map;

import com.gridcommand.base.map.MapScreens;
import com.gridcommand.geo.Bbox;

/** For tests elsewhere: the box the command map loads for a visible one. */
public final class CommandMapViewAccess {

    private CommandMapViewAccess() {
    }

    public static Bbox loadedBox(double west, double south, double east, double north) {
        return Bbox.clamped(west, south, east, north).padded(MapScreens.PADDING);
    }
}
