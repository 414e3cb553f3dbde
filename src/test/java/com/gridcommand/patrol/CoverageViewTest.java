package com.gridcommand.patrol;

import com.gridcommand.support.BrowserlessSignIn;

import org.vaadin.addons.leafletflow.LeafletMap;
import com.gridcommand.patrol.PatrolCompliance;
import com.gridcommand.patrol.PatrolPresence;
import com.gridcommand.patrol.ui.CoverageView;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.IntegrationTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.IntegerField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patrol coverage screen on a controlled night: a team patrols its planned route in its window and stops in a
 * hotspot; the screen shows the patrol on schedule, the stop as a Koper stop, and every other cell as a night gap.
 */
@IntegrationTest
@Transactional
@ViewPackages(classes = CoverageView.class)
class CoverageViewTest extends SpringBrowserlessTest {

    /** A Wednesday long before the demo's data, with no other tracks. */
    static final LocalDate DAY = LocalDate.of(2024, 3, 6);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private OffsetDateTime china(LocalDate day, LocalTime at) {
        return day.atTime(at).atZone(PatrolCompliance.CHINA).toOffsetDateTime();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPatrolOnItsRouteAndAStopInAHotspotShowAsDoneAndTheRestAsGaps() {
        long township = jdbc.sql("select min(id) from township").query(Long.class).single();
        long route = jdbc.sql("""
                        insert into patrol_route (code, name, team, team_kind, township_id, geom)
                        select 'XL-VIEW', '测试路线', '测试巡逻队', 'POLICE_PATROL', t.id,
                               ST_MakeLine(ST_PointOnSurface(t.geom), ST_Translate(ST_PointOnSurface(t.geom), 2000 / 101000.0, 0))
                          from township t where t.id = :t returning id""").param("t", township).query(Long.class).single();
        jdbc.sql("insert into patrol_window (route_id, days, starts_at, ends_at) values (:r, :d::smallint[], '20:00', '23:00')")
                .param("r", route).param("d", "{" + DAY.getDayOfWeek().getValue() + "}").update();
        long responder = jdbc.sql("insert into responder (code, name, kind, team, status, township_id) values ('PT-V', '巡逻', 'POLICE_PATROL', '测试巡逻队', 'AVAILABLE', :t) returning id")
                .param("t", township).query(Long.class).single();
        long device = jdbc.sql("insert into device (name, token_prefix, token_hash, responder_id, created_by) values ('view test', 'pview001', 'x', :r, 'test') returning id")
                .param("r", responder).query(Long.class).single();
        for (int d = -1; d <= 1; d++) jdbc.sql("select position_report_partition(:d)").param("d", DAY.plusDays(d)).query(String.class).single();
        for (int i = 0; i <= 200; i++) {
            jdbc.sql("""
                            insert into position_report (device_id, device_time, responder_id, position)
                            select :d, :t, :r, ST_LineInterpolatePoint(geom, :f) from patrol_route where id = :route""")
                    .param("d", device).param("t", china(DAY, LocalTime.of(20, 10)).plusSeconds(15L * i)).param("r", responder)
                    .param("f", i / 200.0).param("route", route).update();
        }
        String hotspot = jdbc.sql("select code from hotspot where status <> 'DELISTED' order by code limit 1").query(String.class).single();
        for (int m = 0; m <= 12; m++) {
            jdbc.sql("insert into position_report (device_id, device_time, responder_id, position) select :d, :t, :r, ST_PointOnSurface(geom) from hotspot where code = :c")
                    .param("d", device).param("t", china(DAY, LocalTime.of(23, 30)).plusMinutes(m)).param("r", responder).param("c", hotspot).update();
        }

        BrowserlessSignIn.signIn(users, "lingdao");
        navigate(CoverageView.class);
        test($(DatePicker.class).id("coverage-day")).setValue(DAY);
        test($(IntegerField.class).id("coverage-metres")).setValue(30);
        test($(IntegerField.class).id("coverage-days")).setValue(1);
        test($(Button.class).id("coverage-check")).click();

        Grid<PatrolCompliance.Result> compliance = $(Grid.class).id("coverage-compliance");
        int row = -1;
        for (int i = 0; i < test(compliance).size(); i++) if (test(compliance).getRow(i).routeId() == route) row = i;
        assertThat(row).isGreaterThanOrEqualTo(0);
        assertThat(test(compliance).getCellText(row, 3)).isEqualTo("100%");
        assertThat(test(compliance).getCellText(row, 4)).isEqualTo("是");
        var routes = $(LeafletMap.class).id("coverage-map").layer("routes").orElseThrow();
        assertThat(routes.features().get(Long.toString(route)).properties()).containsEntry("onSchedule", true);

        var tabs = $(com.vaadin.flow.component.tabs.TabSheet.class).id("coverage-tabs");
        tabs.setSelectedIndex(1);
        Grid<PatrolPresence.Dosage> dosage = $(Grid.class).id("coverage-dosage");
        int stop = -1;
        for (int i = 0; i < test(dosage).size(); i++) if (test(dosage).getRow(i).hotspot().equals(hotspot)) stop = i;
        assertThat(test(dosage).getRow(stop).koperStops()).isEqualTo(1);
        assertThat(test(dosage).getCellText(stop, 3)).isEqualTo("1");

        // Night gaps: every cell and hotspot but those the fixes fell in.
        int cells = jdbc.sql("select count(*) from grid_cell").query(Integer.class).single();
        int visitedCells = jdbc.sql("select count(*) from grid_cell c where exists (select 1 from position_report p where p.device_id = :d and ST_Intersects(c.geom, p.position))")
                .param("d", device).query(Integer.class).single();
        int hotspots = jdbc.sql("select count(*) from hotspot where status <> 'DELISTED'").query(Integer.class).single();
        int visitedHotspots = jdbc.sql("select count(*) from hotspot h where status <> 'DELISTED' and exists (select 1 from position_report p where p.device_id = :d and ST_Intersects(h.geom, p.position))")
                .param("d", device).query(Integer.class).single();
        var gaps = $(LeafletMap.class).id("coverage-map").layer("gaps").orElseThrow();
        assertThat(gaps.features()).hasSize(cells - visitedCells + hotspots - visitedHotspots);
        tabs.setSelectedIndex(2);
        assertThat($(Paragraph.class).id("coverage-gaps").getText())
                .contains((cells - visitedCells) + "/" + cells + "个网格无巡防").contains((hotspots - visitedHotspots) + "/" + hotspots + "个重点地区无巡防");
    }
}
