package com.gridcommand.security.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * Brute-force protection that a stranger cannot turn against the account's owner. After {@code max-failures}
 * wrong passwords for a user name from one client within the lock time, that name is locked for that client
 * only — whether or not the name exists, so the lock says nothing about which names do. After
 * {@code max-client-failures} wrong passwords from one client over any names, that client may not sign in at
 * all for the lock time. A client is an address ({@link ClientAddresses}).
 */
@Component
class LoginThrottle {

    /** What stops a sign-in from this client before its password is checked. */
    enum Lock { NONE, NAME, CLIENT }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxFailures;
    private final int maxClientFailures;
    private final Duration lockTime;

    LoginThrottle(JdbcClient jdbc, Clock clock, @Value("${gridcommand.security.login.max-failures:5}") int maxFailures,
                  @Value("${gridcommand.security.login.max-client-failures:20}") int maxClientFailures,
                  @Value("${gridcommand.security.login.lock-minutes:15}") int lockMinutes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.maxClientFailures = maxClientFailures;
        this.lockTime = Duration.ofMinutes(lockMinutes);
    }

    Duration lockTime() {
        return lockTime;
    }

    Lock lock(String username, String client) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean clientLocked = jdbc.sql("select locked_until > :now from login_client_throttle where client = :c")
                .param("now", now).param("c", client).query(Boolean.class).optional().orElse(false);
        if (clientLocked) return Lock.CLIENT;
        boolean nameLocked = jdbc.sql("select locked_until > :now from login_throttle where username = :u and client = :c")
                .param("now", now).param("u", key(username)).param("c", client).query(Boolean.class).optional().orElse(false);
        return nameLocked ? Lock.NAME : Lock.NONE;
    }

    /** Counts a failure for the name from this client and for the client (failures older than the lock time are forgotten first); locks at the limits. */
    @Transactional
    void failed(String username, String client) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime forget = now.minus(lockTime);
        jdbc.sql("""
                        insert into login_throttle (username, client, failures, last_failure) values (:u, :c, 1, :now)
                        on conflict (username, client) do update set
                            failures = case when login_throttle.last_failure < :forget then 1 else login_throttle.failures + 1 end,
                            last_failure = :now""")
                .param("u", key(username)).param("c", client).param("now", now).param("forget", forget).update();
        jdbc.sql("update login_throttle set locked_until = :until, failures = 0 where username = :u and client = :c and failures >= :max")
                .param("until", now.plus(lockTime)).param("u", key(username)).param("c", client).param("max", maxFailures).update();
        jdbc.sql("""
                        insert into login_client_throttle (client, failures, last_failure) values (:c, 1, :now)
                        on conflict (client) do update set
                            failures = case when login_client_throttle.last_failure < :forget then 1 else login_client_throttle.failures + 1 end,
                            last_failure = :now""")
                .param("c", client).param("now", now).param("forget", forget).update();
        jdbc.sql("update login_client_throttle set locked_until = :until, failures = 0 where client = :c and failures >= :max")
                .param("until", now.plus(lockTime)).param("c", client).param("max", maxClientFailures).update();
        // Rows nobody has failed with for the lock time, and no longer locked, say nothing any more.
        jdbc.sql("delete from login_throttle where last_failure < :forget and (locked_until is null or locked_until < :now)")
                .param("forget", forget).param("now", now).update();
        jdbc.sql("delete from login_client_throttle where last_failure < :forget and (locked_until is null or locked_until < :now)")
                .param("forget", forget).param("now", now).update();
    }

    /** The right password clears the name's count from this client; the client's own count stays (one known account must not wipe it). */
    void succeeded(String username, String client) {
        jdbc.sql("delete from login_throttle where username = :u and client = :c").param("u", key(username)).param("c", client).update();
    }

    private static String key(String username) {
        String k = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return k.length() > 64 ? k.substring(0, 64) : k;
    }
}
