package com.gridcommand.casework.ui;

import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaService;
import com.gridcommand.area.AreaSummary;
import com.gridcommand.casework.CaseListQuery;
import com.gridcommand.casework.CaseService;
import com.gridcommand.casework.CaseStep;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The case list's filter bar: text, step, category, area, light, dates, overdue, and a reset. */
final class CaseFilterBar extends Div {

    private final TextField text = new TextField();
    private final MultiSelectComboBox<CaseStep> steps = new MultiSelectComboBox<>();
    private final MultiSelectComboBox<String> categories = new MultiSelectComboBox<>();
    private final ComboBox<AreaSummary> area = new ComboBox<>();
    private final Select<String> light = new Select<>();
    private final Checkbox overdue = new Checkbox();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();

    /** {@code onChange} is told of every change of a filter; {@code onReset} after the reset cleared them all. */
    CaseFilterBar(AreaService areas, Runnable onChange, Runnable onReset) {
        text.setPlaceholder(getTranslation("filter.text"));
        text.setWidth("15em");
        steps.setWidth("11em");
        categories.setWidth("11em");
        area.setWidth("12em");
        light.setWidth("7em");
        from.setWidth("9.5em");
        to.setWidth("9.5em");
        text.setId("filter-text");
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setPrefixComponent(VaadinIcon.SEARCH.create());
        steps.setLabel(getTranslation("field.step"));
        steps.setId("filter-step");
        steps.setItems(CaseStep.values());
        steps.setItemLabelGenerator(s -> getTranslation("case.step." + s));
        categories.setLabel(getTranslation("field.category"));
        categories.setId("filter-category");
        categories.setItems(new TreeSet<>(CaseService.CATEGORIES));
        categories.setItemLabelGenerator(c -> getTranslation("case.category." + c));
        area.setLabel(getTranslation("filter.area"));
        area.setId("filter-area");
        area.setClearButtonVisible(true);
        List<AreaSummary> choices = new ArrayList<>();
        for (AreaLevel level : AreaLevel.values()) choices.addAll(areas.list(level));
        area.setItems(AreaChoices::matches, choices);
        area.setItemLabelGenerator(a -> a.name() + " · " + getTranslation("area.level." + a.level()));
        light.setLabel(getTranslation("field.light"));
        light.setId("filter-light");
        light.setItems(CaseListQuery.LIGHTS);
        light.setItemLabelGenerator(l -> l.isEmpty() ? getTranslation("filter.any") : getTranslation("light." + l));
        light.setValue("");
        overdue.setLabel(getTranslation("filter.overdue"));
        overdue.setId("filter-overdue");
        from.setLabel(getTranslation("filter.from"));
        from.setId("filter-from");
        to.setLabel(getTranslation("filter.to"));
        to.setId("filter-to");
        from.addValueChangeListener(e -> to.setMin(e.getValue()));
        text.addValueChangeListener(e -> onChange.run());
        steps.addValueChangeListener(e -> onChange.run());
        categories.addValueChangeListener(e -> onChange.run());
        area.addValueChangeListener(e -> onChange.run());
        light.addValueChangeListener(e -> onChange.run());
        overdue.addValueChangeListener(e -> onChange.run());
        from.addValueChangeListener(e -> onChange.run());
        to.addValueChangeListener(e -> onChange.run());
        Button reset = new Button(getTranslation("filter.reset"), e -> {
            text.clear();
            steps.clear();
            categories.clear();
            area.clear();
            light.setValue("");
            overdue.clear();
            from.clear();
            to.clear();
            onReset.run();
        });
        reset.addThemeVariants(ButtonVariant.TERTIARY);
        reset.setId("filter-reset");
        add(text, steps, categories, area, light, from, to, overdue, reset);
        addClassName("gc-filter-bar");
    }

    /** What the filters say now. */
    CaseListQuery query() {
        AreaSummary a = area.getValue();
        return new CaseListQuery(steps.getValue(), categories.getValue(), a == null ? null : a.code(), overdue.getValue(),
                light.getValue(), from.getValue(), to.getValue(), text.getValue());
    }
}
