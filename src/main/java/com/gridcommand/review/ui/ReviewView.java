package com.gridcommand.review.ui;

import com.gridcommand.base.map.MapScreens;
import com.gridcommand.base.ui.TrendChart;
import org.vaadin.addons.leafletflow.LatLngBounds;
import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaService;
import com.gridcommand.casework.AreaReview;
import com.gridcommand.casework.AreaReview.Level;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.FeatureLayer;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LeafletMap;
import org.vaadin.addons.leafletflow.Style;
import org.vaadin.addons.leafletflow.StyleRule;
import com.gridcommand.review.LeadersReview;
import com.gridcommand.review.ReviewFiles;
import com.gridcommand.security.CurrentUser;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 考评: a month's casework, response, patrol presence and hotspot progress per township, community or grid cell of
 * the leader's areas — a choropleth of one chosen measure, the ranked table with the score's parts, the trend of
 * the chosen area over twelve months, and the review as XLSX or PDF. Clicking a township or community (on the map
 * or in the table) drills down to the areas inside it.
 */
@Route("review")
@Menu(order = 2.8, title = "nav.review")
@RolesAllowed({"LEADER", "COMMAND", "ADMIN"})
public class ReviewView extends Div implements HasDynamicTitle {

    static final String AREAS = "review-areas";
    /** Light to dark: the darker, the more a leader should look at the area. */
    static final String[] BANDS = {"#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704"};

    /** What the choropleth shows; {@code higherIsBetter} turns the colours round so dark is always "look here". */
    enum Measure {
        CASES_PER_HOUSEHOLDS(false, l -> l.figures().casesPerThousandHouseholds()),
        CASES(false, l -> (double) l.row().cases()),
        CLOSURE(true, l -> l.row().cases() == 0 ? null : l.row().closureRate() * 100),
        ON_TIME(true, l -> l.row().cases() == 0 ? null : l.row().onTimeRate() * 100),
        HANDLING_P90(false, l -> l.row().handlingHoursP90()),
        RESPONSE_P90(false, l -> l.figures().responseP90Minutes()),
        OVERDUE(false, l -> (double) l.row().overdueNow()),
        PATROL_DAY(true, l -> l.figures().patrolDayShare() == null ? null : l.figures().patrolDayShare() * 100),
        PATROL_NIGHT(true, l -> l.figures().patrolNightShare() == null ? null : l.figures().patrolNightShare() * 100),
        SCORE(true, l -> l.ranked() == null ? null : l.ranked().score());

        final boolean higherIsBetter;
        final Function<LeadersReview.Line, Double> value;

        Measure(boolean higherIsBetter, Function<LeadersReview.Line, Double> value) {
            this.higherIsBetter = higherIsBetter;
            this.value = value;
        }
    }

    private final LeadersReview reviews;
    private final AreaService areas;
    private final CurrentUser current;
    private final Clock clock;

    private final Select<YearMonth> month = new Select<>();
    private final Select<Level> level = new Select<>();
    private final Select<Measure> measure = new Select<>();
    private final Div crumbs = new Div();
    private final Div legend = new Div();
    private final LeafletMap map;
    private final FeatureLayer areaLayer;
    private final Grid<LeadersReview.Line> table = new Grid<>();
    private final TrendChart chart = new TrendChart();
    private final Span status = new Span();
    private final NumberField closureWeight = weightField("review-w-closure", "review.weight.closure");
    private final NumberField onTimeWeight = weightField("review-w-ontime", "review.weight.onTime");
    private final NumberField speedWeight = weightField("review-w-speed", "review.weight.speed");
    private final NumberField overdueWeight = weightField("review-w-overdue", "review.weight.overdue");
    private final Paragraph formula = new Paragraph();

