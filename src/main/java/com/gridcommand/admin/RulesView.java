package com.gridcommand.admin;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.casework.CaseService;
import com.gridcommand.casework.CaseStep;
import com.gridcommand.casework.RoutingRules;
import com.gridcommand.casework.WorkingCalendar;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Administrators keep the casework rules: who handles which category and severity in how many working
 * days, how long each step's clock runs, and the holiday calendar the clocks count by. Every change is
 * checked, refused with a reason if wrong, and lands in the audit trail.
 */
@Route("admin/rules")
@Menu(order = 6, title = "nav.rules")
@RolesAllowed("ADMIN")
public class RulesView extends Div implements HasDynamicTitle {

    private static final String ANY = "*";

    private final RoutingRules rules;
    private final WorkingCalendar calendar;
    private final Grid<RoutingRules.Rule> ruleGrid = new Grid<>();
    private final Grid<WorkingCalendar.CalendarDay> dayGrid = new Grid<>();
    private final Select<Integer> year = new Select<>();

    public RulesView(RoutingRules rules, WorkingCalendar calendar, com.gridcommand.dispatch.ArrivalNorms norms, Clock clock) {
        this.rules = rules;
        this.calendar = calendar;
        addClassName("gc-page");

        // --- routing rules
        ruleGrid.setId("rule-list");
        ruleGrid.addColumn(r -> r.category() == null ? getTranslation("rules.anyCategory") : getTranslation("case.category." + r.category()))
                .setHeader(getTranslation("field.category")).setAutoWidth(true);
        ruleGrid.addColumn(r -> "≥ " + getTranslation("case.severity." + r.minSeverity())).setHeader(getTranslation("field.severity")).setAutoWidth(true);
        ruleGrid.addColumn(RoutingRules.Rule::unitTemplate).setHeader(getTranslation("field.responsibleUnit")).setFlexGrow(2);
        ruleGrid.addColumn(r -> getTranslation("level." + r.level())).setHeader(getTranslation("field.level")).setAutoWidth(true);
        ruleGrid.addColumn(RoutingRules.Rule::workingDays).setHeader(getTranslation("rules.workingDays")).setAutoWidth(true);
        ruleGrid.addComponentColumn(r -> {
            Button edit = new Button(getTranslation("action.edit"), e -> editRule(r));
            edit.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
            Button delete = new Button(getTranslation("action.delete"), e -> attempt(() -> rules.delete(r.id(), r.version())));
            delete.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY, ButtonVariant.ERROR);
            delete.setEnabled(!(r.category() == null && r.minSeverity() == 1));
            return new Div(edit, delete);
        }).setAutoWidth(true);
        ruleGrid.setAllRowsVisible(true);
        Button addRule = new Button(getTranslation("rules.add"), e -> editRule(new RoutingRules.Rule(0, null, 1, "{township}", "TOWNSHIP", 15, 0)));
        addRule.setId("rule-add");
        Paragraph help = new Paragraph(getTranslation("rules.help"));
        help.addClassName("gc-muted");

        // --- step clocks
        Div clocks = new Div();
        clocks.addClassName("gc-step-clocks");
        rules.stepClocks().forEach((step, days) -> {
            IntegerField field = new IntegerField(getTranslation("case.step." + step));
            field.setId("clock-" + step.name().toLowerCase());
            field.setValue(days);
            field.setMin(1);
            field.setMax(30);
            field.setStepButtonsVisible(true);
            field.setSuffixComponent(new com.vaadin.flow.component.html.Span(getTranslation("rules.days")));
            field.addValueChangeListener(e -> {
                if (e.isFromClient() && e.getValue() != null) attempt(() -> rules.setStepClock(step, e.getValue()));
            });
            clocks.add(field);
        });
        IntegerField handling = new IntegerField(getTranslation("case.step." + CaseStep.SUPERVISION));
        handling.setReadOnly(true);
        handling.setHelperText(getTranslation("rules.handlingClock"));
        clocks.add(handling);

