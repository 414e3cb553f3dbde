package com.gridcommand.dispatch;

import com.gridcommand.base.db.SqlArrays;
import com.gridcommand.base.i18n.ProblemException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Travel times over the city's roads with pgRouting. Every point is placed on its nearest road segment
 * (by metres, not degrees) at the exact fraction along it, so a responder half-way down a street starts
 * there; pgr_withPointsCost then finds all times to the target in one many-to-one search, respecting
 * one-way streets (road_segment.cost and reverse_cost are seconds). A point farther than
 * {@link #MAX_SNAP_METRES} from any road is off the network: its time is the straight-line estimate.
 */
@Service
@Transactional(readOnly = true)
public class TravelTimes {

    /** Farther from a road than this, a point is off the network. */
    public static final double MAX_SNAP_METRES = 300;
    /** Speed on the short leg between a point and its road (walking to the car, a lane). */
    public static final double SNAP_KMH = 15;
    /** Speed assumed for the straight-line estimate. */
    public static final double OFF_ROAD_KMH = 25;

    private final JdbcClient jdbc;

    TravelTimes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A point as [lon, lat]. */
    public record Point(double lon, double lat) {
        public Point {
            if (!Double.isFinite(lon) || !Double.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                throw new ProblemException("problem.point", "not a longitude/latitude pair: " + lon + ", " + lat);
            }
        }
    }

    private record Snap(long edge, long source, long target, double fraction, double metres) {

        /** The graph vertex for this point: a road junction if it lies on one (pgRouting drops points on vertices), else the point (negative). */
        long vertex(int pid) {
            if (fraction <= 1e-9) return source;
            if (fraction >= 1 - 1e-9) return target;
            return -pid;
        }
    }

    /** The travel time from each origin to the target, in the origins' order. */
    public List<TravelTime> toTarget(List<Point> origins, Point target) {
        if (origins.isEmpty()) return List.of();
        List<Point> all = new ArrayList<>(origins);
        all.add(target);
        Map<Integer, Snap> snaps = snap(all);
        Snap end = snaps.get(all.size());
        List<Integer> routable = new ArrayList<>();
        for (int i = 1; i <= origins.size(); i++) {
            Snap s = snaps.get(i);
            if (s != null && end != null && s.metres() <= MAX_SNAP_METRES && end.metres() <= MAX_SNAP_METRES) routable.add(i);
        }
        Map<Integer, Double> roadSeconds = routable.isEmpty() ? Map.of() : roadSeconds(snaps, routable, all.size());
        List<double[]> straight = straightMetres(origins, target);
        List<TravelTime> result = new ArrayList<>(origins.size());
        for (int i = 1; i <= origins.size(); i++) {
            Double road = roadSeconds.get(i);
            double metres = straight.get(i - 1)[0];
            if (road == null) {
                result.add(new TravelTime((int) Math.round(metres / (OFF_ROAD_KMH / 3.6)), TravelTime.Method.STRAIGHT_LINE, metres));
            } else {
                double snapMetres = snaps.get(i).metres() + end.metres();
                double seconds = road + snapMetres / (SNAP_KMH / 3.6);
                result.add(new TravelTime((int) Math.round(seconds), TravelTime.Method.ROAD, metres));
            }
        }
        return result;
    }

    /** Each point's nearest road segment: five nearest boxes by the index, then the nearest in metres. */
    private Map<Integer, Snap> snap(List<Point> points) {
        Map<Integer, Snap> snaps = new HashMap<>();
        jdbc.sql("""
                        select u.idx, s.id, s.source, s.target, s.fraction, s.metres
                          from unnest(:lons::float8[], :lats::float8[]) with ordinality as u(lon, lat, idx)
                          cross join lateral (
                              select k.id, k.source, k.target, ST_LineLocatePoint(k.geom, k.pt) as fraction,
                                     ST_Distance(k.pt::geography, ST_ClosestPoint(k.geom, k.pt)::geography) as metres
                                from (select r.id, r.source, r.target, r.geom, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326) as pt
                                        from road_segment r
                                       where r.source is not null and r.target is not null
                                       order by r.geom <-> ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326) limit 5) k
                               order by metres, k.id limit 1) s""")
                .param("lons", SqlArrays.float8(points.stream().map(Point::lon).toList()))
                .param("lats", SqlArrays.float8(points.stream().map(Point::lat).toList()))
                .query(rs -> {
                    snaps.put(rs.getInt("idx"), new Snap(rs.getLong("id"), rs.getLong("source"), rs.getLong("target"), rs.getDouble("fraction"),
                            rs.getDouble("metres")));
                });
        return snaps;
    }

    /** One many-to-one search: origins are points 1..n, the target is point {@code target}. */
    private Map<Integer, Double> roadSeconds(Map<Integer, Snap> snaps, List<Integer> origins, int target) {
        long end = snaps.get(target).vertex(target);
        Map<Long, List<Integer>> byVertex = new HashMap<>();
        for (int i : origins) byVertex.computeIfAbsent(snaps.get(i).vertex(i), v -> new ArrayList<>()).add(i);
        // Points strictly inside a segment enter the graph as points; the query is built from numbers this
        // method produced (ids, fractions), never from input text.
        List<Integer> inner = java.util.stream.Stream.concat(origins.stream(), java.util.stream.Stream.of(target))
                .filter(i -> snaps.get(i).vertex(i) < 0).distinct().toList();
        List<Long> starts = byVertex.keySet().stream().filter(v -> v != end).toList();
        Map<Integer, Double> seconds = new HashMap<>();
        if (byVertex.containsKey(end)) byVertex.get(end).forEach(i -> seconds.put(i, 0.0));
        if (starts.isEmpty()) return seconds;
        String edges = "select id, source, target, cost, reverse_cost from road_segment where source is not null and target is not null";
        var spec = inner.isEmpty()
                ? jdbc.sql("select start_vid as v, agg_cost from pgr_dijkstraCost(:edges, :starts::bigint[], :end, directed => true)")
                : jdbc.sql("select start_pid as v, agg_cost from pgr_withPointsCost(:edges, :points, :starts::bigint[], :end, directed => true)")
                .param("points", "select pid, edge_id, fraction, side from (values " + inner.stream()
                        .map(i -> String.format(Locale.ROOT, "(%d, %d, %.12f::float8, 'b'::char)", i, snaps.get(i).edge(), snaps.get(i).fraction()))
                        .collect(Collectors.joining(", ")) + ") as p(pid, edge_id, fraction, side)");
        spec.param("edges", edges).param("starts", SqlArrays.bigint(starts)).param("end", end)
                .query(rs -> {
                    for (int i : byVertex.getOrDefault(rs.getLong("v"), List.of())) seconds.put(i, rs.getDouble("agg_cost"));
                });
        return seconds;
    }

    private List<double[]> straightMetres(List<Point> origins, Point target) {
        return jdbc.sql("""
                        select ST_Distance(ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326)::geography,
                                           ST_SetSRID(ST_MakePoint(:tlon, :tlat), 4326)::geography) as metres
                          from unnest(:lons::float8[], :lats::float8[]) with ordinality as u(lon, lat, idx) order by u.idx""")
                .param("lons", SqlArrays.float8(origins.stream().map(Point::lon).toList()))
                .param("lats", SqlArrays.float8(origins.stream().map(Point::lat).toList()))
                .param("tlon", target.lon()).param("tlat", target.lat())
                .query((rs, i) -> new double[]{rs.getDouble(1)}).list();
    }
}
