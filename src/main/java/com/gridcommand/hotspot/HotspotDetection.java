package com.gridcommand.hotspot;

import com.gridcommand.base.db.SqlArrays;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Where trouble concentrates, from the cases: density clusters (ST_ClusterDBSCAN, distances in metres in
 * the UTM zone of the city) as candidate areas, and the Getis-Ord Gi* statistic per grid cell (binary
 * contiguity, each cell its own neighbour) whose z-score says how unlikely the local concentration is
 * under spatial randomness. Both for a period, a set of categories and optionally a time of day
 * (e.g. 20:00–06:00, in China time). All city-wide: for leaders and command staff.
 */
@Service
@Transactional(readOnly = true)
public class HotspotDetection {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;
    private final CurrentUser current;

    HotspotDetection(JdbcClient jdbc, CurrentUser current) {
        this.jdbc = jdbc;
        this.current = current;
    }

    /**
     * Which cases: reported from {@code from} to {@code to} (both inclusive, China dates), of the categories
     * (empty: all), and if {@code fromTime}/{@code toTime} are given, reported in that time of day (a window that
     * ends before it starts runs past midnight).
     */
    public record Selection(LocalDate from, LocalDate to, Set<String> categories, LocalTime fromTime, LocalTime toTime) {
        public Selection {
            if (from == null || to == null || to.isBefore(from)) throw new IllegalArgumentException("a period needs a start and an end after it");
            categories = categories == null ? Set.of() : Set.copyOf(categories);
            if ((fromTime == null) != (toTime == null)) throw new IllegalArgumentException("a time of day needs both ends");
            if (fromTime != null && fromTime.equals(toTime)) throw new IllegalArgumentException("a time of day cannot start and end at the same time");
        }

        /** The condition on gov_case alias {@code k}, with its parameters named :selFrom, :selTo, :selCats, :selT1, :selT2. */
        String where() {
            StringBuilder sb = new StringBuilder("k.reported_at >= :selFrom and k.reported_at < :selTo");
            if (!categories.isEmpty()) sb.append(" and k.category = any (:selCats::text[])");
            if (fromTime != null) {
                String t = "(k.reported_at at time zone 'Asia/Shanghai')::time";
                sb.append(fromTime.isBefore(toTime) ? " and " + t + " >= :selT1 and " + t + " < :selT2"
                        : " and (" + t + " >= :selT1 or " + t + " < :selT2)");
            }
            return sb.toString();
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
            spec = spec.param("selFrom", from.atStartOfDay(CHINA).toOffsetDateTime()).param("selTo", to.plusDays(1).atStartOfDay(CHINA).toOffsetDateTime());
            if (!categories.isEmpty()) spec = spec.param("selCats", SqlArrays.text(categories));
            if (fromTime != null) spec = spec.param("selT1", fromTime).param("selT2", toTime);
            return spec;
        }
    }

    /** A candidate area: the cluster's cases, its outline (hull buffered by half the distance) and the listed hotspots it meets. */
    public record Candidate(int cluster, int cases, String geometry, double areaSquareMetres, double lon, double lat, List<String> listedHotspots) {}

    /**
     * Density clusters: cases with at least {@code minPoints} cases (themselves included) within {@code epsMetres}
     * form a cluster's core; each cluster is a candidate, largest first.
     */
    public List<Candidate> clusters(Selection selection, double epsMetres, int minPoints) {
        current.require(Role.LEADER, Role.COMMAND, Role.ADMIN);
        if (epsMetres < 10 || epsMetres > 2000) throw new IllegalArgumentException("the distance is between 10 and 2,000 metres");
        if (minPoints < 2 || minPoints > 1000) throw new IllegalArgumentException("a cluster needs between 2 and 1,000 cases");
        return selection.bind(jdbc.sql("""
                        with utm as (select 32600 + floor((ST_X(ST_Centroid(ST_Extent(geom))) + 180) / 6)::int + 1 as srid from township),
                        pts as (select k.id, ST_Transform(k.geom, (select srid from utm)) as g from gov_case k where %s),
                        clustered as (select g, ST_ClusterDBSCAN(g, eps => :eps, minpoints => :min) over () as cid from pts),
                        areas as (select cid, count(*) as n, ST_Buffer(ST_ConvexHull(ST_Collect(g)), :eps / 2) as area
                                    from clustered where cid is not null group by cid)
                        select a.cid, a.n, ST_AsGeoJSON(ST_Transform(a.area, 4326), 6) as geometry, ST_Area(a.area) as m2,
                               ST_X(ST_Transform(ST_Centroid(a.area), 4326)) as lon, ST_Y(ST_Transform(ST_Centroid(a.area), 4326)) as lat,
                               array(select h.code from hotspot h where h.status <> 'DELISTED'
                                        and ST_Intersects(h.geom, ST_Transform(a.area, 4326)) order by h.code) as listed
                          from areas a order by a.n desc, a.cid""".formatted(selection.where())))
                .param("eps", epsMetres).param("min", minPoints)
                .query((rs, i) -> new Candidate(rs.getInt("cid"), rs.getInt("n"), rs.getString("geometry"), rs.getDouble("m2"),
                        rs.getDouble("lon"), rs.getDouble("lat"), Arrays.asList((String[]) rs.getArray("listed").getArray())))
                .list();
    }

    /** A grid cell's count and Gi* z-score; |z| > 1.96 is significant at 5 %, > 2.58 at 1 % (before any multiple-test correction). */
    public record CellScore(long cellId, String code, int cases, double z) {}

