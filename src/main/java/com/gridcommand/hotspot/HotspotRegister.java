package com.gridcommand.hotspot;

import com.gridcommand.hotspot.internal.HotspotQueries;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.GridUser;
import com.gridcommand.security.Role;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hotspot register (挂牌整治): listing an area drawn on the map, reshaping it, and the reviews that move it
 * listed → rectifying → under review → delisted. A drawn polygon is checked before anything is stored, and a
 * refusal says exactly what is wrong.
 */
@Service
@Transactional
public class HotspotRegister {

    public static final double MIN_SQUARE_METRES = 100;
    public static final double MAX_SQUARE_METRES = 5_000_000;
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    /** The moves a review may make. */
    private static final Map<String, List<String>> NEXT = Map.of(
            "LISTED", List.of("RECTIFYING", "LISTED"),
            "RECTIFYING", List.of("UNDER_REVIEW", "RECTIFYING"),
            "UNDER_REVIEW", List.of("DELISTED", "RECTIFYING", "UNDER_REVIEW"),
            "DELISTED", List.of("LISTED"));

    private final HotspotQueries queries;
    private final CurrentUser current;
    private final Clock clock;

    HotspotRegister(HotspotQueries queries, CurrentUser current, Clock clock) {
        this.queries = queries;
        this.current = current;
        this.clock = clock;
    }

    /** A drawn area that cannot be a hotspot, and why. */
    public static class InvalidAreaException extends IllegalArgumentException {
        public enum Reason { NOT_GEOJSON, NOT_A_POLYGON, NOT_CLOSED, TOO_FEW_POINTS, OUT_OF_RANGE, SELF_INTERSECTION, HOLES, OUTSIDE_CITY, TOO_SMALL, TOO_LARGE }

        private final Reason reason;

        public InvalidAreaException(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** Checks a drawn area (GeoJSON Polygon, longitude/latitude) and returns it, or says what is wrong. */
    public Polygon check(String geoJson) {
        Geometry g;
        try {
            g = new GeoJsonReader(WGS84).read(geoJson);
        } catch (ParseException | IllegalArgumentException e) {
            // The reader wraps the ring's own complaint: find it.
            String m = "";
            for (Throwable t = e; t != null; t = t.getCause()) m += " " + t.getMessage();
            if (m.contains("closed")) throw new InvalidAreaException(InvalidAreaException.Reason.NOT_CLOSED, "the outline is not closed: its last point must be its first");
            if (m.contains("Invalid number of points")) throw new InvalidAreaException(InvalidAreaException.Reason.TOO_FEW_POINTS, "an area needs at least three corners");
            throw new InvalidAreaException(InvalidAreaException.Reason.NOT_GEOJSON, "not a GeoJSON polygon: " + m);
        }
        if (!(g instanceof Polygon polygon)) throw new InvalidAreaException(InvalidAreaException.Reason.NOT_A_POLYGON, "an area is one polygon, not a " + g.getGeometryType());
        if (polygon.getExteriorRing().getNumPoints() < 4) throw new InvalidAreaException(InvalidAreaException.Reason.TOO_FEW_POINTS, "an area needs at least three corners");
        for (Coordinate c : polygon.getCoordinates()) {
            if (c.x < -180 || c.x > 180 || c.y < -90 || c.y > 90) {
                throw new InvalidAreaException(InvalidAreaException.Reason.OUT_OF_RANGE, "coordinates are [longitude, latitude]; " + c.x + ", " + c.y + " is neither");
            }
        }
        if (polygon.getNumInteriorRing() > 0) throw new InvalidAreaException(InvalidAreaException.Reason.HOLES, "a hotspot is drawn without holes");
        TopologyValidationError error = new IsValidOp(polygon).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            throw new InvalidAreaException(InvalidAreaException.Reason.SELF_INTERSECTION, String.format(Locale.ROOT,
                    "the outline crosses itself near %.6f, %.6f (%s)", at.x, at.y, error.getMessage()));
        }
        HotspotQueries.Fit fit = queries.fit(polygon.toText());
        if (!fit.inside()) throw new InvalidAreaException(InvalidAreaException.Reason.OUTSIDE_CITY, "the area reaches outside the city");
        if (fit.squareMetres() < MIN_SQUARE_METRES) throw new InvalidAreaException(InvalidAreaException.Reason.TOO_SMALL, "the area is under 100 m²: draw the place, not a point");
        if (fit.squareMetres() > MAX_SQUARE_METRES) throw new InvalidAreaException(InvalidAreaException.Reason.TOO_LARGE, "the area is over 5 km²: a hotspot is a place, not a district");
        return polygon;
    }

