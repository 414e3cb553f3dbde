package com.gridcommand.casework.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.vaadin.addons.leafletflow.LeafletMap;

import java.util.stream.Stream;

/** The map side of the case list: the polygon and circle pick tools with what they picked, the too-many notice, the map. */
final class CaseMapPane extends Div {

    private final Span picked = new Span();
    private final Span mapNotice = new Span();

    /** {@code onClear} is told when the user clears the pick. */
    CaseMapPane(LeafletMap map, Runnable onClear) {
        Button polygon = new Button(getTranslation("select.polygon"), VaadinIcon.STAR_O.create(), e -> map.startDrawing(LeafletMap.DrawMode.POLYGON));
        polygon.setId("select-polygon");
        Button circle = new Button(getTranslation("select.circle"), VaadinIcon.CIRCLE_THIN.create(), e -> map.startDrawing(LeafletMap.DrawMode.CIRCLE));
        circle.setId("select-circle");
        Button clear = new Button(getTranslation("select.clear"), e -> onClear.run());
        clear.setId("select-clear");
        Stream.of(polygon, circle, clear).forEach(b -> b.addThemeVariants(ButtonVariant.SMALL));
        picked.setId("select-info");
        picked.addClassName("gc-pick-info");
        Div tools = new Div(polygon, circle, clear, picked);
        tools.addClassName("gc-draw-tools");
        mapNotice.setId("case-map-notice");
        mapNotice.addClassName("gc-notice");
        mapNotice.setVisible(false);
        add(tools, mapNotice, map);
        addClassName("gc-case-map-pane");
    }

    /** How many cases the pick holds (null: no pick). */
    void showPicked(Integer count) {
        picked.setText(count == null ? "" : getTranslation("select.count", count));
    }

    /** Whether the map draws only the first {@code limit} of the cases. */
    void showTooMany(boolean tooMany, int limit) {
        mapNotice.setText(tooMany ? getTranslation("panel.tooMany", limit) : "");
        mapNotice.setVisible(tooMany);
    }
}
