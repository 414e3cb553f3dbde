package com.gridcommand.patrol.ui;

import java.util.Optional;
import com.gridcommand.base.map.MapScreens;
import com.gridcommand.basemap.CellShapes;
import com.gridcommand.area.AreaService;
import com.gridcommand.basemap.Basemap;
import com.gridcommand.basemap.BasemapLayers;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.hotspot.HotspotRegister;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.FeatureLayer;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LeafletMap;
import org.vaadin.addons.leafletflow.LegendEntry;
import org.vaadin.addons.leafletflow.Style;
import org.vaadin.addons.leafletflow.StyleRule;
import com.gridcommand.patrol.PatrolCompliance;
import com.gridcommand.patrol.PatrolPresence;
import com.gridcommand.patrol.PatrolRouteDetails;
import com.gridcommand.patrol.PatrolService;
import com.gridcommand.prevention.CameraCoverage;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * 巡防与覆盖: are the patrols where and when they were planned, and where is nobody looking. For a day: each planned
 * patrol's compliance (share of the route within N metres of the team's track, on schedule or not, time inside
 * hotspots) and each active hotspot's dosage that night against the Koper target. For the last N days: grid cells
 * and hotspots without patrol presence by day or by night, drawn on the map. Cameras: view sectors, the share of
 * each hotspot they see, its blind part, and the key places no camera sees.
 */
@Route("coverage")
@Menu(order = 2.75, title = "nav.coverage")
@RolesAllowed({"LEADER", "COMMAND", "ADMIN"})
public class CoverageView extends Div implements HasDynamicTitle {

    static final String ROUTES = "routes";
    static final String GAPS = "gaps";
    static final String SECTORS = "sectors";
    static final String BLIND = "blind";
    static final String UNSEEN = "unseen";
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");

    private final PatrolCompliance compliance;
    private final PatrolPresence presence;
    private final PatrolService patrols;
    private final CameraCoverage cameras;
    private final HotspotRegister register;
    private final AreaService areas;
    private final Clock clock;

    final DatePicker day = new DatePicker();
    final IntegerField metres = new IntegerField();
    final IntegerField days = new IntegerField();
    final Select<String> half = new Select<>();
    private final LeafletMap map;
    private final FeatureLayer routeLayer;
    private final FeatureLayer gapLayer;
    private final FeatureLayer sectorLayer;
    private final FeatureLayer blindLayer;
    private final FeatureLayer unseenLayer;
    private final Grid<PatrolCompliance.Result> complianceGrid = new Grid<>();
    private final Grid<PatrolPresence.Dosage> dosageGrid = new Grid<>();
    private final Grid<CameraCoverage.HotspotCoverage> cameraGrid = new Grid<>();
    private final Paragraph gapSummary = new Paragraph();
    private final Paragraph cameraSummary = new Paragraph();
    private final Map<Long, PatrolRouteDetails> routes = new HashMap<>();
    private List<PatrolPresence.Presence> lastPresence = List.of();
    /** The register as the last check read it (dosage and gaps both use it). */
    private List<HotspotRegister.Entry> entries = List.of();
    /** Grid cell outlines for the gaps: read once, switching day and night only recolours. */
    private Map<String, String> cellShapes;