    /** Lists a new hotspot (挂牌) today; its township is the one holding most of it. */
    public long list(String name, String responsibleUnit, String measures, List<String> focus, String geoJson) {
        GridUser user = current.require(Role.LEADER, Role.ADMIN);
        if (name == null || name.isBlank() || name.length() > 100) throw new IllegalArgumentException("a hotspot needs a name of up to 100 characters");
        if (responsibleUnit == null || responsibleUnit.isBlank()) throw new IllegalArgumentException("a hotspot needs a responsible unit");
        Polygon area = check(geoJson);
        long township = queries.townshipHoldingMost(area.toText(), user.scope())
                .orElseThrow(() -> new CurrentUser.AccessDeniedException("the area is not in a township of your areas"));
        int n = queries.count() + 1;
        return queries.insertListed(String.format("ZD9%04d", n), name.trim(), LocalDate.now(clock), responsibleUnit.trim(), measures, focus,
                township, area.toText());
    }

    /** A new outline for a hotspot, if nobody changed it since {@code version}. */
    public void reshape(long id, String geoJson, long version) {
        GridUser user = current.require(Role.LEADER, Role.ADMIN);
        Polygon area = check(geoJson);
        int rows = queries.reshape(id, area.toText(), version, user.scope());
        if (rows == 0) throw new IllegalStateException("the hotspot was changed by someone else meanwhile (or is outside your areas): reload it");
    }

    /** A periodic review: a note, and the status it leaves the hotspot in. */
    public void review(long id, String note, String toStatus) {
        GridUser user = current.require(Role.LEADER, Role.ADMIN);
        if (note == null || note.isBlank() || note.length() > 2000) throw new IllegalArgumentException("a review needs a note of up to 2,000 characters");
        String from = queries.statusForUpdate(id, user.scope())
                .orElseThrow(() -> new CurrentUser.AccessDeniedException("that hotspot is outside your areas"));
        if (!NEXT.getOrDefault(from, List.of()).contains(toStatus)) {
            throw new IllegalArgumentException("a hotspot " + from + " cannot become " + toStatus + " by review");
        }
        queries.setReviewedStatus(id, toStatus, LocalDate.now(clock));
        queries.insertReview(id, OffsetDateTime.now(clock), user.username(), from, toStatus, note.trim());
    }

    /** A register line: what is listed, by whom it is to be rectified, and the version a reshape must name. */
    public record Entry(long id, String code, String name, String status, LocalDate listedOn, LocalDate delistedOn,
                        String responsibleUnit, String measures, String township, long version, String geometry) {}

    /** A review as it was written. */
    public record Review(OffsetDateTime at, String reviewer, String fromStatus, String toStatus, String note) {}

    /** The hotspots of the caller's areas, by code. */
    @Transactional(readOnly = true)
    public List<Entry> entries() {
        GridUser user = current.require(Role.LEADER, Role.COMMAND, Role.ADMIN);
        return queries.entries(user.scope());
    }

    /** A hotspot's reviews, newest first. */
    @Transactional(readOnly = true)
    public List<Review> reviews(long id) {
        GridUser user = current.require(Role.LEADER, Role.COMMAND, Role.ADMIN);
        return queries.reviews(id, user.scope());
    }

    /** The statuses a review may leave a hotspot of this status in. */
    public static List<String> nextStatuses(String status) {
        return NEXT.getOrDefault(status, List.of());
    }
}
