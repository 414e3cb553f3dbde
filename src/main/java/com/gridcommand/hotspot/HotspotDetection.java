package com.gridcommand.hotspot;

import com.gridcommand.hotspot.internal.HotspotQueries;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
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

    private final HotspotQueries queries;
    private final CurrentUser current;

    HotspotDetection(HotspotQueries queries, CurrentUser current) {
        this.queries = queries;
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
        return queries.clusters(selection, epsMetres, minPoints);
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
        return queries.giStar(selection);
    }

    /**
     * The Prediction Accuracy Index of areas on a later period: (share of that period's cases inside the areas) /
     * (share of the city's area they cover). 1 is no better than chance; crime-mapping practice reads 2+ as useful.
     */
    public double predictionAccuracy(List<String> areasGeoJson, Selection later) {
        current.require(Role.LEADER, Role.COMMAND, Role.ADMIN);
        if (areasGeoJson.isEmpty()) return 0;
        String collection = "{\"type\":\"GeometryCollection\",\"geometries\":[" + String.join(",", areasGeoJson) + "]}";
        return queries.predictionAccuracy(collection, later);
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
        return queries.density(selection, sizeMetres, bandwidthMetres);
    }
}
