package com.gridcommand.dispatch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The status board: status order first, then name; the team filter; the counts per status. */
class StatusBoardTest {

    private static ResponderService.BoardRow row(long id, String name, String team, String status) {
        return new ResponderService.BoardRow(id, "R" + id, name, "POLICE_PATROL", team, status, null);
    }

    private final List<ResponderService.BoardRow> rows = List.of(
            row(1, "Zhao", "A", "OFF_DUTY"),
            row(2, "Wang", "B", "AVAILABLE"),
            row(3, "Li", "A", "ON_SCENE"),
            row(4, "Chen", "A", "AVAILABLE"),
            row(5, "Sun", null, "EN_ROUTE"),
            row(6, "Zhou", "B", "ASSIGNED"),
            row(7, "Wu", "B", "RETURNING"),
            row(8, "Qian", "A", "MYSTERY"));

    @Test
    void ordersByStatusInTheirOrderThenByName() {
        assertThat(ResponderService.STATUSES).containsExactly("AVAILABLE", "ASSIGNED", "EN_ROUTE", "ON_SCENE", "RETURNING", "OFF_DUTY");
        assertThat(StatusBoard.of(rows, null).rows()).extracting(ResponderService.BoardRow::name)
                // an unknown status sorts before every known one
                .containsExactly("Qian", "Chen", "Wang", "Zhou", "Sun", "Li", "Wu", "Zhao");
    }

    @Test
    void filtersByTeamAndCountsWhatIsShown() {
        StatusBoard a = StatusBoard.of(rows, "A");
        assertThat(a.rows()).extracting(ResponderService.BoardRow::name).containsExactly("Qian", "Chen", "Li", "Zhao");
        assertThat(a.count("AVAILABLE")).isEqualTo(1);
        assertThat(a.count("ON_SCENE")).isEqualTo(1);
        assertThat(a.count("ASSIGNED")).isZero();
        assertThat(StatusBoard.of(rows, null).count("AVAILABLE")).isEqualTo(2);
        assertThat(StatusBoard.of(rows, "C").rows()).isEmpty();
    }

    @Test
    void teamsAreEveryNamedTeamSortedWhateverIsShown() {
        assertThat(StatusBoard.teams(rows)).containsExactly("A", "B");
        assertThat(StatusBoard.of(rows, "B").teams()).containsExactly("A", "B");
    }
}
