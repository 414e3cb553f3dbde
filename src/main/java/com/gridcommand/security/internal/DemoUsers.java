package com.gridcommand.security.internal;

import com.gridcommand.base.db.SqlArrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Demo accounts, one for each role and kind of area, created when the database has no users yet and
 * {@code gridcommand.security.demo-users} is on (it is off in the production profile). They are marked
 * {@code demo} and share one published password: never for real use.
 */
@Component
public class DemoUsers {

    public static final String PASSWORD = "demo-2026-gc";
    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final boolean enabled;

    DemoUsers(JdbcClient jdbc, PasswordEncoder encoder, @Value("${gridcommand.security.demo-users:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.enabled = enabled;
    }

    private record Demo(String username, String displayName, String role, String scopeKind, List<String> codes) {}

    // After the first-start map load, so the demo areas exist.
    @EventListener(ApplicationStartedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    void createIfNoUsers() {
        if (!enabled || jdbc.sql("select count(*) from app_user").query(Long.class).single() > 0) return;
        // The demo areas: the first town (青溪镇 in the demo city), its first community and two of its cells.
        String township = jdbc.sql("select code from township where kind = 'TOWN' order by code limit 1").query(String.class).optional().orElse(null);
        if (township == null) {
            log.info("No map loaded: demo users are created on a later start");
            return;
        }
        String community = jdbc.sql("select code from community where left(code, 9) = left(:t, 9) order by code limit 1")
                .param("t", township).query(String.class).single();
        List<String> cells = jdbc.sql("select code from grid_cell where left(code, 12) = :c order by code limit 2")
                .param("c", community).query(String.class).list();
        String hash = encoder.encode(PASSWORD);
        List<Demo> demos = List.of(
                new Demo("admin", "系统管理员（演示）", "ADMIN", "CITY", List.of()),
                new Demo("zhihui", "指挥中心值班员（演示）", "COMMAND", "CITY", List.of()),
                new Demo("diaodu", "调度员（演示）", "DISPATCHER", "CITY", List.of()),
                new Demo("lingdao", "分管领导（演示）", "LEADER", "CITY", List.of()),
                new Demo("qingxi.zhihui", "镇综治中心值班员（演示）", "COMMAND", "TOWNSHIP", List.of(township)),
                new Demo("qingxi.lingdao", "镇分管领导（演示）", "LEADER", "TOWNSHIP", List.of(township)),
                new Demo("cunzhan", "村综治工作站（演示）", "COMMAND", "COMMUNITY", List.of(community)),
                new Demo("wangge", "网格员（演示）", "GRID_WORKER", "CELLS", cells));
        for (Demo d : demos) {
            jdbc.sql("""
                            insert into app_user (username, display_name, password_hash, role, scope_kind, scope_codes, demo)
                            values (:u, :d, :h, :r, :k, :c::text[], true)""")
                    .param("u", d.username()).param("d", d.displayName()).param("h", hash).param("r", d.role())
                    .param("k", d.scopeKind()).param("c", SqlArrays.text(d.codes())).update();
        }
        log.warn("Created {} DEMO users sharing the published demo password (see README): not for real use", demos.size());
    }
}
