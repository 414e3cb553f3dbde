package com.gridcommand.prevention;

import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.prevention.internal.PreventionQueries;
import com.gridcommand.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/** Key places and cameras for the map, and their details. */
@Service
@Transactional(readOnly = true)
public class PreventionService {

    private final PreventionQueries queries;
    private final CurrentUser current;

    PreventionService(PreventionQueries queries, CurrentUser current) {
        this.queries = queries;
        this.current = current;
    }

    /** Key places in the box. */
    public List<GeoFeature> keyPlacesInView(Viewport viewport) {
        return queries.keyPlacesInView(viewport.bbox(), viewport.decimals(), current.scope());
    }

    /** Cameras in the box. */
    public List<GeoFeature> camerasInView(Viewport viewport) {
        return queries.camerasInView(viewport.bbox(), viewport.decimals(), current.scope());
    }

    /** A page of the key places in scope in the box, by id, with the count. */
    public FeaturePage keyPlacesPage(FeaturePage.Request request) {
        return queries.keyPlacesPage(request, current.scope());
    }

    /** A page of the cameras in scope in the box, by id, with the count. */
    public FeaturePage camerasPage(FeaturePage.Request request) {
        return queries.camerasPage(request, current.scope());
    }

    /** Where the key places in scope lie. */
    public FeatureExtent keyPlacesExtent() {
        return queries.keyPlacesExtent(current.scope());
    }

    /** Where the cameras in scope lie. */
    public FeatureExtent camerasExtent() {
        return queries.camerasExtent(current.scope());
    }

    /** Key places of the caller's areas found by name. */
    public List<com.gridcommand.geo.NamedPoint> searchKeyPlaces(String text, int limit) {
        if (text == null || text.isBlank()) return List.of();
        return queries.searchKeyPlaces(text, limit, current.scope());
    }

    public Optional<KeyPlaceDetails> keyPlace(long id) {
        return queries.keyPlace(id, current.scope());
    }

    public Optional<CameraDetails> camera(long id) {
        return queries.camera(id, current.scope());
    }
}
