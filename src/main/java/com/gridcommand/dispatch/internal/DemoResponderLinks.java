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

    DemoResponderLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        int leaders = 0;
        for (var leader : jdbc.sql("""
                        select u.id, u.display_name, u.scope_kind, u.scope_codes[1] as code from app_user u
                         where u.demo and u.role = 'LEADER' and u.responder_id is null order by u.id""")
                .query((rs, i) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)}).list()) {
            // A leader's phone starts at the seat of their township (the city's: the first town's).
            Long responder = jdbc.sql("""
                    insert into responder (code, name, kind, team, status, township_id, position, position_at)
                    select 'LD' || lpad(:user::text, 4, '0'), :name, 'LEADER', '领导', 'OFF_DUTY', t.id,
                           ST_PointOnSurface(t.geom), now()
                      from township t where (:kind = 'TOWNSHIP' and t.code = :code) or (:kind = 'CITY' and t.kind = 'TOWN')
                     order by t.code limit 1
                    returning id""")
                    .param("user", leader[0]).param("name", leader[1]).param("kind", leader[2]).param("code", leader[3])
                    .query(Long.class).optional().orElse(null);
            if (responder == null) continue;
            jdbc.sql("update app_user set responder_id = :r where id = :u").param("r", responder).param("u", leader[0]).update();
            leaders++;
        }
        if (linked + leaders > 0) log.info("Demo: the grid worker account is a responder ({}), {} leaders carry phones", linked, leaders);
    }
}
