package com.gridcommand.casework;

import com.gridcommand.changefeed.ChangeTopic;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.casework.internal.CaseQueries;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reading cases — for the map (open cases in a view with their supervision light), the list (filtered,
 * sorted, a page at a time), details, timelines and attachments — always limited to the grid cells in
 * the caller's scope.
 */
@Service
@Transactional(readOnly = true)
public class CaseService {

    /** Cases registered, changed or closed. */
    public static final ChangeTopic CHANGES = ChangeTopic.rowsOf("gov_case");

    /** More open cases than this in one view are not sent: the map asks to zoom in. */
    public static final int MAP_LIMIT = 5_000;
    public static final Set<String> CATEGORIES = Set.of("NEIGHBOUR", "FAMILY", "LAND", "LABOUR", "PROPERTY",
            "PUBLIC_SECURITY", "HAZARD", "PETITION", "OTHER");

    private final CaseQueries queries;
    private final Clock clock;
    private final CurrentUser current;
    private final Attachments attachments;

    CaseService(CaseQueries queries, Clock clock, CurrentUser current, Attachments attachments) {
        this.queries = queries;
        this.clock = clock;
        this.current = current;
        this.attachments = attachments;
    }

    // ------------------------------------------------------------------ the map

    /** Open cases in scope in the box, at most {@link #MAP_LIMIT} + 1. */
    public List<GeoFeature> openInView(Viewport viewport) {
        return queries.openInView(viewport.bbox(), Math.max(6, viewport.decimals()), OffsetDateTime.now(clock), null, MAP_LIMIT + 1, current.scope());
    }

    /** The given cases, if open, in scope and in the box: for live updates of single rows. */
    public List<GeoFeature> openInView(Viewport viewport, Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return queries.openInView(viewport.bbox(), Math.max(6, viewport.decimals()), OffsetDateTime.now(clock), ids, ids.size(), current.scope());
    }

    /**
     * A page of every open case in scope in the box — not capped at {@link #MAP_LIMIT} as the map is — by id,
     * with the count.
     */
    public FeaturePage openPage(FeaturePage.Request request) {
        return queries.openPage(request, OffsetDateTime.now(clock), current.scope());
    }

    /** Where the open cases in scope lie and when the first and last were reported. */
    public FeatureExtent openExtent() {
        return queries.openExtent(current.scope());
    }

    public CaseCounts countsIn(Bbox b) {
        return queries.countsIn(b, OffsetDateTime.now(clock), current.scope());
    }

    /**
     * Ids of the cases in scope inside a drawn shape (GeoJSON polygon, WGS 84): the spatial pick. A
     * self-crossing outline is repaired (ST_MakeValid) rather than refused: the user meant an area.
     */
    public List<Long> idsInside(String polygonGeoJson) {
        if (polygonGeoJson == null || polygonGeoJson.length() > 200_000) throw new ProblemException("problem.pick.shape", "a drawn area of at most a few thousand corners");
        return queries.idsInside(polygonGeoJson, current.scope());
    }

    /** Ids of the cases in scope within a circle (metres, on the spheroid). */
    public List<Long> idsWithin(double lon, double lat, double metres) {
        if (metres <= 0 || metres > 50_000) throw new ProblemException("problem.pick.radius", "a radius of 1 m to 50 km");
        return queries.idsWithin(lon, lat, metres, current.scope());
    }

    // ------------------------------------------------------------------ the list

    /** Cases in scope matching the filter, a page at a time. */
    public List<CaseListItem> list(CaseFilter filter, int offset, int limit) {
        return queries.list(filter, offset, limit, OffsetDateTime.now(clock), clock.getZone(), current.scope());
    }

    /**
     * The cases matching the list's filter inside a map view (any step), at most {@link #MAP_LIMIT} + 1:
     * the list's map shows what the list holds.
     */
    public List<GeoFeature> inView(CaseFilter filter, Viewport viewport) {
        return queries.inView(filter, viewport.bbox(), Math.max(6, viewport.decimals()), MAP_LIMIT + 1, OffsetDateTime.now(clock), clock.getZone(),
                current.scope());
    }

    /** Where a case stands in the filtered, sorted list (0-based), if it is in it: to scroll the list to a case picked on the map. */
    public Optional<Integer> indexOf(CaseFilter filter, long id) {
        return queries.indexOf(filter, id, OffsetDateTime.now(clock), clock.getZone(), current.scope());
    }

    public int count(CaseFilter filter) {
        return queries.count(filter, OffsetDateTime.now(clock), clock.getZone(), current.scope());
    }

    public List<CaseListItem> list(int offset, int limit) {
        return list(CaseFilter.none(), offset, limit);
    }

    public int count() {
        return count(CaseFilter.none());
    }

    // ------------------------------------------------------------------ one case

    public Optional<CaseDetails> details(long id) {
        return queries.details(id, OffsetDateTime.now(clock), current.scope());
    }

    /** The case's timeline, oldest first, with the files of each step. */
    public List<CaseEvent> timeline(long id) {
        if (details(id).isEmpty()) return List.of();
        return queries.timeline(id);
    }

    /** An attachment's bytes, if its case is in scope. */
    public Optional<Attachments.Content> attachment(long attachmentId) {
        Long caseId = queries.caseOfAttachment(attachmentId).orElse(null);
        if (caseId == null || details(caseId).isEmpty()) return Optional.empty();
        return attachments.content(attachmentId);
    }
}
