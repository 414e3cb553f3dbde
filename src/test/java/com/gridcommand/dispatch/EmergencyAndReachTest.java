package com.gridcommand.dispatch;

import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Emergency mode's situation picture, and the live reach of available units by road. */
@IntegrationTest
@Transactional
class EmergencyAndReachTest {

    @Autowired
    Emergencies emergencies;
    @Autowired
    LiveReach reach;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;

    private double[] pointInFirstTown() {
        return jdbc.sql("""
                        select ST_X(p), ST_Y(p) from (select ST_PointOnSurface(c.geom) as p from grid_cell c join community m on m.id = c.community_id
                          join township t on t.id = m.township_id where t.kind = 'TOWN' order by t.code, c.code limit 1) x""")
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
    }

    @Test
    void theSituationHasTheRingsContentsTheChecklistAndTheLeadersOfTheLevel() {
        double[] at = pointInFirstTown();
        long id = As.user(users, "diaodu", () -> emergencies.declare("FIRE", 3, "仓库火情", at[0], at[1]));
        Emergencies.Situation s = As.user(users, "diaodu", () -> emergencies.situation(id)).orElseThrow();
        for (Emergencies.Ring ring : s.rings()) {
            // Counted independently: exact distances, no index.
            String within = "ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(:x, :y), 4326)::geography) <= :m";
            assertThat(ring.keyPlaces()).isEqualTo(count("key_place", within, at, ring.metres()));
            assertThat(ring.cameras()).isEqualTo(count("camera", within, at, ring.metres()));
            assertThat(ring.cells()).isEqualTo(count("grid_cell", within, at, ring.metres()));
        }
        assertThat(s.rings()).extracting(Emergencies.Ring::cells).isSorted();
        assertThat(s.rings().getFirst().cells()).isPositive();
        assertThat(s.places()).allSatisfy(p -> assertThat(p.metres()).isLessThanOrEqualTo(3000));
        assertThat(s.checklist()).hasSize(6).first().satisfies(i -> assertThat(i.text()).contains("火情"));
        assertThat(s.units()).isNotEmpty().allSatisfy(u -> assertThat(u.travel()).isNotNull());
        // Level III in a township with its own leader: that leader is called, the city's is not; they carry a phone.
        assertThat(s.leaders()).extracting(Emergencies.Leader::name).containsExactly(users.byUsername("qingxi.lingdao").orElseThrow().displayName());
        assertThat(s.leaders().getFirst().status()).isEqualTo("NOTIFIED");
        assertThat(s.leaders().getFirst().metres()).isNotNull();
        assertThat(s.leaders().getFirst().travel()).isNotNull();

        As.user(users, "qingxi.lingdao", () -> emergencies.leaderStatus(id, "ON_THE_WAY"));
        As.user(users, "diaodu", () -> emergencies.check(id, 1));
        Emergencies.Situation after = As.user(users, "diaodu", () -> emergencies.situation(id)).orElseThrow();
        assertThat(after.leaders().getFirst().status()).isEqualTo("ON_THE_WAY");
        assertThat(after.checklist().getFirst().doneBy()).isEqualTo("diaodu");
        assertThat(after.checklist().get(1).doneAt()).isNull();
        assertThatThrownBy(() -> As.user(users, "lingdao", () -> emergencies.leaderStatus(id, "ARRIVED")))
                .hasMessageContaining("not called");

        // Level II calls the city's leaders too.
        long major = As.user(users, "diaodu", () -> emergencies.declare("FLOOD", 2, "内涝", at[0], at[1]));
        assertThat(As.user(users, "diaodu", () -> emergencies.situation(major)).orElseThrow().leaders()).extracting(Emergencies.Leader::name)
                .containsExactlyInAnyOrder(users.byUsername("qingxi.lingdao").orElseThrow().displayName(), users.byUsername("lingdao").orElseThrow().displayName());
        assertThat(emergencies.rings(major)).hasSize(3);
    }

    private int count(String table, String within, double[] at, int metres) {
        return jdbc.sql("select count(*) from " + table + " where " + within).param("x", at[0]).param("y", at[1]).param("m", (double) metres)
                .query(Integer.class).single();
    }

    @Test
    void anEmergencyOutsideTheCityOrWithNonsenseIsRefused() {
        assertThatThrownBy(() -> As.user(users, "diaodu", () -> emergencies.declare("FIRE", 3, "外地", 100.0, 0.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not on a grid cell");
        double[] at = pointInFirstTown();
        assertThatThrownBy(() -> As.user(users, "diaodu", () -> emergencies.declare("FIRE", 5, "x", at[0], at[1]))).hasMessageContaining("level");
        assertThatThrownBy(() -> As.user(users, "diaodu", () -> emergencies.declare("ALIENS", 3, "x", at[0], at[1]))).hasMessageContaining("kind");
        assertThatThrownBy(() -> As.user(users, "wangge", () -> emergencies.declare("FIRE", 3, "x", at[0], at[1])))
                .isInstanceOf(com.gridcommand.security.CurrentUser.AccessDeniedException.class);
    }

    @Test
    void reachFollowsTheAvailableUnits() {
        int cells = jdbc.sql("select count(*) from grid_cell").query(Integer.class).single();
        jdbc.sql("update responder set status = 'OFF_DUTY' where status = 'AVAILABLE'").update();
        LiveReach.Summary none = As.user(users, "diaodu", () -> reach.now());
        assertThat(none.cells()).isEqualTo(cells);
        assertThat(none.units()).isZero();
        assertThat(none.within10()).isZero();

        // One unit, standing on a junction inside a known cell: that cell is reached at once, and some around it.
        record Spot(long node, long cell, double x, double y) {}
        Spot spot = jdbc.sql("""
                        select n.id, c.id, ST_X(n.geom), ST_Y(n.geom) from road_node n join grid_cell c on ST_Contains(c.geom, n.geom)
                         order by c.code, n.id limit 1""")
                .query((rs, i) -> new Spot(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4))).single();
        long unit = jdbc.sql("select id from responder where kind = 'POLICE_PATROL' order by id limit 1").query(Long.class).single();
        jdbc.sql("update responder set status = 'AVAILABLE', position = ST_SetSRID(ST_MakePoint(:x, :y), 4326) where id = :id")
                .param("x", spot.x()).param("y", spot.y()).param("id", unit).update();
        LiveReach.Summary one = As.user(users, "diaodu", () -> reach.now());
        assertThat(one.units()).isEqualTo(1);
        assertThat(one.reach()).filteredOn(c -> c.cellId() == spot.cell()).singleElement().satisfies(c -> assertThat(c.seconds()).isZero());
        assertThat(one.within5()).isPositive().isLessThanOrEqualTo(one.within10());
        assertThat(one.within10()).isLessThan(cells);
        // Independently: the junctions within 5 minutes of that one, by a single-source search.
        List<Long> near = jdbc.sql("""
                        select node from pgr_drivingDistance('select id, source, target, cost, reverse_cost from road_segment where source is not null',
                                                             :n, 300, directed => true)""").param("n", spot.node()).query(Long.class).list();
        int cellsWithThoseJunctions = jdbc.sql("select count(distinct c.id) from grid_cell c join road_node n on ST_Intersects(n.geom, c.geom) where n.id = any (:ids::bigint[])")
                .param("ids", "{" + String.join(",", near.stream().map(String::valueOf).toList()) + "}").query(Integer.class).single();
        assertThat(one.within5()).isGreaterThanOrEqualTo(cellsWithThoseJunctions);
    }
}
