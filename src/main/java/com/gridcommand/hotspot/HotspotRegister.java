package com.gridcommand.hotspot;

import com.gridcommand.base.db.SqlArrays;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.GridUser;
import com.gridcommand.security.Role;
import com.gridcommand.security.ScopeSql;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final CurrentUser current;
    private final Clock clock;

    HotspotRegister(JdbcClient jdbc, CurrentUser current, Clock clock) {
        this.jdbc = jdbc;
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
        record Fit(boolean inside, double area) {}
        Fit fit = jdbc.sql("""
                        select ST_CoveredBy(ST_GeomFromText(:wkt, 4326), (select ST_Union(geom) from township)),
                               ST_Area(ST_GeomFromText(:wkt, 4326)::geography)""")
                .param("wkt", polygon.toText()).query((rs, i) -> new Fit(rs.getBoolean(1), rs.getDouble(2))).single();
        if (!fit.inside()) throw new InvalidAreaException(InvalidAreaException.Reason.OUTSIDE_CITY, "the area reaches outside the city");
        if (fit.area() < MIN_SQUARE_METRES) throw new InvalidAreaException(InvalidAreaException.Reason.TOO_SMALL, "the area is under 100 m²: draw the place, not a point");
        if (fit.area() > MAX_SQUARE_METRES) throw new InvalidAreaException(InvalidAreaException.Reason.TOO_LARGE, "the area is over 5 km²: a hotspot is a place, not a district");
        return polygon;
    }

    /** Lists a new hotspot (挂牌) today; its township is the one holding most of it. */
    public long list(String name, String responsibleUnit, String measures, List<String> focus, String geoJson) {
        GridUser user = current.require(Role.LEADER, Role.ADMIN);
        if (name == null || name.isBlank() || name.length() > 100) throw new IllegalArgumentException("a hotspot needs a name of up to 100 characters");
        if (responsibleUnit == null || responsibleUnit.isBlank()) throw new IllegalArgumentException("a hotspot needs a responsible unit");
        Polygon area = check(geoJson);
        Long township = ScopeSql.bind(jdbc.sql("""
                        select t.id from township t where ST_Intersects(t.geom, ST_GeomFromText(:wkt, 4326)) and\s"""
                        + ScopeSql.townshipWholly("t.id") + " order by ST_Area(ST_Intersection(t.geom, ST_GeomFromText(:wkt, 4326))) desc limit 1"),
                        user.scope())
                .param("wkt", area.toText()).query(Long.class).optional()
                .orElseThrow(() -> new CurrentUser.AccessDeniedException("the area is not in a township of your areas"));
        int n = jdbc.sql("select count(*) + 1 from hotspot").query(Integer.class).single();
        return jdbc.sql("""
                        insert into hotspot (code, name, status, listed_on, responsible_unit, measures, focus, township_id, geom)
                        values (:code, :name, 'LISTED', :today, :unit, :measures, :focus::text[], :t, ST_GeomFromText(:wkt, 4326)) returning id""")
                .param("code", String.format("ZD9%04d", n)).param("name", name.trim()).param("today", LocalDate.now(clock))
                .param("unit", responsibleUnit.trim()).param("measures", measures).param("focus", SqlArrays.text(focus))
                .param("t", township).param("wkt", area.toText()).query(Long.class).single();
    }

    /** A new outline for a hotspot, if nobody changed it since {@code version}. */
    public void reshape(long id, String geoJson, long version) {
        GridUser user = current.require(Role.LEADER, Role.ADMIN);
        Polygon area = check(geoJson);
        int rows = ScopeSql.bind(jdbc.sql("""
                        update hotspot h set geom = ST_GeomFromText(:wkt, 4326), version = version + 1
                         where h.id = :id and h.version = :v and\s""" + ScopeSql.townshipWholly("h.township_id")), user.scope())
                .param("wkt", area.toText()).param("id", id).param("v", version).update();
        if (rows == 0) throw new IllegalStateException("the hotspot was changed by someone else meanwhile (or is outside your areas): reload it");
    }

    /** A periodic review: a note, and the status it leaves the hotspot in. */
    public void review(long id, String note, String toStatus) {
        GridUser user = current.require(Role.LEADER, Role.ADMIN);
        if (note == null || note.isBlank() || note.length() > 2000) throw new IllegalArgumentException("a review needs a note of up to 2,000 characters");
        String from = ScopeSql.bind(jdbc.sql("select h.status from hotspot h where h.id = :id and " + ScopeSql.townshipWholly("h.township_id") + " for update"),
                        user.scope())
                .param("id", id).query(String.class).optional()
                .orElseThrow(() -> new CurrentUser.AccessDeniedException("that hotspot is outside your areas"));
        if (!NEXT.getOrDefault(from, List.of()).contains(toStatus)) {
            throw new IllegalArgumentException("a hotspot " + from + " cannot become " + toStatus + " by review");
        }
        LocalDate today = LocalDate.now(clock);
        jdbc.sql("""
                        update hotspot set status = :s, version = version + 1,
                               delisted_on = case when :s = 'DELISTED' then greatest(:today, listed_on) end,
                               listed_on = case when status = 'DELISTED' and :s = 'LISTED' then :today else listed_on end
                         where id = :id""")
                .param("s", toStatus).param("today", today).param("id", id).update();
        jdbc.sql("insert into hotspot_review (hotspot_id, at, reviewer, from_status, to_status, note) values (:id, :at, :by, :f, :t, :note)")
                .param("id", id).param("at", OffsetDateTime.now(clock)).param("by", user.username()).param("f", from).param("t", toStatus)
                .param("note", note.trim()).update();
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
        return ScopeSql.bind(jdbc.sql("""
                        select h.id, h.code, h.name, h.status, h.listed_on, h.delisted_on, h.responsible_unit, h.measures,
                               t.name as township, h.version, ST_AsGeoJSON(h.geom, 6) as geometry
                          from hotspot h left join township t on t.id = h.township_id
                         where\s""" + ScopeSql.ownedByTownship("h.township_id", "h.geom") + " order by h.code"), user.scope())
                .query((rs, i) -> new Entry(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("status"),
                        rs.getObject("listed_on", LocalDate.class), rs.getObject("delisted_on", LocalDate.class), rs.getString("responsible_unit"),
                        rs.getString("measures"), rs.getString("township"), rs.getLong("version"), rs.getString("geometry")))
                .list();
    }

    /** A hotspot's reviews, newest first. */
    @Transactional(readOnly = true)
    public List<Review> reviews(long id) {
        GridUser user = current.require(Role.LEADER, Role.COMMAND, Role.ADMIN);
        return ScopeSql.bind(jdbc.sql("""
                        select r.at, r.reviewer, r.from_status, r.to_status, r.note from hotspot_review r join hotspot h on h.id = r.hotspot_id
                         where r.hotspot_id = :id and\s""" + ScopeSql.ownedByTownship("h.township_id", "h.geom") + " order by r.at desc, r.id desc"),
                        user.scope())
                .param("id", id)
                .query((rs, i) -> new Review(rs.getObject("at", OffsetDateTime.class), rs.getString("reviewer"), rs.getString("from_status"),
                        rs.getString("to_status"), rs.getString("note")))
                .list();
    }

    /** The statuses a review may leave a hotspot of this status in. */
    public static List<String> nextStatuses(String status) {
        return NEXT.getOrDefault(status, List.of());
    }
}