        // --- calendar
        int thisYear = LocalDate.now(clock).getYear();
        List<Integer> years = new ArrayList<>();
        for (int y = thisYear - 1; y <= thisYear + 2; y++) years.add(y);
        year.setLabel(getTranslation("rules.year"));
        year.setItems(years);
        year.setValue(thisYear);
        year.addValueChangeListener(e -> refreshDays());
        dayGrid.setId("calendar-days");
        dayGrid.addColumn(d -> d.day().toString()).setHeader(getTranslation("rules.day")).setAutoWidth(true);
        dayGrid.addColumn(d -> getTranslation("rules.kind." + d.kind())).setHeader(getTranslation("field.kind")).setAutoWidth(true);
        dayGrid.addColumn(d -> d.name() == null ? "" : d.name()).setHeader(getTranslation("rules.dayName")).setFlexGrow(1);
        dayGrid.addComponentColumn(d -> {
            Button remove = new Button(getTranslation("action.delete"), e -> attempt(() -> calendar.remove(d.day())));
            remove.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY, ButtonVariant.ERROR);
            return remove;
        }).setAutoWidth(true);
        dayGrid.setHeight("320px");
        DatePicker day = new DatePicker(getTranslation("rules.day"));
        day.setId("calendar-day");
        Select<String> kind = new Select<>();
        kind.setId("calendar-kind");
        kind.setLabel(getTranslation("field.kind"));
        kind.setItems("HOLIDAY", "WORKDAY");
        kind.setItemLabelGenerator(k -> getTranslation("rules.kind." + k));
        kind.setValue("HOLIDAY");
        TextField name = new TextField(getTranslation("rules.dayName"));
        name.setId("calendar-name");
        name.setMaxLength(50);
        Button addDay = new Button(getTranslation("rules.addDay"), e -> {
            if (day.getValue() == null) {
                fail(getTranslation("rules.pickDay"));
                return;
            }
            attempt(() -> calendar.set(day.getValue(), kind.getValue(), name.getValue().isBlank() ? null : name.getValue().strip()));
        });
        addDay.setId("calendar-add");
        Div addRow = new Div(day, kind, name, addDay);
        addRow.addClassName("gc-inline-form");

        // --- arrival norms (dispatch): minutes per township
        Div normFields = new Div();
        normFields.addClassName("gc-step-clocks");
        for (var norm : norms.list()) {
            IntegerField field = new IntegerField(norm.name());
            field.setId("norm-" + norm.code());
            field.setValue(norm.minutes());
            field.setMin(1);
            field.setMax(120);
            field.setStepButtonsVisible(true);
            field.setSuffixComponent(new com.vaadin.flow.component.html.Span(getTranslation("rules.minutes")));
            field.addValueChangeListener(e -> {
                if (e.isFromClient() && e.getValue() != null) attempt(() -> norms.set(norm.townshipId(), e.getValue()));
            });
            normFields.add(field);
        }

        refresh();
        add(new H2(getTranslation("nav.rules")),
                new H3(getTranslation("rules.routing")), help, addRule, ruleGrid,
                new H3(getTranslation("rules.clocks")), clocks,
                new H3(getTranslation("rules.calendar")), new Paragraph(getTranslation("rules.calendarHelp")), year, dayGrid, addRow,
                new H3(getTranslation("rules.norms")), new Paragraph(getTranslation("rules.normsHelp")), normFields);
    }

    private void editRule(RoutingRules.Rule rule) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation(rule.id() == 0 ? "rules.add" : "action.edit"));
        Select<String> category = new Select<>();
        category.setLabel(getTranslation("field.category"));
        List<String> categories = new ArrayList<>(List.of(ANY));
        categories.addAll(new TreeSet<>(CaseService.CATEGORIES));
        category.setItems(categories);
        category.setItemLabelGenerator(c -> c.equals(ANY) ? getTranslation("rules.anyCategory") : getTranslation("case.category." + c));
        category.setValue(rule.category() == null ? ANY : rule.category());
        Select<Integer> severity = new Select<>();
        severity.setLabel(getTranslation("rules.minSeverity"));
        severity.setItems(1, 2, 3, 4);
        severity.setItemLabelGenerator(s -> getTranslation("case.severity." + s));
        severity.setValue(rule.minSeverity());
        TextField unit = new TextField(getTranslation("field.responsibleUnit"));
        unit.setId("rule-unit");
        unit.setValue(rule.unitTemplate());
        unit.setHelperText(getTranslation("rules.unitHelp"));
        unit.setMaxLength(100);
        Select<String> level = new Select<>();
        level.setLabel(getTranslation("field.level"));
        level.setItems("COMMUNITY", "TOWNSHIP", "CITY");
        level.setItemLabelGenerator(l -> getTranslation("level." + l));
        level.setValue(rule.level());
        IntegerField days = new IntegerField(getTranslation("rules.workingDays"));
        days.setId("rule-days");
        days.setMin(1);
        days.setMax(90);
        days.setValue(rule.workingDays());
        dialog.add(new FormLayout(category, severity, unit, level, days));
        Button save = new Button(getTranslation("action.save"), e -> {
            if (days.getValue() == null) {
                fail(getTranslation("rules.workingDays"));
                return;
            }
            if (attempt(() -> rules.save(new RoutingRules.Rule(rule.id(), category.getValue().equals(ANY) ? null : category.getValue(),
                    severity.getValue(), unit.getValue(), level.getValue(), days.getValue(), rule.version())))) {
                dialog.close();
            }
        });
        save.setId("rule-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("action.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    private boolean attempt(Runnable change) {
        try {
            change.run();
            Notification.show(getTranslation("action.done"), 2500, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.SUCCESS);
            return true;
        } catch (IllegalArgumentException e) { // a refusal, or the rule changed meanwhile (RuleChangedException)
            fail(Texts.problem(this, e));
            return false;
        } finally {
            refresh();
        }
    }

    private static void fail(String message) {
        Notification n = Notification.show(message, 6000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.ERROR);
        n.setId("rules-error");
    }

    private void refresh() {
        ruleGrid.setItems(rules.list());
        refreshDays();
    }

    private void refreshDays() {
        if (year.getValue() != null) dayGrid.setItems(calendar.list(year.getValue()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.rules") + " · " + getTranslation("app.title");
    }
}
