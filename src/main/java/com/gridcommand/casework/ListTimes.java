package com.gridcommand.casework;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times in the case list: to the minute, in the city's zone; none as "". */
public final class ListTimes {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ListTimes() {
    }

    public static String format(OffsetDateTime at, ZoneId zone) {
        return at == null ? "" : TIME.format(at.atZoneSameInstant(zone));
    }
}
