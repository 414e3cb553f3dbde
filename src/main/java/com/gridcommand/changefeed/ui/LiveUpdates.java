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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Fans the change feed out to open views (map, case list, alerts). Changes are gathered once for the node and handed
 * to every open view together at most every {@code gridcommand.live.flush-millis} (250 ms) as one {@link Batch}: a
 * thousand moving responders become a few updates a second per browser, and since every open map receives the same
 * batch at the same moment, a row that changed is fetched once for all of them ({@link Batch#shared}), not once per
 * screen. The views of one round are served by a few threads ({@code gridcommand.live.fan-out-threads}, by default the
 * processors) and a round ends before the next begins, so each view sees the batches in order.
 * {@code gridcommand.live.enabled=false} turns pushing off (browserless tests).
 * A view that has drawn a topic's changes says so ({@link #drawn}): {@code gridcommand.live.push} measures from the
 * row's change in the database to the screen — for the responder topic, from an accepted ping to its marker moving.
 */
@Component
public class LiveUpdates {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LiveUpdates.class);

    /**
     * The changed rows per topic, and whether everything should be reloaded; the same batch goes to every open view.
     *
     * @param oldest per topic, when the earliest of its changes in this batch was made (database clock), if known
     * @param shared what views of this batch have loaded for all of them (see {@link #shared})
     */
    public record Batch(Map<ChangeTopic, Set<Long>> ids, boolean reloadAll, Map<ChangeTopic, Instant> oldest,
                        Map<Object, Object> shared) {

        public Batch {
            ids = Map.copyOf(ids);
            oldest = Map.copyOf(oldest);
        }

        public Batch(Map<ChangeTopic, Set<Long>> ids, boolean reloadAll, Map<ChangeTopic, Instant> oldest) {
            this(ids, reloadAll, oldest, new ConcurrentHashMap<>());
        }

        public Batch(Map<ChangeTopic, Set<Long>> ids, boolean reloadAll) {
            this(ids, reloadAll, Map.of());
        }

        /** The changed ids of one topic (empty if none). */
        public Set<Long> of(ChangeTopic topic) {
            return ids.getOrDefault(topic, Set.of());
        }

        /**
         * What {@code load} returns for this batch's rows, loaded by the first view that asks and handed to the others:
         * the key must name everything the answer depends on besides the batch (the topic, the user's scope, the
         * precision). Views must not change what they get.
         */
        @SuppressWarnings("unchecked")
        public <T> T shared(Object key, Supplier<T> load) {
            return (T) shared.computeIfAbsent(key, k -> load.get());
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "Batch" + ids + (reloadAll ? " reload all" : "");
        }
    }

    private final Set<Dashboard> dashboards = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService flusher;
    private final ExecutorService fanOut;
    private final boolean enabled;
    private final MeterRegistry meters;
    private final Map<ChangeTopic, Timer> pushTimers = new ConcurrentHashMap<>();
    private Map<ChangeTopic, Set<Long>> pending = new HashMap<>();
    private Map<ChangeTopic, Instant> oldest = new HashMap<>();
    private boolean reloadAll;

    @Autowired
    LiveUpdates(@Value("${gridcommand.live.enabled:true}") boolean enabled, @Value("${gridcommand.live.flush-millis:250}") long flushMillis,
                @Value("${gridcommand.live.fan-out-threads:0}") int fanOutThreads, MeterRegistry meters) {
        this.enabled = enabled;
        this.meters = meters;
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("live-flush").daemon().factory());
        int threads = fanOutThreads > 0 ? fanOutThreads : Runtime.getRuntime().availableProcessors();
        this.fanOut = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("live-fan-out-", 1).daemon().factory());
        if (enabled) {
            long every = Math.max(50, flushMillis);
            flusher.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
        }
    }

    LiveUpdates(boolean enabled, long flushMillis, MeterRegistry meters) {
        this(enabled, flushMillis, 1, meters);
    }

    /** Delivers batches of changes to the view's UI (inside {@code ui.access}) until the registration is removed. */
    public Registration register(UI ui, Consumer<Batch> apply) {
        if (!enabled) return () -> { };
        Dashboard dashboard = new Dashboard(ui, apply);
        dashboards.add(dashboard);
        return () -> dashboards.remove(dashboard);
    }

    /**
     * Runs the action once in the view's UI (inside {@code ui.access}) after the delay: for a view that brings a figure
     * up to date at most so often and owes the last change its update. Nothing happens if the UI has gone by then.
     */
    public void later(UI ui, Duration delay, Runnable action) {
        if (!enabled) return;
        flusher.schedule(() -> fanOut.execute(() -> {
            try {
                ui.access(action::run);
            } catch (UIDetachedException e) {
                // closed meanwhile: nothing owed
            }
        }), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
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
    synchronized void on(MapChanges changes) {
        if (changes.resync()) reloadAll = true;
        for (MapChange change : changes.changes()) {
            if (change.isReload()) reloadAll = true;
            else {
                pending.computeIfAbsent(change.topic(), t -> new HashSet<>()).add(change.id());
                if (change.at() != null) oldest.merge(change.topic(), change.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
    }

    /** The changes gathered since the last round, as one batch for every view; null if there are none. */
    private synchronized Batch take() {
        if (pending.isEmpty() && !reloadAll) return null;
        Map<ChangeTopic, Set<Long>> ids = new HashMap<>();
        pending.forEach((topic, changed) -> ids.put(topic, Collections.unmodifiableSet(changed)));
        Batch batch = new Batch(ids, reloadAll, oldest);
        pending = new HashMap<>();
        oldest = new HashMap<>();
        reloadAll = false;
        return batch;
    }

    private void flush() {
        Batch batch = take();
        if (batch == null || dashboards.isEmpty()) return;
        List<Callable<Void>> deliveries = new ArrayList<>(dashboards.size());
        for (Dashboard d : dashboards) deliveries.add(() -> {
            d.deliver(batch);
            return null;
        });
        try {
            fanOut.invokeAll(deliveries); // the round ends before the next: each view gets its batches in order
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        flusher.shutdownNow();
        fanOut.shutdownNow();
    }

    private final class Dashboard {
        private final UI ui;
        private final Consumer<Batch> apply;

        Dashboard(UI ui, Consumer<Batch> apply) {
            this.ui = ui;
            this.apply = apply;
        }

        void deliver(Batch batch) {
            try {
                ui.access(() -> apply.accept(batch));
            } catch (UIDetachedException e) {
                dashboards.remove(this);
            } catch (RuntimeException e) {
                log.warn("A live update for one open view failed; the others go on", e);
            }
        }
    }
}