    private Level shownLevel = Level.TOWNSHIP;
    private Long parentId;
    /** The township whose communities or (through a community) cells are shown, for the way back. */
    private Long townshipId;
    private String townshipName;
    private LeadersReview.Review review;
    private LeadersReview.Line selected;
    private boolean fitOnLoad = true;
    private final Map<Level, List<GeoFeature>> shapesByLevel = new java.util.EnumMap<>(Level.class);

    public ReviewView(LeadersReview reviews, AreaService areas, CurrentUser current, Clock clock, MapScreens screens) {
        this.reviews = reviews;
        this.areas = areas;
        this.current = current;
        this.clock = clock;
        addClassNames("gc-page", "gc-review-page");

        YearMonth now = YearMonth.now(clock.withZone(LeadersReview.CHINA));
        List<YearMonth> months = new ArrayList<>();
        for (int i = 0; i < 13; i++) months.add(now.minusMonths(i));
        month.setLabel(getTranslation("review.month"));
        month.setId("review-month");
        month.setItems(months);
        // The month in progress says so: its figures are so far, not the month's.
        month.setItemLabelGenerator(m -> m.equals(now)
                ? getTranslation("review.monthLabel.current", String.valueOf(m.getYear()), String.valueOf(m.getMonthValue()),
                        String.valueOf(java.time.LocalDate.now(clock.withZone(LeadersReview.CHINA)).getDayOfMonth()))
                : getTranslation("review.monthLabel", String.valueOf(m.getYear()), String.valueOf(m.getMonthValue())));
        month.setValue(now.minusMonths(1));
        level.setLabel(getTranslation("review.level"));
        level.setId("review-level");
        level.setItems(Level.values());
        level.setItemLabelGenerator(l -> getTranslation("review.level." + l));
        level.setValue(Level.TOWNSHIP);
        measure.setLabel(getTranslation("review.measure"));
        measure.setId("review-measure");
        measure.setItems(Measure.values());
        measure.setItemLabelGenerator(m -> getTranslation("review.measure." + m));
        measure.setValue(Measure.ON_TIME);
        month.addValueChangeListener(e -> load());
        level.addValueChangeListener(e -> {
            if (e.isFromClient()) show(e.getValue(), null, null, null);
        });
        measure.addValueChangeListener(e -> paint());

        Anchor xlsx = download(ReviewFiles.Format.XLSX, "review-xlsx");
        Anchor pdf = download(ReviewFiles.Format.PDF, "review-pdf");
        crumbs.setId("review-crumbs");
        crumbs.addClassName("gc-review-crumbs");
        status.setId("review-status");
        status.addClassName("gc-review-status");
        Div header = new Div(new H2(getTranslation("nav.review")), month, level, measure, xlsx, pdf);
        header.addClassName("gc-list-header");
        add(header, new Div(crumbs, status));

        map = screens.create(new com.gridcommand.base.i18n.Texts(com.vaadin.flow.component.UI.getCurrent(), clock), "review-map",
                Optional.empty(), 4, 18);
        map.setSizeFull();
        areaLayer = map.addLayer(choropleth());
        map.addFeatureClickListener(e -> {
            if (!e.isKnown() || !AREAS.equals(e.layerId()) || review == null) return;
            lineOf(Long.parseLong(e.featureId())).ifPresent(this::open);
        });
        legend.setId("review-legend");
        legend.addClassName("gc-review-legend");
        Div mapPane = new Div(map, legend);
        mapPane.addClassName("gc-review-map-pane");

        table.setId("review-table");
        table.addThemeVariants(GridVariant.ROW_STRIPES, GridVariant.LUMO_COMPACT);
        columns();
        table.addSelectionListener(e -> {
            if (!e.isFromClient()) return;
            selected = e.getFirstSelectedItem().orElse(null);
            if (selected != null) map.highlight(AREAS, Long.toString(selected.row().areaId()));
            else map.clearHighlight();
            trend();
        });
        table.setItemDetailsRenderer(new ComponentRenderer<>(this::scoreParts));
        chart.setId("review-trend");
        chart.setHeight("220px");
        chart.setWidthFull();
        Details weights = new Details(getTranslation("review.weights"), weightsForm());
        weights.setId("review-weights");
        Div side = new Div(table, chart, weights);
        side.addClassName("gc-review-side");
        SplitLayout split = new SplitLayout(mapPane, side);
        split.setSplitterPosition(45);
        split.addClassName("gc-case-split");
        split.setSizeFull();
        add(split);
    }

