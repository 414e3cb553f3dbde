package com.gridcommand.base.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.GenericApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A node asked to stop says first that it is not ready, so the proxy sends new users elsewhere; then it waits. */
class DrainingTest {

    private final List<Object> states = new ArrayList<>();

    private GenericApplicationContext context() {
        GenericApplicationContext context = new GenericApplicationContext();
        context.addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) e -> states.add(e.getState()));
        context.refresh();
        return context;
    }

    @Test
    void withADrainDelayTheNodeRefusesTrafficBeforeTheWebServerStops() {
        try (GenericApplicationContext context = context()) {
            Draining draining = new Draining(context, Duration.ofMillis(50));
            draining.start();
            draining.stop();
            assertThat(states).containsExactly(ReadinessState.REFUSING_TRAFFIC);
            assertThat(draining.isRunning()).isFalse();
            assertThat(draining.getPhase()).as("stops before the web server's graceful shutdown")
                    .isGreaterThan(org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
        }
    }

    @Test
    void withoutOneASingleNodeStopsAsBefore() {
        try (GenericApplicationContext context = context()) {
            Draining draining = new Draining(context, Duration.ZERO);
            draining.start();
            draining.stop();
            assertThat(states).isEmpty();
        }
    }
}