    public CoverageView(PatrolCompliance compliance, PatrolPresence presence, PatrolService patrols, CameraCoverage cameras,
                        HotspotRegister register, AreaService areas, Clock clock, BasemapLayers basemapLayers,
                        MapScreens screens) {
        this.compliance = compliance;
        this.presence = presence;
        this.patrols = patrols;
        this.cameras = cameras;
        this.register = register;
        this.areas = areas;
        this.clock = clock;
        addClassNames("gc-page", "gc-coverage-page");

        LocalDate today = LocalDate.now(clock);
        day.setLabel(getTranslation("coverage.day"));
        day.setId("coverage-day");
        day.setValue(today.minusDays(1));
        day.setMax(today);
        metres.setLabel(getTranslation("coverage.metres"));
        metres.setId("coverage-metres");
        metres.setValue(50);
        metres.setMin(5);
        metres.setMax(500);
        days.setLabel(getTranslation("coverage.days"));
        days.setId("coverage-days");
        days.setValue(7);
        days.setMin(1);
        days.setMax(90);
        half.setLabel(getTranslation("coverage.half"));
        half.setId("coverage-half");
        half.setItems("NIGHT", "DAY");
        half.setItemLabelGenerator(h -> getTranslation("coverage.half." + h));
        half.setValue("NIGHT");
        half.addValueChangeListener(e -> drawGaps());
        Button check = new Button(getTranslation("coverage.check"), VaadinIcon.CHECK.create(), e -> check());
        check.setId("coverage-check");
        check.addThemeVariants(ButtonVariant.PRIMARY);
        Div bar = new Div(day, metres, days, half, check);
        bar.addClassName("gc-filter-bar");
        Div header = new Div(new H2(getTranslation("nav.coverage")), bar);
        header.addClassName("gc-list-header");
        add(header);

        map = screens.create(new com.gridcommand.base.i18n.Texts(com.vaadin.flow.component.UI.getCurrent(), clock), "coverage-map",
                Optional.empty(), 4, 19);
        map.setSizeFull();
        Basemap basemap = new Basemap(map, basemapLayers, new com.gridcommand.base.i18n.Texts(com.vaadin.flow.component.UI.getCurrent(), clock),
                Basemap.all());
        map.addMoveListener(e -> {
            basemap.show(MapScreens.padded(e.view()));
        });
        Style gap = Style.area("#b91c1c", 0.8, "#ef4444", 0.35);
        gapLayer = map.addLayer(LayerDefinition.layer(GAPS, getTranslation("coverage.layer.gaps")).order(10).style(gap).tooltip("tip")
                .legend(getTranslation("coverage.layer.gaps"), gap, LegendEntry.Shape.POLYGON).build());
        Style sector = Style.area("#0369a1", 0.6, "#38bdf8", 0.25);
        Style offline = Style.area("#6b7280", 0.6, "#9ca3af", 0.15).dashed("3 3");
        sectorLayer = map.addLayer(LayerDefinition.layer(SECTORS, getTranslation("coverage.layer.sectors")).order(20).zoomRange(13, null)
                .zoomHint(getTranslation("coverage.zoomIn")).style(sector).rule(StyleRule.when("online", false, offline)).tooltip("tip")
                .legend(getTranslation("coverage.sectorOnline"), sector, LegendEntry.Shape.POLYGON)
                .legend(getTranslation("coverage.sectorOffline"), offline, LegendEntry.Shape.POLYGON).build());
        Style blind = Style.area("#7c2d12", 1.5, "#f97316", 0.45).dashed("2 3");
        blindLayer = map.addLayer(LayerDefinition.layer(BLIND, getTranslation("coverage.layer.blind")).order(30).style(blind).tooltip("tip")
                .legend(getTranslation("coverage.layer.blind"), blind, LegendEntry.Shape.POLYGON).build());
        Style ok = Style.stroke("#15803d", 4);
        Style late = Style.stroke("#dc2626", 4).dashed("8 6");
        routeLayer = map.addLayer(LayerDefinition.layer(ROUTES, getTranslation("coverage.layer.routes")).order(40)
                .style(Style.stroke("#6b7280", 3)).rule(StyleRule.when("onSchedule", true, ok)).rule(StyleRule.when("onSchedule", false, late))
                .tooltip("tip").legend(getTranslation("coverage.onSchedule"), ok, LegendEntry.Shape.LINE)
                .legend(getTranslation("coverage.offSchedule"), late, LegendEntry.Shape.LINE)
                .legend(getTranslation("coverage.notPlanned"), Style.stroke("#6b7280", 3), LegendEntry.Shape.LINE).build());
        Style unseen = Style.point("#7c3aed", 6);
        unseenLayer = map.addLayer(LayerDefinition.layer(UNSEEN, getTranslation("coverage.layer.unseen")).order(50).style(unseen).tooltip("tip")
                .legend(getTranslation("coverage.layer.unseen"), unseen, LegendEntry.Shape.POINT).build());
        map.addMoveListener(e -> drawSectors(e.view().west(), e.view().south(), e.view().east(), e.view().north(), e.view().zoom()));

        TabSheet tabs = new TabSheet();
        tabs.setId("coverage-tabs");
        tabs.add(getTranslation("coverage.tab.compliance"), compliancePane());
        tabs.add(getTranslation("coverage.tab.dosage"), dosagePane());
        tabs.add(getTranslation("coverage.tab.gaps"), gapSummary);
        tabs.add(getTranslation("coverage.tab.cameras"), cameraPane());
        tabs.setSizeFull();
        gapSummary.setId("coverage-gaps");
        SplitLayout split = new SplitLayout(map, tabs);
        split.setSplitterPosition(50);
        split.addClassName("gc-case-split");
        split.setSizeFull();
        add(split);
    }

