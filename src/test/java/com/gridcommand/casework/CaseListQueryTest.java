package com.gridcommand.casework;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter bar's values as the list's filter: nothing chosen means all, the light "" means any. */
class CaseListQueryTest {

    private static final CaseOrder ORDER = new CaseOrder(CaseFilter.Sort.SEVERITY, false);

    @Test
    void nothingChosenIsNoFilter() {
        CaseFilter f = new CaseListQuery(Set.of(), Set.of(), null, false, "", null, null, "").filter(null, CaseOrder.DEFAULT);
        assertThat(f).isEqualTo(new CaseFilter(Set.of(), Set.of(), null, false, null, null, null, "", null, CaseFilter.Sort.REPORTED, true));
        assertThat(new CaseListQuery(Set.of(), Set.of(), null, false, null, null, null, null).filter(null, CaseOrder.DEFAULT).light()).isNull();
    }

    @Test
    void everyValueIsPassedOn() {
        LocalDate from = LocalDate.of(2025, 1, 1), to = LocalDate.of(2025, 2, 1);
        CaseFilter f = new CaseListQuery(Set.of(CaseStep.ROUTING, CaseStep.INTAKE), Set.of("NEIGHBOUR"), "330102", true, "RED", from, to, "water")
                .filter(List.of(3L, 4L), ORDER);
        assertThat(f.steps()).containsExactly(CaseStep.INTAKE, CaseStep.ROUTING);
        assertThat(f.categories()).containsExactly("NEIGHBOUR");
        assertThat(f.areaCode()).isEqualTo("330102");
        assertThat(f.overdueOnly()).isTrue();
        assertThat(f.light()).isEqualTo("RED");
        assertThat(f.reportedFrom()).isEqualTo(from);
        assertThat(f.reportedTo()).isEqualTo(to);
        assertThat(f.text()).isEqualTo("water");
        assertThat(f.ids()).containsExactly(3L, 4L);
        assertThat(f.sort()).isEqualTo(CaseFilter.Sort.SEVERITY);
        assertThat(f.descending()).isFalse();
    }

    @Test
    void theLightChoicesAreAnyThenTheThreeLights() {
        assertThat(CaseListQuery.LIGHTS).containsExactly("", "GREEN", "YELLOW", "RED");
    }
}
