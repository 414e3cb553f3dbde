package com.gridcommand.hotspot.ui;

import com.gridcommand.hotspot.HotspotRegister;
import com.gridcommand.hotspot.HotspotTrends;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import org.vaadin.addons.leafletflow.Feature;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The register tab: the hotspots with status and trend, the selected one's listing, measures and reviews, and the
 * actions a leader may take (list a new one, review, reshape). Drawing, highlighting and the map layer are the
 * frame's, reached through the callbacks.
 */
final class RegisterPanel extends Div {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private final HotspotRegister register;
    private final HotspotTrends trends;
    private final Clock clock;
    private final boolean mayChange;
    private final Consumer<String> highlight;
    private final Runnable clearHighlight;
    private final Consumer<HotspotsView.Drawing> draw;
    private final Consumer<List<Feature>> drawRegister;
    private final Grid<HotspotRegister.Entry> grid = new Grid<>();
    private final Div details = new Div();
    private final TrendTexts trendTexts = new TrendTexts(this);

    private List<HotspotRegister.Entry> entries = List.of();
    private HotspotRegister.Entry selected;

    /**
     * {@code highlight} is given a hotspot's feature id, {@code draw} what a polygon is to be drawn for, and
     * {@code drawRegister} the register's features for the map.
     */
    RegisterPanel(HotspotRegister register, HotspotTrends trends, Clock clock, boolean mayChange, Consumer<String> highlight,
                  Runnable clearHighlight, Consumer<HotspotsView.Drawing> draw, Consumer<List<Feature>> drawRegister) {
        this.register = register;
        this.trends = trends;
        this.clock = clock;
        this.mayChange = mayChange;
        this.highlight = highlight;
        this.clearHighlight = clearHighlight;
        this.draw = draw;
        this.drawRegister = drawRegister;
        grid.setId("hotspot-register");
        grid.addThemeVariants(GridVariant.ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(HotspotRegister.Entry::code).setHeader(getTranslation("field.code")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(HotspotRegister.Entry::name).setHeader(getTranslation("hotspots.col.name")).setFlexGrow(2);
        grid.addColumn(h -> getTranslation("hotspot.status." + h.status())).setHeader(getTranslation("field.status")).setAutoWidth(true)
                .setKey("status");
        grid.addColumn(new ComponentRenderer<>(h -> trendTexts.badge(h.id()))).setHeader(getTranslation("hotspots.col.trend")).setAutoWidth(true)
                .setKey("trend");
        grid.addColumn(h -> trendTexts.beforeAfter(h.id())).setHeader(getTranslation("hotspots.col.beforeAfter")).setAutoWidth(true)
                .setKey("beforeAfter");
        grid.addColumn(h -> h.listedOn() == null ? "" : DATE.format(h.listedOn())).setHeader(getTranslation("hotspots.col.listedOn"))
                .setAutoWidth(true);
        grid.addColumn(HotspotRegister.Entry::responsibleUnit).setHeader(getTranslation("hotspots.col.unit")).setAutoWidth(true);
        grid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresentOrElse(this::show, () -> {
            selected = null;
            details.removeAll();
            clearHighlight.run();
        }));
        grid.addClassName("gc-hotspot-register");
        Button drawNew = new Button(getTranslation("hotspots.new"), VaadinIcon.PLUS.create(), e -> {
            draw.accept(HotspotsView.Drawing.NEW);
            Notices.drawHint(getTranslation("hotspots.drawHint"));
        });
        drawNew.setId("hotspot-new");
        drawNew.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.SMALL);
        drawNew.setVisible(mayChange);
        details.setId("hotspot-details");
        details.addClassName("gc-hotspot-details");
        add(drawNew, grid, details);
        addClassName("gc-hotspot-pane");
    }

    /** The register and the trends afresh, in the grid and on the map. */
    void load() {
        trendTexts.load(trends.trends(LocalDate.now(clock)));
        entries = register.entries();
        grid.setItems(entries);
        List<Feature> features = new ArrayList<>();
        for (HotspotRegister.Entry h : entries) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("status", h.status());
            p.put("tip", h.code() + " " + h.name() + " · " + getTranslation("hotspot.status." + h.status()) + trendTexts.tipSuffix(h.id()));
            features.add(new Feature(Long.toString(h.id()), h.geometry(), p));
        }
        drawRegister.accept(features);
    }

    /** A hotspot of the register as last loaded. */
    Optional<HotspotRegister.Entry> entry(long id) {
        return entries.stream().filter(h -> h.id() == id).findFirst();
    }

    List<HotspotRegister.Entry> entries() {
        return entries;
    }

    Optional<HotspotRegister.Entry> selected() {
        return Optional.ofNullable(selected);
    }

    void select(HotspotRegister.Entry h) {
        grid.select(h);
    }

    /** One hotspot's listing, measures and reviews, with the actions a leader may take on it. */
    void show(HotspotRegister.Entry h) {
        selected = h;
        highlight.accept(Long.toString(h.id()));
        details.removeAll();
        details.add(new H4(h.code() + " " + h.name()));
        details.add(new Paragraph(getTranslation("hotspot.status." + h.status()) + " · " + (h.township() == null ? "" : h.township())
                + " · " + getTranslation("hotspots.col.unit") + " " + h.responsibleUnit()));
        if (h.measures() != null && !h.measures().isBlank()) details.add(new Paragraph(getTranslation("hotspots.measures") + "：" + h.measures()));
        trendTexts.summary(h.id()).ifPresent(s -> details.add(new Paragraph(s)));
        if (mayChange) {
            Button review = new Button(getTranslation("hotspots.review"), VaadinIcon.CLIPBOARD_CHECK.create(), e -> new ReviewDialog(register, h, () -> {
                load();
                entry(h.id()).ifPresent(grid::select);
            }).open());
            review.setId("hotspot-review");
            Button reshape = new Button(getTranslation("hotspots.reshape"), VaadinIcon.EDIT.create(), e -> {
                draw.accept(HotspotsView.Drawing.RESHAPE);
                Notices.drawHint(getTranslation("hotspots.drawHint"));
            });
            reshape.setId("hotspot-reshape");
            for (Button b : List.of(review, reshape)) b.addThemeVariants(ButtonVariant.SMALL);
            details.add(new Div(review, reshape));
        }
        List<HotspotRegister.Review> reviews = register.reviews(h.id());
        Div history = new Div();
        history.setId("hotspot-reviews");
        history.addClassName("gc-hotspot-reviews");
        if (reviews.isEmpty()) history.add(new Span(getTranslation("hotspots.noReviews")));
        for (HotspotRegister.Review r : reviews) {
            Div line = new Div(new Span(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(r.at().atZoneSameInstant(clock.getZone())) + " "
                    + r.reviewer() + " · " + getTranslation("hotspot.status." + r.fromStatus()) + " → " + getTranslation("hotspot.status." + r.toStatus())),
                    new Paragraph(r.note()));
            line.addClassName("gc-hotspot-review");
            history.add(line);
        }
        details.add(history);
    }

    /** The selected hotspot gets the drawn outline, unless it changed meanwhile. */
    void reshape(HotspotRegister.Entry h, String geoJson) {
        try {
            register.reshape(h.id(), geoJson, h.version());
            Notices.done(getTranslation("hotspots.reshaped", h.code()));
            load();
            entry(h.id()).ifPresent(grid::select);
        } catch (HotspotRegister.InvalidAreaException invalid) {
            Notices.error(getTranslation("hotspot.invalid." + invalid.reason()));
        } catch (IllegalStateException changed) {
            Notices.error(getTranslation("hotspots.changedMeanwhile"));
            load();
        }
    }
}
