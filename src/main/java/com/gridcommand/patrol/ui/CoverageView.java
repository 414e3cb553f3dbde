package com.gridcommand.patrol.ui;

import com.gridcommand.base.ui.Frames;
import com.gridcommand.area.AreaService;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.base.map.MapScreens;
import com.gridcommand.basemap.Basemap;
import com.gridcommand.basemap.BasemapLayers;
import com.gridcommand.hotspot.HotspotRegister;
import com.gridcommand.patrol.CoverageCheck;
import com.gridcommand.patrol.PatrolCompliance;
import com.gridcommand.patrol.PatrolHalf;
import com.gridcommand.patrol.PatrolPresence;
import com.gridcommand.patrol.PatrolService;
import com.gridcommand.prevention.CameraCoverage;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.FeatureLayer;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LeafletMap;
import org.vaadin.addons.leafletflow.LegendEntry;
import org.vaadin.addons.leafletflow.Style;
import org.vaadin.addons.leafletflow.StyleRule;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 巡防与覆盖: are the patrols where and when they were planned, and where is nobody looking. For a day: each planned
 * patrol's compliance (share of the route within N metres of the team's track, on schedule or not, time inside
 * hotspots) and each active hotspot's dosage that night against the Koper target. For the last N days: grid cells
 * and hotspots without patrol presence by day or by night, drawn on the map. Cameras: view sectors, the share of
 * each hotspot they see, its blind part, and the key places no camera sees. The frame: the check's fields, the map,
 * its layers and listeners, and the tabs ({@link CompliancePanel}, {@link DosagePanel}, {@link GapsPanel},
 * {@link CamerasPanel}) that show what a check found.
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

    private final PatrolCompliance compliance;
    private final PatrolPresence presence;
    private final CameraCoverage cameras;
    private final HotspotRegister register;
    private final AreaService areas;

    final DatePicker day = new DatePicker();
    final IntegerField metres = new IntegerField();
    final IntegerField days = new IntegerField();
    final Select<PatrolHalf> half = new Select<>();
    private final LeafletMap map;
    private final FeatureLayer sectorLayer;
    private final CompliancePanel compliancePanel;
    private final DosagePanel dosagePanel;
    private final GapsPanel gapsPanel;
    private final CamerasPanel camerasPanel;

    public CoverageView(PatrolCompliance compliance, PatrolPresence presence, PatrolService patrols, CameraCoverage cameras,
                        HotspotRegister register, AreaService areas, Clock clock, BasemapLayers basemapLayers,
                        MapScreens screens) {
        this.compliance = compliance;
        this.presence = presence;
        this.cameras = cameras;
        this.register = register;
        this.areas = areas;
        addClassNames("gc-page", "gc-coverage-page");

        LocalDate today = LocalDate.now(clock);
        day.setLabel(getTranslation("coverage.day"));
        day.setId("coverage-day");
        day.setValue(CoverageCheck.initialDay(today));
        day.setMax(today);
        Frames.integer(metres, getTranslation("coverage.metres"), "coverage-metres", CoverageCheck.METRES,
                CoverageCheck.METRES_MIN, CoverageCheck.METRES_MAX);
        Frames.integer(days, getTranslation("coverage.days"), "coverage-days", CoverageCheck.DAYS,
                CoverageCheck.DAYS_MIN, CoverageCheck.DAYS_MAX);
        half.setLabel(getTranslation("coverage.half"));
        half.setId("coverage-half");
        half.setItems(PatrolHalf.values());
        half.setItemLabelGenerator(h -> getTranslation("coverage.half." + h));
        half.setValue(PatrolHalf.NIGHT);
        half.addValueChangeListener(e -> drawGaps());
        Button check = new Button(getTranslation("coverage.check"), VaadinIcon.CHECK.create(), e -> check());
        check.setId("coverage-check");
        check.addThemeVariants(ButtonVariant.PRIMARY);
        Div bar = new Div(day, metres, days, half, check);
        bar.addClassName("gc-filter-bar");
        Div header = new Div(new H2(getTranslation("nav.coverage")), bar);
        header.addClassName("gc-list-header");
        add(header);

        Texts t = new Texts(UI.getCurrent(), clock);
        map = screens.create(t, "coverage-map", Optional.empty(), 4, 19);
        map.setSizeFull();
        Basemap basemap = new Basemap(map, basemapLayers, t, Basemap.all());
        map.addMoveListener(e -> {
            basemap.show(MapScreens.padded(e.view()));
        });
        Style gap = Style.area("#b91c1c", 0.8, "#ef4444", 0.35);
        FeatureLayer gapLayer = map.addLayer(LayerDefinition.layer(GAPS, getTranslation("coverage.layer.gaps")).order(10).style(gap).tooltip("tip")
                .legend(getTranslation("coverage.layer.gaps"), gap, LegendEntry.Shape.POLYGON).build());
        Style sector = Style.area("#0369a1", 0.6, "#38bdf8", 0.25);
        Style offline = Style.area("#6b7280", 0.6, "#9ca3af", 0.15).dashed("3 3");
        sectorLayer = map.addLayer(LayerDefinition.layer(SECTORS, getTranslation("coverage.layer.sectors")).order(20).zoomRange(CoverageCheck.SECTOR_MIN_ZOOM, null)
                .zoomHint(getTranslation("coverage.zoomIn")).style(sector).rule(StyleRule.when("online", false, offline)).tooltip("tip")
                .legend(getTranslation("coverage.sectorOnline"), sector, LegendEntry.Shape.POLYGON)
                .legend(getTranslation("coverage.sectorOffline"), offline, LegendEntry.Shape.POLYGON).build());
        Style blind = Style.area("#7c2d12", 1.5, "#f97316", 0.45).dashed("2 3");
        FeatureLayer blindLayer = map.addLayer(LayerDefinition.layer(BLIND, getTranslation("coverage.layer.blind")).order(30).style(blind).tooltip("tip")
                .legend(getTranslation("coverage.layer.blind"), blind, LegendEntry.Shape.POLYGON).build());
        Style ok = Style.stroke("#15803d", 4);
        Style late = Style.stroke("#dc2626", 4).dashed("8 6");
        FeatureLayer routeLayer = map.addLayer(LayerDefinition.layer(ROUTES, getTranslation("coverage.layer.routes")).order(40)
                .style(Style.stroke("#6b7280", 3)).rule(StyleRule.when("onSchedule", true, ok)).rule(StyleRule.when("onSchedule", false, late))
                .tooltip("tip").legend(getTranslation("coverage.onSchedule"), ok, LegendEntry.Shape.LINE)
                .legend(getTranslation("coverage.offSchedule"), late, LegendEntry.Shape.LINE)
                .legend(getTranslation("coverage.notPlanned"), Style.stroke("#6b7280", 3), LegendEntry.Shape.LINE).build());
        Style unseen = Style.point("#7c3aed", 6);
        FeatureLayer unseenLayer = map.addLayer(LayerDefinition.layer(UNSEEN, getTranslation("coverage.layer.unseen")).order(50).style(unseen).tooltip("tip")
                .legend(getTranslation("coverage.layer.unseen"), unseen, LegendEntry.Shape.POINT).build());
        map.addMoveListener(e -> drawSectors(e.view().west(), e.view().south(), e.view().east(), e.view().north(), e.view().zoom()));

        compliancePanel = new CompliancePanel(patrols, clock, id -> map.highlight(ROUTES, id), routeLayer::setFeatures);
        dosagePanel = new DosagePanel(presence);
        gapsPanel = new GapsPanel(areas, gapLayer::setFeatures);
        camerasPanel = new CamerasPanel(cameras, id -> map.highlight(BLIND, id), blindLayer::setFeatures, unseenLayer::setFeatures);
        TabSheet tabs = new TabSheet();
        tabs.setId("coverage-tabs");
        tabs.add(getTranslation("coverage.tab.compliance"), compliancePanel);
        tabs.add(getTranslation("coverage.tab.dosage"), dosagePanel);
        tabs.add(getTranslation("coverage.tab.gaps"), gapsPanel);
        tabs.add(getTranslation("coverage.tab.cameras"), camerasPanel);
        tabs.setSizeFull();
        add(Frames.sideBySide(map, tabs, 50));
    }

    /** Compliance of the chosen day, that night's dosage, the gaps of the last N days and the cameras, all at once. */
    void check() {
        if (day.getValue() == null || metres.getValue() == null || days.getValue() == null || metres.isInvalid() || days.isInvalid()) return;
        LocalDate d = day.getValue();
        compliancePanel.show(compliance.planned(d, metres.getValue()), areas.extentInScope());

        // The night that starts on the chosen day, against the Koper target.
        CoverageCheck.Window night = CoverageCheck.night(d);
        List<PatrolPresence.Dosage> dosages = new ArrayList<>();
        List<HotspotRegister.Entry> entries = register.entries();
        for (HotspotRegister.Entry h : entries) {
            if (!"DELISTED".equals(h.status())) dosages.add(presence.dosage(h.code(), night.start(), night.end()));
        }
        dosagePanel.show(dosages);

        gapsPanel.update(presence.presence(CoverageCheck.firstDay(d, days.getValue()), d), entries);
        drawGaps();
        camerasPanel.draw();
    }

    private void drawGaps() {
        gapsPanel.draw(half.getValue(), days.getValue());
    }

    private void drawSectors(double west, double south, double east, double north, int zoom) {
        if (zoom < CoverageCheck.SECTOR_MIN_ZOOM) {
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
