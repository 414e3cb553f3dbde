package com.gridcommand.hotspot.ui;

import com.gridcommand.base.ui.Frames;
import com.gridcommand.area.AreaService;
import com.gridcommand.basemap.CellShapes;
import com.gridcommand.casework.CaseService;
import com.gridcommand.hotspot.DensityBands;
import com.gridcommand.hotspot.DetectionDefaults;
import com.gridcommand.hotspot.ForecastCheck;
import com.gridcommand.hotspot.GiClass;
import com.gridcommand.hotspot.HotspotDetection;
import com.gridcommand.hotspot.HotspotRegister;
import com.gridcommand.hotspot.TimeOfDay;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import org.vaadin.addons.leafletflow.Feature;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The detection tab and its controls (which the frame puts in the header): a run's density clusters as candidates
 * (one action lists one), Gi* cells, the density surface, a summary and the run's PAI on the period after it.
 */
final class DetectionPanel extends Div {

    /** Where a run's results are drawn: the candidates' outlines, the Gi* cells and the density squares. */
    record Layers(Consumer<List<Feature>> candidates, Consumer<List<Feature>> cells, Consumer<List<Feature>> heat) {}

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private final HotspotDetection detection;
    private final AreaService areas;
    private final boolean mayChange;
    private final Supplier<List<HotspotRegister.Entry>> register;
    private final BiConsumer<String, String> list;
    private final Layers layers;
    private final Runnable shown;
    private final Grid<HotspotDetection.Candidate> candidateGrid = new Grid<>();
    private final Paragraph runSummary = new Paragraph();
    private final Paragraph pai = new Paragraph();
    private final Div controls;

    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final DatePicker testTo = new DatePicker();
    final MultiSelectComboBox<String> categories = new MultiSelectComboBox<>();
    final Select<TimeOfDay> timeOfDay = new Select<>();
    final NumberField eps = new NumberField();
    final IntegerField minPoints = new IntegerField();

    /** Grid cell outlines for the Gi* layer: read on the first run, they do not change between runs. */
    private Map<String, String> cellShapes;
    private List<HotspotDetection.Candidate> candidates = List.of();

