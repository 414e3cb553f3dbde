package com.gridcommand.hotspot;

import com.gridcommand.changefeed.ChangeTopic;

import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.gridcommand.security.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** A hotspot belongs to its township; users of a smaller area see it where it reaches into theirs. */
    static final String IN_SCOPE = ScopeSql.ownedByTownship("h.township_id", "h.geom");

    private final JdbcClient jdbc;
    private final CurrentUser current;
    private final Clock clock;

    HotspotService(JdbcClient jdbc, CurrentUser current, Clock clock) {
        this.jdbc = jdbc;
        this.current = current;
        this.clock = clock;
    }

    /** Hotspots in scope intersecting the box (GiST on hotspot.geom). */
    public List<GeoFeature> inView(Viewport viewport) {
        return query("ST_Intersects(h.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))", viewport, Map.of());
    }

    /** The given hotspots, if they are in scope and intersect the box: for live updates of single rows. */
    public List<GeoFeature> inView(Viewport viewport, Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return query("h.id in (:ids) and ST_Intersects(h.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))", viewport, Map.of("ids", ids));
    }

    private List<GeoFeature> query(String where, Viewport viewport, Map<String, Object> extra) {
        Bbox b = viewport.bbox();
        var spec = ScopeSql.bind(jdbc.sql("""
                        select h.id, h.code, h.name, h.status,
                               ST_AsGeoJSON(ST_SimplifyPreserveTopology(h.geom, :tolerance), :decimals) as geometry
                          from hotspot h where %s and %s order by h.code""".formatted(where, IN_SCOPE)), current.scope())
                .param("tolerance", viewport.pixelDegrees() * 0.5).param("decimals", viewport.decimals())
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north());
        for (var e : extra.entrySet()) spec = spec.param(e.getKey(), e.getValue());
        return spec.query((rs, i) -> feature(rs)).list();
    }

    private static GeoFeature feature(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", rs.getString("code"));
        p.put("name", rs.getString("name"));
        p.put("status", rs.getString("status"));
        return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
    }

    /** A page of the hotspots in scope intersecting the box, unsimplified, by id (GiST on hotspot.geom, primary key), with the count. */
    public FeaturePage page(FeaturePage.Request request) {
        String where = request.where("h.geom", "h.id") + " and " + IN_SCOPE;
        List<GeoFeature> features = ScopeSql.bind(jdbc.sql("select h.id, h.code, h.name, h.status, ST_AsGeoJSON(h.geom, 7) as geometry from hotspot h where "
                        + where + request.cut("h.id")), current.scope())
                .params(request.params()).query((rs, i) -> feature(rs)).list();
        Long matched = request.matchedFrom(features.size());
        if (matched == null) {
            matched = ScopeSql.bind(jdbc.sql("select count(*) from hotspot h where " + where), current.scope())
                    .params(request.params()).query(Long.class).single();
        }
        return new FeaturePage(features, matched);
    }

    /** Where the hotspots in scope lie: ST_Extent of their stored boxes (a scan of hotspot; no index needed). */
    public FeatureExtent extent() {
        return ScopeSql.bind(jdbc.sql(FeatureExtent.sql("h.geom", null, "hotspot h", IN_SCOPE)), current.scope())
                .query((rs, i) -> FeatureExtent.read(rs)).single();
    }

    /** Hotspots in scope still listed (not delisted) that intersect the box. */
    public int countActive(Bbox b) {
        return ScopeSql.bind(jdbc.sql("""
                        select count(*) from hotspot h
                         where h.status <> 'DELISTED' and ST_Intersects(h.geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and """ + IN_SCOPE),
                        current.scope())
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query(Integer.class).single();
    }

    public Optional<HotspotDetails> details(long id) {
        return ScopeSql.bind(jdbc.sql("""
                        select h.id, h.code, h.name, h.status, h.listed_on, h.delisted_on, h.responsible_unit, h.measures,
                               h.focus, t.name as township, ST_Area(h.geom::geography) / 1e6 as km2
                          from hotspot h left join township t on t.id = h.township_id where h.id = :id and """ + IN_SCOPE), current.scope())
                .param("id", id)
                .query((rs, i) -> new HotspotDetails(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("status"), rs.getObject("listed_on", LocalDate.class),
                        rs.getObject("delisted_on", LocalDate.class), rs.getString("responsible_unit"),
                        rs.getString("measures"), texts(rs.getArray("focus")), rs.getString("township"), rs.getDouble("km2")))
                .optional();
    }

    /**
     * A leader moves a hotspot along its listing: listed → rectifying → under review → delisted (or back).
     * Only users of the hotspot's whole township (or the city) may.
     */
    @Transactional
    public void changeStatus(long id, String status) {
        current.require(Role.LEADER, Role.ADMIN);
        if (!STATUSES.contains(status)) throw new IllegalArgumentException("unknown hotspot status " + status);
        int rows = ScopeSql.bind(jdbc.sql("""
                        update hotspot h set status = :status, version = version + 1,
                               delisted_on = case when :status = 'DELISTED' then coalesce(h.delisted_on, greatest(:today, h.listed_on)) end
                         where h.id = :id and """ + ScopeSql.townshipWholly("h.township_id")), current.scope())
                .param("status", status).param("today", LocalDate.now(clock)).param("id", id).update();
        if (rows == 0) throw new CurrentUser.AccessDeniedException("that hotspot is outside your areas");
    }

    static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
