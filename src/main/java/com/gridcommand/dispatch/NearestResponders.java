package com.gridcommand.dispatch;

import com.gridcommand.dispatch.internal.DispatchQueries;
import com.gridcommand.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * The k nearest responders who can be sent (available, or returning from a job), in true metres.
 * <p>
 * The geography index answers "nearest first" with distances on a sphere; the exact order is on the
 * spheroid, and the two can swap near-ties. So one index scan takes a few more than k candidates with both
 * distances. Everyone it did not take is at least as far on the sphere as the last one it took, so at least
 * (1 - {@link #SPHERE_ERROR}) of that in exact metres; if the k-th exact distance is shorter, no one unseen can
 * come before it and that is the answer. Otherwise the k-th exact distance bounds it, and an index-backed query
 * takes everyone within that bound and sorts them exactly. Either way the result is the exact k nearest, for any
 * number of candidates: that number only decides how often the second query runs.
 */
@Service
@Transactional(readOnly = true)
public class NearestResponders {

    /** Statuses a dispatcher may send: free, or on the way back from a finished job. */
    public static final List<String> DISPATCHABLE = List.of("AVAILABLE", "RETURNING");
    public static final int MAX_K = 50;

    private final DispatchQueries queries;
    private final CurrentUser current;
    private final TravelTimes travelTimes;

    NearestResponders(DispatchQueries queries, CurrentUser current, TravelTimes travelTimes) {
        this.queries = queries;
        this.current = current;
        this.travelTimes = travelTimes;
    }

    /** The k nearest dispatchable responders in the caller's areas, nearest first (ties by id). */
    // Mostly one statement: no transaction of its own to begin and commit (one joins the caller's, if any).
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<Candidate> nearest(double lon, double lat, int k, CandidateFilter filter) {
        new TravelTimes.Point(lon, lat);
        if (k < 1 || k > MAX_K) throw new IllegalArgumentException("k must be between 1 and " + MAX_K);
        // One statement: the index scan takes the n nearest on the sphere, measures them exactly on the spheroid and
        // returns the k nearest of those, with how many it saw and how far on the sphere the last of them was.
        int n = candidates(k);
        DispatchQueries.NearestScan scan = queries.nearestAmongSphere(lon, lat, filter, n, k, current.scope());
        List<Candidate> sorted = scan.nearest();
        if (scan.seen() < n) return sorted; // everyone who qualifies was seen
        // Anyone not seen is at least as far on the sphere as the last one seen, so at least (1 - SPHERE_ERROR) of that
        // on the spheroid. If the k-th is nearer than that, the answer is certain; otherwise bound and sort exactly.
        double unseen = scan.farthestSphere() * (1 - sphereError);
        if (sorted.get(k - 1).distanceMetres() < unseen) return sorted;
        boundedScans.incrementAndGet();
        double bound = sorted.get(k - 1).distanceMetres() + 0.001; // ST_DWithin and ST_Distance round apart at the last digit
        return queries.nearestWithin(lon, lat, filter, bound, k, current.scope());
    }

    /**
     * How many the first scan takes for k. The recheck makes any number correct; spares make it rarely needed: it is
     * needed only when all the spares lie less than 1.6 % (sphere error and margin) beyond the k-th on the sphere. For
     * units spread like the city's that ring holds on average 3 % of k units, so with k/5 spares (at least 5) that is
     * about once in a million queries for k = 5; units parked together at one spot just beyond the k-th trigger it.
     */
    static int candidates(int k) {
        return k + Math.max(5, k / 5);
    }

    /**
     * Exact metres are at least (1 - this) of sphere metres (PostGIS's sphere has the mean radius R = 6,371,008.8 m).
     * Mapping the spheroid onto the sphere by latitude and longitude stretches every direction by between R/N and R/M
     * (N and M, the spheroid's radii of curvature, range over 6,335,439-6,399,594 m), so by at most 1.0056: the image
     * of the spheroid's shortest path is a path on the sphere at most 1.0056 times as long, and the sphere distance is
     * no longer than that. So exact metres are at least sphere metres / 1.0056, i.e. at most 0.56 % shorter; the margin
     * is twice that.
     */
    static final double SPHERE_ERROR = 0.01;
    private volatile double sphereError = SPHERE_ERROR;
    private final java.util.concurrent.atomic.AtomicLong boundedScans = new java.util.concurrent.atomic.AtomicLong();

    /** The margin in use; tests set 1 to take the bounded path every time. */
    void sphereError(double margin) {
        sphereError = margin;
    }

    /** How often the first scan was not enough (for tests and curiosity). */
    long boundedScans() {
        return boundedScans.get();
    }

    /**
     * The k nearest by straight line, the first {@code withTravel} of them with a travel time, ranked by
     * that time (those without one keep their distance order after them).
     */
    public List<Candidate> nearestWithTravel(double lon, double lat, int k, CandidateFilter filter, int withTravel) {
        List<Candidate> nearest = nearest(lon, lat, k, filter);
        int n = Math.min(withTravel, nearest.size());
        List<TravelTime> times = travelTimes.toTarget(
                nearest.subList(0, n).stream().map(c -> new TravelTimes.Point(c.lon(), c.lat())).toList(), new TravelTimes.Point(lon, lat));
        List<Candidate> timed = new ArrayList<>(nearest.size());
        for (int i = 0; i < n; i++) timed.add(nearest.get(i).withTravel(times.get(i)));
        timed.sort(java.util.Comparator.comparingInt((Candidate c) -> c.travel().seconds()).thenComparingDouble(Candidate::distanceMetres));
        timed.addAll(nearest.subList(n, nearest.size()));
        return timed;
    }
}
