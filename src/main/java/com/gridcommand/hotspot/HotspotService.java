package com.gridcommand.hotspot;

import com.gridcommand.changefeed.ChangeTopic;

import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.hotspot.internal.HotspotQueries;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Hotspots for the map (polygons by status, details, how many are listed in a view), limited to the caller's areas. */
@Service
@Transactional(readOnly = true)
public class HotspotService {

    /** Hotspots listed, changed or lifted. */
    public static final ChangeTopic CHANGES = ChangeTopic.rowsOf("hotspot");

    /** Statuses of a hotspot still on the list (not delisted). */
    public static final List<String> ACTIVE = List.of("LISTED", "RECTIFYING", "UNDER_REVIEW");
    public static final List<String> STATUSES = List.of("LISTED", "RECTIFYING", "UNDER_REVIEW", "DELISTED");

    private final HotspotQueries queries;
    private final CurrentUser current;
    private final Clock clock;

    HotspotService(HotspotQueries queries, CurrentUser current, Clock clock) {
        this.queries = queries;
        this.current = current;
        this.clock = clock;
    }

    /** Hotspots in scope intersecting the box. */
    public List<GeoFeature> inView(Viewport viewport) {
        return queries.inView(viewport.bbox(), viewport.pixelDegrees() * 0.5, viewport.decimals(), null, current.scope());
    }

    /** The given hotspots, if they are in scope and intersect the box: for live updates of single rows. */
    public List<GeoFeature> inView(Viewport viewport, Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return queries.inView(viewport.bbox(), viewport.pixelDegrees() * 0.5, viewport.decimals(), ids, current.scope());
    }

    /** A page of the hotspots in scope intersecting the box, unsimplified, by id, with the count. */
    public FeaturePage page(FeaturePage.Request request) {
        return queries.page(request, current.scope());
    }

    /** Where the hotspots in scope lie. */
    public FeatureExtent extent() {
        return queries.extent(current.scope());
    }

    /** Hotspots in scope still listed (not delisted) that intersect the box. */
    public int countActive(Bbox b) {
        return queries.countActive(b, current.scope());
    }

    public Optional<HotspotDetails> details(long id) {
        return queries.details(id, current.scope());
    }

    /**
     * A leader moves a hotspot along its listing: listed → rectifying → under review → delisted (or back).
     * Only users of the hotspot's whole township (or the city) may.
     */
    @Transactional
    public void changeStatus(long id, String status) {
        current.require(Role.LEADER, Role.ADMIN);
        if (!STATUSES.contains(status)) throw new IllegalArgumentException("unknown hotspot status " + status);
        int rows = queries.changeStatus(id, status, LocalDate.now(clock), current.scope());
        if (rows == 0) throw new CurrentUser.AccessDeniedException("that hotspot is outside your areas");
    }
}
