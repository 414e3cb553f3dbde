package com.gridcommand.patrol;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Whether patrols were really there: a planned route against the tracks of its team's responders
 * ({@code position_report}, the responders whose team is the route's team).
 * <ul>
 * <li>coverage: the share of the route's length within {@code metres} of the track driven in the window (measured on
 *     points every {@value #SAMPLE_METRES} m along the route);</li>
 * <li>time in each hotspot: the time between fixes while inside it (a gap over 5 minutes counts 5);</li>
 * <li>on schedule: coverage within the window reaches {@link #ON_SCHEDULE_SHARE}.</li>
 * </ul>
 * Windows are China time; a window ending before it starts runs past midnight into the next day.
 */
@Service
@Transactional(readOnly = true)
public class PatrolCompliance {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final double ON_SCHEDULE_SHARE = 0.8;
    /** A silence longer than this between two fixes is not counted as time spent. */
    public static final Duration MAX_GAP = Duration.ofMinutes(5);
    /** Coverage is measured on points this far apart along the route. */
    static final double SAMPLE_METRES = 5;

    private final JdbcClient jdbc;

    PatrolCompliance(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record HotspotTime(String code, Duration inside) {}

    public record Result(long routeId, LocalDate day, OffsetDateTime windowStart, OffsetDateTime windowEnd, double coverage,
                         boolean onSchedule, int fixes, List<HotspotTime> hotspots) {}

    /**
     * Every patrol planned for a day: each route's windows (patrol_window) that fall on that ISO weekday, each
     * checked against its team's tracks.
     */
    public List<Result> planned(LocalDate day, double metres) {
        record Window(long route, LocalTime from, LocalTime to) {}
        List<Window> windows = jdbc.sql("""
                        select w.route_id, w.starts_at, w.ends_at from patrol_window w
                         where :weekday = any (w.days) order by w.route_id, w.starts_at""")
                .param("weekday", (short) day.getDayOfWeek().getValue())
                .query((rs, i) -> new Window(rs.getLong(1), rs.getObject(2, LocalTime.class), rs.getObject(3, LocalTime.class))).list();
        return windows.stream().map(w -> check(w.route(), day, w.from(), w.to(), metres)).toList();
    }

    /** One patrol: a route on a day in a window (China time), with tracks matched within {@code metres}. */
    public Result check(long routeId, LocalDate day, LocalTime from, LocalTime to, double metres) {
        if (metres <= 0 || metres > 1000) throw new IllegalArgumentException("the matching distance is between 0 and 1,000 metres");
        OffsetDateTime start = day.atTime(from).atZone(CHINA).toOffsetDateTime();
        OffsetDateTime end = (to.isAfter(from) ? day : day.plusDays(1)).atTime(to).atZone(CHINA).toOffsetDateTime();
        record Cover(double share, int fixes) {}
        // The route sampled every SAMPLE_METRES along its length (a street walked there and back is sampled twice, as
        // it is walked), each sample asking whether the track passes within the distance. In the route's UTM zone, so
        // metres are metres; a buffer of a long, many-times-overlapping track instead took seconds per patrol.
        Cover cover = jdbc.sql("""
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
                .param("route", routeId).param("start", start).param("end", end).param("m", metres).param("sample", SAMPLE_METRES)
                .query((rs, i) -> rs.getBoolean(3) ? new Cover(rs.getDouble(1), rs.getInt(2)) : null).optional()
                .orElseThrow(() -> new IllegalArgumentException("no patrol route " + routeId));
        List<HotspotTime> hotspots = jdbc.sql("""
                        with team as (select r.id from responder r join patrol_route p on p.team = r.team where p.id = :route),
                        fixes as (select responder_id, position, device_time,
                                         lead(device_time) over (partition by responder_id order by device_time) as next_time
                                    from position_report
                                   where responder_id in (select id from team) and device_time >= :start and device_time < :end)
                        select h.code, coalesce(sum(extract(epoch from least(f.next_time - f.device_time, :gap))), 0) as seconds
                          from hotspot h join fixes f on ST_Intersects(h.geom, f.position) and f.next_time is not null
                         group by h.code order by h.code""")
                .param("route", routeId).param("start", start).param("end", end)
                .param("gap", new org.postgresql.util.PGInterval(0, 0, 0, 0, (int) MAX_GAP.toMinutes(), 0))
                .query((rs, i) -> new HotspotTime(rs.getString(1), Duration.ofSeconds(Math.round(rs.getDouble(2))))).list();
        return new Result(routeId, day, start, end, cover.share(), cover.share() >= ON_SCHEDULE_SHARE, cover.fixes(), hotspots);
    }
}
