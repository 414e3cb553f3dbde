package com.gridcommand.patrol.internal;

import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.FeatureExtent;
import com.gridcommand.geo.FeaturePage;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.patrol.PatrolCompliance.HotspotTime;
import com.gridcommand.patrol.PatrolPresence.CellDays;
import com.gridcommand.patrol.PatrolPresence.Presence;
import com.gridcommand.patrol.PatrolRouteDetails;
import com.gridcommand.security.AccessScope;
import com.gridcommand.security.ScopeSql;
import org.postgresql.util.PGInterval;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The patrol module's SQL: routes and their windows, and the tracks (position_report) measured against them. */
@Component
public class PatrolQueries {

    /** A route belongs to its township; users of a smaller area see it where it reaches into theirs. */
    private static final String IN_SCOPE = ScopeSql.ownedByTownship("r.township_id", "r.geom");

    private final JdbcClient jdbc;

    PatrolQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Routes in scope intersecting the box, simplified by the tolerance, by code (patrol_route_geom_gist serves the box). */
    public List<GeoFeature> inView(Bbox b, double tolerance, int decimals, AccessScope scope) {
        return ScopeSql.bind(jdbc.sql("""
                        select id, code, name, team_kind,
                               ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, :tolerance), :decimals) as geometry
                          from patrol_route r
                         where ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326)) and %s
                         order by code""".formatted(IN_SCOPE)), scope)
                .param("tolerance", tolerance).param("decimals", decimals)
                .param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query((rs, i) -> feature(rs))
                .list();
    }

    /** A page of the routes in scope intersecting the box, unsimplified, by id, with the count (patrol_route_geom_gist, the primary key for the order). */
    public FeaturePage page(FeaturePage.Request request, AccessScope scope) {
        String where = request.where("r.geom", "r.id") + " and " + IN_SCOPE;
        List<GeoFeature> features = ScopeSql.bind(jdbc.sql("select r.id, r.code, r.name, r.team_kind, ST_AsGeoJSON(r.geom, 7) as geometry from patrol_route r where "
                        + where + request.cut("r.id")), scope)
                .params(request.params()).query((rs, i) -> feature(rs)).list();
        Long matched = request.matchedFrom(features.size());
        if (matched == null) {
            matched = ScopeSql.bind(jdbc.sql("select count(*) from patrol_route r where " + where), scope)
                    .params(request.params()).query(Long.class).single();
        }
        return new FeaturePage(features, matched);
    }

    /** Where the routes in scope lie: ST_Extent of their stored boxes (no index: a scan of patrol_route, some 30 rows in the demo city). */
    public FeatureExtent extent(AccessScope scope) {
        return ScopeSql.bind(jdbc.sql(FeatureExtent.sql("r.geom", null, "patrol_route r", IN_SCOPE)), scope)
                .query((rs, i) -> FeatureExtent.read(rs)).single();
    }

    private static GeoFeature feature(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", rs.getString("code"));
        p.put("name", rs.getString("name"));
        p.put("teamKind", rs.getString("team_kind"));
        return new GeoFeature(Long.toString(rs.getLong("id")), rs.getString("geometry"), p);
    }

    /** The route with its windows (e.g. {@code 1,2,3 20:00–02:00}), if it is in scope (patrol_route's primary key, patrol_window_route). */
    public Optional<PatrolRouteDetails> details(long id, AccessScope scope) {
        boolean visible = ScopeSql.bind(jdbc.sql("select count(*) from patrol_route r where r.id = :id and " + IN_SCOPE), scope)
                .param("id", id).query(Integer.class).single() > 0;
        if (!visible) return Optional.empty();
        List<String> windows = jdbc.sql("""
                        select array_to_string(days, ',') || ' ' || to_char(starts_at, 'HH24:MI') || '–' || to_char(ends_at, 'HH24:MI')
                          from patrol_window where route_id = :id order by starts_at""")
                .param("id", id).query(String.class).list();
        return jdbc.sql("""
                        select r.id, r.code, r.name, r.team, r.team_kind, t.name as township,
                               ST_Length(r.geom::geography) / 1000 as km
                          from patrol_route r left join township t on t.id = r.township_id where r.id = :id""")
                .param("id", id)
                .query((rs, i) -> new PatrolRouteDetails(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("team"), rs.getString("team_kind"), rs.getString("township"), rs.getDouble("km"), windows))
                .optional();
    }

    /** A route's window: it is patrolled from {@code from} to {@code to} (China time; {@code to} before {@code from} runs past midnight). */
    public record Window(long route, LocalTime from, LocalTime to) {}

    /** Every route's windows that fall on an ISO weekday, by route and start (no index: a scan of patrol_window, some 35 rows in the demo city). */
    public List<Window> windowsOn(int isoWeekday) {
        return jdbc.sql("""
                        select w.route_id, w.starts_at, w.ends_at from patrol_window w
                         where :weekday = any (w.days) order by w.route_id, w.starts_at""")
                .param("weekday", (short) isoWeekday)
                .query((rs, i) -> new Window(rs.getLong(1), rs.getObject(2, LocalTime.class), rs.getObject(3, LocalTime.class))).list();
    }

    /** How much of a route its team's track covered, and on how many fixes. */
    public record Cover(double share, int fixes) {}