    /**
     * {@code register} gives the register as last loaded, {@code list} opens a listing for an outline and a suggested
     * name, {@code highlight} is given a candidate's feature id, and {@code shown} runs when a run's results are in.
     */
    DetectionPanel(HotspotDetection detection, AreaService areas, Clock clock, boolean mayChange, Supplier<List<HotspotRegister.Entry>> register,
                   BiConsumer<String, String> list, Consumer<String> highlight, Layers layers, Runnable shown) {
        this.detection = detection;
        this.areas = areas;
        this.mayChange = mayChange;
        this.register = register;
        this.list = list;
        this.layers = layers;
        this.shown = shown;
        controls = controls(LocalDate.now(clock));
        runSummary.setId("detect-summary");
        pai.setId("detect-pai");
        pai.addClassName("gc-pai");
        candidateGrid.setId("detect-candidates");
        candidateGrid.addThemeVariants(GridVariant.ROW_STRIPES, GridVariant.LUMO_COMPACT);
        candidateGrid.addColumn(c -> c.cluster() + 1).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        candidateGrid.addColumn(HotspotDetection.Candidate::cases).setHeader(getTranslation("hotspots.col.cases")).setAutoWidth(true).setKey("cases");
        candidateGrid.addColumn(c -> String.format(Locale.ROOT, "%.1f", c.areaSquareMetres() / 10_000)).setHeader(getTranslation("hotspots.col.hectares"))
                .setAutoWidth(true);
        candidateGrid.addColumn(this::listed).setHeader(getTranslation("hotspots.col.listed")).setFlexGrow(2).setKey("listed");
        candidateGrid.addColumn(new ComponentRenderer<>(c -> {
            if (!mayChange || !c.listedHotspots().isEmpty()) return new Span();
            Button action = new Button(getTranslation("hotspots.list"), e -> list.accept(c.geometry(), getTranslation("hotspots.candidateName", c.cluster() + 1)));
            action.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.PRIMARY);
            action.addClassName("gc-list-candidate");
            return action;
        })).setAutoWidth(true).setFlexGrow(0).setKey("action");
        candidateGrid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(c -> highlight.accept(Integer.toString(c.cluster()))));
        add(runSummary, pai, candidateGrid);
        addClassName("gc-hotspot-pane");
    }

    /** The run's fields and button, for the header. */
    Div controls() {
        return controls;
    }

    private Div controls(LocalDate today) {
        from.setLabel(getTranslation("hotspots.from"));
        from.setId("detect-from");
        from.setValue(DetectionDefaults.from(today));
        to.setLabel(getTranslation("hotspots.to"));
        to.setId("detect-to");
        to.setValue(DetectionDefaults.to(today));
        testTo.setLabel(getTranslation("hotspots.testTo"));
        testTo.setId("detect-test-to");
        testTo.setValue(DetectionDefaults.testTo(today));
        categories.setLabel(getTranslation("field.category"));
        categories.setId("detect-categories");
        categories.setItems(new TreeSet<>(CaseService.CATEGORIES));
        categories.setItemLabelGenerator(c -> getTranslation("case.category." + c));
        timeOfDay.setLabel(getTranslation("hotspots.timeOfDay"));
        timeOfDay.setId("detect-time");
        timeOfDay.setItems(TimeOfDay.values());
        timeOfDay.setItemLabelGenerator(t -> getTranslation("hotspots.time." + t));
        timeOfDay.setValue(TimeOfDay.ALL);
        eps.setLabel(getTranslation("hotspots.eps"));
        eps.setId("detect-eps");
        eps.setValue(DetectionDefaults.EPS_METRES);
        eps.setMin(DetectionDefaults.EPS_MIN);
        eps.setMax(DetectionDefaults.EPS_MAX);
        Frames.integer(minPoints, getTranslation("hotspots.minPoints"), "detect-min", DetectionDefaults.MIN_POINTS,
                DetectionDefaults.MIN_POINTS_MIN, DetectionDefaults.MIN_POINTS_MAX);
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

    private String listed(HotspotDetection.Candidate c) {
        return c.listedHotspots().isEmpty() ? getTranslation("hotspots.unlisted") : String.join(", ", c.listedHotspots());
    }

    /** Runs the detection for the chosen period, and judges it on the period after it (up to the test date). */
    void detect() {
        HotspotDetection.Selection sel;
        try {
            if (from.getValue() == null || to.getValue() == null || eps.getValue() == null || minPoints.getValue() == null) {
                throw new IllegalArgumentException(getTranslation("hotspots.incomplete"));
            }
            sel = TimeOfDay.orAll(timeOfDay.getValue()).selection(from.getValue(), to.getValue(), categories.getValue());
            candidates = detection.clusters(sel, eps.getValue(), minPoints.getValue());
        } catch (IllegalArgumentException invalid) {
            Notices.error(getTranslation("hotspots.invalidRun"));
            return;
        }
        candidateGrid.setItems(candidates);
        List<Feature> outlines = new ArrayList<>();
        for (HotspotDetection.Candidate c : candidates) {
            outlines.add(new Feature(Integer.toString(c.cluster()), c.geometry(), Map.of("tip", getTranslation("hotspots.candidateTip",
                    c.cluster() + 1, c.cases(), listed(c)))));
        }
        layers.candidates().accept(outlines);

        List<HotspotDetection.CellScore> scores = detection.giStar(sel);
        if (cellShapes == null) cellShapes = CellShapes.of(areas);
        List<Feature> cells = new ArrayList<>();
        List<String> hotCells = new ArrayList<>();
        int hot95 = 0, hot99 = 0;
        for (HotspotDetection.CellScore s : scores) {
            String shape = cellShapes.get(Long.toString(s.cellId()));
            if (shape == null) continue;
            if (GiClass.hotAt95(s.z())) {
                hot95++;
                hotCells.add(shape);
            }
            if (GiClass.hotAt99(s.z())) hot99++;
            cells.add(new Feature(Long.toString(s.cellId()), shape, Map.of("class", GiClass.of(s.z()).name(),
                    "tip", s.code() + " · " + getTranslation("hotspots.col.cases") + " " + s.cases() + " · Gi* z = " + String.format(Locale.ROOT, "%.2f", s.z()))));
        }
        layers.cells().accept(cells);

        List<HotspotDetection.DensityCell> surface = detection.density(sel, DetectionDefaults.DENSITY_SQUARE_METRES, DetectionDefaults.DENSITY_BANDWIDTH_METRES);
        double max = DensityBands.peak(surface);
        List<Feature> heat = new ArrayList<>();
        int n = 0;
        for (HotspotDetection.DensityCell d : surface) {
            int band = DensityBands.band(d.perSquareKm(), max);
            if (band == DensityBands.NONE) continue;
            heat.add(new Feature("h" + (n++), d.geometry(), Map.of("band", band)));
        }
        layers.heat().accept(heat);

        long unlisted = candidates.stream().filter(c -> c.listedHotspots().isEmpty()).count();
        runSummary.setText(getTranslation("hotspots.summary", candidates.size(), unlisted, hot95, hot99, String.format(Locale.ROOT, "%.0f", max)));
        judge(sel, hotCells);
        shown.run();
    }

    /** The forecast quality of this run's areas on the period after it: PAI of the candidates, the Gi* cells and the listed hotspots. */
    private void judge(HotspotDetection.Selection sel, List<String> hotCells) {
        Optional<HotspotDetection.Selection> later = ForecastCheck.laterPeriod(sel, testTo.getValue());
        if (later.isEmpty()) {
            pai.setText(getTranslation("hotspots.noTestPeriod"));
            return;
        }
        List<String> listed = ForecastCheck.standingHotspots(register.get(), sel.to());
        double byClusters = detection.predictionAccuracy(candidates.stream().map(HotspotDetection.Candidate::geometry).toList(), later.get());
        double byCells = detection.predictionAccuracy(hotCells, later.get());
        double byListed = detection.predictionAccuracy(listed, later.get());
        pai.setText(getTranslation("hotspots.pai", DATE.format(later.get().from()), DATE.format(later.get().to()), String.format(Locale.ROOT, "%.1f", byClusters),
                String.format(Locale.ROOT, "%.1f", byCells), String.format(Locale.ROOT, "%.1f", byListed)));
    }

    /** Selects the candidate of a cluster's feature id, if this run found it. */
    void select(String clusterId) {
        candidates.stream().filter(c -> Integer.toString(c.cluster()).equals(clusterId)).findFirst().ifPresent(candidateGrid::select);
    }

    /** After a listing: the candidates' listed column again. */
    void refresh() {
        if (!candidates.isEmpty()) candidateGrid.getDataProvider().refreshAll();
    }

    List<HotspotDetection.Candidate> candidates() {
        return candidates;
    }

    String paiText() {
        return pai.getText();
    }
}
