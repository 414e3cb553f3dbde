package com.gridcommand.hotspot;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The time-of-day windows, the period a run is judged on, the hotspots it is compared with, and a run's defaults. */
class DetectionRulesTest {

    static final LocalDate START = LocalDate.of(2025, 1, 1), END = LocalDate.of(2025, 3, 31);

    @Test
    void theNightRunsFromEightInTheEveningToSixInTheMorning() {
        HotspotDetection.Selection night = TimeOfDay.NIGHT.selection(START, END, Set.of("NOISE"));
        assertThat(night.fromTime()).isEqualTo(LocalTime.of(20, 0));
        assertThat(night.toTime()).isEqualTo(LocalTime.of(6, 0));
        assertThat(night.categories()).containsExactly("NOISE");
        HotspotDetection.Selection day = TimeOfDay.DAY.selection(START, END, Set.of());
        assertThat(day.fromTime()).isEqualTo(LocalTime.of(6, 0));
        assertThat(day.toTime()).isEqualTo(LocalTime.of(20, 0));
        HotspotDetection.Selection all = TimeOfDay.ALL.selection(START, END, Set.of());
        assertThat(all.fromTime()).isNull();
        assertThat(all.toTime()).isNull();
        assertThat(TimeOfDay.orAll(null)).isEqualTo(TimeOfDay.ALL);
        assertThat(TimeOfDay.values()).containsExactly(TimeOfDay.ALL, TimeOfDay.NIGHT, TimeOfDay.DAY);
    }

    @Test
    void aRunIsJudgedFromTheDayAfterItUpToTheTestDate() {
        HotspotDetection.Selection run = TimeOfDay.NIGHT.selection(START, END, Set.of("NOISE"));
        assertThat(ForecastCheck.laterPeriod(run, null)).isEmpty();
        assertThat(ForecastCheck.laterPeriod(run, END)).isEmpty();
        HotspotDetection.Selection oneDay = ForecastCheck.laterPeriod(run, END.plusDays(1)).orElseThrow();
        assertThat(oneDay.from()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(oneDay.to()).isEqualTo(LocalDate.of(2025, 4, 1));
        HotspotDetection.Selection later = ForecastCheck.laterPeriod(run, LocalDate.of(2025, 6, 30)).orElseThrow();
        assertThat(later.from()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(later.to()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(later.categories()).isEqualTo(run.categories());
        assertThat(later.fromTime()).isEqualTo(run.fromTime());
        assertThat(later.toTime()).isEqualTo(run.toTime());
    }

    @Test
    void aRunIsComparedWithTheHotspotsListedByItsEndAndNotDelisted() {
        List<HotspotRegister.Entry> entries = List.of(entry("on-the-day", "LISTED", END), entry("day-after", "LISTED", END.plusDays(1)),
                entry("delisted", "DELISTED", START), entry("rectifying", "RECTIFYING", START));
        assertThat(ForecastCheck.standingHotspots(entries, END)).containsExactly("on-the-day", "rectifying");
    }

    @Test
    void aRunStartsFromSixToThreeMonthsAgoJudgedUpToToday() {
        LocalDate today = LocalDate.of(2025, 8, 31);
        assertThat(DetectionDefaults.from(today)).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(DetectionDefaults.to(today)).isEqualTo(LocalDate.of(2025, 5, 31));
        assertThat(DetectionDefaults.testTo(today)).isEqualTo(today);
        assertThat(DetectionDefaults.EPS_METRES).isEqualTo(100);
        assertThat(DetectionDefaults.EPS_MIN).isEqualTo(10);
        assertThat(DetectionDefaults.EPS_MAX).isEqualTo(2000);
        assertThat(DetectionDefaults.MIN_POINTS).isEqualTo(15);
        assertThat(DetectionDefaults.MIN_POINTS_MIN).isEqualTo(2);
        assertThat(DetectionDefaults.MIN_POINTS_MAX).isEqualTo(1000);
        assertThat(DetectionDefaults.DENSITY_SQUARE_METRES).isEqualTo(150);
        assertThat(DetectionDefaults.DENSITY_BANDWIDTH_METRES).isEqualTo(450);
    }

    private static HotspotRegister.Entry entry(String geometry, String status, LocalDate listedOn) {
        return new HotspotRegister.Entry(1, "H", "n", status, listedOn, "DELISTED".equals(status) ? listedOn : null, "u", "", "t", 0, geometry);
    }
}
