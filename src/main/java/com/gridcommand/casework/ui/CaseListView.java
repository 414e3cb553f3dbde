package com.gridcommand.casework.ui;

import com.gridcommand.base.map.MapScreens;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.basemap.Basemap;
import com.gridcommand.basemap.BasemapLayers;
import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaService;
import com.gridcommand.area.AreaSummary;
import com.gridcommand.casework.Attachments;
import com.gridcommand.casework.CaseFilter;
import com.gridcommand.casework.CaseListItem;
import com.gridcommand.casework.CaseService;
import com.gridcommand.casework.CaseStep;
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
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The case ledger (台帐) of the user's areas beside a map of the same cases. Filters (step, category,
 * area, light, overdue, dates, text) and sorting run in the database, a page at a time. Selecting a row
 * rings the case on the map; clicking a case on the map selects and scrolls to its row; drawing a polygon
 * or circle on the map keeps only the cases inside it. New and changed cases arrive live.
 */
@Route("cases")
@Menu(order = 2, title = "nav.cases")
@PermitAll
public class CaseListView extends Div implements HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final String CASES = "cases";

    private final CaseService cases;
    private final LiveUpdates live;
    private final Grid<CaseListItem> grid = new Grid<>();
    private final LeafletMap map;
    private final FeatureLayer caseLayer;
    private final Basemap basemap;
    private final Texts texts;
    private final AreaService areas;
    private final Span total = new Span();
    private final Span picked = new Span();
    private final Span mapNotice = new Span();
    private final Clock clock;

    private final TextField text = new TextField();
    private final MultiSelectComboBox<CaseStep> steps = new MultiSelectComboBox<>();
    private final MultiSelectComboBox<String> categories = new MultiSelectComboBox<>();
    private final ComboBox<AreaSummary> area = new ComboBox<>();
    private final Select<String> light = new Select<>();
    private final Checkbox overdue = new Checkbox();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();

    private Collection<Long> pickedIds;
    private CaseFilter.Sort sort = CaseFilter.Sort.REPORTED;
    private boolean descending = true;
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
        this.clock = clock;
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

        add(header, filters());

        grid.setId("case-list");
        grid.addThemeVariants(GridVariant.ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(new ComponentRenderer<>(c -> Lights.badge(this, c.light()))).setHeader(getTranslation("field.light"))
                .setAutoWidth(true).setFlexGrow(0).setKey("light");
        grid.addColumn(CaseListItem::code).setHeader(getTranslation("field.code")).setAutoWidth(true).setFlexGrow(0)
                .setSortProperty(CaseFilter.Sort.CODE.name()).setKey("code");
        grid.addColumn(CaseListItem::title).setHeader(getTranslation("field.title")).setFlexGrow(2).setKey("title");
        grid.addColumn(c -> getTranslation("case.category." + c.category())).setHeader(getTranslation("field.category")).setAutoWidth(true);
        grid.addColumn(c -> getTranslation("case.severity." + c.severity())).setHeader(getTranslation("field.severity")).setAutoWidth(true)
                .setSortProperty(CaseFilter.Sort.SEVERITY.name());
        grid.addColumn(c -> getTranslation("case.step." + c.step())).setHeader(getTranslation("field.step")).setAutoWidth(true)
                .setSortProperty(CaseFilter.Sort.STEP.name()).setKey("step");
        grid.addColumn(c -> TIME.format(c.reportedAt().atZoneSameInstant(clock.getZone()))).setHeader(getTranslation("field.reportedAt"))
                .setAutoWidth(true).setSortProperty(CaseFilter.Sort.REPORTED.name()).setKey("reported");
        grid.addColumn(new ComponentRenderer<>(c -> {
            Span deadline = new Span(c.deadline() == null ? "" : TIME.format(c.deadline().atZoneSameInstant(clock.getZone())));
            if (c.overdue()) {
                deadline.addClassName("gc-overdue");
                deadline.setTitle(getTranslation("field.overdue"));
            }
            return deadline;
        })).setHeader(getTranslation("field.deadline")).setAutoWidth(true).setSortProperty(CaseFilter.Sort.DEADLINE.name());
        grid.addColumn(c -> c.township() + " · " + c.community() + " · " + c.gridCell()).setHeader(getTranslation("field.cell")).setFlexGrow(2);
        grid.setMultiSort(false);
        grid.sort(List.of(new GridSortOrder<>(grid.getColumnByKey("reported"), SortDirection.DESCENDING)));
        grid.setItemDetailsRenderer(new ComponentRenderer<>(c -> {
            Paragraph description = new Paragraph(c.description());
            description.addClassName("gc-case-description");
            RouterLink open = new RouterLink(getTranslation("case.open"), CaseDetailView.class, new RouteParameters("id", Long.toString(c.id())));
            open.addClassName("gc-open-case");
            return new Div(description, open);
        }));
        var data = grid.setItems(query -> {
            readSort(query.getSortOrders());
            return cases.list(filter(), query.getOffset(), query.getLimit()).stream();
        }, query -> {
            readSort(query.getSortOrders());
            int n = cases.count(filter());
            total.setText(getTranslation("cases.total", String.valueOf(n)));
            return n;
        });
        data.setIdentifierProvider(CaseListItem::id);
        grid.addSelectionListener(e -> selected(e.getFirstSelectedItem(), e.isFromClient()));
        grid.setSizeFull();

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
                ? cases.idsWithin(e.centre().lng(), e.centre().lat(), Math.max(1, e.radiusMetres()))
                : cases.idsInside(e.polygonGeoJson())));
        mapNotice.setId("case-map-notice");
        mapNotice.addClassName("gc-notice");
        mapNotice.setVisible(false);
        Div mapPane = new Div(drawTools(), mapNotice, map);
        mapPane.addClassName("gc-case-map-pane");

        SplitLayout split = new SplitLayout(grid, mapPane);
        split.setSplitterPosition(58);
        split.addClassName("gc-case-split");
        split.setSizeFull();
        add(split);
    }

    private LayerDefinition caseLayerDefinition() {
        return CaseLayers.withClosed(texts, CASES, getTranslation("layer.listCases"), 80, 40, 15);
    }

    private Div filters() {
        text.setPlaceholder(getTranslation("filter.text"));
        text.setWidth("15em");
        steps.setWidth("11em");
        categories.setWidth("11em");
        area.setWidth("12em");
        light.setWidth("7em");
        from.setWidth("9.5em");
        to.setWidth("9.5em");
        text.setId("filter-text");
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setPrefixComponent(VaadinIcon.SEARCH.create());
        steps.setLabel(getTranslation("field.step"));
        steps.setId("filter-step");
        steps.setItems(CaseStep.values());
        steps.setItemLabelGenerator(s -> getTranslation("case.step." + s));
        categories.setLabel(getTranslation("field.category"));
        categories.setId("filter-category");
        categories.setItems(new TreeSet<>(CaseService.CATEGORIES));
        categories.setItemLabelGenerator(c -> getTranslation("case.category." + c));
        area.setLabel(getTranslation("filter.area"));
        area.setId("filter-area");
        area.setClearButtonVisible(true);
        List<AreaSummary> choices = new ArrayList<>();
        for (AreaLevel level : AreaLevel.values()) choices.addAll(areas.list(level));
        area.setItems((item, filterText) -> item.name().contains(filterText) || item.code().startsWith(filterText), choices);
        area.setItemLabelGenerator(a -> a.name() + " · " + getTranslation("area.level." + a.level()));
        light.setLabel(getTranslation("field.light"));
        light.setId("filter-light");
        light.setItems("", "GREEN", "YELLOW", "RED");
        light.setItemLabelGenerator(l -> l.isEmpty() ? getTranslation("filter.any") : getTranslation("light." + l));
        light.setValue("");
        overdue.setLabel(getTranslation("filter.overdue"));
        overdue.setId("filter-overdue");
        from.setLabel(getTranslation("filter.from"));
        from.setId("filter-from");
        to.setLabel(getTranslation("filter.to"));
        to.setId("filter-to");
        from.addValueChangeListener(e -> to.setMin(e.getValue()));
        text.addValueChangeListener(e -> refresh());
        steps.addValueChangeListener(e -> refresh());
        categories.addValueChangeListener(e -> refresh());
        area.addValueChangeListener(e -> refresh());
        light.addValueChangeListener(e -> refresh());
        overdue.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        Button reset = new Button(getTranslation("filter.reset"), e -> {
            text.clear();
            steps.clear();
            categories.clear();
            area.clear();
            light.setValue("");
            overdue.clear();
            from.clear();
            to.clear();
            clearPick();
        });
        reset.addThemeVariants(ButtonVariant.TERTIARY);
        reset.setId("filter-reset");
        Div bar = new Div(text, steps, categories, area, light, from, to, overdue, reset);
        bar.addClassName("gc-filter-bar");
        return bar;
    }

    private Div drawTools() {
        Button polygon = new Button(getTranslation("select.polygon"), VaadinIcon.STAR_O.create(), e -> map.startDrawing(LeafletMap.DrawMode.POLYGON));
        polygon.setId("select-polygon");
        Button circle = new Button(getTranslation("select.circle"), VaadinIcon.CIRCLE_THIN.create(), e -> map.startDrawing(LeafletMap.DrawMode.CIRCLE));
        circle.setId("select-circle");
        Button clear = new Button(getTranslation("select.clear"), e -> clearPick());
        clear.setId("select-clear");
        Stream.of(polygon, circle, clear).forEach(b -> b.addThemeVariants(ButtonVariant.SMALL));
        picked.setId("select-info");
        picked.addClassName("gc-pick-info");
        Div tools = new Div(polygon, circle, clear, picked);
        tools.addClassName("gc-draw-tools");
        return tools;
    }

    /** The filter as the controls and the map pick say. */
    CaseFilter filter() {
        Set<CaseStep> chosenSteps = steps.getValue().isEmpty() ? Set.of() : EnumSet.copyOf(steps.getValue());
        AreaSummary a = area.getValue();
        return new CaseFilter(chosenSteps, Set.copyOf(categories.getValue()), a == null ? null : a.code(), overdue.getValue(),
                light.getValue() == null || light.getValue().isEmpty() ? null : light.getValue(), from.getValue(), to.getValue(),
                text.getValue(), pickedIds, sort, descending);
    }

    private void readSort(List<QuerySortOrder> orders) {
        if (orders.isEmpty()) {
            sort = CaseFilter.Sort.REPORTED;
            descending = true;
            return;
        }
        sort = CaseFilter.Sort.valueOf(orders.getFirst().getSorted());
        descending = orders.getFirst().getDirection() == SortDirection.DESCENDING;
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
        loadMap();
    }

    private void pick(List<Long> ids) {
        pickedIds = List.copyOf(ids);
        picked.setText(getTranslation("select.count", ids.size()));
        refresh();
    }

    private void clearPick() {
        map.cancelDrawing();
        map.clearDrawing();
        pickedIds = null;
        picked.setText("");
        refresh();
    }

    private void loadMap() {
        if (viewport == null) return;
        basemap.show(viewport);
        List<GeoFeature> loaded = cases.inView(filter(), viewport);
        boolean tooMany = loaded.size() > CaseService.MAP_LIMIT;
        if (tooMany) loaded = loaded.subList(0, CaseService.MAP_LIMIT);
        mapNotice.setText(tooMany ? getTranslation("panel.tooMany", CaseService.MAP_LIMIT) : "");
        mapNotice.setVisible(tooMany);
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
            map.setView(new LatLng(item.lat(), item.lon()), Math.max(15, viewport == null ? 15 : viewport.zoom()));
        }
    }

    /** A case was clicked on the map: select its row and scroll the list to it. */
    private void selectFromMap(long id) {
        selectedId = id;
        map.highlight(CASES, Long.toString(id));
        cases.indexOf(filter(), id).ifPresent(index -> {
            grid.scrollToIndex(index);
            cases.list(filter(), index, 1).stream().findFirst().ifPresent(grid::select);
        });
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