    private Div compliancePane() {
        complianceGrid.setId("coverage-compliance");
        // Long route names and hotspot times wrap instead of being cut off.
        complianceGrid.addThemeVariants(GridVariant.ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        complianceGrid.addColumn(r -> route(r.routeId()).map(d -> d.code() + " " + d.name()).orElse("#" + r.routeId()))
                .setHeader(getTranslation("coverage.col.route")).setFlexGrow(2).setWidth("12em");
        complianceGrid.addColumn(r -> route(r.routeId()).map(PatrolRouteDetails::team).orElse("")).setHeader(getTranslation("coverage.col.team"))
                .setAutoWidth(true);
        complianceGrid.addColumn(r -> HOURS.format(r.windowStart().atZoneSameInstant(clock.getZone())) + "–"
                + HOURS.format(r.windowEnd().atZoneSameInstant(clock.getZone()))).setHeader(getTranslation("coverage.col.window")).setAutoWidth(true);
        complianceGrid.addColumn(r -> String.format(Locale.ROOT, "%.0f%%", 100 * r.coverage())).setHeader(getTranslation("coverage.col.coverage"))
                .setAutoWidth(true).setKey("coverage");
        complianceGrid.addColumn(r -> getTranslation(r.onSchedule() ? "coverage.yes" : "coverage.no")).setHeader(getTranslation("coverage.col.onSchedule"))
                .setAutoWidth(true).setKey("onSchedule");
        complianceGrid.addColumn(r -> r.hotspots().stream().filter(h -> !h.inside().isZero())
                        .map(h -> h.code() + " " + h.inside().toMinutes() + getTranslation("coverage.minutes")).collect(Collectors.joining("，")))
                .setHeader(getTranslation("coverage.col.hotspots")).setFlexGrow(2);
        complianceGrid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(r -> map.highlight(ROUTES, Long.toString(r.routeId()))));
        Div pane = new Div(new Paragraph(getTranslation("coverage.complianceHint")), complianceGrid);
        pane.addClassName("gc-hotspot-pane");
        return pane;
    }

    private Div dosagePane() {
        dosageGrid.setId("coverage-dosage");
        dosageGrid.addThemeVariants(GridVariant.ROW_STRIPES, GridVariant.LUMO_COMPACT);
        dosageGrid.addColumn(PatrolPresence.Dosage::hotspot).setHeader(getTranslation("coverage.col.hotspot")).setAutoWidth(true);
        dosageGrid.addColumn(d -> d.visits().size()).setHeader(getTranslation("coverage.col.visits")).setAutoWidth(true);
        dosageGrid.addColumn(d -> d.inside().toMinutes()).setHeader(getTranslation("coverage.col.minutes")).setAutoWidth(true);
        dosageGrid.addColumn(PatrolPresence.Dosage::koperStops).setHeader(getTranslation("coverage.col.koperStops")).setAutoWidth(true);
        dosageGrid.addColumn(d -> hours(d.longestWait())).setHeader(getTranslation("coverage.col.longestWait")).setAutoWidth(true);
        dosageGrid.addColumn(d -> getTranslation(d.meetsTarget() ? "coverage.yes" : "coverage.no")).setHeader(getTranslation("coverage.col.target"))
                .setAutoWidth(true).setKey("target");
        Div pane = new Div(new Paragraph(getTranslation("coverage.dosageHint", presence.koperStop().toMinutes(),
                String.format(Locale.ROOT, "%.1f", presence.koperEvery().toMinutes() / 60.0).replace(".0", ""))), dosageGrid);
        pane.addClassName("gc-hotspot-pane");
        return pane;
    }

