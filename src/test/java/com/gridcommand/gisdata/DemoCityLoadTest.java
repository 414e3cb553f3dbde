package com.gridcommand.gisdata;

import com.gridcommand.support.IntegrationTest;
import com.gridcommand.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo city as the first start loads it from gis-data/: complete, valid, exactly tiled, every case in its cell. */
@IntegrationTest
class DemoCityLoadTest {

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    private long count(String sql) {
        // now() is the test clock's time, not the machine's: the demo is loaded relative to the test clock.
        return jdbc.sql(sql.replace("now()", "cast(:now as timestamptz)")).param("now", clock.now()).query(Long.class).single();
    }

    @Test
    void everyLayerIsLoadedWithTheCountsOfItsFile() {
        Map<String, Long> expected = Map.of("township", 5L, "community", 40L, "grid_cell", 400L, "road_segment", 1777L,
                "patrol_route", 30L, "hotspot", 15L, "key_place", 200L, "camera", 300L, "responder", 170L, "gov_case", 5000L);
        // The demo leaders' phones (responders of kind LEADER) come with the demo accounts at first start, not from the files.
        expected.forEach((table, n) -> assertThat(count("select count(*) from " + table + (table.equals("responder") ? " where kind <> 'LEADER'" : "")))
                .as(table).isEqualTo(n));
        assertThat(count("select count(*) from responder where kind = 'LEADER'")).as("one phone per demo leader")
                .isEqualTo(count("select count(*) from app_user where demo and role = 'LEADER'"));
        assertThat(count("select count(*) from patrol_window")).isGreaterThanOrEqualTo(30);
    }

    @Test
    void everyGeometryIsValid() {
        for (String table : new String[]{"township", "community", "grid_cell", "road_segment", "patrol_route", "hotspot"}) {
            assertThat(count("select count(*) from " + table + " where not ST_IsValid(geom) or ST_IsEmpty(geom)")).as(table).isZero();
        }
    }

    @Test
    void gridCellsTileTheirCommunityExactlyAndCommunitiesTheirTownship() {
        // No gap: the symmetric difference between a community and the union of its cells has no area at all.
        assertThat(count("""
                select count(*) from community m
                 where ST_Area(ST_SymDifference(m.geom, (select ST_Union(geom) from grid_cell where community_id = m.id))) > 0""")).isZero();
        assertThat(count("""
                select count(*) from township t
                 where ST_Area(ST_SymDifference(t.geom, (select ST_Union(geom) from community where township_id = t.id))) > 0""")).isZero();
        // No overlap: neighbouring cells share boundaries, never area.
        assertThat(count("""
                select count(*) from grid_cell a join grid_cell b on a.id < b.id and a.geom && b.geom
                 where ST_Relate(a.geom, b.geom, '2********')""")).isZero();
        // Codes: a cell's code is its community's code plus a 3-digit serial.
        assertThat(count("""
                select count(*) from grid_cell c join community m on m.id = c.community_id
                 where left(c.code, 12) <> m.code or length(c.code) <> 15""")).isZero();
    }

    @Test
    void everyCaseIsAssignedToTheCellThatContainsIt() {
        assertThat(count("""
                select count(*) from gov_case k join grid_cell c on c.id = k.grid_cell_id
                 where not ST_Covers(c.geom, k.geom) or k.community_id <> c.community_id""")).isZero();
        assertThat(count("""
                select count(*) from gov_case k join community m on m.id = k.community_id where k.township_id <> m.township_id""")).isZero();
    }

    @Test
    void theRoadNetworkIsOneConnectedGraph() {
        assertThat(count("select count(*) from road_segment where source is null or target is null")).isZero();
        assertThat(count("""
                select count(distinct component) from pgr_connectedComponents(
                  'select id, source, target, cost, reverse_cost from road_segment')""")).isEqualTo(1);
    }

    @Test
    void theDemoYearEndsYesterday() {
        // The demo's dates are shifted so its last case day is yesterday in the city's time zone.
        assertThat(count("""
                select count(*) from gov_case where reported_at >= (now() at time zone 'Asia/Shanghai')::date::timestamp at time zone 'Asia/Shanghai'""")).isZero();
        assertThat(count("select count(*) from gov_case where reported_at > now() - interval '2 days'")).isPositive();
        assertThat(count("select count(*) from gov_case where reported_at < now() - interval '366 days'")).isZero();
    }

    @Test
    void theDemoHasOpenAndOverdueCasesAndNightPeaksForPublicSecurity() {
        long open = count("select count(*) from gov_case where step <> 'CLOSED'");
        assertThat(open).isBetween(150L, 600L);
        assertThat(count("select count(*) from gov_case where step <> 'CLOSED' and deadline < now()")).isBetween(30L, open / 2);
        long night = count("""
                select count(*) from gov_case where category = 'PUBLIC_SECURITY'
                   and (extract(hour from reported_at at time zone 'Asia/Shanghai') >= 20 or extract(hour from reported_at at time zone 'Asia/Shanghai') < 2)""");
        long all = count("select count(*) from gov_case where category = 'PUBLIC_SECURITY'");
        // 6 of 24 hours, yet well over a third of public-security cases.
        assertThat((double) night / all).isGreaterThan(0.4);
    }
}
