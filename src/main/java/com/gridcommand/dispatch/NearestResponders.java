package com.gridcommand.dispatch;

import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The k nearest responders who can be sent (available, or returning from a job), in true metres.
 * <p>
 * The geography index answers "nearest first" with distances on a sphere; the exact order is on the
 * spheroid, and the two can swap near-ties. So the index gives k candidates, the largest of their exact
 * distances bounds the answer, and one more index-backed query takes everyone within that bound and sorts
 * them exactly. The result is the exact k nearest, still from two index scans.
 */
@Service
@Transactional(readOnly = true)
public class NearestResponders {

    /** Statuses a dispatcher may send: free, or on the way back from a finished job. */
    public static final List<String> DISPATCHABLE = List.of("AVAILABLE", "RETURNING");
    public static final int MAX_K = 50;

    private final JdbcClient jdbc;
    private final CurrentUser current;
    private final TravelTimes travelTimes;

    NearestResponders(JdbcClient jdbc, CurrentUser current, TravelTimes travelTimes) {
        this.jdbc = jdbc;
        this.current = current;
        this.travelTimes = travelTimes;
    }

    /** The k nearest dispatchable responders in the caller's areas, nearest first (ties by id). */
    public List<Candidate> nearest(double lon, double lat, int k, CandidateFilter filter) {
        new TravelTimes.Point(lon, lat);
        if (k < 1 || k > MAX_K) throw new IllegalArgumentException("k must be between 1 and " + MAX_K);
        String where = """
                r.status in ('AVAILABLE', 'RETURNING') and r.kind <> 'LEADER' and r.position is not null
                 and (cardinality(:kinds::text[]) = 0 or r.kind = any (:kinds::text[]))
                 and (cast(:skill as text) is null or :skill = any (r.skills))
                 and (cast(:team as text) is null or r.team = :team)
                 and\s""" + ResponderService.IN_SCOPE;
        var spec = jdbc.sql("""
                        with here as (select ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography as g),
                        knn as (
                            select ST_Distance(r.position::geography, here.g) as metres
                              from responder r, here where %1$s
                             order by r.position::geography <-> here.g limit :k),
                        -- ST_DWithin and ST_Distance round differently at the last digit: a millimetre keeps the k-th inside.
                        bound as (select max(metres) + 0.001 as metres from knn)
                        select r.id, r.code, r.name, r.kind, r.team, r.skills, r.status, r.position_at,
                               ST_X(r.position) as lon, ST_Y(r.position) as lat, ST_Distance(r.position::geography, here.g) as metres
                          from responder r, here, bound
                         where %1$s and ST_DWithin(r.position::geography, here.g, bound.metres)
                         order by metres, r.id limit :k""".formatted(where));
        spec = ScopeSql.bind(spec, current.scope())
                .param("lon", lon).param("lat", lat).param("k", k)
                .param("kinds", "{" + String.join(",", filter.kinds()) + "}")
                .param("skill", filter.skill()).param("team", filter.team());
        return spec.query((rs, i) -> new Candidate(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("kind"),
                rs.getString("team"), ResponderService.texts(rs.getArray("skills")), rs.getString("status"), rs.getDouble("lon"),
                rs.getDouble("lat"), rs.getObject("position_at", OffsetDateTime.class), rs.getDouble("metres"), null)).list();
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
