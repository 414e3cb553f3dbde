package com.gridcommand.basemap;

import com.gridcommand.security.ui.Attempts;
import com.gridcommand.area.AreaDetails;
import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaService;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.basemap.BasemapLayers;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.LatLng;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.Popup;
import com.gridcommand.base.map.MapLayerSource;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;

import java.util.List;
import java.util.Optional;

/** Townships, communities and grid cells as the basemap draws them, with their details and an administrator's actions. */
abstract class AreaLayerSource implements MapLayerSource {

    private final AreaService areas;
    private final BasemapLayers basemap;
    private final AreaLevel level;

    AreaLayerSource(AreaService areas, BasemapLayers basemap, AreaLevel level) {
        this.areas = areas;
        this.basemap = basemap;
        this.level = level;
    }

    @Override
    public LayerDefinition definition(Texts t) {
        return basemap.areas(level, t, true);
    }

    @Override
    public List<GeoFeature> load(Viewport viewport) {
        return basemap.loadAreas(level, viewport);
    }

    @Override
    public Feature feature(GeoFeature f, Texts texts) {
        return basemap.area(f);
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
        Townships(AreaService areas, BasemapLayers basemap) {
            super(areas, basemap, AreaLevel.TOWNSHIP);
        }

        @Override
        public String definitionId() {
            return BasemapLayers.TOWNSHIPS;
        }

    }

    @org.springframework.stereotype.Component
    static class Communities extends AreaLayerSource {
        Communities(AreaService areas, BasemapLayers basemap) {
            super(areas, basemap, AreaLevel.COMMUNITY);
        }

        @Override
        public String definitionId() {
            return BasemapLayers.COMMUNITIES;
        }

    }

    @org.springframework.stereotype.Component
    static class Cells extends AreaLayerSource {
        private final AreaService areas;
        private final CurrentUser current;

        Cells(AreaService areas, BasemapLayers basemap, CurrentUser current) {
            super(areas, basemap, AreaLevel.GRID_CELL);
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
                    Attempts.attempt(t, () -> areas.assignGridWorker(id, name.getValue(), phone.getValue()), changed);
                    dialog.close();
                }));
                dialog.open();
            }));
            assign.setId("action-assign-worker");
            return List.of(assign);
        }

        @Override
        public String definitionId() {
            return BasemapLayers.CELLS;
        }

    }
}