    /**
     * The share of the route's sample points (every {@code sampleMetres}) within {@code metres} of its team's track from
     * {@code start} to {@code end}, or empty for no such route (position_report_responder finds the team's fixes).
     */
    public Optional<Cover> cover(long routeId, OffsetDateTime start, OffsetDateTime end, double metres, double sampleMetres) {
        // The route sampled every sampleMetres along its length (a street walked there and back is sampled twice, as
        // it is walked), each sample asking whether the track passes within the distance. In the route's UTM zone, so
        // metres are metres; a buffer of a long, many-times-overlapping track instead took seconds per patrol.
        return jdbc.sql("""
                        with route as (select geom, 32600 + least(60, greatest(1, floor((ST_X(ST_Centroid(geom)) + 180) / 6)::int + 1)) as srid
                                         from patrol_route where id = :route),
                        team as (select r.id from responder r join patrol_route p on p.team = r.team where p.id = :route),
                        fixes as (select position, device_time from position_report
                                   where responder_id in (select id from team) and device_time >= :start and device_time < :end),
                        track as (select case when count(*) > 1 then ST_MakeLine(position order by device_time) else ST_Collect(position) end as g,
                                         count(*) as n from fixes),
                        metric as (select ST_Transform(route.geom, route.srid) as line, ST_Transform(track.g, route.srid) as track, track.n
                                     from route, track),
                        samples as (select (ST_Dump(ST_LineInterpolatePoints(line, 1.0 / greatest(1, ceil(ST_Length(line) / :sample)), true))).geom as p,
                                           track from metric)
                        select coalesce(avg(case when track is not null and ST_DWithin(p, track, :m) then 1.0 else 0.0 end), 0) as share,
                               (select n from metric), exists (select 1 from route) as known
                          from samples""")
                .param("route", routeId).param("start", start).param("end", end).param("m", metres).param("sample", sampleMetres)
                .query((rs, i) -> rs.getBoolean(3) ? new Cover(rs.getDouble(1), rs.getInt(2)) : null).optional();
    }

    /**
     * Time the route's team spent inside each hotspot from {@code start} to {@code end}, by hotspot code, a gap between fixes
     * counting at most {@code maxGap} (position_report_responder finds the team's fixes; a scan of the few hotspots matches them).
     */
    public List<HotspotTime> hotspotTimes(long routeId, OffsetDateTime start, OffsetDateTime end, Duration maxGap) {
        return jdbc.sql("""
                        with team as (select r.id from responder r join patrol_route p on p.team = r.team where p.id = :route),
                        fixes as (select responder_id, position, device_time,
                                         lead(device_time) over (partition by responder_id order by device_time) as next_time
                                    from position_report
                                   where responder_id in (select id from team) and device_time >= :start and device_time < :end)
                        select h.code, coalesce(sum(extract(epoch from least(f.next_time - f.device_time, :gap))), 0) as seconds
                          from hotspot h join fixes f on ST_Intersects(h.geom, f.position) and f.next_time is not null
                         group by h.code order by h.code""")
                .param("route", routeId).param("start", start).param("end", end)
                .param("gap", new PGInterval(0, 0, 0, 0, (int) maxGap.toMinutes(), 0))
                .query((rs, i) -> new HotspotTime(rs.getString(1), Duration.ofSeconds(Math.round(rs.getDouble(2))))).list();
    }

    /**
     * Grid cells and active hotspots, each with whether a fix fell inside it by day and by night from {@code from} to {@code to},
     * by kind and code (position_report_position: each area asks the track index for one fix inside it).
     */
    public List<Presence> presence(OffsetDateTime from, OffsetDateTime to, LocalTime dayStarts, LocalTime nightStarts) {
        // Each area asks the track index for one fix inside it (GiST on position_report.position), instead of every
        // area testing every fix of the period.
        String fix = """
                exists (select 1 from position_report f
                         where f.responder_id is not null and f.device_time >= :from and f.device_time < :to
                           and ST_Intersects(a.geom, f.position) and %s)""";
        String localTime = "(f.device_time at time zone 'Asia/Shanghai')::time";
        String flags = fix.formatted(localTime + " >= :dayStarts and " + localTime + " < :nightStarts") + " as day,\n"
                + fix.formatted("(" + localTime + " >= :nightStarts or " + localTime + " < :dayStarts)") + " as night";
        return jdbc.sql("""
                         select 'CELL' as kind, a.id, a.code, %1$s from grid_cell a
                         union all
                         select 'HOTSPOT', a.id, a.code, %1$s from hotspot a where a.status <> 'DELISTED'
                         order by kind, code""".formatted(flags))
                .param("from", from).param("to", to)
                .param("dayStarts", dayStarts).param("nightStarts", nightStarts)
                .query((rs, i) -> new Presence(rs.getString("kind"), rs.getLong("id"), rs.getString("code"), rs.getBoolean("day"), rs.getBoolean("night")))
                .list();
    }

    /** Every grid cell's patrolled days and nights between two China dates inclusive, by cell id (patrol_presence's primary key (cell_id, day, night)). */
    public List<CellDays> cellDays(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select c.id, count(p.day) filter (where not p.night) as days, count(p.day) filter (where p.night) as nights
                          from grid_cell c left join patrol_presence p on p.cell_id = c.id and p.day between :from and :to
                         group by c.id order by c.id""")
                .param("from", from).param("to", to)
                .query((rs, i) -> new CellDays(rs.getLong("id"), rs.getInt("days"), rs.getInt("nights")))
                .list();
    }

    /** One fix of a responder. */
    public record Fix(long responder, OffsetDateTime at) {}

    /** The fixes inside a hotspot from {@code start} to {@code end}, by responder and time (hotspot_code_key, then position_report_position). */
    public List<Fix> fixesInside(String hotspotCode, OffsetDateTime start, OffsetDateTime end) {
        return jdbc.sql("""
                        select f.responder_id, f.device_time from position_report f join hotspot h on ST_Intersects(h.geom, f.position)
                         where h.code = :code and f.responder_id is not null and f.device_time >= :start and f.device_time < :end
                         order by f.responder_id, f.device_time""")
                .param("code", hotspotCode).param("start", start).param("end", end)
                .query((rs, i) -> new Fix(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).list();
    }
}
