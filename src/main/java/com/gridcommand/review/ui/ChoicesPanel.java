package com.gridcommand.review.ui;

import com.gridcommand.casework.AreaReview.Level;
import com.gridcommand.review.LeadersReview;
import com.gridcommand.review.ReviewFiles;
import com.gridcommand.review.ReviewLevels;
import com.gridcommand.review.ReviewMeasure;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.streams.DownloadHandler;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The header of 考评: the title, the month, level and measure to show, and the review shown as XLSX or PDF. */
final class ChoicesPanel extends Div {

    private final Select<YearMonth> month = new Select<>();
    private final Select<Level> level = new Select<>();
    private final Select<ReviewMeasure> measure = new Select<>();

    /**
     * {@code monthChanged} and {@code measureChanged} run on any change; {@code levelPicked} is given a level the
     * user picked; the downloads write {@code shown} (refused while there is none), made by {@code madeBy}.
     */
    ChoicesPanel(Clock clock, Runnable monthChanged, Consumer<Level> levelPicked, Runnable measureChanged,
                 Supplier<LeadersReview.Review> shown, String madeBy) {
        YearMonth now = YearMonth.now(clock.withZone(LeadersReview.CHINA));
        month.setLabel(getTranslation("review.month"));
        month.setId("review-month");
        month.setItems(ReviewLevels.months(now));
        // The month in progress says so: its figures are so far, not the month's.
        month.setItemLabelGenerator(m -> m.equals(now)
                ? getTranslation("review.monthLabel.current", String.valueOf(m.getYear()), String.valueOf(m.getMonthValue()),
                        String.valueOf(LocalDate.now(clock.withZone(LeadersReview.CHINA)).getDayOfMonth()))
                : getTranslation("review.monthLabel", String.valueOf(m.getYear()), String.valueOf(m.getMonthValue())));
        month.setValue(ReviewLevels.initialMonth(now));
        level.setLabel(getTranslation("review.level"));
        level.setId("review-level");
        level.setItems(Level.values());
        level.setItemLabelGenerator(l -> getTranslation("review.level." + l));
        level.setValue(Level.TOWNSHIP);
        measure.setLabel(getTranslation("review.measure"));
        measure.setId("review-measure");
        measure.setItems(ReviewMeasure.values());
        measure.setItemLabelGenerator(m -> getTranslation("review.measure." + m));
        measure.setValue(ReviewMeasure.INITIAL);
        month.addValueChangeListener(e -> monthChanged.run());
        level.addValueChangeListener(e -> {
            if (e.isFromClient()) levelPicked.accept(e.getValue());
        });
        measure.addValueChangeListener(e -> measureChanged.run());
        add(new H2(getTranslation("nav.review")), month, level, measure,
                download(ReviewFiles.Format.XLSX, "review-xlsx", shown, madeBy, clock),
                download(ReviewFiles.Format.PDF, "review-pdf", shown, madeBy, clock));
        addClassName("gc-list-header");
    }

    YearMonth month() {
        return month.getValue();
    }

    ReviewMeasure measure() {
        return measure.getValue();
    }

    /** Shows the level that is shown (a drill-down changes it). */
    void showLevel(Level shown) {
        level.setValue(shown);
    }

    private Anchor download(ReviewFiles.Format format, String id, Supplier<LeadersReview.Review> review, String madeBy, Clock clock) {
        Anchor a = new Anchor((DownloadHandler) event -> {
            LeadersReview.Review shown = review.get();
            if (shown == null) {
                event.getResponse().setStatus(409);
                return;
            }
            // Made in full before anything is sent: a failure gives an error, never half a file.
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ReviewFiles.write(shown, format, madeBy, OffsetDateTime.now(clock), bytes);
            event.setFileName(ReviewFiles.fileName(shown, format));
            event.setContentType(format.contentType);
            event.setContentLength(bytes.size());
            bytes.writeTo(event.getOutputStream());
        }, getTranslation("review.export", format.extension.toUpperCase(Locale.ROOT)));
        a.setId(id);
        a.getElement().setAttribute("download", true);
        a.addClassName("gc-download");
        return a;
    }
}
