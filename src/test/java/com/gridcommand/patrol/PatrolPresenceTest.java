package com.gridcommand.patrol;

import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Presence and dosage on a controlled week of tracks (in 2031, where no other track exists). */
@IntegrationTest
@Transactional
class PatrolPresenceTest {

    static final LocalDate MONDAY = LocalDate.of(2031, 3, 3);

    @Autowired
    PatrolPresence presence;
    @Autowired
    JdbcClient jdbc;

    private long device;
    private long responder;

    @BeforeEach
    void tracker() {
        long township = jdbc.sql("select min(id) from township").query(Long.class).single();
        responder = jdbc.sql("insert into responder (code, name, kind, team, status, township_id) values ('PP-1', '巡逻', 'POLICE_PATROL', '测试', 'AVAILABLE', :t) returning id")
                .param("t", township).query(Long.class).single();
        device = jdbc.sql("insert into device (name, token_prefix, token_hash, responder_id, created_by) values ('presence test', 'ptest002', 'x', :r, 'test') returning id")
                .param("r", responder).query(Long.class).single();
        for (int d = -1; d < 11; d++) jdbc.sql("select position_report_partition(:d)").param("d", MONDAY.plusDays(d)).query(String.class).single();
    }

    private void fixInside(String table, String code, OffsetDateTime at) {
        jdbc.sql("insert into position_report (device_id, device_time, responder_id, position) select :d, :t, :r, ST_PointOnSurface(geom) from "
                        + table + " where code = :c")
                .param("d", device).param("t", at).param("r", responder).param("c", code).update();
    }

    private OffsetDateTime china(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(PatrolPresence.CHINA).toOffsetDateTime();
    }

    @Test
    void cellsAndHotspotsWithoutPatrolByDayOrByNightAreGaps() {
        List<String> cells = jdbc.sql("select code from grid_cell where not exists (select 1 from hotspot h where ST_Intersects(h.geom, grid_cell.geom)) order by code limit 2")
                .query(String.class).list();
        String hotspot = jdbc.sql("select code from hotspot where status <> 'DELISTED' order by code limit 1").query(String.class).single();
        fixInside("grid_cell", cells.get(0), china(MONDAY.plusDays(1), 10, 0));   // by day only
        fixInside("grid_cell", cells.get(1), china(MONDAY.plusDays(2), 23, 30));  // by night only
        fixInside("hotspot", hotspot, china(MONDAY.plusDays(3), 14, 0));
        fixInside("hotspot", hotspot, china(MONDAY.plusDays(4), 2, 0));          // small hours count as night
        fixInside("grid_cell", cells.get(0), china(MONDAY.plusDays(9), 23, 0));   // after the week: not counted
        List<PatrolPresence.Presence> week = presence.presence(MONDAY, MONDAY.plusDays(6));
        assertThat(week).filteredOn(p -> p.code().equals(cells.get(0))).singleElement().satisfies(p -> {
            assertThat(p.day()).isTrue();
            assertThat(p.night()).isFalse();
        });
        assertThat(week).filteredOn(p -> p.code().equals(cells.get(1))).singleElement().satisfies(p -> {
            assertThat(p.day()).isFalse();
            assertThat(p.night()).isTrue();
        });
        assertThat(week).filteredOn(p -> p.kind().equals("HOTSPOT") && p.code().equals(hotspot)).singleElement()
                .satisfies(p -> assertThat(p.gap()).isFalse());
        int cellsTotal = jdbc.sql("select count(*) from grid_cell").query(Integer.class).single();
        // Every other cell is a gap by day and by night (the hotspot's fixes fall in whichever cell holds its point).
        assertThat(week.stream().filter(p -> p.kind().equals("CELL") && !p.day() && !p.night()).count()).isBetween(cellsTotal - 4L, cellsTotal - 2L);
    }

