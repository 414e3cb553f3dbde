package com.gridcommand.hotspot;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * How a detection run is judged (its prediction accuracy index, PAI): on the cases of the period after it — from the
 * day after the run's last day up to a test date — with the same categories and time of day, for its candidate
 * areas, its cells hot at 5 % and, for comparison, the hotspots that were listed by the run's last day and are
 * not delisted.
 */
public final class ForecastCheck {

    private ForecastCheck() {
    }

    /** The later period a run is judged on, or empty when the test date is missing or not after the run's last day. */
    public static Optional<HotspotDetection.Selection> laterPeriod(HotspotDetection.Selection run, LocalDate testTo) {
        LocalDate laterFrom = run.to().plusDays(1);
        if (testTo == null || testTo.isBefore(laterFrom)) return Optional.empty();
        return Optional.of(new HotspotDetection.Selection(laterFrom, testTo, run.categories(), run.fromTime(), run.toTime()));
    }

    /** The outlines of the hotspots a run is compared with: listed on or before its last day, and not delisted. */
    public static List<String> standingHotspots(List<HotspotRegister.Entry> entries, LocalDate runEnd) {
        return entries.stream().filter(h -> !"DELISTED".equals(h.status()) && !h.listedOn().isAfter(runEnd))
                .map(HotspotRegister.Entry::geometry).toList();
    }
}
