package com.gridcommand.changefeed.internal;

import com.gridcommand.changefeed.MapChange;
import com.gridcommand.changefeed.MapChanges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Holds one connection that LISTENs on {@code map_change} and republishes what it hears. If the
 * connection breaks it reconnects and says so ({@link MapChanges#resync()}), since notifications sent
 * meanwhile are lost. Measures the feed: how long after the row changed a notification arrives
 * ({@code gridcommand.changefeed.lag}, the database's clock against this node's) and how often it resynced.
 */
@Component
class PostgresChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostgresChangeListener.class);
    static final String CHANNEL = "map_change";

    private final DataSource dataSource;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final boolean enabled;
    private final Timer lag;
    private final Counter resyncs;
    private volatile boolean running;
    private Thread thread;

    PostgresChangeListener(DataSource dataSource, ApplicationEventPublisher events, JsonMapper json,
                           @Value("${gridcommand.changefeed.enabled:true}") boolean enabled, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.events = events;
        this.json = json;
        this.enabled = enabled;
        this.lag = Timer.builder("gridcommand.changefeed.lag").description("From a row's change (database clock) to its notification here")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(30)).register(meters);
        this.resyncs = Counter.builder("gridcommand.changefeed.resyncs")
                .description("Times the feed reconnected and told the screens to reload (notifications meanwhile were lost)").register(meters);
    }

    @Override
    public void start() {
        if (!enabled) return;
        running = true;
        thread = Thread.ofPlatform().name("map-change-listener").daemon().start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) thread.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean firstConnection = true;
        long backoffMillis = 500;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                if (!firstConnection) {
                    resyncs.increment();
                    events.publishEvent(new MapChanges(List.of(), true));
                }
                firstConnection = false;
                backoffMillis = 500;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null || notifications.length == 0) continue;
                    List<MapChange> changes = new ArrayList<>(notifications.length);
                    // The wall clock, as the database's is: real time, whatever clock the app runs on.
                    Instant heard = Instant.now();
                    for (PGNotification n : notifications) {
                        MapChange change = parse(n.getParameter());
                        if (change == null) continue;
                        changes.add(change);
                        if (change.at() != null) lag.record(Duration.between(change.at(), heard).isNegative() ? Duration.ZERO : Duration.between(change.at(), heard));
                    }
                    if (!changes.isEmpty()) events.publishEvent(new MapChanges(List.copyOf(changes), false));
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) return;
                log.warn("Map change feed interrupted ({}); reconnecting in {} ms", e.getMessage(), backoffMillis);
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
            }
        }
    }

    private MapChange parse(String payload) {
        try {
            JsonNode node = json.readTree(payload);
            String table = node.path("layer").asString("");
            String op = node.path("op").asString("").toUpperCase(Locale.ROOT);
            JsonNode at = node.path("at");
            return new MapChange(table, node.path("id").asLong(0), MapChange.Op.valueOf(op), at.isNumber() ? Instant.ofEpochMilli(at.asLong()) : null);
        } catch (RuntimeException e) {
            log.warn("Ignoring a malformed map change notification: {}", payload);
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
