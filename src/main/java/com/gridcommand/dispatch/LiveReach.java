package com.gridcommand.dispatch;

import com.gridcommand.base.db.SqlArrays;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;

/**
 * Where the city is covered right now: from the current positions of available units, how long by road
 * to each grid cell (pgr_drivingDistance from all units at once, up to 10 minutes). A cell's time is the
 * best of the road junctions inside it and the one nearest its centre; units start at the junction nearest
 * them. The answer counts the cells within 5 and 10 minutes and within their township's arrival norm.
 */
@Service
@Transactional(readOnly = true)
public class LiveReach {

    public static final int HORIZON_SECONDS = 600;

    private final JdbcClient jdbc;
    private final CurrentUser current;

    LiveReach(JdbcClient jdbc, CurrentUser current) {
        this.jdbc = jdbc;
        this.current = current;
    }

    /** A cell and the road time from the nearest available unit (null: not within 10 minutes). */
    public record CellReach(long cellId, Integer seconds, int normMinutes) {
        public boolean withinNorm() {
            return seconds != null && seconds <= normMinutes * 60;
        }
    }

    public record Summary(int cells, int within5, int within10, int withinNorm, int units, List<CellReach> reach) {
        public double share(int n) {
            return cells == 0 ? 0 : (double) n / cells;
        }
    }

    /** Reach over the caller's cells. */
    public Summary now() {
        List<Long> starts = ScopeSql.bind(jdbc.sql("""
                        select distinct n.id from responder r
                          cross join lateral (select id from road_node n order by n.geom <-> r.position limit 1) n
                         where r.status = 'AVAILABLE' and r.kind <> 'LEADER' and r.position is not null and\s""" + ResponderService.IN_SCOPE),
                        current.scope())
                .query(Long.class).list();
        Map<Long, Integer> nodeSeconds = new java.util.HashMap<>();
        if (!starts.isEmpty()) {
            jdbc.sql("""
                            select node, agg_cost from pgr_drivingDistance(
                                'select id, source, target, cost, reverse_cost from road_segment where source is not null and target is not null',
                                :starts::bigint[], :horizon, directed => true, equicost => true)""")
                    .param("starts", SqlArrays.bigint(starts))
                    .param("horizon", (double) HORIZON_SECONDS)
                    .query(rs -> {
                        nodeSeconds.merge(rs.getLong("node"), (int) Math.round(rs.getDouble("agg_cost")), Math::min);
                    });
        }
        record CellNodes(long cell, int norm, Long[] nodes) {}
        List<CellNodes> cells = ScopeSql.bind(jdbc.sql("""
                        select c.id, t.arrival_norm_minutes,
                               array(select n.id from road_node n where ST_Intersects(n.geom, c.geom)
                                     union select k.id from (select n.id from road_node n order by n.geom <-> ST_PointOnSurface(c.geom) limit 1) k) as nodes
                          from grid_cell c join community m on m.id = c.community_id join township t on t.id = m.township_id
                         where\s""" + ScopeSql.cellId("c.id")), current.scope())
                .query((rs, i) -> new CellNodes(rs.getLong(1), rs.getInt(2), (Long[]) rs.getArray(3).getArray())).list();
        int within5 = 0, within10 = 0, withinNorm = 0;
        List<CellReach> reach = new java.util.ArrayList<>(cells.size());
        for (CellNodes c : cells) {
            Integer best = null;
            for (Long n : c.nodes()) {
                Integer s = nodeSeconds.get(n);
                if (s != null && (best == null || s < best)) best = s;
            }
            CellReach r = new CellReach(c.cell(), best, c.norm());
            reach.add(r);
            if (best != null && best <= 300) within5++;
            if (best != null && best <= 600) within10++;
            if (r.withinNorm()) withinNorm++;
        }
        return new Summary(cells.size(), within5, within10, withinNorm, starts.size(), reach);
    }
}
