package com.gridcommand.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the open screens (Vaadin UIs: a browser tab each) of this node, as the gauge {@code gridcommand.ui.open}. A UI
 * leaves when it is closed, its tab stops sending heartbeats, or its session ends.
 */
@org.springframework.stereotype.Component
class OpenScreens implements VaadinServiceInitListener {

    private final Set<UI> open = ConcurrentHashMap.newKeySet();

    OpenScreens(MeterRegistry meters) {
        Gauge.builder("gridcommand.ui.open", this, OpenScreens::count).description("Open screens (Vaadin UIs) on this node").register(meters);
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> {
            UI ui = e.getUI();
            open.add(ui);
            ui.addDetachListener(d -> open.remove(ui));
        });
    }

    private double count() {
        // A UI whose session ended without a detach event is not counted either.
        open.removeIf(ui -> ui.isClosing() || ui.getSession() == null);
        return open.size();
    }
}
