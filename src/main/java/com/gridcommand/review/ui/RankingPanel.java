package com.gridcommand.review.ui;

import com.gridcommand.casework.AreaReview;
import com.gridcommand.casework.AreaReview.Level;
import com.gridcommand.review.LeadersReview;
import com.gridcommand.review.ReviewLevels;
import com.gridcommand.review.TypedWeights;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.data.renderer.ComponentRenderer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The ranked table of 考评: rank and name frozen on the left, the figures, the score, and a drill-down at the right
 * edge; a row's details show its score part by part. Picking a row or drilling down is the frame's.
 */
final class RankingPanel extends Grid<LeadersReview.Line> {

    private Level level = Level.TOWNSHIP;
    private AreaReview.Weights weights = AreaReview.Weights.DEFAULT;

    /** {@code picked} is given the row a user selected (empty: none), {@code drill} the row whose areas to open. */
    RankingPanel(Consumer<Optional<LeadersReview.Line>> picked, Consumer<LeadersReview.Line> drill) {
        setId("review-table");
        addThemeVariants(GridVariant.ROW_STRIPES, GridVariant.LUMO_COMPACT);
        // Rank and name stay in view while the figures scroll sideways; the drill-down stays at the right edge.
        addColumn(l -> l.rank() == 0 ? "—" : Integer.toString(l.rank())).setHeader(getTranslation("review.col.rank"))
                .setAutoWidth(true).setFlexGrow(0).setKey("rank").setFrozen(true);
        addColumn(new ComponentRenderer<>(l -> {
            Span name = new Span(l.row().name());
            if (ReviewLevels.tenBest(level, l.rank())) {
                Span best = new Span(getTranslation("review.tenBest"));
                best.addClassName("gc-ten-best");
                return new Span(name, best);
            }
            return name;
        })).setHeader(getTranslation("review.col.area")).setAutoWidth(true).setFlexGrow(0).setKey("area").setFrozen(true);
        addColumn(l -> l.row().cases()).setHeader(getTranslation("review.col.cases")).setAutoWidth(true).setKey("cases");
        addColumn(l -> number(l.figures().casesPerThousandHouseholds())).setHeader(getTranslation("review.col.perHouseholds")).setAutoWidth(true);
        addColumn(l -> l.row().cases() == 0 ? "—" : percent(l.row().closureRate())).setHeader(getTranslation("review.col.closure"))
                .setAutoWidth(true).setKey("closure");
        addColumn(l -> l.row().cases() == 0 ? "—" : percent(l.row().onTimeRate())).setHeader(getTranslation("review.col.onTime"))
                .setAutoWidth(true).setKey("onTime");
        addColumn(l -> number(l.row().handlingHoursMedian()) + " / " + number(l.row().handlingHoursP90()))
                .setHeader(getTranslation("review.col.handling")).setAutoWidth(true);
        addColumn(l -> number(l.figures().responseMedianMinutes()) + " / " + number(l.figures().responseP90Minutes()))
                .setHeader(getTranslation("review.col.response")).setAutoWidth(true);
        addColumn(l -> l.row().overdueNow()).setHeader(getTranslation("review.col.overdue")).setAutoWidth(true);
        addColumn(l -> share(l.figures().patrolDayShare()) + " / " + share(l.figures().patrolNightShare()))
                .setHeader(getTranslation("review.col.patrol")).setAutoWidth(true);
        addColumn(l -> l.figures().hotspotsActive() + " / " + l.figures().hotspotsDelisted())
                .setHeader(getTranslation("review.col.hotspots")).setAutoWidth(true);
        addColumn(l -> l.ranked() == null ? "—" : String.format(Locale.ROOT, "%.1f", l.ranked().score()))
                .setHeader(getTranslation("review.col.score")).setAutoWidth(true).setKey("score");
        addColumn(new ComponentRenderer<>(l -> {
            if (ReviewLevels.below(level).isEmpty()) return new Span();
            Button down = new Button(getTranslation("review.drill"), VaadinIcon.ANGLE_DOUBLE_DOWN.create(), e -> drill.accept(l));
            down.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
            down.addClassName("gc-review-drill");
            return down;
        })).setAutoWidth(true).setFlexGrow(0).setKey("drill").setFrozenToEnd(true);
        addSelectionListener(e -> {
            if (e.isFromClient()) picked.accept(e.getFirstSelectedItem());
        });
        setItemDetailsRenderer(new ComponentRenderer<>(this::scoreParts));
    }

    /** A review's rows, best first, at its level and with its weights. */
    void show(List<LeadersReview.Line> lines, Level level, AreaReview.Weights weights) {
        this.level = level;
        this.weights = weights;
        setItems(lines);
    }

    /** The score of one area, part by part, as the formula computes it. */
    private Div scoreParts(LeadersReview.Line l) {
        Div parts = new Div();
        parts.addClassName("gc-score-parts");
        if (l.ranked() == null) {
            parts.add(new Span(getTranslation("review.notRanked")));
            return parts;
        }
        AreaReview.Weights w = weights;
        double total = TypedWeights.total(w);
        parts.add(part("review.weight.closure", l.ranked().closurePart(), w.closure(), total),
                part("review.weight.onTime", l.ranked().onTimePart(), w.onTime(), total),
                part("review.weight.speed", l.ranked().speedPart(), w.speed(), total),
                part("review.weight.overdue", l.ranked().overduePart(), w.overdue(), total));
        return parts;
    }

    private Span part(String key, double value, double weight, double total) {
        Span s = new Span(getTranslation(key) + " " + percent(value) + " × " + String.format(Locale.ROOT, "%.2f", weight / total)
                + " = " + String.format(Locale.ROOT, "%.1f", 100 * value * weight / total));
        s.addClassName("gc-score-part");
        return s;
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String share(Double share) {
        return share == null ? "—" : percent(share);
    }

    private static String number(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%.1f", v);
    }
}
