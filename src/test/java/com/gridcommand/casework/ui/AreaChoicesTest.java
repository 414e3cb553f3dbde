package com.gridcommand.casework.ui;

import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaSummary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The area filter finds an area by a part of its name or the start of its code. */
class AreaChoicesTest {

    private final AreaSummary area = new AreaSummary(AreaLevel.COMMUNITY, 1, "330102001", "清波街道");

    @Test
    void byNamePartOrCodeStart() {
        assertThat(AreaChoices.matches(area, "")).isTrue();
        assertThat(AreaChoices.matches(area, "清波")).isTrue();
        assertThat(AreaChoices.matches(area, "街道")).isTrue();
        assertThat(AreaChoices.matches(area, "3301")).isTrue();
        assertThat(AreaChoices.matches(area, "102001")).as("code from its start only").isFalse();
        assertThat(AreaChoices.matches(area, "湖滨")).isFalse();
    }
}
