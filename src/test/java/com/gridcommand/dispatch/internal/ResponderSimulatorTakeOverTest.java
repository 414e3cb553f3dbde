package com.gridcommand.dispatch.internal;

import com.gridcommand.cluster.ClusterJobs;
import com.gridcommand.dispatch.PositionIngest;
import com.gridcommand.support.IntegrationTest;
import com.gridcommand.support.TestClock;
import com.gridcommand.support.NodePools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator scheduled on two nodes: one moves the responders, and the node that takes over when it stops goes on
 * from the positions the first one stored, not from where it last moved them itself (no marker jumps back).
 */
@IntegrationTest
class ResponderSimulatorTakeOverTest {

    private static final int MOVERS = 3;
    private static final long TICK_MILLIS = 400;
    /** Fast enough that a few ticks carry a responder far (500 m a tick for a patrol car), each tick a minute apart. */
    private static final double SPEED_FACTOR = 150;

    @Autowired
    DataSource appDataSource;
    @Autowired
    JdbcTemplate template;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PositionIngest ingest;
    @Autowired
    TestClock clock;

    private NodePools otherNodes;
    private Instant started;
    private final List<Object[]> responders = new ArrayList<>();
    private final List<Object[]> devices = new ArrayList<>();

    @BeforeEach
    void remember() {
        started = clock.instant();
        clock.set(started);
        jdbc.sql("select id, position, position_at from responder").query((rs, i) -> responders.add(new Object[]{rs.getLong(1), rs.getObject(2), rs.getObject(3)})).list();
        jdbc.sql("select id, last_seen_at from device").query((rs, i) -> devices.add(new Object[]{rs.getLong(1), rs.getObject(2)})).list();
    }

    @AfterEach
    void undo() {
        if (otherNodes != null) otherNodes.close();
        jdbc.sql("delete from position_report where device_time >= :t").param("t", Timestamp.from(started)).update();
        List<Long> known = devices.stream().map(d -> (Long) d[0]).toList();
        jdbc.sql("delete from device where created_by = 'simulator' and not (id = any(:known))").param("known", known.toArray(Long[]::new)).update();
        for (Object[] d : devices) jdbc.sql("update device set last_seen_at = :at where id = :id").param("at", d[1]).param("id", d[0]).update();
        for (Object[] r : responders) {
            jdbc.sql("update responder set position = :p, position_at = :t where id = :id").param("p", r[1]).param("t", r[2]).param("id", r[0]).update();
        }
        jdbc.sql("delete from job_run where name = :name").param("name", ResponderSimulator.JOB).update();
        ingest.forget();
        clock.reset();
    }

    private ResponderSimulator simulator(String node) throws Exception {
        if (otherNodes == null) otherNodes = new NodePools(appDataSource);
        ResponderSimulator simulator = new ResponderSimulator(template, ingest, clock, MOVERS, SPEED_FACTOR, TICK_MILLIS, otherNodes.jobs(node, 3));
        simulator.prepare();
        return simulator;
    }

    /** The simulated responders' positions now, by id (the first {@link #MOVERS} moving ones, as the simulator picks them). */
    private Map<Long, double[]> positions() {
        Map<Long, double[]> at = new HashMap<>();
        jdbc.sql("""
                select id, ST_X(position), ST_Y(position) from responder
                 where position is not null and status in ('AVAILABLE', 'ASSIGNED', 'EN_ROUTE', 'RETURNING') order by id limit :n""")
                .param("n", MOVERS).query((rs, i) -> at.put(rs.getLong(1), new double[]{rs.getDouble(2), rs.getDouble(3)})).list();
        return at;
    }

    private static double metres(double[] a, double[] b) {
        double dx = (b[0] - a[0]) * 111_320 * Math.cos(Math.toRadians(a[1])), dy = (b[1] - a[1]) * 111_320;
        return Math.sqrt(dx * dx + dy * dy);
    }

    private void tick(ResponderSimulator simulator) {
        clock.advance(Duration.ofMinutes(1));
        simulator.tick();
    }

    @Test
    void theNodeTakingOverTheSimulatorGoesOnFromThePositionsTheOtherStoredNotFromItsOwn() throws Exception {
        ResponderSimulator a = simulator("node-a"), b = simulator("node-b");
        Map<Long, double[]> start = positions();
        for (int i = 0; i < 4; i++) {
            tick(a);
            Map<Long, double[]> beforeB = positions();
            tick(b); // A is running it: B does nothing
            assertThat(positions()).as("B leaves A's responders alone").allSatisfy((id, p) -> assertThat(metres(p, beforeB.get(id))).isZero());
        }
        Map<Long, double[]> whereALeftThem = positions();
        assertThat(start.keySet()).allSatisfy(id -> assertThat(metres(start.get(id), whereALeftThem.get(id))).as("A moved %d", id).isPositive());
        assertThat(start.keySet().stream().mapToDouble(id -> metres(start.get(id), whereALeftThem.get(id))).max().orElse(0))
                .as("far enough that a jump back to where B last had them would show").isGreaterThan(1_000);

        // A stops; after 2.5 ticks without a run B takes over, one step on from where A left each responder.
        Thread.sleep((long) (TICK_MILLIS * ResponderSimulator.TAKE_OVER_AFTER_TICKS) + 200);
        tick(b);
        Map<Long, double[]> afterTakeOver = positions();
        double oneTick = 30 / 3.6 * SPEED_FACTOR * TICK_MILLIS / 1000.0;
        for (long id : start.keySet()) {
            assertThat(metres(whereALeftThem.get(id), afterTakeOver.get(id))).as("responder %d, one tick on", id).isLessThanOrEqualTo(oneTick + 1);
        }
        assertThat(jdbc.sql("select node from job_run where name = :name").param("name", ResponderSimulator.JOB).query(String.class).single())
                .isEqualTo("node-b");
    }
}
