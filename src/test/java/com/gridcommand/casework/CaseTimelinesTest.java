package com.gridcommand.casework;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the user has seen of a timeline: its newest line, and the lines after it. */
class CaseTimelinesTest {

    private static CaseEvent event(long id) {
        return new CaseEvent(id, OffsetDateTime.parse("2025-03-01T08:00:00Z"), "wangge", "王芳", CaseAction.SIGN,
                CaseStep.ROUTING, CaseStep.SUPERVISION, null, Map.of(), List.of());
    }

    @Test
    void theNewestIsTheHighestId() {
        assertThat(CaseTimelines.newest(List.of())).isZero();
        assertThat(CaseTimelines.newest(List.of(event(3), event(9), event(5)))).isEqualTo(9);
    }

    @Test
    void afterIsStrictlyNewerInTimelineOrder() {
        var events = List.of(event(3), event(9), event(5), event(4));
        assertThat(CaseTimelines.after(events, 4)).extracting(CaseEvent::id).containsExactly(9L, 5L);
        assertThat(CaseTimelines.after(events, 9)).isEmpty();
        assertThat(CaseTimelines.after(events, 0)).hasSize(4);
    }
}
