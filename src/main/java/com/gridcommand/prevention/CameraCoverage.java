package com.gridcommand.prevention;

import com.gridcommand.prevention.internal.PreventionQueries;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * Camera coverage (技防): each online camera's view sector (the database's {@code camera_sector}), the share of
 * each active hotspot the cameras see, which key places no camera sees, and the blind parts of hotspots.
 * Sectors ignore walls and terrain: the share is an upper bound of what is really seen.
 */
@Service
@Transactional(readOnly = true)
public class CameraCoverage {

    private final PreventionQueries queries;

    CameraCoverage(PreventionQueries queries) {
        this.queries = queries;
    }

    /** A camera's view sector as GeoJSON. */
    public String sector(long cameraId) {
        return queries.sector(cameraId).orElseThrow(() -> new IllegalArgumentException("no camera " + cameraId));
    }

    /** How much of a hotspot the online cameras see, and the part they do not (GeoJSON, null when fully seen). */
    public record HotspotCoverage(long hotspotId, String code, String name, double share, String blindSpot) {}

    public List<HotspotCoverage> hotspots() {
        return queries.hotspotCoverage();
    }

    /** Key places no online camera sees. */
    public List<String> unseenKeyPlaces() {
        return unseenKeyPlacesWithPlace().stream().map(UnseenPlace::code).toList();
    }

    /** A camera's view sector for the map. */
    public record Sector(long cameraId, String code, String name, boolean online, String geometry) {}

    /** The sectors of the cameras within {@code bbox}-reach (west, south, east, north in degrees). */
    public List<Sector> sectors(double west, double south, double east, double north) {
        return queries.sectors(west, south, east, north);
    }

    /** A key place no online camera sees, where it is. */
    public record UnseenPlace(String code, String name, double lon, double lat) {}

    public List<UnseenPlace> unseenKeyPlacesWithPlace() {
        return queries.unseenKeyPlaces();
    }
}
