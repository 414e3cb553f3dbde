package com.gridcommand.patrol;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The coverage check's night, period, defaults, worst window per route and the gaps of a half of the day. */
class CoverageRulesTest {

    static final LocalDate DAY = LocalDate.of(2024, 3, 6);

    @Test
    void theNightOfADayRunsFromEightToSixTheNextMorningChinaTime() {
        CoverageCheck.Window night = CoverageCheck.night(DAY);
        assertThat(night.start()).isEqualTo(OffsetDateTime.of(2024, 3, 6, 20, 0, 0, 0, ZoneOffset.ofHours(8)));
        assertThat(night.end()).isEqualTo(OffsetDateTime.of(2024, 3, 7, 6, 0, 0, 0, ZoneOffset.ofHours(8)));
    }

    @Test
    void theGapsAreOfTheLastDaysUpToTheDayAndTheDefaultsAreAsShown() {
        assertThat(CoverageCheck.firstDay(DAY, 1)).isEqualTo(DAY);
        assertThat(CoverageCheck.firstDay(DAY, 7)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(CoverageCheck.initialDay(DAY)).isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(List.of(CoverageCheck.METRES, CoverageCheck.METRES_MIN, CoverageCheck.METRES_MAX)).containsExactly(50, 5, 500);
        assertThat(List.of(CoverageCheck.DAYS, CoverageCheck.DAYS_MIN, CoverageCheck.DAYS_MAX)).containsExactly(7, 1, 90);
        assertThat(CoverageCheck.SECTOR_MIN_ZOOM).isEqualTo(13);
    }

    @Test
    void aRouteIsDrawnByItsWorstWindow() {
        PatrolCompliance.Result early = result(1, true, 0.9), late = result(1, false, 0.4), later = result(1, false, 0.1);
        PatrolCompliance.Result onlyOk = result(2, true, 1.0), alsoOk = result(2, true, 0.85);
        Map<Long, PatrolCompliance.Result> byRoute = CoverageCheck.worstByRoute(List.of(early, late, later, onlyOk, alsoOk));
        assertThat(byRoute).containsOnlyKeys(1L, 2L);
        assertThat(byRoute.get(1L)).isSameAs(late); // the first off-schedule window stays
        assertThat(byRoute.get(2L)).isSameAs(onlyOk); // all on schedule: the first
        assertThat(CoverageCheck.worstByRoute(List.of(late, early)).get(1L)).isSameAs(late);
    }

    @Test
    void theGapsOfAHalfCountOnlyTheShownAreas() {
        List<PatrolPresence.Presence> presence = List.of(
                new PatrolPresence.Presence("CELL", 1, "C1", true, false),
                new PatrolPresence.Presence("CELL", 2, "C2", false, true),
                new PatrolPresence.Presence("CELL", 3, "C3", false, false),
                new PatrolPresence.Presence("HOTSPOT", 4, "H4", true, false),
                new PatrolPresence.Presence("HOTSPOT", 5, "H5", true, true),
                new PatrolPresence.Presence("HOTSPOT", 6, "H6", false, false));
        PresenceGaps night = PresenceGaps.of(presence, PatrolHalf.NIGHT, p -> p.id() != 3);
        assertThat(List.of(night.cells(), night.cellGaps(), night.hotspots(), night.hotspotGaps())).containsExactly(2, 1, 3, 2);
        assertThat(night.hotspotCodes()).containsExactly("H4", "H6");
        assertThat(night.gaps()).extracting(PatrolPresence.Presence::code).containsExactly("C1", "H4", "H6");
        PresenceGaps day = PresenceGaps.of(presence, PatrolHalf.DAY, p -> true);
        assertThat(List.of(day.cells(), day.cellGaps(), day.hotspots(), day.hotspotGaps())).containsExactly(3, 2, 3, 1);
        assertThat(day.hotspotCodes()).containsExactly("H6");
        assertThat(day.gaps()).extracting(PatrolPresence.Presence::code).containsExactly("C2", "C3", "H6");
        assertThat(PatrolHalf.values()).containsExactly(PatrolHalf.NIGHT, PatrolHalf.DAY);
    }

    private static PatrolCompliance.Result result(long route, boolean onSchedule, double coverage) {
        OffsetDateTime start = OffsetDateTime.of(2024, 3, 6, 20, 0, 0, 0, ZoneOffset.ofHours(8));
        return new PatrolCompliance.Result(route, DAY, start, start.plus(Duration.ofHours(3)), coverage, onSchedule, 10, List.of());
    }
}
