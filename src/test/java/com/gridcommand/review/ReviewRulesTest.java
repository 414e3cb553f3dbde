package com.gridcommand.review;

import com.gridcommand.casework.AreaReview;
import com.gridcommand.casework.AreaReview.Level;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The review's typed weights, measures, months, drill-down, ten best and whose trend is shown. */
class ReviewRulesTest {

    @Test
    void weightsAreEachFromZeroToOneAndNotAllZero() {
        assertThat(TypedWeights.of(0.3, 0.4, 0.2, 0.1)).contains(new AreaReview.Weights(0.3, 0.4, 0.2, 0.1));
        assertThat(TypedWeights.of(0.0, 0.0, 0.0, 1.0)).contains(new AreaReview.Weights(0, 0, 0, 1));
        assertThat(TypedWeights.of(0.0, 0.0, 0.0, 0.0)).isEmpty();
        assertThat(TypedWeights.of(null, 0.4, 0.2, 0.1)).isEmpty();
        assertThat(TypedWeights.of(-0.01, 0.4, 0.2, 0.1)).isEmpty();
        assertThat(TypedWeights.of(0.3, 1.01, 0.2, 0.1)).isEmpty();
        assertThat(TypedWeights.total(new AreaReview.Weights(0.5, 0.5, 1, 0))).isEqualTo(2.0);
    }

    @Test
    void measuresGiveNoShareOfNoCasesAndSayWhichWayIsGood() {
        LeadersReview.Line none = line(0, 0, 0, null);
        LeadersReview.Line some = line(8, 6, 4, 0.25);
        assertThat(ReviewMeasure.CLOSURE.of(none)).isNull();
        assertThat(ReviewMeasure.CLOSURE.of(some)).isCloseTo(75, within(1e-9));
        assertThat(ReviewMeasure.ON_TIME.of(none)).isNull();
        assertThat(ReviewMeasure.ON_TIME.of(some)).isCloseTo(50, within(1e-9));
        assertThat(ReviewMeasure.CASES.of(none)).isEqualTo(0.0);
        assertThat(ReviewMeasure.PATROL_DAY.of(none)).isNull();
        assertThat(ReviewMeasure.PATROL_DAY.of(some)).isCloseTo(25, within(1e-9));
        assertThat(ReviewMeasure.CASES_PER_HOUSEHOLDS.of(some)).isCloseTo(20, within(1e-9));
        assertThat(ReviewMeasure.SCORE.of(some)).isNull();
        assertThat(ReviewMeasure.INITIAL).isEqualTo(ReviewMeasure.ON_TIME);
        assertThat(java.util.Arrays.stream(ReviewMeasure.values()).filter(m -> m.higherIsBetter))
                .containsExactly(ReviewMeasure.CLOSURE, ReviewMeasure.ON_TIME, ReviewMeasure.PATROL_DAY, ReviewMeasure.PATROL_NIGHT, ReviewMeasure.SCORE);
    }

    @Test
    void thirteenMonthsAreOfferedAndTheLastCompleteOneIsShownFirst() {
        YearMonth now = YearMonth.of(2025, 3);
        assertThat(ReviewLevels.months(now)).hasSize(13).startsWith(now, YearMonth.of(2025, 2)).endsWith(YearMonth.of(2024, 3));
        assertThat(ReviewLevels.initialMonth(now)).isEqualTo(YearMonth.of(2025, 2));
    }

    @Test
    void drillingDownGoesTownshipCommunityCellAndTheTenBestAreCommunities() {
        assertThat(ReviewLevels.below(Level.TOWNSHIP)).contains(Level.COMMUNITY);
        assertThat(ReviewLevels.below(Level.COMMUNITY)).contains(Level.GRID_CELL);
        assertThat(ReviewLevels.below(Level.GRID_CELL)).isEmpty();
        assertThat(ReviewLevels.outlineZoom(Level.TOWNSHIP)).isEqualTo(11);
        assertThat(ReviewLevels.outlineZoom(Level.COMMUNITY)).isEqualTo(12);
        assertThat(ReviewLevels.outlineZoom(Level.GRID_CELL)).isEqualTo(14);
        assertThat(ReviewLevels.tenBest(Level.COMMUNITY, 1)).isTrue();
        assertThat(ReviewLevels.tenBest(Level.COMMUNITY, 10)).isTrue();
        assertThat(ReviewLevels.tenBest(Level.COMMUNITY, 11)).isFalse();
        assertThat(ReviewLevels.tenBest(Level.COMMUNITY, 0)).isFalse();
        assertThat(ReviewLevels.tenBest(Level.TOWNSHIP, 1)).isFalse();
        assertThat(ReviewLevels.tenBest(Level.GRID_CELL, 1)).isFalse();
    }

    @Test
    void theTrendIsOfTheSelectedAreaElseOfWhatWasDrilledIntoElseOfTheCity() {
        assertThat(ReviewLevels.trend(Level.GRID_CELL, 7L, 1L, 2L)).isEqualTo(new ReviewLevels.Trend(ReviewLevels.TrendOf.SELECTED, Level.GRID_CELL, 7L));
        assertThat(ReviewLevels.trend(Level.COMMUNITY, null, 1L, 1L)).isEqualTo(new ReviewLevels.Trend(ReviewLevels.TrendOf.TOWNSHIP, Level.TOWNSHIP, 1L));
        assertThat(ReviewLevels.trend(Level.GRID_CELL, null, 1L, 2L)).isEqualTo(new ReviewLevels.Trend(ReviewLevels.TrendOf.COMMUNITY, Level.COMMUNITY, 2L));
        assertThat(ReviewLevels.trend(Level.GRID_CELL, null, 1L, null)).isEqualTo(new ReviewLevels.Trend(ReviewLevels.TrendOf.ALL, Level.TOWNSHIP, null));
        assertThat(ReviewLevels.trend(Level.COMMUNITY, null, null, null)).isEqualTo(new ReviewLevels.Trend(ReviewLevels.TrendOf.ALL, Level.TOWNSHIP, null));
        assertThat(ReviewLevels.trend(Level.TOWNSHIP, null, null, null)).isEqualTo(new ReviewLevels.Trend(ReviewLevels.TrendOf.ALL, Level.TOWNSHIP, null));
        assertThat(ReviewLevels.TREND_MONTHS).isEqualTo(12);
    }

    private static LeadersReview.Line line(int cases, int closed, int onTime, Double patrolDay) {
        AreaReview.Row row = new AreaReview.Row(1, "C", "n", cases, closed, onTime, null, null, 0);
        return new LeadersReview.Line(new LeadersReview.Figures(row, 400, null, null, 0, patrolDay, null, 0, 0), null, 0);
    }
}
