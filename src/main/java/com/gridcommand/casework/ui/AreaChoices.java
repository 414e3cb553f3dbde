package com.gridcommand.casework.ui;

import com.gridcommand.area.AreaSummary;

/** How the case list's area filter finds an area from what is typed: a part of its name, or the start of its code. */
final class AreaChoices {

    private AreaChoices() {
    }

    static boolean matches(AreaSummary area, String typed) {
        return area.name().contains(typed) || area.code().startsWith(typed);
    }
}
