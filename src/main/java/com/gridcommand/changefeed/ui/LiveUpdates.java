package com.gridcommand.changefeed.ui;

import com.gridcommand.changefeed.ChangeTopic;

import com.gridcommand.changefeed.MapChange;
import com.gridcommand.changefeed.MapChanges;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Fans the change feed out to open views (map, case list, alerts). Each view gathers the ids that
 * changed and receives them together at most every {@code gridcommand.live.flush-millis} (250 ms):
 * a thousand moving responders become a few updates a second per browser, each row fetched once
 * however often it moved. {@code gridcommand.live.enabled=false} turns pushing off (browserless tests).
 * A view that has drawn a topic's changes says so ({@link #drawn}): {@code gridcommand.live.push} measures from the
 * row's change in the database to the screen — for the responder topic, from an accepted ping to its marker moving.
 */
@Component
public class LiveUpdates {

    /**
     * The changed rows per topic, and whether everything should be reloaded.
     *
     * @param oldest per topic, when the earliest of its changes in this batch was made (database clock), if known
     */
    public record Batch(Map<ChangeTopic, Set<Long>> ids, boolean reloadAll, Map<ChangeTopic, Instant> oldest) {

        public Batch(Map<ChangeTopic, Set<Long>> ids, boolean reloadAll) {
            this(ids, reloadAll, Map.of());
        }

        /** The changed ids of one topic (empty if none). */
        public Set<Long> of(ChangeTopic topic) {
            return ids.getOrDefault(topic, Set.of());
        }
    }

    private final Set<Dashboard> dashboards = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService flusher;
    private final boolean enabled;
    private final MeterRegistry meters;
    private final Map<ChangeTopic, Timer> pushTimers = new ConcurrentHashMap<>();

    LiveUpdates(@Value("${gridcommand.live.enabled:true}") boolean enabled, @Value("${gridcommand.live.flush-millis:250}") long flushMillis,
                MeterRegistry meters) {
        this.enabled = enabled;
        this.meters = meters;
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("live-flush").daemon().factory());
        if (enabled) {
            long every = Math.max(50, flushMillis);
            flusher.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Delivers batches of changes to the view's UI (inside {@code ui.access}) until the registration is removed. */
    public Registration register(UI ui, Consumer<Batch> apply) {
        if (!enabled) return () -> { };
        Dashboard dashboard = new Dashboard(ui, apply);
        dashboards.add(dashboard);
        return () -> dashboards.remove(dashboard);
    }

    /**
     * Called by a view (inside its {@code ui.access}) once it has drawn a batch's changes of a topic: records how long
     * the oldest of them took from the database to this screen (pushed as the access ends).
     */
    public void drawn(ChangeTopic topic, Batch batch) {
        Instant oldest = batch.oldest().get(topic);
        if (oldest == null) return;
        Duration took = Duration.between(oldest, Instant.now()); // real time, as the database's clock is
        pushTimers.computeIfAbsent(topic, t -> Timer.builder("gridcommand.live.push")
                        .description("From a row's change in the database to a screen that shows it (topic responder: ping to push)")
                        .tag("topic", t.table().toLowerCase(Locale.ROOT)).publishPercentileHistogram()
                        .maximumExpectedValue(Duration.ofSeconds(30)).register(meters))
                .record(took.isNegative() ? Duration.ZERO : took);
    }

    @EventListener
    void on(MapChanges changes) {
        for (Dashboard d : dashboards) d.offer(changes);
    }

    private void flush() {
        for (Dashboard d : dashboards) d.flush();
    }

    @PreDestroy
    void stop() {
        flusher.shutdownNow();
    }

    private final class Dashboard {
        private final UI ui;
        private final Consumer<Batch> apply;
        private Map<ChangeTopic, Set<Long>> pending = new HashMap<>();
        private Map<ChangeTopic, Instant> oldest = new HashMap<>();
        private boolean reloadAll;

        Dashboard(UI ui, Consumer<Batch> apply) {
            this.ui = ui;
            this.apply = apply;
        }

        synchronized void offer(MapChanges changes) {
            if (changes.resync()) reloadAll = true;
            for (MapChange change : changes.changes()) {
                if (change.isReload()) reloadAll = true;
                else {
                    pending.computeIfAbsent(change.topic(), t -> new HashSet<>()).add(change.id());
                    if (change.at() != null) oldest.merge(change.topic(), change.at(), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }

        void flush() {
            Batch batch;
            synchronized (this) {
                if (pending.isEmpty() && !reloadAll) return;
                batch = new Batch(pending, reloadAll, oldest);
                pending = new HashMap<>();
                oldest = new HashMap<>();
                reloadAll = false;
            }
            try {
                ui.access(() -> apply.accept(batch));
            } catch (UIDetachedException e) {
                dashboards.remove(this);
            }
        }
    }
}
