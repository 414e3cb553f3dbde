package com.gridcommand.review;

import com.gridcommand.casework.AreaReview.Level;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the review is walked: the months it offers, the drill-down from a township to its communities and from a
 * community to its cells, the zoom the outlines of a level are read at, the ten best communities, and whose trend
 * is shown.
 */
public final class ReviewLevels {

    /** The months offered: this one and the twelve before. */
    public static final int MONTHS_OFFERED = 13;
    /** A trend's length in months. */
    public static final int TREND_MONTHS = 12;

    private ReviewLevels() {
    }

    /** The month in progress and the twelve before it, newest first. */
    public static List<YearMonth> months(YearMonth now) {
        List<YearMonth> months = new ArrayList<>();
        for (int i = 0; i < MONTHS_OFFERED; i++) months.add(now.minusMonths(i));
        return months;
    }

    /** The month shown first: the last complete one. */
    public static YearMonth initialMonth(YearMonth now) {
        return now.minusMonths(1);
    }

    /** The level a drill-down into an area of this level shows; none below grid cells. */
    public static Optional<Level> below(Level level) {
        return switch (level) {
            case TOWNSHIP -> Optional.of(Level.COMMUNITY);
            case COMMUNITY -> Optional.of(Level.GRID_CELL);
            case GRID_CELL -> Optional.empty();
        };
    }

    /** The zoom a level's outlines are read at. */
    public static int outlineZoom(Level level) {
        return switch (level) {
            case TOWNSHIP -> 11;
            case COMMUNITY -> 12;
            case GRID_CELL -> 14;
        };
    }

    /** Whether an area is one of the ten best: ranks 1 to 10 of communities ("ten best stations"). */
    public static boolean tenBest(Level level, int rank) {
        return rank >= 1 && rank <= 10 && level == Level.COMMUNITY;
    }

    /** Whose trend a view of the review shows. */
    public enum TrendOf { SELECTED, TOWNSHIP, COMMUNITY, ALL }

    /** The trend to show: of a level's area (null: all areas of the level). */
    public record Trend(TrendOf of, Level level, Long areaId) {}

    /**
     * The selected area's trend; else, drilled into a township, the township's; drilled into a community, the
     * community's; else the whole city's by townships.
     */
    public static Trend trend(Level shown, Long selectedAreaId, Long townshipId, Long parentId) {
        if (selectedAreaId != null) return new Trend(TrendOf.SELECTED, shown, selectedAreaId);
        if (shown == Level.COMMUNITY && townshipId != null) return new Trend(TrendOf.TOWNSHIP, Level.TOWNSHIP, townshipId);
        if (shown == Level.GRID_CELL && parentId != null) return new Trend(TrendOf.COMMUNITY, Level.COMMUNITY, parentId);
        return new Trend(TrendOf.ALL, Level.TOWNSHIP, null);
    }
}
