package com.gridcommand.changefeed.ui;

import com.gridcommand.changefeed.ChangeTopic;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A view that drew a topic's changes records how long the oldest of them took from the database to the screen. */
class LiveUpdatesPushTimeTest {

    private static final ChangeTopic RESPONDERS = ChangeTopic.rowsOf("responder");

    @Test
    void drawingABatchRecordsTheTimeFromItsOldestChangePerTopic() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LiveUpdates live = new LiveUpdates(false, 250, meters);
        Instant changed = Instant.now().minusMillis(700);
        live.drawn(RESPONDERS, new LiveUpdates.Batch(Map.of(RESPONDERS, Set.of(1L, 2L)), false, Map.of(RESPONDERS, changed)));

        Timer push = meters.get("gridcommand.live.push").tag("topic", "responder").timer();
        assertThat(push.count()).isEqualTo(1);
        assertThat(push.totalTime(TimeUnit.MILLISECONDS)).isBetween(700.0, 60_000.0);
    }

    @Test
    void aBatchWithoutChangeTimesRecordsNothing() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LiveUpdates live = new LiveUpdates(false, 250, meters);
        live.drawn(RESPONDERS, new LiveUpdates.Batch(Map.of(RESPONDERS, Set.of(1L)), false));
        live.drawn(ChangeTopic.rowsOf("gov_case"), new LiveUpdates.Batch(Map.of(), true, Map.of(RESPONDERS, Instant.now())));
        assertThat(meters.find("gridcommand.live.push").timers()).isEmpty();
    }
}
