package com.gridcommand.casework.ui;

import com.gridcommand.base.ui.Frames;
import com.gridcommand.base.map.MapScreens;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.basemap.Basemap;
import com.gridcommand.basemap.BasemapLayers;
import com.gridcommand.area.AreaService;
import com.gridcommand.casework.Attachments;
import com.gridcommand.casework.CaseFilter;
import com.gridcommand.casework.CaseListItem;
import com.gridcommand.casework.CaseMapRules;
import com.gridcommand.casework.CaseService;
import com.gridcommand.casework.CaseWorkflowService;
import com.gridcommand.casework.LedgerService;
import com.gridcommand.changefeed.ui.LiveUpdates;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.FeatureLayer;
import org.vaadin.addons.leafletflow.LatLng;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LeafletMap;
import com.gridcommand.prevention.PreventionService;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The case ledger (台帐) of the user's areas beside a map of the same cases. Filters (step, category,
 * area, light, overdue, dates, text) and sorting run in the database, a page at a time. Selecting a row
 * rings the case on the map; clicking a case on the map selects and scrolls to its row; drawing a polygon
 * or circle on the map keeps only the cases inside it. New and changed cases arrive live. The frame holds the
 * header, the map and its listeners and the live updates; the filter bar ({@link CaseFilterBar}), the rows
 * ({@link CaseListGrid}) and the map's tools ({@link CaseMapPane}) are panels of their own.
 */
@Route("cases")
@Menu(order = 2, title = "nav.cases")
@PermitAll
public class CaseListView extends Div implements HasDynamicTitle {

    static final String CASES = "cases";

    private final CaseService cases;
    private final LiveUpdates live;
    private final CaseListGrid grid;
    private final CaseFilterBar filters;
    private final CaseMapPane mapPane;
    private final LeafletMap map;
    private final FeatureLayer caseLayer;
    private final Basemap basemap;
    private final Texts texts;
    private final AreaService areas;
    private final Span total = new Span();

    private Collection<Long> pickedIds;
    private Viewport viewport;
    private Long selectedId;
    private Registration liveRegistration;

    public CaseListView(CaseService cases, CaseWorkflowService workflow, AreaService areas, PreventionService prevention,
                        Attachments limits, LedgerService ledgers, CurrentUser current, LiveUpdates live, Clock clock,
                        BasemapLayers basemapLayers, MapScreens screens) {
        this.cases = cases;
        this.texts = new Texts(com.vaadin.flow.component.UI.getCurrent(), clock);
        this.areas = areas;
        this.live = live;
        addClassNames("gc-page", "gc-case-list-page");

        H2 heading = new H2(getTranslation("nav.cases"));
        total.setId("case-total");
        Div header = new Div(heading, total);
        header.addClassName("gc-list-header");
        if (current.has(Role.COMMAND, Role.DISPATCHER, Role.GRID_WORKER, Role.ADMIN)) {
            Button register = new Button(getTranslation("intake.title"), VaadinIcon.PLUS.create(), e ->
                    new IntakeDialog(workflow, areas, prevention, limits, null, null, this::openCase).open());
            register.setId("case-register");
            register.addThemeVariants(ButtonVariant.PRIMARY);
            header.add(register);
        }
        Button export = new Button(getTranslation("ledger.title"), VaadinIcon.DOWNLOAD.create(), e -> new LedgerDialog(ledgers, areas, clock).open());
        export.setId("ledger-open");
        header.add(export);

        filters = new CaseFilterBar(areas, this::refresh, this::clearPick);
        add(header, filters);

        grid = new CaseListGrid(cases, clock.getZone(), this::filter, n -> total.setText(getTranslation("cases.total", String.valueOf(n))));
        grid.addSelectionListener(e -> selected(e.getFirstSelectedItem(), e.isFromClient()));

        map = screens.create(texts, "case-map", Optional.empty(), 4, 19);
        map.setSizeFull();
        basemap = new Basemap(map, basemapLayers, texts, java.util.EnumSet.of(Basemap.Part.ROADS, Basemap.Part.TOWNSHIPS,
                Basemap.Part.COMMUNITIES, Basemap.Part.NAMES));
        caseLayer = map.addLayer(caseLayerDefinition());
        map.addMoveListener(e -> {
            viewport = MapScreens.padded(e.view());
            loadMap();
        });
        map.addFeatureClickListener(e -> {
            if (!e.isKnown() || !CASES.equals(e.layerId())) return;
            try {
                selectFromMap(Long.parseLong(e.featureId()));
            } catch (NumberFormatException ignored) {
                // not one of ours
            }
        });
        map.addShapeDrawnListener(e -> pick(e.isCircle()
                ? cases.idsWithin(e.centre().lng(), e.centre().lat(), CaseMapRules.pickRadius(e.radiusMetres()))
                : cases.idsInside(e.polygonGeoJson())));
        mapPane = new CaseMapPane(map, this::clearPick);

        add(Frames.sideBySide(grid, mapPane, 58));
    }

