package com.gridcommand.casework;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** List times are to the minute in the city's zone; none is empty. */
class ListTimesTest {

    @Test
    void toTheMinuteInTheZone() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        assertThat(ListTimes.format(OffsetDateTime.parse("2025-03-01T16:05:59Z"), shanghai)).isEqualTo("2025-03-02 00:05");
        assertThat(ListTimes.format(OffsetDateTime.parse("2025-03-01T08:00:00+08:00"), shanghai)).isEqualTo("2025-03-01 08:00");
        assertThat(ListTimes.format(null, shanghai)).isEmpty();
    }
}