    /**
     * Getis-Ord Gi* per grid cell: z_i = (Σ_j w_ij x_j − x̄ Σ_j w_ij) / (S √((n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1))),
     * with w_ij = 1 for cells that touch (edge or corner) and for the cell itself, x̄ and S the mean and standard
     * deviation of all n cells' counts.
     */
    public List<CellScore> giStar(Selection selection) {
        current.require(Role.LEADER, Role.COMMAND, Role.ADMIN);
        return selection.bind(jdbc.sql("""
                        with counts as (
                            select c.id, c.code, coalesce(k.n, 0) as x
                              from grid_cell c left join (select k.grid_cell_id, count(*) as n from gov_case k where %s group by 1) k
                                on k.grid_cell_id = c.id),
                        stats as (select count(*)::float8 as n, avg(x)::float8 as mean,
                                         sqrt(greatest(avg(x::float8 * x) - avg(x::float8) ^ 2, 0)) as s from counts),
                        sums as (select n.a as id, sum(b.x)::float8 as wx, count(*)::float8 as w
                                   from (select a.id as a, b.id as b from grid_cell a join grid_cell b on ST_Intersects(a.geom, b.geom)) n
                                   join counts b on b.id = n.b group by n.a)
                        select a.id, a.code, a.x,
                               case when st.s = 0 then 0
                                    else (u.wx - st.mean * u.w) / (st.s * sqrt((st.n * u.w - u.w * u.w) / (st.n - 1))) end as z
                          from counts a join sums u on u.id = a.id cross join stats st order by a.code""".formatted(selection.where())))
                .query((rs, i) -> new CellScore(rs.getLong("id"), rs.getString("code"), rs.getInt("x"), rs.getDouble("z"))).list();
    }

    /**
     * The Prediction Accuracy Index of areas on a later period: (share of that period's cases inside the areas) /
     * (share of the city's area they cover). 1 is no better than chance; crime-mapping practice reads 2+ as useful.
     */
    public double predictionAccuracy(List<String> areasGeoJson, Selection later) {
        current.require(Role.LEADER, Role.COMMAND, Role.ADMIN);
        if (areasGeoJson.isEmpty()) return 0;
        String collection = "{\"type\":\"GeometryCollection\",\"geometries\":[" + String.join(",", areasGeoJson) + "]}";
        return later.bind(jdbc.sql("""
                        with areas as (select ST_UnaryUnion(ST_SetSRID(ST_GeomFromGeoJSON(:areas), 4326)) as g),
                             city as (select ST_Union(geom) as g from township),
                             hits as (select count(*) filter (where ST_Intersects(k.geom, (select g from areas)))::float8 as inside,
                                             count(*)::float8 as total from gov_case k where %s)
                        select case when hits.total = 0 then 0
                                    else (hits.inside / hits.total)
                                         / (ST_Area(ST_Intersection((select g from areas), city.g)::geography) / ST_Area(city.g::geography)) end
                          from hits, city""".formatted(later.where())))
                .param("areas", collection).query(Double.class).single();
    }

    /** A square of the density surface: its outline and the estimated cases per km² at its centre. */
    public record DensityCell(String geometry, double perSquareKm) {}

    /**
     * A kernel density surface of the selected cases (quartic kernel, {@code bandwidthMetres}), estimated at the centres
     * of squares {@code sizeMetres} wide, computed in PostGIS in the city's UTM zone. Each case is projected once and
     * binned to a fifth of the square size (at most half a bin, 15 m for 150 m squares, off: little at a bandwidth of hundreds of metres); each
     * bin then adds its kernel to the squares whose centres lie within the bandwidth, found by arithmetic on the
     * square indices. Only squares with some density are returned, lightest first.
     */
    public List<DensityCell> density(Selection selection, double sizeMetres, double bandwidthMetres) {
        current.require(Role.LEADER, Role.COMMAND, Role.ADMIN);
        if (sizeMetres < 50 || sizeMetres > 2000) throw new IllegalArgumentException("squares are 50 to 2,000 metres");
        if (bandwidthMetres < sizeMetres || bandwidthMetres > 5000) throw new IllegalArgumentException("the bandwidth is from the square size to 5,000 metres");
        return selection.bind(jdbc.sql("""
                        with utm as (select 32600 + floor((ST_X(ST_Centroid(ST_Extent(geom))) + 180) / 6)::int + 1 as srid from township),
                        pts as (select ST_Transform(k.geom, (select srid from utm)) as g from gov_case k where %s),
                        bins as (select round(ST_X(g) / :bin) * :bin as x, round(ST_Y(g) / :bin) * :bin as y, count(*) as n from pts group by 1, 2),
                        dens as (select i, j, sum(b.n * (1 - d.r2 / (:bw * :bw)) ^ 2) as k
                                   from bins b
                                   cross join generate_series(floor((b.x - :bw) / :size)::int, floor((b.x + :bw) / :size)::int) i
                                   cross join generate_series(floor((b.y - :bw) / :size)::int, floor((b.y + :bw) / :size)::int) j
                                   cross join lateral (select ((i + 0.5) * :size - b.x) ^ 2 + ((j + 0.5) * :size - b.y) ^ 2 as r2) d
                                  where d.r2 < :bw * :bw group by i, j)
                        select ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope(i * :size, j * :size, (i + 1) * :size, (j + 1) * :size, u.srid), 4326), 6) as geometry,
                               k * 3 / (pi() * (:bw / 1000.0) ^ 2) as per_km2
                          from dens, utm u order by per_km2""".formatted(selection.where())))
                .param("size", sizeMetres).param("bw", bandwidthMetres).param("bin", sizeMetres / 5)
                .query((rs, i) -> new DensityCell(rs.getString("geometry"), rs.getDouble("per_km2"))).list();
    }
}
