package com.gridcommand.map;

import com.gridcommand.base.map.MapScreens;
import com.gridcommand.base.map.MapLayerSource;
import com.gridcommand.area.AreaService;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.casework.CaseCounts;
import com.gridcommand.casework.Attachments;
import com.gridcommand.casework.CaseService;
import com.gridcommand.casework.CaseWorkflowService;
import com.gridcommand.casework.SupervisionService;
import com.gridcommand.casework.ui.IntakeDialog;
import com.gridcommand.changefeed.ChangeTopic;
import com.gridcommand.changefeed.ui.LiveUpdates;
import com.gridcommand.prevention.PreventionService;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.gridcommand.dispatch.ResponderService;
import com.gridcommand.geo.Bbox;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.hotspot.HotspotService;
import org.vaadin.addons.leafletflow.FeatureLayer;
import org.vaadin.addons.leafletflow.LeafletMap;
import org.vaadin.addons.leafletflow.MapView;
import org.vaadin.addons.leafletflow.Feature;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import com.vaadin.flow.shared.Registration;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The home page: one live map of the governance grid, patrols, hotspots, open cases and moving
 * responders, with a panel counting what is in view. Data is loaded for the viewport (padded a
 * little so small pans need nothing new) and only differences travel to the browser.
 */
@Route("")
@Menu(order = 1, title = "nav.map")
@PermitAll
public class CommandMapView extends Div implements HasDynamicTitle {

    private record Layer(MapLayerSource source, FeatureLayer layer) {}

    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private final LeafletMap map;
    private final ViewportSummary summary;
    private final Texts texts;
    private final Clock clock;
    private final CaseService cases;
    private final ResponderService responders;
    private final HotspotService hotspots;
    private final LiveUpdates hub;
    private final SupervisionService supervision;
    private final AlertsPanel alerts;
    private final Optional<Bbox> cityExtent;
    private Viewport exact;
    private Viewport padded;
    private Registration liveRegistration;
    /** The topics whose changes alter the panel's counts. */
    private static final Set<ChangeTopic> COUNTED = Set.of(CaseService.CHANGES, ResponderService.CHANGES, HotspotService.CHANGES);
    static final Duration COUNTS_EVERY = Duration.ofSeconds(1);
    private ViewportCounts counts = new ViewportCounts(0, 0, 0, 0);
    private final Set<ChangeTopic> countsDue = new HashSet<>();
    private long countedAtNanos = System.nanoTime() - COUNTS_EVERY.toNanos();
    private boolean recountScheduled;