    private LayerDefinition choropleth() {
        var layer = LayerDefinition.layer(AREAS, getTranslation("review.layer")).order(20)
                .style(Style.area("#374151", 1, "#e5e7eb", 0.75)).tooltip("tip");
        for (int b = 0; b < BANDS.length; b++) layer.rule(StyleRule.when("band", b, Style.only().withFill(BANDS[b], 0.8)));
        return layer.build();
    }

    private void columns() {
        // Rank and name stay in view while the figures scroll sideways; the drill-down stays at the right edge.
        table.addColumn(l -> l.rank() == 0 ? "—" : Integer.toString(l.rank())).setHeader(getTranslation("review.col.rank"))
                .setAutoWidth(true).setFlexGrow(0).setKey("rank").setFrozen(true);
        table.addColumn(new ComponentRenderer<>(l -> {
            Span name = new Span(l.row().name());
            if (l.rank() >= 1 && l.rank() <= 10 && shownLevel == Level.COMMUNITY) {
                Span best = new Span(getTranslation("review.tenBest"));
                best.addClassName("gc-ten-best");
                return new Span(name, best);
            }
            return name;
        })).setHeader(getTranslation("review.col.area")).setAutoWidth(true).setFlexGrow(0).setKey("area").setFrozen(true);
        table.addColumn(l -> l.row().cases()).setHeader(getTranslation("review.col.cases")).setAutoWidth(true).setKey("cases");
        table.addColumn(l -> number(l.figures().casesPerThousandHouseholds())).setHeader(getTranslation("review.col.perHouseholds")).setAutoWidth(true);
        table.addColumn(l -> l.row().cases() == 0 ? "—" : percent(l.row().closureRate())).setHeader(getTranslation("review.col.closure"))
                .setAutoWidth(true).setKey("closure");
        table.addColumn(l -> l.row().cases() == 0 ? "—" : percent(l.row().onTimeRate())).setHeader(getTranslation("review.col.onTime"))
                .setAutoWidth(true).setKey("onTime");
        table.addColumn(l -> number(l.row().handlingHoursMedian()) + " / " + number(l.row().handlingHoursP90()))
                .setHeader(getTranslation("review.col.handling")).setAutoWidth(true);
        table.addColumn(l -> number(l.figures().responseMedianMinutes()) + " / " + number(l.figures().responseP90Minutes()))
                .setHeader(getTranslation("review.col.response")).setAutoWidth(true);
        table.addColumn(l -> l.row().overdueNow()).setHeader(getTranslation("review.col.overdue")).setAutoWidth(true);
        table.addColumn(l -> share(l.figures().patrolDayShare()) + " / " + share(l.figures().patrolNightShare()))
                .setHeader(getTranslation("review.col.patrol")).setAutoWidth(true);
        table.addColumn(l -> l.figures().hotspotsActive() + " / " + l.figures().hotspotsDelisted())
                .setHeader(getTranslation("review.col.hotspots")).setAutoWidth(true);
        table.addColumn(l -> l.ranked() == null ? "—" : String.format(Locale.ROOT, "%.1f", l.ranked().score()))
                .setHeader(getTranslation("review.col.score")).setAutoWidth(true).setKey("score");
        table.addColumn(new ComponentRenderer<>(l -> {
            if (shownLevel == Level.GRID_CELL) return new Span();
            Button down = new Button(getTranslation("review.drill"), VaadinIcon.ANGLE_DOUBLE_DOWN.create(), e -> open(l));
            down.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
            down.addClassName("gc-review-drill");
            return down;
        })).setAutoWidth(true).setFlexGrow(0).setKey("drill").setFrozenToEnd(true);
    }

