package com.gridcommand.hotspot.ui;

import com.gridcommand.base.map.MapStyles;
import com.gridcommand.changefeed.ChangeTopic;
import com.gridcommand.security.ui.Attempts;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.hotspot.HotspotService;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.LatLng;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.LegendEntry;
import org.vaadin.addons.leafletflow.Popup;
import org.vaadin.addons.leafletflow.Style;
import com.gridcommand.base.map.MapLayerSource;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.select.Select;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hotspots by listing status: red while listed, orange while rectifying, amber under review, grey once delisted. */
@org.springframework.stereotype.Component
class HotspotLayerSource implements MapLayerSource {

    static final String ID = "hotspots";

    private static final Map<String, Style> BY_STATUS = new LinkedHashMap<>();

    static {
        BY_STATUS.put("LISTED", Style.area("#c81e1e", 2.5, "#f05252", 0.3));
        BY_STATUS.put("RECTIFYING", Style.area("#d03801", 2.5, "#ff8a4c", 0.28));
        BY_STATUS.put("UNDER_REVIEW", Style.area("#9f580a", 2, "#e3a008", 0.22));
        BY_STATUS.put("DELISTED", Style.area("#6b7280", 1.5, "#9ca3af", 0.08).dashed("4 4"));
    }

    private final HotspotService hotspots;
    private final CurrentUser current;

    HotspotLayerSource(HotspotService hotspots, CurrentUser current) {
        this.hotspots = hotspots;
        this.current = current;
    }

    @Override
    public List<Component> actions(long id, Texts t, Runnable changed) {
        if (!current.has(Role.LEADER, Role.ADMIN)) return List.of();
        return hotspots.details(id).<List<Component>>map(h -> {
            Select<String> status = new Select<>();
            status.setId("action-hotspot-status");
            status.setLabel(t.t("field.status"));
            status.setItems(HotspotService.STATUSES);
            status.setItemLabelGenerator(s -> t.label("hotspot.status", s));
            status.setValue(h.status());
            status.addValueChangeListener(e -> {
                if (!e.isFromClient()) return;
                Attempts.attempt(t, () -> hotspots.changeStatus(id, e.getValue()), changed);
            });
            return List.of(status);
        }).orElse(List.of());
    }

    @Override
    public String definitionId() {
        return ID;
    }

    @Override
    public Optional<ChangeTopic> changes() {
        return Optional.of(HotspotService.CHANGES);
    }

    @Override
    public LayerDefinition definition(Texts t) {
        var layer = LayerDefinition.layer(definitionId(), t.t("layer.hotspots")).order(40)
                .style(BY_STATUS.get("LISTED")).tooltip("tip");
        return MapStyles.byValue(layer, "status", BY_STATUS, status -> t.label("hotspot.status", status), LegendEntry.Shape.POLYGON).build();
    }

    @Override
    public List<GeoFeature> load(Viewport viewport) {
        return hotspots.inView(viewport);
    }

    @Override
    public List<GeoFeature> load(Viewport viewport, Collection<Long> ids) {
        return hotspots.inView(viewport, ids);
    }

    @Override
    public Feature feature(GeoFeature f, Texts t) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("status", f.properties().get("status"));
        p.put("tip", f.properties().get("name") + " · " + t.label("hotspot.status", f.properties().get("status")));
        return new Feature(f.id(), f.geometry(), p);
    }

    @Override
    public Optional<Popup> popup(long id, LatLng at, Texts t) {
        return hotspots.details(id).map(h -> Popup.at(at, h.name())
                .row(t.t("field.code"), h.code())
                .row(t.t("field.status"), t.label("hotspot.status", h.status()))
                .row(t.t("field.listedOn"), t.date(h.listedOn()))
                .row(t.t("field.delistedOn"), t.date(h.delistedOn()))
                .row(t.t("field.responsibleUnit"), h.responsibleUnit())
                .row(t.t("field.focus"), String.join("、", h.focus().stream().map(c -> t.label("case.category", c)).toList()))
                .row(t.t("field.township"), h.township())
                .row(t.t("field.area"), t.number(h.areaKm2(), 3))
                .text(h.measures())
                .build());
    }
}
