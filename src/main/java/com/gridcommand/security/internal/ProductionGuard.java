package com.gridcommand.security.internal;

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
 * In production ({@code gridcommand.security.refuse-demo-passwords=true}, set by the prod profile) the
 * app does not start while any enabled account is a demo account or still has the demo password.
 */
@Component
class ProductionGuard {

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final boolean refuse;

    ProductionGuard(JdbcClient jdbc, PasswordEncoder encoder, @Value("${gridcommand.security.refuse-demo-passwords:false}") boolean refuse) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.refuse = refuse;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    void refuseDemoPasswords() {
        if (!refuse) return;
        record Account(String username, boolean demo, String hash) {}
        List<String> offending = jdbc.sql("select username, demo, password_hash from app_user where enabled")
                .query((rs, i) -> new Account(rs.getString(1), rs.getBoolean(2), rs.getString(3))).list().stream()
                .filter(a -> a.demo() || encoder.matches(DemoUsers.PASSWORD, a.hash()))
                .map(Account::username).toList();
        if (!offending.isEmpty()) throw new DemoCredentialsInProductionException(offending);
    }

    static class DemoCredentialsInProductionException extends IllegalStateException {
        DemoCredentialsInProductionException(List<String> users) {
            super("refusing to start in production: these enabled accounts are demo accounts or use the demo password: "
                    + String.join(", ", users) + ". Disable them or give them their own passwords first.");
        }
    }
}
