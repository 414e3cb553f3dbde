package com.gridcommand.dispatch;

import com.gridcommand.changefeed.ChangeTopic;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.dispatch.internal.DispatchQueries;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Responders for the map: positions, status, details, how many are available in a view; limited to the caller's areas. */
@Service
@Transactional(readOnly = true)
public class ResponderService {

    /** Responders moved or changed status. */
    public static final ChangeTopic CHANGES = ChangeTopic.rowsOf("responder");

    /** A position older than this is drawn faded: the device has gone quiet. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(15);
    public static final List<String> STATUSES = List.of("AVAILABLE", "ASSIGNED", "EN_ROUTE", "ON_SCENE", "RETURNING", "OFF_DUTY");

    private final DispatchQueries queries;
    private final Clock clock;
    private final CurrentUser current;

    ResponderService(DispatchQueries queries, Clock clock, CurrentUser current) {
        this.queries = queries;
        this.clock = clock;
        this.current = current;
    }

    /** Responders in scope whose last position is in the box. */
    public List<GeoFeature> inView(Viewport viewport) {
        return queries.respondersInView(viewport.bbox(), decimals(viewport), OffsetDateTime.now(clock).minus(STALE_AFTER), null,
                current.scope());
    }

    /** The given responders, if in scope and positioned in the box: for live updates of single rows. */
    public List<GeoFeature> inView(Viewport viewport, Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return queries.respondersInView(viewport.bbox(), decimals(viewport), OffsetDateTime.now(clock).minus(STALE_AFTER), ids,
                current.scope());
    }

    /**
     * The given responders in scope that have a position, wherever they are, each with its coordinates: what a batch
     * of the change feed loads once for every open map of the same scope and precision (see
     * {@link #inView(Viewport, Collection, java.util.function.BiFunction)}).
     */
    public List<Positioned> positioned(Collection<Long> ids, int decimals) {
        return queries.respondersPositioned(ids, decimals, OffsetDateTime.now(clock).minus(STALE_AFTER), current.scope()).stream()
                .map(r -> new Positioned(r.feature(), r.lon(), r.lat())).toList();
    }

    /** A responder as the maps draw it, and where it stands. */
    public record Positioned(GeoFeature feature, double lon, double lat) {}

    /**
     * The given responders, if in scope and positioned in the box, from rows another map may already have loaded:
     * {@code shared} is handed the key of what to load (the caller's scope and the precision) and the load itself,
     * and answers with what it holds under that key or what the load returns. The box is tested here, exactly as the
     * database would (edges included).
     */
    public List<GeoFeature> inView(Viewport viewport, Collection<Long> ids,
                                   java.util.function.BiFunction<Object, java.util.function.Supplier<List<Positioned>>, List<Positioned>> shared) {
        if (ids.isEmpty()) return List.of();
        int decimals = decimals(viewport);
        List<Positioned> rows = shared.apply(List.of(CHANGES, current.scope(), decimals, ids), () -> positioned(ids, decimals));
        Bbox box = viewport.bbox();
        return rows.stream().filter(r -> box.contains(r.lon(), r.lat())).map(Positioned::feature).toList();
    }

    private static int decimals(Viewport viewport) {
        return Math.max(6, viewport.decimals());
    }

    /**
     * A page of the responders in scope positioned in the box, by id, with the count; those without a position are
     * not on a map and not here.
     */
    public FeaturePage page(FeaturePage.Request request) {
        return queries.respondersPage(request, OffsetDateTime.now(clock).minus(STALE_AFTER), current.scope());
    }

    /** Where the responders in scope are and when their positions were taken. */
    public FeatureExtent extent() {
        return queries.respondersExtent(current.scope());
    }

    /** Available responders in scope whose position is in the box. */
    public int countAvailable(Bbox b) {
        return queries.countAvailable(b, current.scope());
    }

    public Optional<ResponderDetails> details(long id) {
        return queries.responder(id, current.scope());
    }

    /** A dispatcher or command staff sets a responder's status; only for responders of their whole township (or the city). */
    @Transactional
    public void changeStatus(long id, String status) {
        current.require(Role.DISPATCHER, Role.COMMAND);
        if (!STATUSES.contains(status)) throw new ProblemException("problem.responder.status", "unknown responder status " + status);
        int rows = queries.setResponderStatusInScope(id, status, current.scope());
        if (rows == 0) throw new CurrentUser.AccessDeniedException("that responder is outside your areas");
    }

    /** A line of the unit status board: who, what, and the task they are on. */
    public record BoardRow(long id, String code, String name, String kind, String team, String status, String target) {}

    /** Every responder in scope (leaders aside) with their current task, for the status board. */
    public List<BoardRow> board() {
        return queries.board(current.scope());
    }

    /** Where a responder in scope is: [lon, lat]. */
    public Optional<double[]> position(long id) {
        return queries.responderPosition(id, current.scope());
    }

    /** The arrival norm in minutes of the township at a point (5 in the city, 10 in the suburbs by default); null outside. */
    public Integer arrivalNorm(double lon, double lat) {
        return queries.arrivalNormAt(lon, lat).orElse(null);
    }
}
