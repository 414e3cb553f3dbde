package com.gridcommand.patrol;

import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.patrol.internal.PatrolQueries;
import com.gridcommand.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/** Patrol routes for the map and their details. */
@Service
@Transactional(readOnly = true)
public class PatrolService {

    private final PatrolQueries queries;
    private final CurrentUser current;

    PatrolService(PatrolQueries queries, CurrentUser current) {
        this.queries = queries;
        this.current = current;
    }

    /** Routes in scope intersecting the box, simplified for the zoom. */
    public List<GeoFeature> inView(Viewport viewport) {
        return queries.inView(viewport.bbox(), viewport.pixelDegrees() * 0.5, viewport.decimals(), current.scope());
    }

    /** A page of the routes in scope intersecting the box, unsimplified, by id, with the count. */
    public FeaturePage page(FeaturePage.Request request) {
        return queries.page(request, current.scope());
    }

    /** Where the routes in scope lie. */
    public FeatureExtent extent() {
        return queries.extent(current.scope());
    }

    public Optional<PatrolRouteDetails> details(long id) {
        return queries.details(id, current.scope());
    }
}