    /** The score of one area, part by part, as the formula computes it. */
    private Div scoreParts(LeadersReview.Line l) {
        Div parts = new Div();
        parts.addClassName("gc-score-parts");
        if (l.ranked() == null) {
            parts.add(new Span(getTranslation("review.notRanked")));
            return parts;
        }
        AreaReview.Weights w = review.weights();
        double total = w.closure() + w.onTime() + w.speed() + w.overdue();
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

    private Div weightsForm() {
        AreaReview.Weights d = AreaReview.Weights.DEFAULT;
        closureWeight.setValue(d.closure());
        onTimeWeight.setValue(d.onTime());
        speedWeight.setValue(d.speed());
        overdueWeight.setValue(d.overdue());
        for (NumberField f : List.of(closureWeight, onTimeWeight, speedWeight, overdueWeight)) f.addValueChangeListener(e -> load());
        formula.setId("review-formula");
        formula.addClassName("gc-review-formula");
        Div form = new Div(closureWeight, onTimeWeight, speedWeight, overdueWeight, formula);
        form.addClassName("gc-review-weights");
        return form;
    }

    private NumberField weightField(String id, String key) {
        NumberField f = new NumberField(getTranslation(key));
        f.setId(id);
        f.setMin(0);
        f.setMax(1);
        f.setStep(0.05);
        f.setStepButtonsVisible(true);
        f.setWidth("9em");
        return f;
    }

    /** The weights as typed; the defaults when they do not make a score (empty, negative or all zero), said so. */
    private AreaReview.Weights weights() {
        try {
            return new AreaReview.Weights(value(closureWeight), value(onTimeWeight), value(speedWeight), value(overdueWeight));
        } catch (IllegalArgumentException invalid) {
            status.setText(getTranslation("review.weightsInvalid"));
            return AreaReview.Weights.DEFAULT;
        }
    }

    private static double value(NumberField f) {
        Double v = f.getValue();
        if (v == null || v < 0 || v > 1) throw new IllegalArgumentException("weight out of range");
        return v;
    }

    private Anchor download(ReviewFiles.Format format, String id) {
        String madeBy = current.actor();
        Anchor a = new Anchor((DownloadHandler) event -> {
            LeadersReview.Review shown = review;
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

    // ------------------------------------------------------------------ what is shown

    /** Drills into an area: a township shows its communities, a community its cells; a cell is selected. */
    private void open(LeadersReview.Line line) {
        long id = line.row().areaId();
        switch (shownLevel) {
            case TOWNSHIP -> show(Level.COMMUNITY, id, id, line.row().name());
            case COMMUNITY -> show(Level.GRID_CELL, id, townshipId, townshipName);
            case GRID_CELL -> {
                selected = line;
                table.select(line);
                map.highlight(AREAS, Long.toString(id));
                trend();
            }
        }
    }

    private void show(Level newLevel, Long parent, Long township, String township_name) {
        shownLevel = newLevel;
        parentId = parent;
        townshipId = township;
        townshipName = township_name;
        selected = null;
        fitOnLoad = true;
        level.setValue(newLevel);
        load();
    }

    private void load() {
        if (month.getValue() == null) return;
        status.setText("");
        review = reviews.review(shownLevel, month.getValue(), parentId, weights());
        formula.setText(ReviewFiles.weights(review.weights()));
        List<LeadersReview.Line> lines = review.ranked();
        if (selected != null) selected = lineOf(selected.row().areaId()).orElse(null);
        table.setItems(lines);
        if (selected != null) table.select(selected);
        crumbs();
        paint();
        trend();
    }

    private Optional<LeadersReview.Line> lineOf(long areaId) {
        return review.lines().stream().filter(l -> l.row().areaId() == areaId).findFirst();
    }

    private void crumbs() {
        crumbs.removeAll();
        Button city = new Button(getTranslation("review.allAreas"), e -> show(Level.TOWNSHIP, null, null, null));
        city.setId("review-crumb-top");
        crumbs.add(city);
        if (townshipId != null) {
            Button township = new Button(townshipName, e -> show(Level.COMMUNITY, townshipId, townshipId, townshipName));
            township.setId("review-crumb-township");
            crumbs.add(new Span("›"), township);
        }
        if (shownLevel == Level.GRID_CELL && parentId != null) {
            Span community = new Span(review.parentName());
            community.setId("review-crumb-community");
            crumbs.add(new Span("›"), community);
        }
        crumbs.getChildren().filter(c -> c instanceof Button).forEach(c -> ((Button) c).addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY));
        crumbs.add(new Span(" · " + getTranslation("review.level." + shownLevel) + " " + review.lines().size()));
    }

    /** Colours the areas by the chosen measure in five quantile classes; the legend says each class's range. */
    private void paint() {
        if (review == null) return;
        Measure m = measure.getValue();
        List<Double> values = review.lines().stream().map(m.value).filter(v -> v != null).sorted().toList();
        double[] breaks = new double[BANDS.length - 1];
        for (int i = 0; i < breaks.length; i++) breaks[i] = values.isEmpty() ? 0 : values.get((int) Math.floor((i + 1) * values.size() / (double) BANDS.length));
        Map<Long, LeadersReview.Line> byId = new HashMap<>();
        for (LeadersReview.Line l : review.lines()) byId.put(l.row().areaId(), l);
        List<GeoFeature> shapes = shapes(shownLevel);
        List<Feature> features = new ArrayList<>();
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (GeoFeature shape : shapes) {
            LeadersReview.Line line = byId.get(Long.parseLong(shape.id()));
            if (line == null) continue;
            Double v = m.value.apply(line);
            Map<String, Object> p = new LinkedHashMap<>();
            if (v != null) {
                int band = band(v, breaks);
                p.put("band", m.higherIsBetter ? BANDS.length - 1 - band : band);
            }
            p.put("tip", line.row().name() + " · " + getTranslation("review.measure." + m) + " " + (v == null ? "—" : String.format(Locale.ROOT, "%.1f", v)));
            features.add(new Feature(shape.id(), shape.geometry(), p));
            extend(box, shape.geometry());
        }
        areaLayer.setFeatures(features);
        if (selected != null) map.highlight(AREAS, Long.toString(selected.row().areaId()));
        if (fitOnLoad && box[0] <= box[2]) {
            map.fitBounds(LatLngBounds.of(box[1], box[0], box[3], box[2]), 16);
            fitOnLoad = false;
        }
        legend(m, values, breaks);
    }

    private void legend(Measure m, List<Double> values, double[] breaks) {
        legend.removeAll();
        legend.add(new Span(getTranslation("review.measure." + m)));
        if (values.isEmpty()) {
            legend.add(new Span(getTranslation("review.noValues")));
            return;
        }
        if (values.size() < review.lines().size()) {
            Span swatch = new Span();
            swatch.addClassName("gc-swatch");
            swatch.getStyle().set("background", "#e5e7eb");
            Div row = new Div(swatch, new Span(getTranslation("review.noValue")));
            row.addClassName("gc-legend-row");
            legend.add(row);
        }
        for (int b = 0; b < BANDS.length; b++) {
            double from = b == 0 ? values.getFirst() : breaks[b - 1];
            double to = b == breaks.length ? values.getLast() : breaks[b];
            int band = b;
            if (values.stream().noneMatch(v -> band(v, breaks) == band)) continue; // a class no value falls into
            Span swatch = new Span();
            swatch.addClassName("gc-swatch");
            swatch.getStyle().set("background", BANDS[m.higherIsBetter ? BANDS.length - 1 - b : b]);
            // A class of one value says the value, not a range from it to itself.
            String fromText = String.format(Locale.ROOT, "%.1f", from), toText = String.format(Locale.ROOT, "%.1f", to);
            Span range = new Span(fromText.equals(toText) ? fromText : fromText + " – " + toText);
            Div row = new Div(swatch, range);
            row.addClassName("gc-legend-row");
            legend.add(row);
        }
    }

    /** The class of a value: how many class breaks it is above (a value equal to a break stays below it). */
    static int band(double v, double[] breaks) {
        int band = 0;
        for (double b : breaks) if (v > b) band++;
        return band;
    }

    /**
     * The outlines of a level's areas in the user's scope, read once per level: a month, a measure or a drill-down
     * only recolours or filters them.
     */
    private List<GeoFeature> shapes(Level level) {
        return shapesByLevel.computeIfAbsent(level, l -> areas.extentInScope().map(extent -> areas.inView(areaLevel(l), new Viewport(extent,
                switch (l) {
                    case TOWNSHIP -> 11;
                    case COMMUNITY -> 12;
                    case GRID_CELL -> 14;
                }))).orElse(List.of()));
    }

    private static void extend(double[] box, String geometry) {
        Matcher m = COORDINATE.matcher(geometry);
        while (m.find()) {
            double x = Double.parseDouble(m.group(1)), y = Double.parseDouble(m.group(2));
            box[0] = Math.min(box[0], x);
            box[1] = Math.min(box[1], y);
            box[2] = Math.max(box[2], x);
            box[3] = Math.max(box[3], y);
        }
    }

    private static final Pattern COORDINATE = Pattern.compile("\\[(-?[0-9.]+),(-?[0-9.]+)\\]");

    /** Twelve months up to the chosen one, of the selected area or of all that is shown. */
    private void trend() {
        if (month.getValue() == null) return;
        String title;
        List<LeadersReview.MonthPoint> points;
        if (selected != null) {
            title = selected.row().name();
            points = reviews.trend(shownLevel, selected.row().areaId(), month.getValue(), 12);
        } else if (shownLevel == Level.COMMUNITY && townshipId != null) {
            // Drilled into a township: its own trend, not the whole city's.
            title = townshipName;
            points = reviews.trend(Level.TOWNSHIP, townshipId, month.getValue(), 12);
        } else if (shownLevel == Level.GRID_CELL && parentId != null) {
            title = review.parentName();
            points = reviews.trend(Level.COMMUNITY, parentId, month.getValue(), 12);
        } else {
            title = getTranslation("review.allAreas");
            points = reviews.trend(Level.TOWNSHIP, null, month.getValue(), 12);
        }
        List<String> labels = points.stream().map(p -> p.month().toString()).toList();
        chart.setData(getTranslation("review.trendTitle", title), labels, List.of(
                new TrendChart.Series(getTranslation("review.col.cases"), points.stream().map(p -> (double) p.cases()).toList(), "#9ca3af", false),
                new TrendChart.Series(getTranslation("review.col.closure"),
                        points.stream().map(p -> p.cases() == 0 ? null : 100 * p.closureRate()).toList(), "#2563eb", true),
                new TrendChart.Series(getTranslation("review.col.onTime"),
                        points.stream().map(p -> p.cases() == 0 ? null : 100 * p.onTimeRate()).toList(), "#16a34a", true)));
    }

    private static AreaLevel areaLevel(Level level) {
        return AreaLevel.valueOf(level.name());
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String share(Double share) {
        return share == null ? "—" : percent(share);
    }

    private static String number(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** The rows as shown, best first (for tests). */
    List<LeadersReview.Line> shownLines() {
        return review == null ? List.of() : review.ranked();
    }

    Level shownLevel() {
        return shownLevel;
    }

    TrendChart chart() {
        return chart;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        fitOnLoad = true;
        // After every part (the map too) has been set up in the browser.
        event.getUI().beforeClientResponse(this, context -> {
            if (review == null) load();
            else paint();
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.review") + " · " + getTranslation("app.title");
    }
}
