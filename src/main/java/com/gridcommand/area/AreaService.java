package com.gridcommand.area;

import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.area.internal.AreaGeneralizer;
import com.gridcommand.area.internal.AreaQueries;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * The spatial hierarchy's API: boundaries for a viewport, details of one area, the extent of what the
 * caller may see. Everything is limited to the caller's scope.
 */
@Service
@Transactional(readOnly = true)
public class AreaService {

    private final AreaQueries queries;
    private final AreaGeneralizer generalizer;
    private final CurrentUser current;

    AreaService(AreaQueries queries, AreaGeneralizer generalizer, CurrentUser current) {
        this.queries = queries;
        this.generalizer = generalizer;
        this.current = current;
    }

    /** The areas of one level in the caller's scope that intersect the viewport, generalised for its zoom. */
    public List<GeoFeature> inView(AreaLevel level, Viewport viewport) {
        return queries.inView(level, viewport, current.scope());
    }

    /** Where to write the names of the areas of a level in view (the caller's scope): points with a {@code name}. */
    public List<GeoFeature> labelsInView(AreaLevel level, Viewport viewport) {
        return queries.labels(level, viewport, current.scope());
    }

    /** A page of the areas of one level in the caller's scope, true boundaries, for GIS clients. */
    public FeaturePage page(AreaLevel level, FeaturePage.Request request) {
        return queries.page(level, request, current.scope());
    }

    /** Where the areas of one level in the caller's scope lie. */
    public FeatureExtent extent(AreaLevel level) {
        return queries.extent(level, current.scope());
    }

    public Optional<AreaDetails> details(AreaLevel level, long id) {
        return queries.details(level, id, current.scope());
    }

    /** The box around the caller's areas (the whole city for a city-wide user); empty if there are none. */
    public Optional<Bbox> extentInScope() {
        return queries.extent(current.scope());
    }

    /** Areas of a level the caller may see, for choosing from a list. */
    public List<AreaSummary> list(AreaLevel level) {
        return queries.list(level, current.scope()).stream()
                .map(r -> new AreaSummary(level, Long.parseLong(r[0]), r[1], r[2])).toList();
    }

    /** Communities and grid cells of the caller's areas found by name (there is no internet geocoder). */
    public List<com.gridcommand.geo.NamedPoint> search(String text, int limit) {
        if (text == null || text.isBlank()) return List.of();
        return queries.search(text, limit, current.scope());
    }

    /** An administrator names a cell's responsible grid worker. */
    @Transactional
    public void assignGridWorker(long cellId, String name, String phone) {
        current.require(Role.ADMIN);
        if (name == null || name.isBlank() || name.length() > 50) throw new ProblemException("problem.cell.workerName", "a grid worker's name has 1 to 50 characters", 50);
        if (!queries.assignGridWorker(cellId, name.trim(), phone == null ? null : phone.trim(), current.scope())) {
            throw new CurrentUser.AccessDeniedException("that grid cell is outside your areas");
        }
    }

    /** Recomputes the per-zoom boundaries after the areas changed. */
    @Transactional
    public void regeneralize() {
        current.require(Role.ADMIN);
        generalizer.rebuild();
    }
}
