package com.gridcommand.security.internal;

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

/**
 * A production database starts with no users: {@code GRIDCOMMAND_SECURITY_BOOTSTRAP_ADMIN_PASSWORD}
 * creates the first administrator ({@code admin}, city-wide) when there is none, and is ignored after.
 */
@Component
class BootstrapAdmin {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final String password;

    BootstrapAdmin(JdbcClient jdbc, PasswordEncoder encoder, @Value("${gridcommand.security.bootstrap-admin-password:}") String password) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.password = password;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE + 5)
    void createFirstAdmin() {
        if (password == null || password.isBlank()) return;
        if (jdbc.sql("select count(*) from app_user where role = 'ADMIN'").query(Long.class).single() > 0) return;
        com.gridcommand.security.UserService.checkStrength(password);
        jdbc.sql("""
                        insert into app_user (username, display_name, password_hash, role, scope_kind)
                        values ('admin', '系统管理员', :h, 'ADMIN', 'CITY')""")
                .param("h", encoder.encode(password)).update();
        log.info("Created the first administrator 'admin' from the bootstrap password");
    }
}
