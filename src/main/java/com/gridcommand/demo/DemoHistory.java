package com.gridcommand.demo;

import com.gridcommand.gisdata.GisDataLoaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Writes the demo city's recent past when the demo is loaded (see the package). Deterministic: every draw is a hash
 * of what it is drawn for (route, day, window), so the same load day gives the same past. Set-based SQL in one
 * transaction, announced to nobody (gridcommand.quiet): a few seconds at first start.
 */
@Component
class DemoHistory {

    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int trackDays;
    private final int presenceMonths;

    DemoHistory(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
                @Value("${gridcommand.demo.track-days:8}") int trackDays,
                @Value("${gridcommand.demo.presence-months:13}") int presenceMonths) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.trackDays = trackDays;
        this.presenceMonths = presenceMonths;
    }

    @EventListener
    void demoLoaded(GisDataLoaded loaded) {
        if (!loaded.demo()) return;
        if (jdbc.sql("select exists (select 1 from position_report)").query(Boolean.class).single()) return;
        long started = System.nanoTime();
        OffsetDateTime now = clock.instant().atZone(CHINA).toOffsetDateTime();
        OffsetDateTime tracksFrom = now.minusDays(trackDays);
        LocalDate firstDay = now.toLocalDate().minusMonths(presenceMonths).withDayOfMonth(1);
        // Partitions first, each in its own short transaction as the ingest makes them.
        for (LocalDate d = tracksFrom.atZoneSameInstant(ZoneOffset.UTC).toLocalDate().minusDays(1);
             !d.isAfter(now.atZoneSameInstant(ZoneOffset.UTC).toLocalDate().plusDays(1)); d = d.plusDays(1)) {
            jdbc.sql("select position_report_partition(:d)").param("d", d).query(String.class).single();
        }
        long[] counts = transaction.execute(status -> {
            jdbc.sql("select set_config('gridcommand.quiet', 'on', true)").query().singleValue();
            paths();
            rounds(firstDay, now);
            // Temporary tables have no statistics until asked: without them the joins below are planned blind.
            jdbc.sql("analyze demo_path").update();
            jdbc.sql("analyze demo_round").update();
            long fixes = tracks(tracksFrom, now);
            long presence = presence(now);
            long dispatches = dispatches(now);
            return new long[]{fixes, presence, dispatches};
        });
        log.info("Demo city's recent past: {} patrol fixes over {} days, {} day/night cell presences since {}, {} finished dispatches ({} ms)",
                counts[0], trackDays, counts[1], firstDay, counts[2], Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** A uniform draw in [0, 1) from a text: the same text, the same draw. */
    private static String u(String text) {
        return "(((hashtext(" + text + ")::bigint & 2147483647) / 2147483648.0)::float8)";
    }

    /**
     * What is walked or driven: each patrol route by its team, each tracked grid worker's community (its cells in
     * code order), each village guard's village as a loop; with a hotspot near the route for night stops.
     */
    private void paths() {
        jdbc.sql("""
                create temp table demo_path (
                    id serial primary key, kind text not null, route_id bigint, members bigint[] not null,
                    path geometry(LineString, 4326) not null, length_m double precision not null, car boolean not null,
                    stop geometry(Point, 4326)) on commit drop""").update();
        jdbc.sql("""
                insert into demo_path (kind, route_id, members, path, length_m, car, stop)
                select 'ROUTE', p.id, m.members, p.geom, ST_Length(p.geom::geography), p.team_kind = 'POLICE_PATROL',
                       (select ST_PointOnSurface(h.geom) from hotspot h
                         where h.status <> 'DELISTED' and ST_DWithin(h.geom::geography, p.geom::geography, 800)
                         order by h.geom <-> p.geom limit 1)
                  from patrol_route p
                  cross join lateral (select array_agg(r.id order by r.id) as members from responder r
                                       where r.team = p.team and r.kind <> 'LEADER') m
                 where m.members is not null""").update();
        jdbc.sql("""
                insert into demo_path (kind, members, path, length_m, car)
                select 'WORKER', array[r.id], w.path, ST_Length(w.path::geography), false
                  from responder r join community m on r.team = m.name || '网格服务团队'
                  cross join lateral (select ST_MakeLine(ST_PointOnSurface(c.geom) order by c.code) as path
                                        from grid_cell c where c.community_id = m.id) w
                 where r.kind = 'GRID_WORKER' and r.position is not null and ST_NPoints(w.path) >= 2""").update();
        jdbc.sql("""
                insert into demo_path (kind, members, path, length_m, car)
                select 'GUARD', array[r.id], ST_AddPoint(w.path, ST_StartPoint(w.path)), ST_Length(ST_AddPoint(w.path, ST_StartPoint(w.path))::geography), false
                  from responder r join community m on r.team = m.name || '护村队'
                  cross join lateral (select ST_MakeLine(ST_PointOnSurface(c.geom) order by c.code) as path
                                        from grid_cell c where c.community_id = m.id) w
                 where r.kind = 'VILLAGE_GUARD' and r.position is not null and ST_NPoints(w.path) >= 2""").update();
        // One device per person who reports: a demo device has no token anyone could present.
        jdbc.sql("""
                insert into device (name, token_prefix, token_hash, responder_id, created_by)
                select '巡防终端 ' || r.code, 'demo' || lpad(r.id::text, 6, '0'), 'demo: no token matches', r.id, 'demo'
                  from responder r where r.id in (select unnest(members) from demo_path)
                   and not exists (select 1 from device d where d.responder_id = r.id)""").update();
    }

    /**
     * Every round from {@code firstDay} to now: planned patrol windows (7 % missed, 8 % cut short, 8 % started late,
     * a little worse at night), grid workers' weekday rounds (a tenth skipped), village guards' nightly rounds (an
     * eighth skipped); each with when it started and ended, how much of its path it covered, and its pace.
     */
    private void rounds(LocalDate firstDay, OffsetDateTime now) {
        jdbc.sql("""
                create temp table demo_round (
                    path_id int not null, responder_id bigint not null, starts timestamptz not null, ends timestamptz not null,
                    reach double precision not null, speed_mps double precision not null, every_s int not null,
                    stop_from timestamptz, stop_to timestamptz) on commit drop""").update();
        String key = "p.id || ':' || d::date || ':' || w.starts_at";
        String outcome = u(key + " || ':outcome'");
        String night = "(w.starts_at >= time '21:00' or w.ends_at < w.starts_at)";
        jdbc.sql("""
                with plan as (
                    select p.id, p.members, p.length_m, p.car, p.stop, d::date as day, w.id as window_id, %2$s as night,
                           (d::date + w.starts_at) at time zone 'Asia/Shanghai' as win_start,
                           ((case when w.ends_at > w.starts_at then d::date else d::date + 1 end) + w.ends_at) at time zone 'Asia/Shanghai' as win_end,
                           %1$s as o, %3$s as u1, %4$s as u2, %5$s as u3
                      from demo_path p join patrol_window w on w.route_id = p.route_id
                      cross join generate_series(cast(:first as date), cast(:today as date), interval '1 day') d
                     where p.kind = 'ROUTE' and extract(isodow from d)::smallint = any (w.days)
                ), fate as (
                    select *, case when o < (case when night then 0.10 else 0.06 end) then 'MISSED'
                                   when o < (case when night then 0.21 else 0.14 end) then 'PARTIAL'
                                   when o < (case when night then 0.29 else 0.22 end) then 'LATE'
                                   else 'DONE' end as fate
                      from plan
                ), timed as (
                    select *, win_start + case when fate = 'LATE' then (0.3 + 0.2 * u1) * (win_end - win_start)
                                               else make_interval(secs => -300 + 900 * u1) end as starts,
                           win_end - make_interval(secs => 600 * u2) as ends,
                           case when fate = 'PARTIAL' then 0.35 + 0.3 * u3 else 1 end as reach
                      from fate where fate <> 'MISSED'
                )
                insert into demo_round (path_id, responder_id, starts, ends, reach, speed_mps, every_s, stop_from, stop_to)
                select id, members[1 + ((day - cast(:first as date)) + window_id::int) %% cardinality(members)], starts, ends, reach,
                       case when car then greatest(12 / 3.6, reach * length_m / (0.6 * extract(epoch from ends - starts)))
                            else least(16 / 3.6, greatest(4 / 3.6, reach * length_m / (0.65 * extract(epoch from ends - starts)))) end,
                       case when car then 60 else 100 end,
                       case when stop is not null and night and u3 < 0.7 then starts + 0.45 * (ends - starts) end,
                       case when stop is not null and night and u3 < 0.7 then starts + 0.45 * (ends - starts) + make_interval(secs => 720 + 300 * u2) end
                  from timed where starts < ends and starts < :now""".formatted(outcome, night,
                        u(key + " || ':u1'"), u(key + " || ':u2'"), u(key + " || ':u3'")))
                .param("first", firstDay).param("today", now.toLocalDate()).param("now", now).update();
        String person = "p.id || ':' || d::date";
        jdbc.sql("""
                with plan as (
                    select p.id, p.members[1] as responder, p.length_m, p.kind, d::date as day, %1$s as u1, %2$s as u2, %3$s as u3,
                           extract(isodow from d) as dow
                      from demo_path p cross join generate_series(cast(:first as date), cast(:today as date), interval '1 day') d
                     where p.kind in ('WORKER', 'GUARD')
                ), timed as (
                    select *, case when kind = 'WORKER' then (day + case when u2 < 0.5 then time '09:00' else time '14:30' end) at time zone 'Asia/Shanghai'
                                   else (day + time '20:30') at time zone 'Asia/Shanghai' end + make_interval(secs => 900 * u3) as starts
                      from plan
                     where (kind = 'WORKER' and u1 >= 0.10 and (dow <= 5 or (dow = 6 and u2 < 0.4)))
                        or (kind = 'GUARD' and u1 >= 0.12)
                )
                insert into demo_round (path_id, responder_id, starts, ends, reach, speed_mps, every_s)
                select id, responder, starts, starts + interval '2 hours 30 minutes', 1,
                       case when kind = 'WORKER' then least(5 / 3.6, greatest(2.5 / 3.6, length_m / (0.8 * 9000)))
                            else least(12 / 3.6, greatest(3 / 3.6, length_m / (0.6 * 9000))) end,
                       120
                  from timed where starts < :now""".formatted(u(person + " || ':u1'"), u(person + " || ':u2'"), u(person + " || ':u3'")))
                .param("first", firstDay).param("today", now.toLocalDate()).param("now", now).update();
    }

    /**
     * The fixes of the rounds of the last days: along the path there and back at the round's pace (up to its reach),
     * a night stop at the hotspot, a few metres of GPS noise; nothing after now.
     */
    private long tracks(OffsetDateTime from, OffsetDateTime now) {
        return jdbc.sql("""
                insert into position_report (device_id, device_time, responder_id, received_at, position, speed_mps, accuracy_m, battery_pct)
                select d.id, f.t, r.responder_id, f.t,
                       ST_SetSRID(ST_MakePoint(ST_X(f.p) + (%1$s - 0.5) * 0.00008, ST_Y(f.p) + (%2$s - 0.5) * 0.00008), 4326),
                       case when f.stopped then 0 else r.speed_mps end, 5 + 10 * %1$s, 95 - 60 * extract(epoch from f.t - r.starts) / 43200
                  from demo_round r join demo_path p on p.id = r.path_id
                  join device d on d.responder_id = r.responder_id and d.created_by = 'demo'
                  cross join lateral (
                      select s.t, (r.stop_from is not null and s.t >= r.stop_from and s.t < r.stop_to) as stopped,
                             case when r.stop_from is not null and s.t >= r.stop_from and s.t < r.stop_to then p.stop
                                  else ST_LineInterpolatePoint(p.path, least(1, greatest(0,
                                      (case when w.along > r.reach * p.length_m then 2 * r.reach * p.length_m - w.along else w.along end)
                                      / p.length_m))) end as p
                        from generate_series(greatest(r.starts, cast(:from as timestamptz)), least(r.ends, cast(:now as timestamptz)),
                                             make_interval(secs => r.every_s)) s(t)
                        -- Metres along the path, there and back: the distance travelled, folded into one lap out and home.
                        cross join lateral (select extract(epoch from s.t - r.starts)::float8 * r.speed_mps as gone) g
                        cross join lateral (select g.gone - 2 * r.reach * p.length_m * floor(g.gone / (2 * r.reach * p.length_m)) as along) w) f
                 where r.ends > :from
                on conflict do nothing""".formatted(u("d.id || ':' || f.t || ':x'"), u("d.id || ':' || f.t || ':y'")))
                .param("from", from).param("now", now).update();
    }

    /**
     * Patrol presence per cell, day and night, for every round (the months before the tracks too: a rollup outlives
     * the tracks it was made from): each cell on the round's path counted at the time the round first reached it.
     */
    private long presence(OffsetDateTime now) {
        String bucket = """
                ((%1$s at time zone 'Asia/Shanghai') - interval '6 hours')::date,
                ((%1$s at time zone 'Asia/Shanghai') - interval '6 hours')::time >= time '14:00'""";
        long fromRounds = jdbc.sql("""
                with cells as (
                    select p.id as path_id, c.id as cell_id,
                           ST_LineLocatePoint(p.path, ST_ClosestPoint(p.path, ST_PointOnSurface(c.geom))) * p.length_m as at_m
                      from demo_path p join grid_cell c on ST_Intersects(c.geom, p.path)
                ), reached as (
                    select k.cell_id, r.starts + make_interval(secs => k.at_m / r.speed_mps) as t, least(r.ends, cast(:now as timestamptz)) as until
                      from demo_round r join demo_path p on p.id = r.path_id join cells k on k.path_id = r.path_id
                     where k.at_m <= r.reach * p.length_m
                )
                insert into patrol_presence (cell_id, day, night)
                select distinct cell_id, %s from reached where t < until
                on conflict do nothing""".formatted(bucket.formatted("t"))).param("now", now).update();
        // Those on patrol right now are where their last fix is.
        jdbc.sql("""
                update responder r set position = f.position, position_at = f.device_time
                  from (select distinct on (responder_id) responder_id, position, device_time from position_report
                         where device_time > cast(:now as timestamptz) - interval '10 minutes'
                         order by responder_id, device_time desc) f
                 where r.id = f.responder_id""").param("now", now).update();
        jdbc.sql("""
                update device d set last_seen_at = f.last
                  from (select device_id, max(device_time) as last from position_report group by device_id) f
                 where d.id = f.device_id and d.created_by = 'demo'""").update();
        return fromRounds;
    }

    /**
     * A third of the past cases were attended by a unit: the nearest of a fitting kind in the case's township, assigned
     * a few minutes after registration, on scene after the drive or ride, finished within two hours.
     */
    private long dispatches(OffsetDateTime now) {
        String c = "k.id::text";
        return jdbc.sql("""
                with chosen as (
                    select k.id, k.geom, k.township_id, k.reported_at, %1$s as u1, %2$s as u2, %3$s as u3, %4$s as u4,
                           case when k.category in ('PUBLIC_SECURITY', 'HAZARD') then array['POLICE_PATROL', 'EMERGENCY_TEAM', 'VILLAGE_GUARD']
                                else array['MEDIATOR', 'GRID_WORKER', 'POLICE_PATROL'] end as kinds
                      from gov_case k
                     where k.reported_at < cast(:now as timestamptz) - interval '3 hours' and k.township_id is not null
                       and %5$s < case when k.category in ('PUBLIC_SECURITY', 'HAZARD') then 0.7 else 0.25 end
                ), paired as (
                    select c.*, r.id as responder_id, r.kind,
                           ST_Distance(r.position::geography, c.geom::geography) as metres
                      from chosen c
                      cross join lateral (select r.id, r.kind, r.position from responder r
                                           where r.kind = any (c.kinds) and r.position is not null and r.township_id = c.township_id
                                           order by r.position <-> c.geom limit 1) r
                ), timed as (
                    select p.*, p.reported_at + make_interval(secs => 120 + 1080 * u1) as assigned,
                           case when kind in ('POLICE_PATROL', 'EMERGENCY_TEAM') then 9.0 else 4.0 end as mps
                      from paired p
                ), steps as (
                    select t.*, assigned + make_interval(secs => 30 + 180 * u2) as accepted,
                           assigned + make_interval(secs => 60 + 180 * u2 + 90 * u3) as en_route
                      from timed t
                ), arrived as (
                    select s.*, en_route + make_interval(secs => 60 + metres * 1.35 / mps * (0.8 + 0.6 * u3)) as on_scene
                      from steps s
                )
                insert into assignment (case_id, responder_id, township_id, status, assigned_by, assigned_at, accepted_at, en_route_at,
                                        on_scene_at, ended_at, ended_by, distance_m, eta_seconds, eta_method)
                select id, responder_id, township_id, 'FINISHED', 'diaodu', assigned, accepted, en_route, on_scene,
                       on_scene + make_interval(secs => 1200 + 6000 * u4), 'demo', metres, (metres * 1.3 / mps)::int, 'STRAIGHT_LINE'
                  from arrived where on_scene + make_interval(secs => 1200 + 6000 * u4) < :now""".formatted(
                        u(c + " || ':a'"), u(c + " || ':b'"), u(c + " || ':c'"), u(c + " || ':d'"), u(c + " || ':pick'")))
                .param("now", now).update();
    }
}
