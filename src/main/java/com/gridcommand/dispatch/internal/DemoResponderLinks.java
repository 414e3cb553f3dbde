package com.gridcommand.dispatch.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo accounts as people in the field: the demo grid worker is one of the city's grid workers (so
 * they receive assignments), and the demo leaders carry phones (so emergencies show where they are). Runs
 * once, right after the demo users are created.
 */
@Component
class DemoResponderLinks {

    private static final Logger log = LoggerFactory.getLogger(DemoResponderLinks.class);
    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    DemoResponderLinks(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    void link() {
        int linked = jdbc.sql("""
                update app_user u set responder_id = (
                    select r.id from responder r, grid_cell c
                     where r.kind = 'GRID_WORKER' and r.position is not null and c.code = u.scope_codes[1]
                       and not exists (select 1 from app_user o where o.responder_id = r.id)
                     order by r.position <-> ST_PointOnSurface(c.geom), r.id limit 1)
                 where u.demo and u.username = 'wangge' and u.responder_id is null and u.scope_kind = 'CELLS'""").update();
        if (linked > 0) {
            // The demo grid worker has a task to open: the newest open case of their cells, sent a quarter of an hour ago.
            jdbc.sql("""
                    with me as (select u.responder_id, r.position from app_user u join responder r on r.id = u.responder_id
                                 where u.username = 'wangge' and u.demo),
                    task as (select k.id, k.township_id, k.geom from gov_case k join grid_cell c on c.id = k.grid_cell_id
                              join app_user u on u.username = 'wangge' and c.code = any (u.scope_codes)
                             where k.step not in ('CLOSED', 'REFERRED') order by k.reported_at desc limit 1)
                    insert into assignment (case_id, responder_id, township_id, status, assigned_by, assigned_at, accepted_at,
                                            distance_m, eta_seconds, eta_method)
                    select task.id, me.responder_id, task.township_id, 'ACCEPTED', 'diaodu', cast(:now as timestamptz) - interval '15 minutes',
                           cast(:now as timestamptz) - interval '13 minutes', ST_Distance(me.position::geography, task.geom::geography),
                           (ST_Distance(me.position::geography, task.geom::geography) * 1.3 / 1.4)::int, 'STRAIGHT_LINE'
                      from me, task
                     where not exists (select 1 from assignment a where a.responder_id = me.responder_id and a.ended_at is null)""")
                    .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC)).update();
            jdbc.sql("""
                    update responder set status = 'ASSIGNED'
                     where id = (select responder_id from app_user where username = 'wangge')
                       and exists (select 1 from assignment a where a.responder_id = responder.id and a.ended_at is null)""").update();
        }
        int leaders = 0;
        for (var leader : jdbc.sql("""
                        select u.id, u.display_name, u.scope_kind, u.scope_codes[1] as code from app_user u
                         where u.demo and u.role = 'LEADER' and u.responder_id is null order by u.id""")
                .query((rs, i) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)}).list()) {
            // A leader's phone starts at the seat of their township (the city's: the first town's).
            Long responder = jdbc.sql("""
                    insert into responder (code, name, kind, team, status, township_id, position, position_at)
                    select 'LD' || lpad(:user::text, 4, '0'), :name, 'LEADER', '领导', 'OFF_DUTY', t.id,
                           ST_PointOnSurface(t.geom), cast(:now as timestamptz)
                      from township t where (:kind = 'TOWNSHIP' and t.code = :code) or (:kind = 'CITY' and t.kind = 'TOWN')
                     order by t.code limit 1
                    returning id""")
                    .param("user", leader[0]).param("name", leader[1]).param("kind", leader[2]).param("code", leader[3])
                    .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
                    .query(Long.class).optional().orElse(null);
            if (responder == null) continue;
            jdbc.sql("update app_user set responder_id = :r where id = :u").param("r", responder).param("u", leader[0]).update();
            leaders++;
        }
        if (linked + leaders > 0) log.info("Demo: the grid worker account is a responder ({}), {} leaders carry phones", linked, leaders);
    }
}
