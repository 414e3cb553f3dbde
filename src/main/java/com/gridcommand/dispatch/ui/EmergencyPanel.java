package com.gridcommand.dispatch.ui;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.base.ui.Confirmation;
import com.gridcommand.dispatch.Emergencies;
import com.gridcommand.dispatch.EmergencyDisplay;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.GridUser;
import com.gridcommand.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import org.vaadin.addons.leafletflow.Feature;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The active emergencies on the dispatcher's screen (#emergency-panel): each with its rings, nearest places,
 * checklist, leaders and a button to end it; and the button and dialog to declare one at a point the user picks
 * on the map. The frame owns the map: it is asked to let the user pick, to show a target, and to draw the rings.
 */
final class EmergencyPanel extends Div {

    /** Shows a target on the map at a zoom. */
    interface Focus {
        void on(DispatchTarget target, int zoom);
    }

    private final Emergencies emergencies;
    private final CurrentUser current;
    private final Texts t;
    private final Focus onFocus;
    private final Consumer<List<Feature>> onRings;
    private final Runnable onChanged;
    private final Button declare;

    /**
     * {@code onPick} lets the user pick the point to declare at (then call {@link #declare}); {@code onRings} draws
     * the rings; {@code onChanged} is told after any action (refused or not).
     */
    EmergencyPanel(Emergencies emergencies, CurrentUser current, Texts t, Runnable onPick, Focus onFocus,
                   Consumer<List<Feature>> onRings, Runnable onChanged) {
        this.emergencies = emergencies;
        this.current = current;
        this.t = t;
        this.onFocus = onFocus;
        this.onRings = onRings;
        this.onChanged = onChanged;
        declare = new Button(t.t("emergency.declare"), e -> onPick.run());
        declare.setId("declare-emergency");
        declare.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.SMALL);
        declare.setVisible(current.has(Role.DISPATCHER, Role.COMMAND, Role.LEADER));
        setId("emergency-panel");
    }

    /** The declare button, which stands just before the panel in the column. */
    Button declareButton() {
        return declare;
    }

    /** The declare dialog for a point the user picked. */
    void declare(double lon, double lat) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(t.t("emergency.declare"));
        Select<String> kind = new Select<>();
        kind.setId("emergency-kind");
        kind.setLabel(t.t("field.kind"));
        kind.setItems(EmergencyDisplay.kinds());
        kind.setItemLabelGenerator(k -> t.label("emergency.kind", k));
        kind.setValue(EmergencyDisplay.DEFAULT_KIND);
        Select<Integer> level = new Select<>();
        level.setId("emergency-level");
        level.setLabel(t.t("emergency.level"));
        level.setItems(EmergencyDisplay.LEVELS);
        level.setItemLabelGenerator(l -> t.t("emergency.level." + l));
        level.setValue(EmergencyDisplay.DEFAULT_LEVEL);
        TextField title = new TextField(t.t("field.title"));
        title.setId("emergency-title");
        title.setRequired(true);
        Button ok = new Button(t.t("emergency.declare"), e -> {
            try {
                long id = emergencies.declare(kind.getValue(), level.getValue(), title.getValue(), lon, lat);
                dialog.close();
                refresh();
                emergencies.situation(id).ifPresent(s -> onFocus.on(
                        DispatchTarget.ofEmergency(id, s.emergency().title(), s.emergency().lon(), s.emergency().lat()), 14));
            } catch (IllegalArgumentException invalid) {
                DispatchSupport.error(t.problem(invalid));
            }
        });
        ok.setId("emergency-ok");
        ok.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        dialog.add(new Div(kind, level, title));
        dialog.getFooter().add(new Button(t.t("action.cancel"), e -> dialog.close()), ok);
        dialog.open();
    }

    /** Reads the active emergencies again, and their rings. */
    void refresh() {
        removeAll();
        List<Feature> rings = new ArrayList<>();
        for (Emergencies.Emergency e : emergencies.active()) {
            emergencies.situation(e.id()).ifPresent(s -> {
                add(situation(s));
                List<String> geometries = emergencies.rings(e.id());
                for (int i = 0; i < geometries.size(); i++) {
                    int metres = Emergencies.RINGS.get(i);
                    rings.add(new Feature(EmergencyDisplay.ringId(e.id(), i), geometries.get(i), Map.of("label", t.distance(metres))));
                }
            });
        }
        onRings.accept(rings);
    }

    private void attempt(Runnable action) {
        DispatchSupport.attempt(t, action, onChanged);
    }

    private Div situation(Emergencies.Situation s) {
        Div panel = new Div();
        panel.addClassName("gc-emergency");
        var e = s.emergency();
        Span head = new Span(t.t("emergency.level." + e.level()) + " · " + t.label("emergency.kind", e.kind()) + " · " + e.title());
        head.addClassName("gc-emergency-title");
        Button focus = new Button(t.t("emergency.focus"), ev -> onFocus.on(DispatchTarget.ofEmergency(e.id(), e.title(), e.lon(), e.lat()), 15));
        focus.addThemeVariants(ButtonVariant.SMALL);
        panel.add(head, focus);
        Div rings = new Div();
        rings.addClassName("gc-emergency-rings");
        for (Emergencies.Ring r : s.rings()) {
            rings.add(new Div(new Span(t.t("emergency.ring", t.distance(r.metres()), r.keyPlaces(), r.cameras(), r.cells()))));
        }
        panel.add(rings);
        Div places = new Div();
        places.addClassName("gc-emergency-places");
        EmergencyDisplay.places(s).forEach(p -> places.add(new Div(new Span(t.label("place.kind", p.kind()) + " " + p.name() + " · " + t.distance(p.metres())))));
        panel.add(new H4(t.t("emergency.places")), places);
        Div checklist = new Div();
        checklist.addClassName("gc-emergency-checklist");
        for (Emergencies.CheckItem item : s.checklist()) {
            Checkbox box = new Checkbox(item.number() + ". " + item.text(), item.doneAt() != null);
            box.setReadOnly(item.doneAt() != null);
            if (item.doneAt() != null) box.setTooltipText(item.doneBy() + " · " + t.dateTime(item.doneAt()));
            box.addValueChangeListener(ev -> {
                if (ev.isFromClient() && ev.getValue()) attempt(() -> emergencies.check(e.id(), item.number()));
                refresh();
            });
            checklist.add(box);
        }
        panel.add(new H4(t.t("emergency.checklist")), checklist);
        Div leaders = new Div();
        leaders.addClassName("gc-emergency-leaders");
        for (Emergencies.Leader l : s.leaders()) {
            String where = l.metres() == null ? t.t("emergency.noPosition")
                    : t.distance(l.metres()) + (l.travel() == null ? "" : " · " + DispatchSupport.minutes(t, l.travel()));
            leaders.add(new Div(new Span(l.name() + " · " + t.t("emergency.leader." + l.status()) + " · " + where)));
        }
        panel.add(new H4(t.t("emergency.leaders")), leaders);
        if (EmergencyDisplay.isLeader(s, current.get().map(GridUser::id))) {
            Button onTheWay = new Button(t.t("emergency.leader.ON_THE_WAY"), ev -> attempt(() -> emergencies.leaderStatus(e.id(), "ON_THE_WAY")));
            Button arrived = new Button(t.t("emergency.leader.ARRIVED"), ev -> attempt(() -> emergencies.leaderStatus(e.id(), "ARRIVED")));
            panel.add(new Div(onTheWay, arrived));
        }
        Button end = new Button(t.t("emergency.end"), ev -> Confirmation.ask("emergency-end-confirm", t.t("emergency.end.title", e.title()),
                t.t("emergency.end.text", e.title()), t.t("emergency.end"), t.t("action.cancel"), () -> {
                    attempt(() -> emergencies.end(e.id()));
                    refresh();
                }));
        end.addClassName("gc-emergency-end");
        end.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        panel.add(end);
        return panel;
    }
}
