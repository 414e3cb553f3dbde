package com.gridcommand.dispatch;

import com.gridcommand.dispatch.internal.DispatchQueries;
import com.gridcommand.security.CurrentUser;
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

    private final DispatchQueries queries;
    private final CurrentUser current;

    LiveReach(DispatchQueries queries, CurrentUser current) {
        this.queries = queries;
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
        List<Long> starts = queries.availableUnitNodes(current.scope());
        Map<Long, Integer> nodeSeconds = starts.isEmpty() ? Map.of() : queries.drivingSeconds(starts, HORIZON_SECONDS);
        List<DispatchQueries.CellNodes> cells = queries.cellNodes(current.scope());
        int within5 = 0, within10 = 0, withinNorm = 0;
        List<CellReach> reach = new java.util.ArrayList<>(cells.size());
        for (DispatchQueries.CellNodes c : cells) {
            Integer best = null;
            for (Long n : c.nodes()) {
                Integer s = nodeSeconds.get(n);
                if (s != null && (best == null || s < best)) best = s;
            }
            CellReach r = new CellReach(c.cell(), best, c.norm());
            reach.add(r);
            if (best != null && best <= ReachBands.FIVE_SECONDS) within5++;
            if (best != null && best <= HORIZON_SECONDS) within10++;
            if (r.withinNorm()) withinNorm++;
        }
        return new Summary(cells.size(), within5, within10, withinNorm, starts.size(), reach);
    }
}