    private Div cameraPane() {
        cameraSummary.setId("coverage-cameras");
        cameraGrid.setId("coverage-camera-grid");
        cameraGrid.addThemeVariants(GridVariant.ROW_STRIPES, GridVariant.LUMO_COMPACT);
        cameraGrid.addColumn(c -> c.code() + " " + c.name()).setHeader(getTranslation("coverage.col.hotspot")).setFlexGrow(2);
        cameraGrid.addColumn(c -> String.format(Locale.ROOT, "%.0f%%", 100 * c.share())).setHeader(getTranslation("coverage.col.seen"))
                .setAutoWidth(true).setKey("seen");
        cameraGrid.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(c -> {
            if (c.blindSpot() != null) map.highlight(BLIND, Long.toString(c.hotspotId()));
        }));
        Div pane = new Div(cameraSummary, cameraGrid);
        pane.addClassName("gc-hotspot-pane");
        return pane;
    }

    private java.util.Optional<PatrolRouteDetails> route(long id) {
        return java.util.Optional.ofNullable(routes.computeIfAbsent(id, k -> patrols.details(k).orElse(null)));
    }

    private static String hours(Duration d) {
        return String.format(Locale.ROOT, "%d:%02d", d.toHours(), d.toMinutesPart());
    }

    /** Compliance of the chosen day, that night's dosage, the gaps of the last N days and the cameras, all at once. */
    void check() {
        if (day.getValue() == null || metres.getValue() == null || days.getValue() == null || metres.isInvalid() || days.isInvalid()) return;
        LocalDate d = day.getValue();
        List<PatrolCompliance.Result> results = compliance.planned(d, metres.getValue());
        complianceGrid.setItems(results);
        Map<Long, PatrolCompliance.Result> byRoute = new HashMap<>();
        for (PatrolCompliance.Result r : results) {
            PatrolCompliance.Result before = byRoute.get(r.routeId());
            if (before == null || (before.onSchedule() && !r.onSchedule())) byRoute.put(r.routeId(), r); // the worst window shows
        }
        Bbox extent = areas.extentInScope().orElse(null);
        if (extent != null) {
            List<Feature> lines = new ArrayList<>();
            for (GeoFeature f : patrols.inView(new Viewport(extent, 15))) {
                Map<String, Object> p = new LinkedHashMap<>();
                PatrolCompliance.Result r = byRoute.get(Long.parseLong(f.id()));
                if (r != null) p.put("onSchedule", r.onSchedule());
                p.put("tip", f.properties().get("code") + " " + f.properties().get("name")
                        + (r == null ? " · " + getTranslation("coverage.notPlanned") : String.format(Locale.ROOT, " · %.0f%%", 100 * r.coverage())));
                lines.add(new Feature(f.id(), f.geometry(), p));
            }
            routeLayer.setFeatures(lines);
        }

        // The night that starts on the chosen day, against the Koper target.
        OffsetDateTime nightStart = d.atTime(PatrolPresence.NIGHT_STARTS).atZone(PatrolPresence.CHINA).toOffsetDateTime();
        OffsetDateTime nightEnd = d.plusDays(1).atTime(PatrolPresence.DAY_STARTS).atZone(PatrolPresence.CHINA).toOffsetDateTime();
        List<PatrolPresence.Dosage> dosages = new ArrayList<>();
        entries = register.entries();
        for (HotspotRegister.Entry h : entries) {
            if (!"DELISTED".equals(h.status())) dosages.add(presence.dosage(h.code(), nightStart, nightEnd));
        }
        dosageGrid.setItems(dosages);

        lastPresence = presence.presence(d.minusDays(days.getValue() - 1L), d);
        drawGaps();
        drawCameras();
    }

    private void drawGaps() {
        if (lastPresence.isEmpty()) return;
        boolean night = "NIGHT".equals(half.getValue());
        if (cellShapes == null) cellShapes = CellShapes.of(areas);
        Map<String, String> hotspotShapes = new HashMap<>();
        for (HotspotRegister.Entry h : entries) hotspotShapes.put(Long.toString(h.id()), h.geometry());
        List<Feature> features = new ArrayList<>();
        int cells = 0, cellGaps = 0, hotspots = 0, hotspotGaps = 0;
        List<String> hotspotNames = new ArrayList<>();
        for (PatrolPresence.Presence p : lastPresence) {
            boolean present = night ? p.night() : p.day();
            boolean cell = "CELL".equals(p.kind());
            String shape = (cell ? cellShapes : hotspotShapes).get(Long.toString(p.id()));
            if (shape == null) continue; // outside the user's areas
            if (cell) cells++;
            else hotspots++;
            if (present) continue;
            if (cell) cellGaps++;
            else {
                hotspotGaps++;
                hotspotNames.add(p.code());
            }
            features.add(new Feature(p.kind() + p.id(), shape, Map.of("tip", p.code() + " · " + getTranslation("coverage.noPresence." + half.getValue()))));
        }
        gapLayer.setFeatures(features);
        gapSummary.setText(getTranslation("coverage.gapSummary", days.getValue(), getTranslation("coverage.half." + half.getValue()),
                cellGaps, cells, hotspotGaps, hotspots, hotspotNames.isEmpty() ? "—" : String.join("、", hotspotNames)));
    }

    private void drawCameras() {
        List<CameraCoverage.HotspotCoverage> seen = cameras.hotspots();
        cameraGrid.setItems(seen);
        List<Feature> blind = new ArrayList<>();
        for (CameraCoverage.HotspotCoverage c : seen) {
            if (c.blindSpot() == null) continue;
            blind.add(new Feature(Long.toString(c.hotspotId()), c.blindSpot(), Map.of("tip", c.code() + " " + c.name() + " · "
                    + getTranslation("coverage.blindTip", String.format(Locale.ROOT, "%.0f%%", 100 * (1 - c.share()))))));
        }
        blindLayer.setFeatures(blind);
        List<CameraCoverage.UnseenPlace> unseen = cameras.unseenKeyPlacesWithPlace();
        unseenLayer.setFeatures(unseen.stream().map(u -> new Feature(u.code(), "{\"type\":\"Point\",\"coordinates\":["
                + u.lon() + "," + u.lat() + "]}", Map.of("tip", u.code() + " " + u.name() + " · " + getTranslation("coverage.unseenTip")))).toList());
        double mean = seen.stream().mapToDouble(CameraCoverage.HotspotCoverage::share).average().orElse(0);
        cameraSummary.setText(getTranslation("coverage.cameraSummary", seen.size(), String.format(Locale.ROOT, "%.0f%%", 100 * mean), unseen.size()));
    }

    private void drawSectors(double west, double south, double east, double north, int zoom) {
        if (zoom < 13) {
            sectorLayer.clear();
            return;
        }
        sectorLayer.setFeatures(cameras.sectors(west, south, east, north).stream().map(s -> new Feature(Long.toString(s.cameraId()), s.geometry(),
                Map.of("online", s.online(), "tip", s.code() + " " + s.name()))).toList());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().beforeClientResponse(this, context -> {
            check();
            MapScreens.fit(map, areas.extentInScope(), 15);
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.coverage") + " · " + getTranslation("app.title");
    }
}
