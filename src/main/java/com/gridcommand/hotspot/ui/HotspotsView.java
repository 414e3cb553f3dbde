package com.gridcommand.hotspot.ui;

import com.gridcommand.base.map.MapScreens;
import com.gridcommand.basemap.CellShapes;
import com.gridcommand.basemap.Basemap;
import com.gridcommand.basemap.BasemapLayers;
import com.gridcommand.area.AreaService;
import com.gridcommand.casework.CaseService;
import com.gridcommand.hotspot.HotspotDetection;
import com.gridcommand.hotspot.HotspotRegister;
import com.gridcommand.hotspot.HotspotTrends;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.FeatureLayer;
import com.gridcommand.base.i18n.Texts;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LeafletMap;
import org.vaadin.addons.leafletflow.LegendEntry;
import org.vaadin.addons.leafletflow.Style;
import org.vaadin.addons.leafletflow.StyleRule;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * 重点地区: the hotspot register on the map (status, trend and before/after beside each, reviews, reshaping and
 * listing by drawing) and detection from the cases of a period, categories and time of day — density clusters
 * (candidates against the listed hotspots, one action to list one), Getis-Ord Gi* per grid cell, a kernel density
 * surface computed in PostGIS and drawn on canvas, and each run's forecast quality (PAI) on the period after it.
 */
@Route("hotspots")
@Menu(order = 2.7, title = "nav.hotspots")
@RolesAllowed({"LEADER", "COMMAND", "ADMIN"})
public class HotspotsView extends Div implements HasDynamicTitle {

