package com.gridcommand.changefeed.ui;

import com.gridcommand.changefeed.ChangeTopic;

import com.gridcommand.changefeed.MapChange;
import com.gridcommand.changefeed.MapChanges;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.HashMap;
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
 */
@Component
public class LiveUpdates {

    /** The changed rows per topic, and whether everything should be reloaded. */
    public record Batch(Map<ChangeTopic, Set<Long>> ids, boolean reloadAll) {

        /** The changed ids of one topic (empty if none). */
        public Set<Long> of(ChangeTopic topic) {
            return ids.getOrDefault(topic, Set.of());
        }
    }

    private final Set<Dashboard> dashboards = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService flusher;
    private final boolean enabled;

    LiveUpdates(@Value("${gridcommand.live.enabled:true}") boolean enabled, @Value("${gridcommand.live.flush-millis:250}") long flushMillis) {
        this.enabled = enabled;
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
        private boolean reloadAll;

        Dashboard(UI ui, Consumer<Batch> apply) {
            this.ui = ui;
            this.apply = apply;
        }

        synchronized void offer(MapChanges changes) {
            if (changes.resync()) reloadAll = true;
            for (MapChange change : changes.changes()) {
                if (change.isReload()) reloadAll = true;
                else pending.computeIfAbsent(change.topic(), t -> new HashSet<>()).add(change.id());
            }
        }

        void flush() {
            Batch batch;
            synchronized (this) {
                if (pending.isEmpty() && !reloadAll) return;
                batch = new Batch(pending, reloadAll);
                pending = new HashMap<>();
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
