package com.gridcommand.dispatch.ui;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.dispatch.ResponderService;
import com.gridcommand.dispatch.StatusBoard;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;

import java.util.HashSet;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.LongConsumer;

/** The dispatcher's left column: a chip per status with its count, the team filter and the status grid. */
final class StatusBoardPanel extends Div {

    private static final Map<String, String> STATUS_COLOURS = ResponderLayers.STATUS_COLOURS;

    private final ResponderService responders;
    private final Texts t;
    private final Div board = new Div();
    private final Grid<ResponderService.BoardRow> boardGrid = new Grid<>();
    private final Select<String> teamFilter = new Select<>();

    /** {@code onResponder} is told the id of a responder the user clicked. */
    StatusBoardPanel(ResponderService responders, Texts t, LongConsumer onResponder) {
        this.responders = responders;
        this.t = t;
        board.addClassName("gc-dispatch-board");
        board.setId("status-board");
        teamFilter.setLabel(t.t("field.team"));
        teamFilter.setEmptySelectionAllowed(true);
        teamFilter.setEmptySelectionCaption(t.t("dispatch.allTeams"));
        teamFilter.addValueChangeListener(e -> refresh());
        boardGrid.setId("status-grid");
        boardGrid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        boardGrid.addColumn(ResponderService.BoardRow::name).setHeader(t.t("field.name")).setAutoWidth(true).setSortable(true);
        boardGrid.addComponentColumn(r -> status(r.status())).setHeader(t.t("field.status")).setAutoWidth(true)
                .setComparator(ResponderService.BoardRow::status);
        boardGrid.addColumn(r -> t.label("responder.kind", r.kind())).setHeader(t.t("field.kind")).setAutoWidth(true);
        boardGrid.addColumn(ResponderService.BoardRow::team).setHeader(t.t("field.team")).setAutoWidth(true).setSortable(true);
        boardGrid.addColumn(r -> r.target() == null ? "" : r.target()).setHeader(t.t("dispatch.task")).setAutoWidth(true);
        boardGrid.addItemClickListener(e -> onResponder.accept(e.getItem().id()));
        add(new H3(t.t("dispatch.board")), board, teamFilter, boardGrid);
        addClassName("gc-dispatch-left");
    }

    /** Reads the board again; the chosen team stays chosen while it is still on the board. */
    void refresh() {
        var rows = responders.board();
        SortedSet<String> teams = StatusBoard.teams(rows);
        if (!new HashSet<>(teamFilter.getListDataView().getItems().toList()).equals(teams)) {
            String chosen = teamFilter.getValue();
            teamFilter.setItems(teams);
            if (chosen != null && teams.contains(chosen)) teamFilter.setValue(chosen);
        }
        StatusBoard shown = StatusBoard.of(rows, teamFilter.getValue());
        board.removeAll();
        for (String status : STATUS_COLOURS.keySet()) {
            Span chip = new Span(t.label("responder.status", status) + " " + shown.count(status));
            chip.addClassName("gc-status-chip");
            chip.getElement().setAttribute("data-status", status);
            chip.getStyle().set("--gc-status", STATUS_COLOURS.get(status));
            board.add(chip);
        }
        boardGrid.setItems(shown.rows());
    }

    private Span status(String status) {
        Span s = new Span(t.label("responder.status", status));
        s.addClassName("gc-status-badge");
        s.getElement().setAttribute("data-status", status);
        s.getStyle().set("--gc-status", STATUS_COLOURS.getOrDefault(status, "#9ca3af"));
        return s;
    }
}
