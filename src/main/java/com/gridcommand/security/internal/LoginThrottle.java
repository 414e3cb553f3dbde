package com.gridcommand.security.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * Brute-force protection: after {@code max-failures} wrong passwords within the lock time, the user name
 * is locked for that time — whether or not it exists, so the lock says nothing about which names do.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockTime;

    LoginThrottle(JdbcClient jdbc, Clock clock, @Value("${gridcommand.security.login.max-failures:5}") int maxFailures,
                  @Value("${gridcommand.security.login.lock-minutes:15}") int lockMinutes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockTime = Duration.ofMinutes(lockMinutes);
    }

    Duration lockTime() {
        return lockTime;
    }

    boolean isLocked(String username) {
        return jdbc.sql("select locked_until > :now from login_throttle where username = :u")
                .param("now", OffsetDateTime.now(clock)).param("u", key(username))
                .query(Boolean.class).optional().orElse(false);
    }

    /** Counts a failure (failures older than the lock time are forgotten first); locks at the limit. */
    void failed(String username) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                        insert into login_throttle (username, failures, last_failure) values (:u, 1, :now)
                        on conflict (username) do update set
                            failures = case when login_throttle.last_failure < :forget then 1 else login_throttle.failures + 1 end,
                            last_failure = :now""")
                .param("u", key(username)).param("now", now).param("forget", now.minus(lockTime)).update();
        jdbc.sql("update login_throttle set locked_until = :until, failures = 0 where username = :u and failures >= :max")
                .param("until", now.plus(lockTime)).param("u", key(username)).param("max", maxFailures).update();
    }

    void succeeded(String username) {
        jdbc.sql("delete from login_throttle where username = :u").param("u", key(username)).update();
    }

    private static String key(String username) {
        String k = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return k.length() > 64 ? k.substring(0, 64) : k;
    }
}