    /** The command map's hotspot layer (same id, colours per status and legend), reused here. */
    static final String HOTSPOTS = HotspotLayerSource.ID;
    static final String CANDIDATES = "candidates";
    static final String GI = "gistar";
    static final String HEAT = "heat";
    static final String[] HEAT_COLOURS = {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"};
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private final HotspotRegister register;
    private final HotspotTrends trends;
    private final HotspotDetection detection;
    private final AreaService areas;
    private final Clock clock;
    private final boolean mayChange;

    private final LeafletMap map;
    private final FeatureLayer hotspotLayer;
    private final FeatureLayer candidateLayer;
    private final FeatureLayer giLayer;
    private final FeatureLayer heatLayer;
    private final Grid<HotspotRegister.Entry> registerGrid = new Grid<>();
    private final Grid<HotspotDetection.Candidate> candidateGrid = new Grid<>();
    private final Div entryDetails = new Div();
    private final Paragraph runSummary = new Paragraph();
    private final Paragraph pai = new Paragraph();
    private final TabSheet tabs = new TabSheet();

    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final DatePicker testTo = new DatePicker();
    final MultiSelectComboBox<String> categories = new MultiSelectComboBox<>();
    final Select<String> timeOfDay = new Select<>();
    final NumberField eps = new NumberField();
    final IntegerField minPoints = new IntegerField();

    private Map<Long, HotspotTrends.HotspotTrend> trendById = new HashMap<>();
    private List<HotspotRegister.Entry> entries = List.of();
    /** Grid cell outlines for the Gi* layer: read on the first run, they do not change between runs. */
    private Map<String, String> cellShapes;
    private List<HotspotDetection.Candidate> candidates = List.of();
    private HotspotRegister.Entry selected;
    /** What the next drawn polygon is for: a new listing, or the selected hotspot's new outline. */
    private enum Drawing { NONE, NEW, RESHAPE }
    private Drawing drawing = Drawing.NONE;

    public HotspotsView(HotspotRegister register, HotspotTrends trends, HotspotDetection detection, AreaService areas,
                        HotspotLayerSource hotspotSource, CurrentUser current, Clock clock, BasemapLayers basemapLayers,
                        MapScreens screens) {
        this.register = register;
        this.trends = trends;
        this.detection = detection;
        this.areas = areas;
        this.clock = clock;
        this.mayChange = current.has(Role.LEADER, Role.ADMIN);
        addClassNames("gc-page", "gc-hotspots-page");

        Div header = new Div(new H2(getTranslation("nav.hotspots")), detectionControls());
        header.addClassName("gc-list-header");
        add(header);

        map = screens.create(new Texts(UI.getCurrent(), clock), "hotspot-map", Optional.empty(), 4, 19);
        map.setSizeFull();
        heatLayer = map.addLayer(heatDefinition());
        // The city's roads, outlines and names under the analysis: a leader finds the place, not only the shape.
        Basemap basemap = new Basemap(map, basemapLayers, new Texts(UI.getCurrent(), clock), Basemap.all());
        map.addMoveListener(e -> {
            basemap.show(MapScreens.padded(e.view()));
        });
        giLayer = map.addLayer(giDefinition());
        // The register drawn as on the command map: the same layer, from the hotspot feature's own source.
        hotspotLayer = map.addLayer(hotspotSource.definition(new Texts(UI.getCurrent(), clock)));
        Style candidate = Style.area("#7e22ce", 2.5, "#a855f7", 0.12).dashed("6 4");
        candidateLayer = map.addLayer(LayerDefinition.layer(CANDIDATES, getTranslation("hotspots.layer.candidates")).order(50)
                .style(candidate).tooltip("tip").legend(getTranslation("hotspots.layer.candidates"), candidate, LegendEntry.Shape.POLYGON).build());
        map.addFeatureClickListener(e -> {
            if (!e.isKnown()) return;
            if (HOTSPOTS.equals(e.layerId())) {
                entry(Long.parseLong(e.featureId())).ifPresent(h -> {
                    tabs.setSelectedIndex(0);
                    registerGrid.select(h);
                    show(h);
                });
            } else if (CANDIDATES.equals(e.layerId())) {
                tabs.setSelectedIndex(1);
                candidates.stream().filter(c -> Integer.toString(c.cluster()).equals(e.featureId())).findFirst().ifPresent(candidateGrid::select);
            }
        });
        map.addShapeDrawnListener(e -> {
            if (e.isCircle()) return;
            Drawing purpose = drawing;
            drawing = Drawing.NONE;
            map.clearDrawing();
            if (purpose == Drawing.NEW) new ListingDialog(e.polygonGeoJson(), "").open();
            else if (purpose == Drawing.RESHAPE && selected != null) reshape(selected, e.polygonGeoJson());
        });

        tabs.setId("hotspot-tabs");
        tabs.add(getTranslation("hotspots.tab.register"), registerPane());
        tabs.add(getTranslation("hotspots.tab.detection"), detectionPane());
        tabs.setSizeFull();
        SplitLayout split = new SplitLayout(map, tabs);
        split.setSplitterPosition(52);
        split.addClassName("gc-case-split");
        split.setSizeFull();
        add(split);
    }

    // ------------------------------------------------------------------ layers

    private LayerDefinition giDefinition() {
        var layer = LayerDefinition.layer(GI, getTranslation("hotspots.layer.gi")).order(15).hidden().style(Style.area("#9ca3af", 0.5, "#ffffff", 0))
                .tooltip("tip");
        String[][] classes = {{"HOT99", "#b91c1c", "z > 2.58"}, {"HOT95", "#ef4444", "1.96 < z ≤ 2.58"}, {"HOT90", "#fca5a5", "1.65 < z ≤ 1.96"},
                {"COLD95", "#3b82f6", "z < −1.96"}};
        for (String[] c : classes) {
            Style s = Style.area("#6b7280", 0.5, c[1], 0.45);
            layer.rule(StyleRule.when("class", c[0], s)).legend("Gi* " + c[2], s, LegendEntry.Shape.POLYGON);
        }
        return layer.build();
    }

    private LayerDefinition heatDefinition() {
        var layer = LayerDefinition.layer(HEAT, getTranslation("hotspots.layer.heat")).order(5).notInteractive()
                .style(Style.area(HEAT_COLOURS[0], 0, HEAT_COLOURS[0], 0.5).withWeight(0));
        for (int b = 0; b < HEAT_COLOURS.length; b++) {
            Style s = Style.area(HEAT_COLOURS[b], 0, HEAT_COLOURS[b], 0.5 + 0.1 * b).withWeight(0);
            layer.rule(StyleRule.when("band", b, s)).legend(getTranslation("hotspots.heat.band" + b), s, LegendEntry.Shape.POLYGON);
        }
        return layer.build();
    }

    // ------------------------------------------------------------------ register

    private Div registerPane() {
        registerGrid.setId("hotspot-register");
        registerGrid.addThemeVariants(GridVariant.ROW_STRIPES, GridVariant.LUMO_COMPACT);
        registerGrid.addColumn(HotspotRegister.Entry::code).setHeader(getTranslation("field.code")).setAutoWidth(true).setFlexGrow(0);
        registerGrid.addColumn(HotspotRegister.Entry::name).setHeader(getTranslation("hotspots.col.name")).setFlexGrow(2);
        registerGrid.addColumn(h -> getTranslation("hotspot.status." + h.status())).setHeader(getTranslation("field.status")).setAutoWidth(true)
                .setKey("status");
        registerGrid.addColumn(new ComponentRenderer<>(h -> {
            HotspotTrends.HotspotTrend t = trendById.get(h.id());
            Span s = new Span(t == null ? "—" : getTranslation("hotspots.trend." + t.trend()));
            if (t != null) {
                s.addClassName("gc-trend-" + t.trend().name().toLowerCase(Locale.ROOT));
                s.setTitle(getTranslation("hotspots.trend.months", join(t.months()), String.format(Locale.ROOT, "%.2f", t.mannKendallZ())));
            }
            return s;
        })).setHeader(getTranslation("hotspots.col.trend")).setAutoWidth(true).setKey("trend");
        registerGrid.addColumn(h -> beforeAfter(trendById.get(h.id()))).setHeader(getTranslation("hotspots.col.beforeAfter")).setAutoWidth(true)
                .setKey("beforeAfter");
        registerGrid.addColumn(h -> h.listedOn() == null ? "" : DATE.format(h.listedOn())).setHeader(getTranslation("hotspots.col.listedOn"))
                .setAutoWidth(true);
        registerGrid.addColumn(HotspotRegister.Entry::responsibleUnit).setHeader(getTranslation("hotspots.col.unit")).setAutoWidth(true);
        registerGrid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresentOrElse(this::show, () -> {
            selected = null;
            entryDetails.removeAll();
            map.clearHighlight();
        }));
        registerGrid.addClassName("gc-hotspot-register");
        Button draw = new Button(getTranslation("hotspots.new"), VaadinIcon.PLUS.create(), e -> {
            drawing = Drawing.NEW;
            map.startDrawing(LeafletMap.DrawMode.POLYGON);
            Notification.show(getTranslation("hotspots.drawHint"), 4000, Notification.Position.BOTTOM_START);
        });
        draw.setId("hotspot-new");
        draw.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.SMALL);
        draw.setVisible(mayChange);
        entryDetails.setId("hotspot-details");
        entryDetails.addClassName("gc-hotspot-details");
        Div pane = new Div(draw, registerGrid, entryDetails);
        pane.addClassName("gc-hotspot-pane");
        return pane;
    }

    private String beforeAfter(HotspotTrends.HotspotTrend t) {
        if (t == null || t.listedOn() == null) return "—";
        Double change = t.change();
        return getTranslation("hotspots.beforeAfter", t.before(), t.after(), t.days(),
                change == null ? "—" : String.format(Locale.ROOT, "%+.0f%%", 100 * change));
    }

    private static String join(int[] months) {
        StringBuilder b = new StringBuilder();
        for (int m : months) b.append(b.isEmpty() ? "" : ", ").append(m);
        return b.toString();
    }

    /** A hotspot of the register as last loaded. */
    private Optional<HotspotRegister.Entry> entry(long id) {
        return entries.stream().filter(h -> h.id() == id).findFirst();
    }

    /** One hotspot's listing, measures and reviews, with the actions a leader may take on it. */
    private void show(HotspotRegister.Entry h) {
        selected = h;
        map.highlight(HOTSPOTS, Long.toString(h.id()));
        entryDetails.removeAll();
        entryDetails.add(new H4(h.code() + " " + h.name()));
        entryDetails.add(new Paragraph(getTranslation("hotspot.status." + h.status()) + " · " + (h.township() == null ? "" : h.township())
                + " · " + getTranslation("hotspots.col.unit") + " " + h.responsibleUnit()));
        if (h.measures() != null && !h.measures().isBlank()) entryDetails.add(new Paragraph(getTranslation("hotspots.measures") + "：" + h.measures()));
        HotspotTrends.HotspotTrend t = trendById.get(h.id());
        if (t != null) entryDetails.add(new Paragraph(getTranslation("hotspots.col.trend") + "：" + getTranslation("hotspots.trend." + t.trend())
                + "（" + join(t.months()) + "）· " + beforeAfter(t)));
        if (mayChange) {
            Button review = new Button(getTranslation("hotspots.review"), VaadinIcon.CLIPBOARD_CHECK.create(), e -> new ReviewDialog(h).open());
            review.setId("hotspot-review");
            Button reshape = new Button(getTranslation("hotspots.reshape"), VaadinIcon.EDIT.create(), e -> {
                drawing = Drawing.RESHAPE;
                map.startDrawing(LeafletMap.DrawMode.POLYGON);
                Notification.show(getTranslation("hotspots.drawHint"), 4000, Notification.Position.BOTTOM_START);
            });
            reshape.setId("hotspot-reshape");
            for (Button b : List.of(review, reshape)) b.addThemeVariants(ButtonVariant.SMALL);
            entryDetails.add(new Div(review, reshape));
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
        entryDetails.add(history);
    }

    private void reshape(HotspotRegister.Entry h, String geoJson) {
        try {
            register.reshape(h.id(), geoJson, h.version());
            done(getTranslation("hotspots.reshaped", h.code()));
            loadRegister();
            entry(h.id()).ifPresent(registerGrid::select);
        } catch (HotspotRegister.InvalidAreaException invalid) {
            error(getTranslation("hotspot.invalid." + invalid.reason()));
        } catch (IllegalStateException changed) {
            error(getTranslation("hotspots.changedMeanwhile"));
            loadRegister();
        }
    }

    void loadRegister() {
        trendById = new HashMap<>();
        for (HotspotTrends.HotspotTrend t : trends.trends(LocalDate.now(clock))) trendById.put(t.id(), t);
        entries = register.entries();
        registerGrid.setItems(entries);
        List<Feature> features = new ArrayList<>();
        for (HotspotRegister.Entry h : entries) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("status", h.status());
            HotspotTrends.HotspotTrend t = trendById.get(h.id());
            p.put("tip", h.code() + " " + h.name() + " · " + getTranslation("hotspot.status." + h.status())
                    + (t == null ? "" : " · " + getTranslation("hotspots.trend." + t.trend())));
            features.add(new Feature(Long.toString(h.id()), h.geometry(), p));
        }
        hotspotLayer.setFeatures(features);
    }

    // ------------------------------------------------------------------ detection

    private Div detectionControls() {
        LocalDate today = LocalDate.now(clock);
        from.setLabel(getTranslation("hotspots.from"));
        from.setId("detect-from");
        from.setValue(today.minusMonths(6));
        to.setLabel(getTranslation("hotspots.to"));
        to.setId("detect-to");
        to.setValue(today.minusMonths(3));
        testTo.setLabel(getTranslation("hotspots.testTo"));
        testTo.setId("detect-test-to");
        testTo.setValue(today);
        categories.setLabel(getTranslation("field.category"));
        categories.setId("detect-categories");
        categories.setItems(new TreeSet<>(CaseService.CATEGORIES));
        categories.setItemLabelGenerator(c -> getTranslation("case.category." + c));
        timeOfDay.setLabel(getTranslation("hotspots.timeOfDay"));
        timeOfDay.setId("detect-time");
        timeOfDay.setItems("ALL", "NIGHT", "DAY");
        timeOfDay.setItemLabelGenerator(t -> getTranslation("hotspots.time." + t));
        timeOfDay.setValue("ALL");
        eps.setLabel(getTranslation("hotspots.eps"));
        eps.setId("detect-eps");
        eps.setValue(100.0);
        eps.setMin(10);
        eps.setMax(2000);
        minPoints.setLabel(getTranslation("hotspots.minPoints"));
        minPoints.setId("detect-min");
        minPoints.setValue(15);
        minPoints.setMin(2);
        minPoints.setMax(1000);
        for (var field : List.of(from, to, testTo)) field.setWidth("9.5em");
        categories.setWidth("12em");
        timeOfDay.setWidth("10em");
        eps.setWidth("7em");
        minPoints.setWidth("7em");
        Button run = new Button(getTranslation("hotspots.run"), VaadinIcon.CROSSHAIRS.create(), e -> detect());
        run.setId("detect-run");
        run.addThemeVariants(ButtonVariant.PRIMARY);
        Div bar = new Div(from, to, categories, timeOfDay, eps, minPoints, testTo, run);
        bar.addClassName("gc-filter-bar");
        return bar;
    }

    private Div detectionPane() {
        runSummary.setId("detect-summary");
        pai.setId("detect-pai");
        pai.addClassName("gc-pai");
        candidateGrid.setId("detect-candidates");
        candidateGrid.addThemeVariants(GridVariant.ROW_STRIPES, GridVariant.LUMO_COMPACT);
        candidateGrid.addColumn(c -> c.cluster() + 1).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        candidateGrid.addColumn(HotspotDetection.Candidate::cases).setHeader(getTranslation("hotspots.col.cases")).setAutoWidth(true).setKey("cases");
        candidateGrid.addColumn(c -> String.format(Locale.ROOT, "%.1f", c.areaSquareMetres() / 10_000)).setHeader(getTranslation("hotspots.col.hectares"))
                .setAutoWidth(true);
        candidateGrid.addColumn(c -> c.listedHotspots().isEmpty() ? getTranslation("hotspots.unlisted") : String.join(", ", c.listedHotspots()))
                .setHeader(getTranslation("hotspots.col.listed")).setFlexGrow(2).setKey("listed");
        candidateGrid.addColumn(new ComponentRenderer<>(c -> {
            if (!mayChange || !c.listedHotspots().isEmpty()) return new Span();
            Button list = new Button(getTranslation("hotspots.list"), e -> new ListingDialog(c.geometry(),
                    getTranslation("hotspots.candidateName", c.cluster() + 1)).open());
            list.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.PRIMARY);
            list.addClassName("gc-list-candidate");
            return list;
        })).setAutoWidth(true).setFlexGrow(0).setKey("action");
        candidateGrid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(c -> map.highlight(CANDIDATES, Integer.toString(c.cluster()))));
        Div pane = new Div(runSummary, pai, candidateGrid);
        pane.addClassName("gc-hotspot-pane");
        return pane;
    }

    HotspotDetection.Selection selection(LocalDate start, LocalDate end) {
        LocalTime t1 = null, t2 = null;
        if ("NIGHT".equals(timeOfDay.getValue())) {
            t1 = LocalTime.of(20, 0);
            t2 = LocalTime.of(6, 0);
        } else if ("DAY".equals(timeOfDay.getValue())) {
            t1 = LocalTime.of(6, 0);
            t2 = LocalTime.of(20, 0);
        }
        return new HotspotDetection.Selection(start, end, categories.getValue(), t1, t2);
    }

    /** Runs the detection for the chosen period, and judges it on the period after it (up to the test date). */
    void detect() {
        HotspotDetection.Selection sel;
        try {
            if (from.getValue() == null || to.getValue() == null || eps.getValue() == null || minPoints.getValue() == null) {
                throw new IllegalArgumentException(getTranslation("hotspots.incomplete"));
            }
            sel = selection(from.getValue(), to.getValue());
            candidates = detection.clusters(sel, eps.getValue(), minPoints.getValue());
        } catch (IllegalArgumentException invalid) {
            error(getTranslation("hotspots.invalidRun"));
            return;
        }
        candidateGrid.setItems(candidates);
        List<Feature> outlines = new ArrayList<>();
        for (HotspotDetection.Candidate c : candidates) {
            outlines.add(new Feature(Integer.toString(c.cluster()), c.geometry(), Map.of("tip", getTranslation("hotspots.candidateTip",
                    c.cluster() + 1, c.cases(), c.listedHotspots().isEmpty() ? getTranslation("hotspots.unlisted") : String.join(", ", c.listedHotspots())))));
        }
        candidateLayer.setFeatures(outlines);

        List<HotspotDetection.CellScore> scores = detection.giStar(sel);
        if (cellShapes == null) cellShapes = CellShapes.of(areas);
        List<Feature> cells = new ArrayList<>();
        List<String> hotCells = new ArrayList<>();
        int hot95 = 0, hot99 = 0;
        for (HotspotDetection.CellScore s : scores) {
            String shape = cellShapes.get(Long.toString(s.cellId()));
            if (shape == null) continue;
            String cls = s.z() > 2.58 ? "HOT99" : s.z() > 1.96 ? "HOT95" : s.z() > 1.645 ? "HOT90" : s.z() < -1.96 ? "COLD95" : "NONE";
            if (s.z() > 1.96) {
                hot95++;
                hotCells.add(shape);
            }
            if (s.z() > 2.58) hot99++;
            cells.add(new Feature(Long.toString(s.cellId()), shape, Map.of("class", cls,
                    "tip", s.code() + " · " + getTranslation("hotspots.col.cases") + " " + s.cases() + " · Gi* z = " + String.format(Locale.ROOT, "%.2f", s.z()))));
        }
        giLayer.setFeatures(cells);

        List<HotspotDetection.DensityCell> surface = detection.density(sel, 150, 450);
        double max = surface.stream().mapToDouble(HotspotDetection.DensityCell::perSquareKm).max().orElse(0);
        List<Feature> heat = new ArrayList<>();
        int n = 0;
        for (HotspotDetection.DensityCell d : surface) {
            // Bands as shares of the peak: the faint tail below a tenth of it is left off the map.
            double share = max == 0 ? 0 : d.perSquareKm() / max;
            if (share < 0.1) continue;
            int band = Math.min(HEAT_COLOURS.length - 1, (int) Math.floor((share - 0.1) / 0.9 * HEAT_COLOURS.length));
            heat.add(new Feature("h" + (n++), d.geometry(), Map.of("band", band)));
        }
        heatLayer.setFeatures(heat);

        long unlisted = candidates.stream().filter(c -> c.listedHotspots().isEmpty()).count();
        runSummary.setText(getTranslation("hotspots.summary", candidates.size(), unlisted, hot95, hot99, String.format(Locale.ROOT, "%.0f", max)));
        judge(sel, hotCells);
        tabs.setSelectedIndex(1);
    }

    /** The forecast quality of this run's areas on the period after it: PAI of the candidates, the Gi* cells and the listed hotspots. */
    private void judge(HotspotDetection.Selection sel, List<String> hotCells) {
        LocalDate laterFrom = sel.to().plusDays(1);
        LocalDate laterTo = testTo.getValue();
        if (laterTo == null || laterTo.isBefore(laterFrom)) {
            pai.setText(getTranslation("hotspots.noTestPeriod"));
            return;
        }
        HotspotDetection.Selection later = new HotspotDetection.Selection(laterFrom, laterTo, sel.categories(), sel.fromTime(), sel.toTime());
        List<String> listed = entries.stream().filter(h -> !"DELISTED".equals(h.status()) && !h.listedOn().isAfter(sel.to()))
                .map(HotspotRegister.Entry::geometry).toList();
        double byClusters = detection.predictionAccuracy(candidates.stream().map(HotspotDetection.Candidate::geometry).toList(), later);
        double byCells = detection.predictionAccuracy(hotCells, later);
        double byListed = detection.predictionAccuracy(listed, later);
        pai.setText(getTranslation("hotspots.pai", DATE.format(laterFrom), DATE.format(laterTo), String.format(Locale.ROOT, "%.1f", byClusters),
                String.format(Locale.ROOT, "%.1f", byCells), String.format(Locale.ROOT, "%.1f", byListed)));
    }

    // ------------------------------------------------------------------ dialogs

    /** 挂牌: names, responsible unit and measures for a drawn area or a candidate; the area is checked when stored. */
    private final class ListingDialog extends Dialog {
        ListingDialog(String geoJson, String suggestedName) {
            setHeaderTitle(getTranslation("hotspots.listTitle"));
            TextField name = new TextField(getTranslation("hotspots.col.name"));
            name.setId("listing-name");
            name.setValue(suggestedName);
            name.setMaxLength(100);
            TextField unit = new TextField(getTranslation("hotspots.col.unit"));
            unit.setId("listing-unit");
            TextArea measures = new TextArea(getTranslation("hotspots.measures"));
            measures.setId("listing-measures");
            measures.setMaxLength(2000);
            Paragraph problem = new Paragraph();
            problem.setId("listing-error");
            problem.addClassName("gc-form-error");
            problem.setVisible(false);
            add(new FormLayout(name, unit, measures), problem);
            Button save = new Button(getTranslation("hotspots.list"), e -> {
                try {
                    long id = register.list(name.getValue(), unit.getValue(), measures.getValue(), List.of(), geoJson);
                    close();
                    loadRegister();
                    entry(id).ifPresent(h -> {
                        tabs.setSelectedIndex(0);
                        registerGrid.select(h);
                        done(getTranslation("hotspots.listed", h.code()));
                    });
                    if (!candidates.isEmpty()) candidateGrid.getDataProvider().refreshAll();
                } catch (HotspotRegister.InvalidAreaException invalid) {
                    problem.setText(getTranslation("hotspot.invalid." + invalid.reason()));
                    problem.setVisible(true);
                } catch (IllegalArgumentException | CurrentUser.AccessDeniedException refused) {
                    problem.setText(getTranslation("hotspots.listRefused"));
                    problem.setVisible(true);
                }
            });
            save.setId("listing-save");
            save.addThemeVariants(ButtonVariant.PRIMARY);
            getFooter().add(new Button(getTranslation("action.close"), e -> close()), save);
        }
    }

    /** A periodic review: a note and the status it leaves the hotspot in (only the moves the register allows). */
    private final class ReviewDialog extends Dialog {
        ReviewDialog(HotspotRegister.Entry h) {
            setHeaderTitle(getTranslation("hotspots.review") + " · " + h.code() + " " + h.name());
            Select<String> status = new Select<>();
            status.setLabel(getTranslation("field.status"));
            status.setId("review-status-next");
            status.setItems(HotspotRegister.nextStatuses(h.status()));
            status.setItemLabelGenerator(s -> getTranslation("hotspot.status." + s));
            status.setValue(h.status().equals("DELISTED") ? "LISTED" : h.status());
            TextArea note = new TextArea(getTranslation("hotspots.reviewNote"));
            note.setId("review-note");
            note.setMaxLength(2000);
            note.setWidthFull();
            Paragraph problem = new Paragraph();
            problem.addClassName("gc-form-error");
            problem.setVisible(false);
            add(new FormLayout(status, note), problem);
            Button save = new Button(getTranslation("action.save"), e -> {
                try {
                    register.review(h.id(), note.getValue(), status.getValue());
                    close();
                    loadRegister();
                    entry(h.id()).ifPresent(registerGrid::select);
                    done(getTranslation("action.done"));
                } catch (IllegalArgumentException | CurrentUser.AccessDeniedException refused) {
                    problem.setText(getTranslation("hotspots.reviewRefused"));
                    problem.setVisible(true);
                }
            });
            save.setId("review-save");
            save.addThemeVariants(ButtonVariant.PRIMARY);
            getFooter().add(new Button(getTranslation("action.close"), e -> close()), save);
        }
    }

    private static void done(String text) {
        Notification.show(text, 3000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.SUCCESS);
    }

    private static void error(String text) {
        Notification.show(text, 6000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.ERROR);
    }

    List<HotspotDetection.Candidate> candidates() {
        return candidates;
    }

    String paiText() {
        return pai.getText();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().beforeClientResponse(this, context -> {
            loadRegister();
            MapScreens.fit(map, areas.extentInScope(), 15);
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.hotspots") + " · " + getTranslation("app.title");
    }
}
