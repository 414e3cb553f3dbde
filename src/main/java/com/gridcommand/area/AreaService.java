package com.gridcommand.area;

import com.gridcommand.area.internal.AreaGeneralizer;
import com.gridcommand.area.internal.AreaQueries;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/** The spatial hierarchy's API: boundaries for a viewport, details of one area, the city's extent. */
@Service
@Transactional(readOnly = true)
public class AreaService {

    private final AreaQueries queries;
    private final AreaGeneralizer generalizer;

    AreaService(AreaQueries queries, AreaGeneralizer generalizer) {
        this.queries = queries;
        this.generalizer = generalizer;
    }

    /** The areas of one level that intersect the viewport, generalised for its zoom. */
    public List<GeoFeature> inView(AreaLevel level, Viewport viewport) {
        return queries.inView(level, viewport);
    }

    public Optional<AreaDetails> details(AreaLevel level, long id) {
        return queries.details(level, id);
    }

    /** The box around all townships; empty before any map is loaded. */
    public Optional<Bbox> cityExtent() {
        return queries.cityExtent();
    }

    /** Recomputes the per-zoom boundaries after the areas changed. */
    @Transactional
    public void regeneralize() {
        generalizer.rebuild();
    }
}
