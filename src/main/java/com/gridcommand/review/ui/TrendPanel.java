package com.gridcommand.review.ui;

import com.gridcommand.base.ui.TrendChart;
import com.gridcommand.review.LeadersReview;
import com.gridcommand.review.ReviewLevels;

import java.time.YearMonth;
import java.util.List;

/** The trend chart of 考评: cases, closure and on-time closure over the twelve months up to the chosen one. */
final class TrendPanel extends TrendChart {

    private final LeadersReview reviews;

    TrendPanel(LeadersReview reviews) {
        this.reviews = reviews;
        setId("review-trend");
        setHeight("220px");
        setWidthFull();
    }

    /** The trend of an area (or of all shown), under a title naming it. */
    void show(ReviewLevels.Trend trend, String title, YearMonth month) {
        List<LeadersReview.MonthPoint> points = reviews.trend(trend.level(), trend.areaId(), month, ReviewLevels.TREND_MONTHS);
        List<String> labels = points.stream().map(p -> p.month().toString()).toList();
        setData(getTranslation("review.trendTitle", title), labels, List.of(
                new TrendChart.Series(getTranslation("review.col.cases"), points.stream().map(p -> (double) p.cases()).toList(), "#9ca3af", false),
                new TrendChart.Series(getTranslation("review.col.closure"),
                        points.stream().map(p -> p.cases() == 0 ? null : 100 * p.closureRate()).toList(), "#2563eb", true),
                new TrendChart.Series(getTranslation("review.col.onTime"),
                        points.stream().map(p -> p.cases() == 0 ? null : 100 * p.onTimeRate()).toList(), "#16a34a", true)));
    }
}
