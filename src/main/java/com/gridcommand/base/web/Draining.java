package com.gridcommand.base.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * A node that is asked to stop first says it is no longer ready ({@code /actuator/health/readiness} answers
 * 503), then waits {@code gridcommand.web.drain-delay} before the web server's graceful shutdown stops taking
 * requests: long enough for a load balancer's health checks to send new users elsewhere. Requests under way
 * finish either way. The default is no wait (one node, nobody to send users to).
 */
@Component
class Draining implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Draining.class);

    private final ApplicationContext context;
    private final Duration delay;
    private volatile boolean running;

    Draining(ApplicationContext context, @Value("${gridcommand.web.drain-delay:0s}") Duration delay) {
        this.context = context;
        this.delay = delay;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (delay.isZero() || delay.isNegative()) return;
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        log.info("Draining: not ready any more; the web server stops taking requests in {} s", delay.toMillis() / 1000.0);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before everything else, the web server's graceful shutdown included. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
