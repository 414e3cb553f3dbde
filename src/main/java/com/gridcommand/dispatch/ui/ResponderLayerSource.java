package com.gridcommand.dispatch.ui;

import com.gridcommand.changefeed.ChangeTopic;
import com.gridcommand.changefeed.ui.LiveUpdates;
import com.gridcommand.security.ui.Attempts;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.dispatch.ResponderService;
import com.gridcommand.dispatch.ui.ResponderLayers;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.LatLng;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.Popup;
import com.gridcommand.base.map.MapLayerSource;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.select.Select;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Responders by status; a position that has gone quiet is drawn faded. They move live. */
@org.springframework.stereotype.Component
class ResponderLayerSource implements MapLayerSource {

    private final ResponderService responders;
    private final CurrentUser current;

    ResponderLayerSource(ResponderService responders, CurrentUser current) {
        this.responders = responders;
        this.current = current;
    }

    @Override
    public List<Component> actions(long id, Texts t, Runnable changed) {
        if (!current.has(Role.DISPATCHER, Role.COMMAND)) return List.of();
        return responders.details(id).<List<Component>>map(r -> {
            Select<String> status = new Select<>();
            status.setId("action-responder-status");
            status.setLabel(t.t("field.status"));
            status.setItems(ResponderService.STATUSES);
            status.setItemLabelGenerator(s -> t.label("responder.status", s));
            status.setValue(r.status());
            status.addValueChangeListener(e -> {
                if (!e.isFromClient()) return;
                Attempts.attempt(t, () -> responders.changeStatus(id, e.getValue()), changed);
            });
            return List.of(status);
        }).orElse(List.of());
    }

    @Override
    public String definitionId() {
        return "responders";
    }

    @Override
    public Optional<ChangeTopic> changes() {
        return Optional.of(ResponderService.CHANGES);
    }

    @Override
    public LayerDefinition definition(Texts t) {
        return ResponderLayers.definition(t, definitionId(), 70);
    }

    @Override
    public List<GeoFeature> load(Viewport viewport) {
        return responders.inView(viewport);
    }

    @Override
    public List<GeoFeature> load(Viewport viewport, Collection<Long> ids) {
        return responders.inView(viewport, ids);
    }

    @Override
    public List<GeoFeature> load(Viewport viewport, Collection<Long> ids, LiveUpdates.Batch batch) {
        return responders.inView(viewport, ids, batch::shared);
    }

    @Override
    public Feature feature(GeoFeature f, Texts t) {
        return ResponderLayers.feature(f, t);
    }

    @Override
    public Optional<Popup> popup(long id, LatLng at, Texts t) {
        return responders.details(id).map(r -> Popup.at(at, r.name())
                .row(t.t("field.code"), r.code())
                .row(t.t("field.kind"), t.label("responder.kind", r.kind()))
                .row(t.t("field.status"), t.label("responder.status", r.status()))
                .row(t.t("field.team"), r.team())
                .row(t.t("field.skills"), String.join("、", r.skills()))
                .row(t.t("field.phone"), r.phone())
                .row(t.t("field.township"), r.township())
                .row(t.t("field.positionAt"), t.dateTime(r.positionAt()))
                .build());
    }
}
