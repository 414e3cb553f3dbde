package com.gridcommand.hotspot.ui;

import com.gridcommand.base.ui.Frames;
import com.gridcommand.area.AreaService;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.base.map.MapScreens;
import com.gridcommand.basemap.Basemap;
import com.gridcommand.basemap.BasemapLayers;
import com.gridcommand.hotspot.DensityBands;
import com.gridcommand.hotspot.GiClass;
import com.gridcommand.hotspot.HotspotDetection;
import com.gridcommand.hotspot.HotspotRegister;
import com.gridcommand.hotspot.HotspotTrends;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.vaadin.addons.leafletflow.FeatureLayer;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LeafletMap;
import org.vaadin.addons.leafletflow.LegendEntry;
import org.vaadin.addons.leafletflow.Style;
import org.vaadin.addons.leafletflow.StyleRule;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * 重点地区: the hotspot register on the map (status, trend and before/after beside each, reviews, reshaping and
 * listing by drawing) and detection from the cases of a period, categories and time of day — density clusters
 * (candidates against the listed hotspots, one action to list one), Getis-Ord Gi* per grid cell, a kernel density
 * surface computed in PostGIS and drawn on canvas, and each run's forecast quality (PAI) on the period after it.
 * The frame: the map, its layers and listeners, and the register and detection tabs ({@link RegisterPanel},
 * {@link DetectionPanel}) with the listing dialog they open.
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

    /** What the next drawn polygon is for: a new listing, or the selected hotspot's new outline. */
    enum Drawing { NONE, NEW, RESHAPE }

    private final HotspotRegister register;
    private final AreaService areas;
    private final LeafletMap map;
    private final TabSheet tabs = new TabSheet();
    private final RegisterPanel registerPanel;
    private final DetectionPanel detectionPanel;
    private Drawing drawing = Drawing.NONE;

    public HotspotsView(HotspotRegister register, HotspotTrends trends, HotspotDetection detection, AreaService areas,
                        HotspotLayerSource hotspotSource, CurrentUser current, Clock clock, BasemapLayers basemapLayers,
                        MapScreens screens) {
        this.register = register;
        this.areas = areas;
        boolean mayChange = current.has(Role.LEADER, Role.ADMIN);
        addClassNames("gc-page", "gc-hotspots-page");

        Texts t = new Texts(UI.getCurrent(), clock);
        map = screens.create(t, "hotspot-map", Optional.empty(), 4, 19);
        map.setSizeFull();
        FeatureLayer heatLayer = map.addLayer(heatDefinition());
        // The city's roads, outlines and names under the analysis: a leader finds the place, not only the shape.
        Basemap basemap = new Basemap(map, basemapLayers, t, Basemap.all());
        map.addMoveListener(e -> {
            basemap.show(MapScreens.padded(e.view()));
        });
        FeatureLayer giLayer = map.addLayer(giDefinition());
        // The register drawn as on the command map: the same layer, from the hotspot feature's own source.
        FeatureLayer hotspotLayer = map.addLayer(hotspotSource.definition(t));
        Style candidate = Style.area("#7e22ce", 2.5, "#a855f7", 0.12).dashed("6 4");
        FeatureLayer candidateLayer = map.addLayer(LayerDefinition.layer(CANDIDATES, getTranslation("hotspots.layer.candidates")).order(50)
                .style(candidate).tooltip("tip").legend(getTranslation("hotspots.layer.candidates"), candidate, LegendEntry.Shape.POLYGON).build());

        registerPanel = new RegisterPanel(register, trends, clock, mayChange, id -> map.highlight(HOTSPOTS, id), map::clearHighlight,
                this::startDrawing, hotspotLayer::setFeatures);
        detectionPanel = new DetectionPanel(detection, areas, clock, mayChange, registerPanel::entries, this::openListing,
                id -> map.highlight(CANDIDATES, id),
                new DetectionPanel.Layers(candidateLayer::setFeatures, giLayer::setFeatures, heatLayer::setFeatures),
                () -> tabs.setSelectedIndex(1));
        Div header = new Div(new H2(getTranslation("nav.hotspots")), detectionPanel.controls());
        header.addClassName("gc-list-header");
        add(header);

        map.addFeatureClickListener(e -> {
            if (!e.isKnown()) return;
            if (HOTSPOTS.equals(e.layerId())) {
                registerPanel.entry(Long.parseLong(e.featureId())).ifPresent(h -> {
                    tabs.setSelectedIndex(0);
                    registerPanel.select(h);
                    registerPanel.show(h);
                });
            } else if (CANDIDATES.equals(e.layerId())) {
                tabs.setSelectedIndex(1);
                detectionPanel.select(e.featureId());
            }
        });
        map.addShapeDrawnListener(e -> {
            if (e.isCircle()) return;
            Drawing purpose = drawing;
            drawing = Drawing.NONE;
            map.clearDrawing();
            if (purpose == Drawing.NEW) openListing(e.polygonGeoJson(), "");
            else if (purpose == Drawing.RESHAPE) registerPanel.selected().ifPresent(h -> registerPanel.reshape(h, e.polygonGeoJson()));
        });

        tabs.setId("hotspot-tabs");
        tabs.add(getTranslation("hotspots.tab.register"), registerPanel);
        tabs.add(getTranslation("hotspots.tab.detection"), detectionPanel);
        tabs.setSizeFull();
        add(Frames.sideBySide(map, tabs, 52));
    }

    private void startDrawing(Drawing purpose) {
        drawing = purpose;
        map.startDrawing(LeafletMap.DrawMode.POLYGON);
    }

    /** 挂牌 of an outline: once listed, the new hotspot is selected in the register and the candidates say so. */
    private void openListing(String geoJson, String suggestedName) {
        new ListingDialog(register, geoJson, suggestedName, id -> {
            registerPanel.load();
            registerPanel.entry(id).ifPresent(h -> {
                tabs.setSelectedIndex(0);
                registerPanel.select(h);
                Notices.done(getTranslation("hotspots.listed", h.code()));
            });
            detectionPanel.refresh();
        }).open();
    }

    // ------------------------------------------------------------------ layers

    private LayerDefinition giDefinition() {
        var layer = LayerDefinition.layer(GI, getTranslation("hotspots.layer.gi")).order(15).hidden().style(Style.area("#9ca3af", 0.5, "#ffffff", 0))
                .tooltip("tip");
        for (GiClass c : GiClass.shown()) {
            Style s = Style.area("#6b7280", 0.5, c.colour, 0.45);
            layer.rule(StyleRule.when("class", c.name(), s)).legend("Gi* " + c.range, s, LegendEntry.Shape.POLYGON);
        }
        return layer.build();
    }

    private LayerDefinition heatDefinition() {
        List<String> colours = DensityBands.COLOURS;
        var layer = LayerDefinition.layer(HEAT, getTranslation("hotspots.layer.heat")).order(5).notInteractive()
                .style(Style.area(colours.getFirst(), 0, colours.getFirst(), 0.5).withWeight(0));
        for (int b = 0; b < colours.size(); b++) {
            Style s = Style.area(colours.get(b), 0, colours.get(b), DensityBands.opacity(b)).withWeight(0);
            layer.rule(StyleRule.when("band", b, s)).legend(getTranslation("hotspots.heat.band" + b), s, LegendEntry.Shape.POLYGON);
        }
        return layer.build();
    }

    /** The candidates of the last run (for tests). */
    List<HotspotDetection.Candidate> candidates() {
        return detectionPanel.candidates();
    }

    String paiText() {
        return detectionPanel.paiText();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().beforeClientResponse(this, context -> {
            registerPanel.load();
            MapScreens.fit(map, areas.extentInScope(), 15);
        });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.hotspots") + " · " + getTranslation("app.title");
    }
}
