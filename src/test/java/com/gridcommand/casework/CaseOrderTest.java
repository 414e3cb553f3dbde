package com.gridcommand.casework;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The case list sorts newest reported first until a column is chosen. */
class CaseOrderTest {

    @Test
    void newestReportedFirstByDefault() {
        assertThat(CaseOrder.DEFAULT).isEqualTo(new CaseOrder(CaseFilter.Sort.REPORTED, true));
        assertThat(CaseOrder.of(null, false)).isEqualTo(CaseOrder.DEFAULT);
    }

    @Test
    void aColumnIsNamedBySortName() {
        assertThat(CaseOrder.of("DEADLINE", false)).isEqualTo(new CaseOrder(CaseFilter.Sort.DEADLINE, false));
        assertThat(CaseOrder.of("CODE", true)).isEqualTo(new CaseOrder(CaseFilter.Sort.CODE, true));
        assertThatThrownBy(() -> CaseOrder.of("title", true)).isInstanceOf(IllegalArgumentException.class);
    }
}
