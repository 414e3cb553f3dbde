package com.gridcommand.map;

import com.gridcommand.base.i18n.Texts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The side panel: the counts that matter for what is on screen, following the view as it moves. */
class ViewportSummary extends Div {

    private final Texts texts;
    private final Span open = number("count-open");
    private final Span overdue = number("count-overdue");
    private final Span available = number("count-available");
    private final Span hotspots = number("count-hotspots");
    private final Span notice = new Span();
    private final Span updated = new Span();
    private final Div selection = new Div();
    final Button reset;

    ViewportSummary(Texts texts) {
        this.texts = texts;
        addClassName("gc-panel");
        H2 inView = new H2(texts.t("panel.inView"));
        inView.addClassName("gc-panel-heading");
        notice.setId("map-notice");
        notice.addClassName("gc-notice");
        notice.setVisible(false);
        updated.addClassName("gc-updated");
        updated.setId("count-updated");
        reset = new Button(texts.t("panel.reset"));
        reset.addThemeVariants(ButtonVariant.SMALL);
        reset.setId("reset-view");
        selection.setId("map-selection");
        selection.addClassName("gc-selection");
        selection.setVisible(false);
        add(inView,
                stat(texts.t("panel.open"), open, "gc-stat-open"),
                stat(texts.t("panel.overdue"), overdue, "gc-stat-overdue"),
                stat(texts.t("panel.available"), available, "gc-stat-available"),
                stat(texts.t("panel.hotspots"), hotspots, "gc-stat-hotspots"),
                notice, updated, reset, selection);
    }

    void show(ViewportCounts counts, LocalTime at) {
        open.setText(Integer.toString(counts.openCases()));
        overdue.setText(Integer.toString(counts.overdueCases()));
        available.setText(Integer.toString(counts.availableResponders()));
        hotspots.setText(Integer.toString(counts.activeHotspots()));
        updated.setText(texts.t("panel.updated", at.format(DateTimeFormatter.ofPattern("HH:mm:ss"))));
    }

    /** Shows what can be done with the feature just clicked (empty: nothing to show). */
    void selection(String title, java.util.List<com.vaadin.flow.component.Component> actions) {
        selection.removeAll();
        selection.setVisible(!actions.isEmpty());
        if (actions.isEmpty()) return;
        Span heading = new Span(title);
        heading.addClassName("gc-selection-title");
        selection.add(heading);
        actions.forEach(selection::add);
    }

    void notice(String text) {
        notice.setText(text == null ? "" : text);
        notice.setVisible(text != null);
    }

    private static Span number(String id) {
        Span span = new Span("–");
        span.setId(id);
        span.addClassName("gc-stat-value");
        return span;
    }

    private static Div stat(String label, Span value, String className) {
        Div stat = new Div(value, new Span(label));
        stat.addClassNames("gc-stat", className);
        return stat;
    }
}