    CommandMapView(List<MapLayerSource> sources, AreaService areas, CaseService cases, ResponderService responders,
                   HotspotService hotspots, MapScreens screens, LiveUpdates hub, Clock clock, CaseWorkflowService workflow,
                   SupervisionService supervision, PreventionService prevention, Attachments limits, CurrentUser current) {
        this.cases = cases;
        this.supervision = supervision;
        this.responders = responders;
        this.hotspots = hotspots;
        this.hub = hub;
        this.clock = clock;
        this.texts = new Texts(UI.getCurrent(), clock);
        this.cityExtent = areas.extentInScope();
        addClassName("gc-command-map");
        setSizeFull();

        map = screens.create(texts, "command-map", cityExtent, 4, 19);
        for (MapLayerSource source : sources.stream().sorted(Comparator.comparingInt(s -> s.definition(texts).order())).toList()) {
            FeatureLayer layer = map.addLayer(source.definition(texts));
            layers.put(layer.id(), new Layer(source, layer));
        }
        summary = new ViewportSummary(texts);
        summary.reset.addClickListener(e -> fitCity());
        if (cityExtent.isEmpty()) summary.notice(texts.t("panel.noMap"));

        map.addMoveListener(e -> showView(e.view()));
        map.addLayerToggleListener(e -> {
            Layer layer = layers.get(e.layerId());
            if (layer != null && padded != null) load(layer);
        });
        map.addFeatureClickListener(e -> {
            // The id comes from the browser: act only on features this view sent.
            if (!e.isKnown()) return;
            Layer layer = layers.get(e.layerId());
            parseId(e.featureId()).ifPresent(id -> {
                var popup = layer.source().popup(id, e.at(), texts);
                popup.ifPresent(map::openPopup);
                summary.selection(popup.map(p -> p.title()).orElse(""),
                        popup.isPresent() ? layer.source().actions(id, texts, () -> { if (padded != null) load(layer); showCounts(); }) : List.of());
            });
        });
        if (current.has(Role.COMMAND, Role.DISPATCHER, Role.GRID_WORKER, Role.ADMIN)) {
            // 受理登记 from the map: pick the point, then fill in the case.
            // While a point is being picked, the hint says what to do and a button (as well as Esc) cancels it.
            Button cancel = new Button(texts.t("action.cancel"), e -> {
                map.cancelDrawing();
                summary.notice(null);
                e.getSource().setVisible(false);
            });
            cancel.setId("map-register-cancel");
            cancel.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
            cancel.setVisible(false);
            Button register = new Button(texts.t("intake.fromMap"), VaadinIcon.MAP_MARKER.create(), e -> {
                map.startDrawing(LeafletMap.DrawMode.POINT);
                summary.notice(texts.t("intake.pickPoint"));
                cancel.setVisible(true);
            });
            register.setId("map-register");
            register.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.SMALL);
            summary.addComponentAtIndex(1, register);
            summary.addComponentAtIndex(2, cancel);
            map.addPointPickedListener(e -> {
                summary.notice(null);
                cancel.setVisible(false);
                new IntakeDialog(workflow, areas, prevention, limits, e.at().lng(), e.at().lat(), id -> { }).open();
            });
        }
        alerts = new AlertsPanel(texts);
        alerts.show(supervision.recentAlerts(java.time.Duration.ofDays(2), AlertsPanel.SHOWN));
        summary.add(alerts);
        add(summary, map);
    }

    @Override
    public String getPageTitle() {
        return texts.t("app.title");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        fitCity();
        liveRegistration = hub.register(event.getUI(), this::applyLive);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (liveRegistration != null) liveRegistration.remove();
        super.onDetach(event);
    }

    private void fitCity() {
        MapScreens.fit(map, cityExtent, 15);
    }

    private void showView(MapView view) {
        exact = MapScreens.exact(view);
        padded = MapScreens.padded(view);
        layers.values().forEach(this::load);
        showCounts();
    }

    /** Loads one layer for the current view, or empties it while it is switched off or out of its zoom range. */
    private void load(Layer layer) {
        if (!layer.layer().isVisible() || !layer.layer().definition().coversZoom(padded.zoom())) {
            layer.layer().clear();
            return;
        }
        List<GeoFeature> loaded = layer.source().load(padded);
        OptionalInt limit = layer.source().drawLimit();
        if (limit.isPresent()) {
            boolean tooMany = loaded.size() > limit.getAsInt();
            summary.notice(tooMany ? texts.t("panel.tooMany", limit.getAsInt()) : null);
            if (tooMany) loaded = loaded.subList(0, limit.getAsInt());
        }
        layer.layer().setFeatures(features(layer.source(), loaded));
    }

    private List<Feature> features(MapLayerSource source, List<GeoFeature> loaded) {
        List<Feature> features = new ArrayList<>(loaded.size());
        for (GeoFeature f : loaded) features.add(source.feature(f, texts)); // the add-on holds equal features once for all maps
        return features;
    }

    /** Counts everything in view now (a new view, a reload, the user's own action). */
    private void showCounts() {
        countsDue.addAll(COUNTED);
        recount();
    }

    /**
     * Live changes of counted topics: counts again what they touch, at most every {@link #COUNTS_EVERY} — a thousand
     * moving units would otherwise have every open map count four times a second —, and a last time after the last change.
     */
    private void countsChanged(Set<ChangeTopic> topics) {
        for (ChangeTopic topic : topics) if (COUNTED.contains(topic)) countsDue.add(topic);
        if (countsDue.isEmpty()) return;
        long sinceNanos = System.nanoTime() - countedAtNanos;
        if (sinceNanos >= COUNTS_EVERY.toNanos()) {
            recount();
        } else if (!recountScheduled) {
            recountScheduled = true;
            getUI().ifPresent(ui -> hub.later(ui, COUNTS_EVERY.minusNanos(sinceNanos), () -> {
                recountScheduled = false;
                recount();
            }));
        }
    }

    private void recount() {
        if (exact == null || countsDue.isEmpty()) return;
        ViewportCounts c = counts;
        if (countsDue.contains(CaseService.CHANGES)) {
            CaseCounts caseCounts = cases.countsIn(exact.bbox());
            c = new ViewportCounts(caseCounts.open(), caseCounts.overdue(), c.availableResponders(), c.activeHotspots());
        }
        if (countsDue.contains(ResponderService.CHANGES)) {
            c = new ViewportCounts(c.openCases(), c.overdueCases(), responders.countAvailable(exact.bbox()), c.activeHotspots());
        }
        if (countsDue.contains(HotspotService.CHANGES)) {
            c = new ViewportCounts(c.openCases(), c.overdueCases(), c.availableResponders(), hotspots.countActive(exact.bbox()));
        }
        countsDue.clear();
        counts = c;
        countedAtNanos = System.nanoTime();
        summary.show(c, LocalTime.now(clock));
    }

    /** Changes from the feed: fetch each changed row once, add or move what is in view, drop what left it. */
    private void applyLive(LiveUpdates.Batch batch) {
        for (long alertId : batch.of(SupervisionService.ALERTS)) {
            // Only alerts of this user's areas come back; each is shown once, at the top, and said aloud once.
            supervision.alert(alertId).ifPresent(a -> {
                alerts.prepend(a);
                Notification toast = Notification.show(texts.t("alert.toast", texts.t("alert.kind." + a.kind()), a.code(), a.title()),
                        6000, Notification.Position.TOP_END);
                toast.addThemeVariants(a.kind().equals("NEAR") ? NotificationVariant.WARNING : NotificationVariant.ERROR);
                toast.addClassName("gc-alert-toast");
            });
        }
        if (padded == null) return;
        if (batch.reloadAll()) {
            layers.values().forEach(this::load);
            showCounts();
            return;
        }
        for (Layer layer : layers.values()) {
            Set<Long> changed = layer.source().changes().map(batch::of).orElse(Set.of());
            if (changed.isEmpty() || !layer.layer().isVisible() || !layer.layer().definition().coversZoom(padded.zoom())) continue;
            List<GeoFeature> present = layer.source().load(padded, changed, batch);
            Set<String> gone = new HashSet<>();
            changed.forEach(id -> gone.add(Long.toString(id)));
            present.forEach(f -> gone.remove(f.id()));
            layer.layer().upsert(features(layer.source(), present));
            layer.layer().remove(gone);
            hub.drawn(layer.source().changes().get(), batch);
        }
        countsChanged(batch.ids().keySet());
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
