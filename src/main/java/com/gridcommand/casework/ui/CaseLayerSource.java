package com.gridcommand.casework.ui;

import com.gridcommand.changefeed.ChangeTopic;
import com.gridcommand.base.i18n.Texts;
import com.gridcommand.casework.CaseService;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import org.vaadin.addons.leafletflow.Feature;
import org.vaadin.addons.leafletflow.LatLng;
import org.vaadin.addons.leafletflow.LayerDefinition;
import org.vaadin.addons.leafletflow.Popup;
import com.gridcommand.base.map.MapLayerSource;
import com.gridcommand.casework.CaseWorkflowService;
import com.gridcommand.casework.ui.CaseCorrectionDialog;
import com.gridcommand.casework.ui.CaseDetailView;
import com.gridcommand.casework.ui.CaseLayers;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.router.RouteParameters;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Open cases: filled by severity, ringed by the supervision light of their current step (green in
 * time, yellow near the step's deadline, red past it); clustered until the map is close enough to
 * tell them apart. Titles and descriptions come from the public and are shown as text only.
 */
@org.springframework.stereotype.Component
class CaseLayerSource implements MapLayerSource {

    private final CaseService cases;
    private final CaseWorkflowService workflow;
    private final CurrentUser current;

    CaseLayerSource(CaseService cases, CaseWorkflowService workflow, CurrentUser current) {
        this.cases = cases;
        this.workflow = workflow;
        this.current = current;
    }

    @Override
    public List<Component> actions(long id, Texts t, Runnable changed) {
        Button open = new Button(t.t("case.open"), e -> e.getSource().getUI().ifPresent(ui -> ui.navigate(CaseDetailView.class,
                new RouteParameters("id", Long.toString(id)))));
        open.setId("action-open-case");
        if (!current.has(Role.COMMAND, Role.DISPATCHER, Role.GRID_WORKER, Role.ADMIN)) return List.of(open);
        Button correct = new Button(t.t("case.correct.action"), e -> cases.details(id).ifPresent(d -> new CaseCorrectionDialog(
                cases, workflow, id, d.title(), d.description(), d.category(), d.severity(), d.version(), changed).open()));
        correct.setId("action-correct-case");
        correct.addThemeVariants(ButtonVariant.TERTIARY);
        return List.of(open, correct);
    }

    @Override
    public String definitionId() {
        return "cases";
    }

    @Override
    public Optional<ChangeTopic> changes() {
        return Optional.of(CaseService.CHANGES);
    }

    @Override
    public LayerDefinition definition(Texts t) {
        return CaseLayers.definition(t, definitionId(), t.t("layer.cases"), 80, 45, 16);
    }

    @Override
    public OptionalInt drawLimit() {
        return OptionalInt.of(CaseService.MAP_LIMIT);
    }

    @Override
    public List<GeoFeature> load(Viewport viewport) {
        return cases.openInView(viewport);
    }

    @Override
    public List<GeoFeature> load(Viewport viewport, Collection<Long> ids) {
        return cases.openInView(viewport, ids);
    }

    @Override
    public Feature feature(GeoFeature f, Texts t) {
        return CaseLayers.feature(f, t);
    }

    @Override
    public Optional<Popup> popup(long id, LatLng at, Texts t) {
        return cases.details(id).map(c -> Popup.at(at, c.title())
                .row(t.t("field.code"), c.code())
                .row(t.t("field.category"), t.label("case.category", c.category()))
                .row(t.t("field.severity"), t.label("case.severity", c.severity()))
                .row(t.t("field.step"), t.label("case.step", c.step()))
                .row(t.t("field.light"), c.light() == null ? null : t.t("light." + c.light()))
                .row(t.t("field.stepDeadline"), t.dateTime(c.stepDeadline()))
                .row(t.t("field.source"), t.label("case.source", c.source()))
                .row(t.t("field.reportedAt"), t.dateTime(c.reportedAt()))
                .row(t.t("field.deadline"), t.dateTime(c.deadline()))
                .row(t.t("field.overdue"), c.overdue() ? t.yesNo(true) : null)
                .row(t.t("field.closedAt"), t.dateTime(c.closedAt()))
                .row(t.t("field.responsibleUnit"), c.responsibleUnit())
                .row(t.t("field.responsiblePerson"), c.responsiblePerson())
                .row(t.t("field.parties"), c.parties(t))
                .row(t.t("field.cell"), c.gridCell())
                .row(t.t("field.township"), c.township())
                .text(c.description())
                .build());
    }
}
