package com.gridcommand.dispatch;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.dispatch.internal.DispatchQueries;
import com.gridcommand.dispatch.internal.DispatchQueries.Snap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private final DispatchQueries queries;

    TravelTimes(DispatchQueries queries) {
        this.queries = queries;
    }

    /** A point as [lon, lat]. */
    public record Point(double lon, double lat) {
        public Point {
            if (!Double.isFinite(lon) || !Double.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                throw new ProblemException("problem.point", "not a longitude/latitude pair: " + lon + ", " + lat);
            }
        }
    }

    /** The travel time from each origin to the target, in the origins' order. */
    public List<TravelTime> toTarget(List<Point> origins, Point target) {
        if (origins.isEmpty()) return List.of();
        List<Point> all = new ArrayList<>(origins);
        all.add(target);
        Map<Integer, Snap> snaps = queries.snap(all.stream().map(Point::lon).toList(), all.stream().map(Point::lat).toList());
        Snap end = snaps.get(all.size());
        List<Integer> routable = new ArrayList<>();
        for (int i = 1; i <= origins.size(); i++) {
            Snap s = snaps.get(i);
            if (s != null && end != null && s.metres() <= MAX_SNAP_METRES && end.metres() <= MAX_SNAP_METRES) routable.add(i);
        }
        Map<Integer, Double> roadSeconds = routable.isEmpty() ? Map.of() : roadSeconds(snaps, routable, all.size());
        List<Double> straight = queries.straightMetres(origins.stream().map(Point::lon).toList(), origins.stream().map(Point::lat).toList(),
                target.lon(), target.lat());
        List<TravelTime> result = new ArrayList<>(origins.size());
        for (int i = 1; i <= origins.size(); i++) {
            Double road = roadSeconds.get(i);
            double metres = straight.get(i - 1);
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

    /** One many-to-one search: origins are points 1..n, the target is point {@code target}. */
    private Map<Integer, Double> roadSeconds(Map<Integer, Snap> snaps, List<Integer> origins, int target) {
        long end = snaps.get(target).vertex(target);
        Map<Long, List<Integer>> byVertex = new HashMap<>();
        for (int i : origins) byVertex.computeIfAbsent(snaps.get(i).vertex(i), v -> new ArrayList<>()).add(i);
        // Points strictly inside a segment enter the graph as points.
        List<DispatchQueries.EdgePoint> inner = java.util.stream.Stream.concat(origins.stream(), java.util.stream.Stream.of(target))
                .filter(i -> snaps.get(i).vertex(i) < 0).distinct()
                .map(i -> new DispatchQueries.EdgePoint(i, snaps.get(i).edge(), snaps.get(i).fraction())).toList();
        List<Long> starts = byVertex.keySet().stream().filter(v -> v != end).toList();
        Map<Integer, Double> seconds = new HashMap<>();
        if (byVertex.containsKey(end)) byVertex.get(end).forEach(i -> seconds.put(i, 0.0));
        if (starts.isEmpty()) return seconds;
        queries.roadSeconds(starts, end, inner).forEach((v, cost) -> {
            for (int i : byVertex.getOrDefault(v, List.of())) seconds.put(i, cost);
        });
        return seconds;
    }
}
