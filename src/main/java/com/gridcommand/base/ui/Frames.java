package com.gridcommand.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.textfield.IntegerField;

/** Pieces every screen's frame is built from, so that the screens look and behave alike. */
public final class Frames {

    private Frames() {
    }

    /**
     * The two halves of a working screen side by side (a map beside its panels, a list beside its map), the splitter
     * at {@code position} per cent; stacked on a phone by the theme ({@code gc-case-split}).
     */
    public static SplitLayout sideBySide(Component first, Component second, double position) {
        SplitLayout split = new SplitLayout(first, second);
        split.setSplitterPosition(position);
        split.addClassName("gc-case-split");
        split.setSizeFull();
        return split;
    }

    /** A whole-number field with its label, id, starting value and the range the rule allows. */
    public static IntegerField integer(IntegerField field, String label, String id, int value, int min, int max) {
        field.setLabel(label);
        field.setId(id);
        field.setValue(value);
        field.setMin(min);
        field.setMax(max);
        return field;
    }
}
