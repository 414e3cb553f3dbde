package com.gridcommand.map.layers;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.casework.CaseService;
import com.gridcommand.geo.GeoFeature;
import com.gridcommand.geo.Viewport;
import com.gridcommand.leaflet.Feature;
import com.gridcommand.leaflet.LatLng;
import com.gridcommand.leaflet.LayerDefinition;
import com.gridcommand.leaflet.LegendEntry;
import com.gridcommand.leaflet.Popup;
import com.gridcommand.leaflet.Style;
import com.gridcommand.leaflet.StyleRule;
import com.gridcommand.map.MapLayerSource;
import com.gridcommand.casework.ui.CaseCorrectionDialog;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Open cases by severity, overdue ones ringed in black; clustered until the map is close enough to
 * tell them apart. Titles and descriptions come from the public and are shown as text only.
 */
@org.springframework.stereotype.Component
class CaseLayerSource implements MapLayerSource {

    static final String[] SEVERITY_COLOURS = {"#facc15", "#f59e0b", "#ef4444", "#7f1d1d"};

    private final CaseService cases;
    private final CurrentUser current;

    CaseLayerSource(CaseService cases, CurrentUser current) {
        this.cases = cases;
        this.current = current;
    }

    @Override
    public List<Component> actions(long id, Texts t, Runnable changed) {
        if (!current.has(Role.COMMAND, Role.DISPATCHER, Role.GRID_WORKER, Role.ADMIN)) return List.of();
        Button correct = new Button(t.t("case.correct.action"), e -> cases.details(id).ifPresent(d -> new CaseCorrectionDialog(
                cases, id, d.title(), d.description(), d.category(), d.severity(), d.version(), changed).open()));
        correct.setId("action-correct-case");
        return List.of(correct);
    }

    @Override
    public String definitionId() {
        return "cases";
    }

    @Override
    public String table() {
        return "gov_case";
    }

    @Override
    public LayerDefinition definition(Texts t) {
        var layer = LayerDefinition.layer(definitionId(), t.t("layer.cases")).order(80).canvas().cluster(45, 16)
                .style(Style.point(SEVERITY_COLOURS[0], 6).withColor("#ffffff").withWeight(1.5)).tooltip("tip");
        for (int severity = 1; severity <= 4; severity++) {
            Style style = Style.point(SEVERITY_COLOURS[severity - 1], 6).withColor("#ffffff").withWeight(1.5);
            layer.rule(StyleRule.when("severity", severity, style)).legend(t.label("case.severity", severity), style, LegendEntry.Shape.POINT);
        }
        Style overdue = Style.only().withColor("#000000").withWeight(3).withOpacity(1);
        layer.rule(StyleRule.when("overdue", true, overdue))
                .legend(t.t("legend.overdue"), Style.point("#f59e0b", 6).withColor("#000000").withWeight(3), LegendEntry.Shape.POINT);
        return layer.build();
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
        // What styles and the tooltip use; the rest comes with the details on a click.
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("severity", f.properties().get("severity"));
        p.put("overdue", f.properties().get("overdue"));
        p.put("tip", f.properties().get("title") + " · " + t.label("case.step", f.properties().get("step")));
        return new Feature(f.id(), f.geometry(), p);
    }

    @Override
    public Optional<Popup> popup(long id, LatLng at, Texts t) {
        return cases.details(id).map(c -> Popup.at(at, c.title())
                .row(t.t("field.code"), c.code())
                .row(t.t("field.category"), t.label("case.category", c.category()))
                .row(t.t("field.severity"), t.label("case.severity", c.severity()))
                .row(t.t("field.step"), t.label("case.step", c.step()))
                .row(t.t("field.source"), t.label("case.source", c.source()))
                .row(t.t("field.reportedAt"), t.dateTime(c.reportedAt()))
                .row(t.t("field.deadline"), t.dateTime(c.deadline()))
                .row(t.t("field.overdue"), c.overdue() ? t.yesNo(true) : null)
                .row(t.t("field.closedAt"), t.dateTime(c.closedAt()))
                .row(t.t("field.responsibleUnit"), c.responsibleUnit())
                .row(t.t("field.responsiblePerson"), c.responsiblePerson())
                .row(t.t("field.parties"), c.parties())
                .row(t.t("field.cell"), c.gridCell())
                .row(t.t("field.township"), c.township())
                .text(c.description())
                .build());
    }
}
