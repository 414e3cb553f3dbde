package com.gridcommand.road;

import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.road.internal.RoadQueries;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** Roads for the map: the classes that matter at a zoom, simplified to what a pixel shows. */
@Service
@Transactional(readOnly = true)
public class RoadService {

    /** Local streets appear from this zoom, secondary roads from {@link #SECONDARY_FROM_ZOOM}. */
    public static final int LOCAL_FROM_ZOOM = 14;
    public static final int SECONDARY_FROM_ZOOM = 12;

    private final RoadQueries queries;

    RoadService(RoadQueries queries) {
        this.queries = queries;
    }

    /** Road classes drawn at a zoom, most important first. */
    public static List<String> classesAt(int zoom) {
        if (zoom >= LOCAL_FROM_ZOOM) return List.of("ARTERIAL", "SECONDARY", "LOCAL");
        if (zoom >= SECONDARY_FROM_ZOOM) return List.of("ARTERIAL", "SECONDARY");
        return List.of("ARTERIAL");
    }

    /**
     * One label point per road name among the classes drawn at the zoom: the middle of that road's longest segment
     * inside the box. Points with {@code name} and {@code roadClass}.
     */
    public List<GeoFeature> labelsInView(Viewport viewport) {
        return queries.labels(viewport.bbox(), classesAt(viewport.zoom()));
    }

    /** Segments of the classes shown at the zoom that intersect the box, simplified to half a pixel. */
    public List<GeoFeature> inView(Viewport viewport) {
        return queries.inView(viewport.bbox(), classesAt(viewport.zoom()), viewport.pixelDegrees() * 0.5, viewport.decimals());
    }

    /**
     * A page of all road segments intersecting the box, unsimplified, by id, and how many match. The road network
     * is the basemap: every signed-in user sees all of it, on the command map as here.
     */
    public FeaturePage page(FeaturePage.Request request) {
        return queries.page(request);
    }

    /** Where the road network lies. */
    public FeatureExtent extent() {
        return queries.extent();
    }
}