    private LayerDefinition caseLayerDefinition() {
        return CaseLayers.withClosed(texts, CASES, getTranslation("layer.listCases"), 80, 40, 15);
    }

    /** The filter as the controls, the map pick and the list's order say. */
    CaseFilter filter() {
        return filters.query().filter(pickedIds, grid.order());
    }

    private void refresh() {
        grid.refresh();
        loadMap();
    }

    private void pick(List<Long> ids) {
        pickedIds = List.copyOf(ids);
        mapPane.showPicked(ids.size());
        refresh();
    }

    private void clearPick() {
        map.cancelDrawing();
        map.clearDrawing();
        pickedIds = null;
        mapPane.showPicked(null);
        refresh();
    }

    private void loadMap() {
        if (viewport == null) return;
        basemap.show(viewport);
        List<GeoFeature> loaded = cases.inView(filter(), viewport);
        mapPane.showTooMany(CaseMapRules.tooMany(loaded.size()), CaseService.MAP_LIMIT);
        loaded = CaseMapRules.drawn(loaded);
        List<Feature> features = new ArrayList<>(loaded.size());
        for (GeoFeature f : loaded) {
            var p = new java.util.LinkedHashMap<String, Object>();
            p.put("severity", f.properties().get("severity"));
            p.put("light", f.properties().get("light"));
            p.put("tip", f.properties().get("code") + " " + f.properties().get("title") + " · " + getTranslation("case.step." + f.properties().get("step")));
            features.add(new Feature(f.id(), f.geometry(), p));
        }
        caseLayer.setFeatures(features);
        if (selectedId != null) map.highlight(CASES, Long.toString(selectedId));
    }

    private void selected(Optional<CaseListItem> item, boolean byUser) {
        selectedId = item.map(CaseListItem::id).orElse(null);
        if (item.isEmpty()) map.clearHighlight();
        else if (byUser) showOnMap(item.get());
    }

    /** A row was chosen: ring its case on the map, bringing it into view if needed. */
    private void showOnMap(CaseListItem item) {
        if (viewport != null && viewport.bbox().contains(item.lon(), item.lat())
                && caseLayer.features().containsKey(Long.toString(item.id()))) {
            map.highlight(CASES, Long.toString(item.id()));
        } else {
            // The move loads the case's surroundings; the ring follows once it is drawn.
            map.setView(new LatLng(item.lat(), item.lon()), CaseMapRules.focusZoom(viewport == null ? null : viewport.zoom()));
        }
    }

    /** A case was clicked on the map: select its row and scroll the list to it. */
    private void selectFromMap(long id) {
        selectedId = id;
        map.highlight(CASES, Long.toString(id));
        grid.selectCase(id);
    }

    private void openCase(long id) {
        getUI().ifPresent(ui -> ui.navigate(CaseDetailView.class, new RouteParameters("id", Long.toString(id))));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        // Once the map has its size in the page: the user's areas.
        MapScreens.fit(map, areas.extentInScope(), 15);
        liveRegistration = live.register(event.getUI(), batch -> {
            if (batch.reloadAll() || !batch.of(CaseService.CHANGES).isEmpty()) refresh();
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (liveRegistration != null) liveRegistration.remove();
        super.onDetach(event);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.cases") + " · " + getTranslation("app.title");
    }
}
