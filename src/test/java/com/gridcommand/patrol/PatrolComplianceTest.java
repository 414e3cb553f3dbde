package com.gridcommand.patrol;

import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Route compliance on hand-made tracks: full, half, off the route, at the wrong hours; and time spent in a hotspot. */
@IntegrationTest
@Transactional
class PatrolComplianceTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @Autowired
    PatrolCompliance compliance;
    @Autowired
    JdbcClient jdbc;

    private long route;
    private long device;
    private long responder;

    @BeforeEach
    void patrol() {
        // A hand-made route: 2 km due east from the middle of the first township (a street walked once, no doubling back).
        long township = jdbc.sql("select min(id) from township").query(Long.class).single();
        String team = "测试巡逻队";
        route = jdbc.sql("""
                        insert into patrol_route (code, name, team, team_kind, township_id, geom)
                        select 'XL-TEST', '测试路线', :team, 'POLICE_PATROL', t.id,
                               ST_MakeLine(ST_PointOnSurface(t.geom), ST_Translate(ST_PointOnSurface(t.geom), 2000 / 101000.0, 0))
                          from township t where t.id = :t returning id""")
                .param("team", team).param("t", township).query(Long.class).single();
        responder = jdbc.sql("""
                        insert into responder (code, name, kind, team, status, township_id) values ('PT-1', '巡逻测试', 'POLICE_PATROL', :team, 'AVAILABLE', :t)
                        returning id""").param("team", team).param("t", township).query(Long.class).single();
        device = jdbc.sql("""
                        insert into device (name, token_prefix, token_hash, responder_id, created_by) values ('patrol test', 'ptest001', 'x', :r, 'test')
                        returning id""").param("r", responder).query(Long.class).single();
        jdbc.sql("select position_report_partition(:d)").param("d", DAY).query(String.class).single();
        jdbc.sql("select position_report_partition(:d)").param("d", DAY.plusDays(1)).query(String.class).single();
    }

    /** Fixes along the route from fraction a to b (200 of them, as a tracker every 15 s would send), from a China time, shifted north by some metres. */
    private void drive(double a, double b, LocalTime at, double northMetres) {
        OffsetDateTime t = DAY.atTime(at).atZone(PatrolCompliance.CHINA).toOffsetDateTime();
        int steps = 200;
        for (int i = 0; i <= steps; i++) {
            double f = a + (b - a) * i / steps;
            jdbc.sql("""
                            insert into position_report (device_id, device_time, responder_id, position)
                            select :d, :t, :r, ST_Translate(ST_LineInterpolatePoint(geom, :f), 0, :dy) from patrol_route where id = :route""")
                    .param("d", device).param("t", t.plusSeconds(15L * i)).param("r", responder).param("f", f).param("dy", northMetres / 110_574.0)
                    .param("route", route).update();
        }
    }

    @Test
    void aFullRunCoversTheRouteAndIsOnSchedule() {
        drive(0, 1, LocalTime.of(20, 10), 0);
        var r = compliance.check(route, DAY, LocalTime.of(20, 0), LocalTime.of(23, 0), 30);
        assertThat(r.coverage()).isGreaterThan(0.99);
        assertThat(r.onSchedule()).isTrue();
        assertThat(r.fixes()).isEqualTo(201);
    }

    @Test
    void halfARunCoversHalf() {
        drive(0, 0.5, LocalTime.of(20, 10), 0);
        var r = compliance.check(route, DAY, LocalTime.of(20, 0), LocalTime.of(23, 0), 30);
        double length = jdbc.sql("select ST_Length(geom::geography) from patrol_route where id = :id").param("id", route).query(Double.class).single();
        assertThat(r.coverage()).isCloseTo(0.5, within(30 / length + 0.01));
        assertThat(r.onSchedule()).isFalse();
    }

    @Test
    void aRunHalfAKilometreOffTheRouteCoversNothing() {
        drive(0, 1, LocalTime.of(20, 10), 500);
        var r = compliance.check(route, DAY, LocalTime.of(20, 0), LocalTime.of(23, 0), 30);
        assertThat(r.coverage()).isLessThan(0.05);
        assertThat(r.onSchedule()).isFalse();
    }

    @Test
    void aFullRunAtTheWrongHoursIsNotOnSchedule() {
        drive(0, 1, LocalTime.of(14, 0), 0);
        var r = compliance.check(route, DAY, LocalTime.of(20, 0), LocalTime.of(2, 0), 30);
        assertThat(r.fixes()).isZero();
        assertThat(r.coverage()).isZero();
        assertThat(r.onSchedule()).isFalse();
        // The same run, checked against the window it was in, is fine; a window past midnight includes the small hours.
        assertThat(compliance.check(route, DAY, LocalTime.of(13, 30), LocalTime.of(16, 0), 30).onSchedule()).isTrue();
        drive(0, 1, LocalTime.of(23, 30), 0);
        assertThat(compliance.check(route, DAY, LocalTime.of(23, 0), LocalTime.of(2, 0), 30).onSchedule()).isTrue();
    }

    @Test
    void timeInsideAHotspotCountsTheMinutesBetweenFixesWithLongSilencesCapped() {
        String code = jdbc.sql("select code from hotspot order by code limit 1").query(String.class).single();
        OffsetDateTime t = DAY.atTime(21, 0).atZone(PatrolCompliance.CHINA).toOffsetDateTime();
        // Ten fixes a minute apart inside the hotspot (9 minutes), then one more after a 20-minute silence (counted 5).
        for (int i = 0; i < 10; i++) insertInside(code, t.plusMinutes(i));
        insertInside(code, t.plusMinutes(29));
        var r = compliance.check(route, DAY, LocalTime.of(20, 0), LocalTime.of(23, 0), 30);
        assertThat(r.hotspots()).filteredOn(h -> h.code().equals(code)).singleElement()
                .satisfies(h -> assertThat(h.inside()).isEqualTo(Duration.ofMinutes(9 + 5)));
    }

    private void insertInside(String hotspot, OffsetDateTime at) {
        jdbc.sql("""
                        insert into position_report (device_id, device_time, responder_id, position)
                        select :d, :t, :r, ST_PointOnSurface(geom) from hotspot where code = :c""")
                .param("d", device).param("t", at).param("r", responder).param("c", hotspot).update();
    }

    @Test
    void theDaysPlannedPatrolsAreReadFromTheRoutesWindows() {
        // The test route patrols 20:00–23:00 on the day's weekday and 08:00–10:00 on another day.
        short weekday = (short) DAY.getDayOfWeek().getValue();
        short other = (short) (weekday % 7 + 1);
        jdbc.sql("insert into patrol_window (route_id, days, starts_at, ends_at) values (:r, :d::smallint[], '20:00', '23:00'), (:r, :o::smallint[], '08:00', '10:00')")
                .param("r", route).param("d", "{" + weekday + "}").param("o", "{" + other + "}").update();
        drive(0, 1, LocalTime.of(20, 10), 0);
        List<PatrolCompliance.Result> planned = compliance.planned(DAY, 30);
        assertThat(planned).filteredOn(r -> r.routeId() == route).singleElement().satisfies(r -> {
            assertThat(r.windowStart().atZoneSameInstant(PatrolCompliance.CHINA).toLocalTime()).isEqualTo(LocalTime.of(20, 0));
            assertThat(r.onSchedule()).isTrue();
        });
        // Every window planned for that weekday, the demo routes' included, is checked.
        int windows = jdbc.sql("select count(*) from patrol_window where :w = any (days)").param("w", weekday).query(Integer.class).single();
        assertThat(planned).hasSize(windows);
    }
}
