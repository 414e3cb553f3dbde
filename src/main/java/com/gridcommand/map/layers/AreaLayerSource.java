package com.gridcommand.map.layers;

import com.gridcommand.area.AreaDetails;
import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaService;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.leaflet.Feature;
import com.gridcommand.leaflet.LatLng;
import com.gridcommand.leaflet.LayerDefinition;
import com.gridcommand.leaflet.LegendEntry;
import com.gridcommand.leaflet.Popup;
import com.gridcommand.leaflet.Style;
import com.gridcommand.map.MapLayerSource;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Townships, communities and grid cells: the governance grid as the basemap. */
abstract class AreaLayerSource implements MapLayerSource {

    private final AreaService areas;
    private final AreaLevel level;

    AreaLayerSource(AreaService areas, AreaLevel level) {
        this.areas = areas;
        this.level = level;
    }

    @Override
    public List<GeoFeature> load(Viewport viewport) {
        return areas.inView(level, viewport);
    }

    @Override
    public Feature feature(GeoFeature f, Texts texts) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tip", f.properties().get("name"));
        return new Feature(f.id(), f.geometry(), p);
    }

    @Override
    public Optional<Popup> popup(long id, LatLng at, Texts t) {
        return areas.details(level, id).map(a -> popup(a, at, t));
    }

    private static Popup popup(AreaDetails a, LatLng at, Texts t) {
        var popup = Popup.at(at, a.name()).row(t.t("field.code"), a.code());
        switch (a.level()) {
            case TOWNSHIP -> popup.row(t.t("field.kind"), t.label("township.kind", a.kind()));
            case COMMUNITY -> popup.row(t.t("field.kind"), t.label("community.kind", a.kind()))
                    .row(t.t("field.township"), a.parent());
            case GRID_CELL -> popup.row(t.t("field.community"), a.parent()).row(t.t("field.township"), a.grandParent())
                    .row(t.t("field.gridWorker"), a.gridWorker()).row(t.t("field.phone"), a.gridWorkerPhone());
        }
        return popup.row(t.t("field.station"), a.station()).row(t.t("field.households"), a.households())
                .row(t.t("field.area"), t.number(a.areaKm2(), 2)).build();
    }

    @org.springframework.stereotype.Component
    static class Townships extends AreaLayerSource {
        Townships(AreaService areas) {
            super(areas, AreaLevel.TOWNSHIP);
        }

        @Override
        public String definitionId() {
            return "townships";
        }

        @Override
        public LayerDefinition definition(Texts t) {
            Style style = Style.area("#374151", 3, "#374151", 0.0);
            return LayerDefinition.layer(definitionId(), t.t("layer.townships")).order(10).style(style).tooltip("tip")
                    .legend(t.t("layer.townships"), style, LegendEntry.Shape.POLYGON).build();
        }
    }

    @org.springframework.stereotype.Component
    static class Communities extends AreaLayerSource {
        Communities(AreaService areas) {
            super(areas, AreaLevel.COMMUNITY);
        }

        @Override
        public String definitionId() {
            return "communities";
        }

        @Override
        public LayerDefinition definition(Texts t) {
            Style style = Style.area("#6b7280", 1.6, "#6b7280", 0.0).dashed("5 3");
            return LayerDefinition.layer(definitionId(), t.t("layer.communities")).order(11).zoomRange(11, null)
                    .zoomHint(t.t("map.zoomIn")).style(style).tooltip("tip")
                    .legend(t.t("layer.communities"), style, LegendEntry.Shape.POLYGON).build();
        }
    }

    @org.springframework.stereotype.Component
    static class Cells extends AreaLayerSource {
        private final AreaService areas;
        private final CurrentUser current;

        Cells(AreaService areas, CurrentUser current) {
            super(areas, AreaLevel.GRID_CELL);
            this.areas = areas;
            this.current = current;
        }

        /** An administrator names the cell's responsible grid worker. */
        @Override
        public List<com.vaadin.flow.component.Component> actions(long id, Texts t, Runnable changed) {
            if (!current.has(Role.ADMIN)) return List.of();
            Button assign = new Button(t.t("cell.assign.action"), e -> areas.details(AreaLevel.GRID_CELL, id).ifPresent(cell -> {
                Dialog dialog = new Dialog();
                dialog.setHeaderTitle(t.t("cell.assign.action") + " · " + cell.name());
                TextField name = new TextField(t.t("field.gridWorker"));
                name.setValue(cell.gridWorker() == null ? "" : cell.gridWorker());
                TextField phone = new TextField(t.t("field.phone"));
                phone.setValue(cell.gridWorkerPhone() == null ? "" : cell.gridWorkerPhone());
                dialog.add(new FormLayout(name, phone));
                dialog.getFooter().add(new Button(t.t("action.cancel"), c -> dialog.close()), new Button(t.t("action.save"), s -> {
                    Actions.attempt(t, () -> areas.assignGridWorker(id, name.getValue(), phone.getValue()), changed);
                    dialog.close();
                }));
                dialog.open();
            }));
            assign.setId("action-assign-worker");
            return List.of(assign);
        }

        @Override
        public String definitionId() {
            return "cells";
        }

        @Override
        public LayerDefinition definition(Texts t) {
            Style style = Style.area("#9ca3af", 0.8, "#9ca3af", 0.0);
            return LayerDefinition.layer(definitionId(), t.t("layer.cells")).order(12).zoomRange(12, null)
                    .zoomHint(t.t("map.zoomIn")).style(style).tooltip("tip")
                    .legend(t.t("layer.cells"), style, LegendEntry.Shape.POLYGON).build();
        }
    }
}
