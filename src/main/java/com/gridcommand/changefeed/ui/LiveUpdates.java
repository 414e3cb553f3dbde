package com.gridcommand.map;

import com.gridcommand.changefeed.MapChange;
import com.gridcommand.changefeed.MapChanges;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.PreDestroy;
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
 * Fans the change feed out to open dashboards. Each dashboard gathers the ids that changed and
 * receives them together at most every {@code gridcommand.map.flush-millis}: a thousand moving
 * responders become a few updates a second per browser, each row fetched once however often it moved.
 */
@Component
class LiveMapHub {

    /** The changed rows per table, and whether everything should be reloaded. */
    record Batch(Map<String, Set<Long>> ids, boolean reloadAll) {}

    private final Set<Dashboard> dashboards = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService flusher;
    private final boolean enabled;

    LiveMapHub(MapSettings settings) {
        this.enabled = settings.liveUpdates();
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("live-map-flush").daemon().factory());
        if (enabled) {
            flusher.scheduleWithFixedDelay(this::flush, settings.flushMillis(), settings.flushMillis(), TimeUnit.MILLISECONDS);
        }
    }

    Registration register(UI ui, Consumer<Batch> apply) {
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
        private Map<String, Set<Long>> pending = new HashMap<>();
        private boolean reloadAll;

        Dashboard(UI ui, Consumer<Batch> apply) {
            this.ui = ui;
            this.apply = apply;
        }

        synchronized void offer(MapChanges changes) {
            if (changes.resync()) reloadAll = true;
            for (MapChange change : changes.changes()) {
                if (change.isReload()) reloadAll = true;
                else pending.computeIfAbsent(change.table(), t -> new HashSet<>()).add(change.id());
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
