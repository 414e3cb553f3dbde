package com.gridcommand.gisdata.internal;

import com.gridcommand.gisdata.GisDataLoader;
import com.gridcommand.gisdata.GisDataProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** At first start (no map in the database) loads the configured data: the demo city by default. */
@Component
class FirstStartLoader {

    private static final Logger log = LoggerFactory.getLogger(FirstStartLoader.class);

    private final GisDataLoader loader;
    private final GisDataProperties properties;

    FirstStartLoader(GisDataLoader loader, GisDataProperties properties) {
        this.loader = loader;
        this.properties = properties;
    }

    // Before other start-up listeners (the simulator) look at the map.
    @EventListener(ApplicationStartedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void loadIfEmpty() {
        if (!properties.loadOnEmpty() || !loader.isEmpty()) return;
        log.info("The database holds no map yet: loading {}", properties.location());
        loader.loadConfigured();
    }
}