    @Test
    void dosageCountsVisitsMinutesKoperStopsAndTheLongestWait() {
        String hotspot = jdbc.sql("select code from hotspot where status <> 'DELISTED' order by code limit 1").query(String.class).single();
        LocalDate night = MONDAY.plusDays(2);
        // A 12-minute stop at 20:00, a 4-minute pass at 22:30, a 15-minute stop at 01:00; fixes every minute.
        for (int m = 0; m <= 12; m++) fixInside("hotspot", hotspot, china(night, 20, m));
        for (int m = 0; m <= 4; m++) fixInside("hotspot", hotspot, china(night, 22, 30 + m));
        for (int m = 0; m <= 15; m++) fixInside("hotspot", hotspot, china(night.plusDays(1), 1, m));
        PatrolPresence.Dosage dosage = presence.dosage(hotspot, china(night, 20, 0), china(night.plusDays(1), 6, 0));
        assertThat(dosage.visits()).hasSize(3);
        assertThat(dosage.inside()).isEqualTo(Duration.ofMinutes(12 + 4 + 15));
        assertThat(dosage.koperStops()).isEqualTo(2);
        // Without a Koper stop from 20:12 to 01:00 (4 h 48 min) and from 01:15 to 06:00 (4 h 45 min).
        assertThat(dosage.longestWait()).isEqualTo(Duration.ofHours(4).plusMinutes(48));
        assertThat(dosage.meetsTarget()).isFalse();
        // Stops every two hours through the night meet the target.
        String other = jdbc.sql("select code from hotspot where status <> 'DELISTED' order by code offset 1 limit 1").query(String.class).single();
        for (int h : new int[]{20, 22, 24, 26, 28}) {
            for (int m = 0; m <= 12; m++) fixInside("hotspot", other, china(night, 0, 0).plusHours(h).plusMinutes(m + 40));
        }
        PatrolPresence.Dosage good = presence.dosage(other, china(night, 20, 0), china(night.plusDays(1), 6, 0));
        assertThat(good.koperStops()).isEqualTo(5);
        assertThat(good.meetsTarget()).isTrue();
    }

    @Test
    void daysAndNightsArePatrolledDatesAndANightBelongsToTheDateItStarts() {
        String cell = jdbc.sql("select code from grid_cell order by code offset 7 limit 1").query(String.class).single();
        long id = jdbc.sql("select id from grid_cell where code = :c").param("c", cell).query(Long.class).single();
        fixInside("grid_cell", cell, china(MONDAY, 6, 0));                 // Monday by day (the first minute of the day)
        fixInside("grid_cell", cell, china(MONDAY, 19, 59));               // Monday by day again: one day
        fixInside("grid_cell", cell, china(MONDAY.plusDays(1), 23, 0));    // Tuesday night
        fixInside("grid_cell", cell, china(MONDAY.plusDays(2), 3, 0));     // still Tuesday night
        fixInside("grid_cell", cell, china(MONDAY.plusDays(2), 20, 0));    // Wednesday night (the first minute of the night)
        fixInside("grid_cell", cell, china(MONDAY, 5, 59));                // Sunday night: before the period
        fixInside("grid_cell", cell, china(MONDAY.plusDays(3), 5, 0));     // Wednesday night's small hours: the night still counts once
        List<PatrolPresence.CellDays> days = presence.cellDays(MONDAY, MONDAY.plusDays(2));
        assertThat(days).filteredOn(d -> d.cellId() == id).singleElement().satisfies(d -> {
            assertThat(d.days()).isEqualTo(1);
            assertThat(d.nights()).isEqualTo(2);
        });
        // A period that ends on Tuesday sees Tuesday night's small hours on Wednesday, but not Wednesday night.
        assertThat(presence.cellDays(MONDAY, MONDAY.plusDays(1))).filteredOn(d -> d.cellId() == id).singleElement()
                .satisfies(d -> assertThat(d.nights()).isEqualTo(1));
        assertThat(days).hasSize(jdbc.sql("select count(*) from grid_cell").query(Integer.class).single());
    }
}
