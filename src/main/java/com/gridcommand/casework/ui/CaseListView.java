package com.gridcommand.casework.ui;

import com.gridcommand.casework.CaseListItem;
import com.gridcommand.casework.CaseService;
import com.gridcommand.security.CurrentUser;
import com.gridcommand.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.time.format.DateTimeFormatter;

/**
 * The case ledger (台帐) of the user's areas, newest first, loaded page by page. A row opens to show the
 * description — text from the public, shown as text. Who may correct a registration sees the button.
 */
@Route("cases")
@Menu(order = 2, title = "nav.cases")
@PermitAll
public class CaseListView extends Div implements HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Grid<CaseListItem> grid = new Grid<>();

    public CaseListView(CaseService cases, CurrentUser current, Clock clock) {
        addClassName("gc-page");
        H2 heading = new H2(getTranslation("nav.cases"));
        Span total = new Span(getTranslation("cases.total", String.valueOf(cases.count())));
        total.setId("case-total");
        grid.setId("case-list");
        grid.addThemeVariants(GridVariant.ROW_STRIPES);
        grid.addColumn(CaseListItem::code).setHeader(getTranslation("field.code")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(CaseListItem::title).setHeader(getTranslation("field.title")).setFlexGrow(2);
        grid.addColumn(c -> getTranslation("case.category." + c.category())).setHeader(getTranslation("field.category")).setAutoWidth(true);
        grid.addColumn(c -> getTranslation("case.severity." + c.severity())).setHeader(getTranslation("field.severity")).setAutoWidth(true);
        grid.addColumn(c -> getTranslation("case.step." + c.step())).setHeader(getTranslation("field.step")).setAutoWidth(true);
        grid.addColumn(c -> TIME.format(c.reportedAt().atZoneSameInstant(clock.getZone()))).setHeader(getTranslation("field.reportedAt")).setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(c -> {
            Span deadline = new Span(c.deadline() == null ? "" : TIME.format(c.deadline().atZoneSameInstant(clock.getZone())));
            if (c.overdue()) {
                deadline.addClassName("gc-overdue");
                deadline.setTitle(getTranslation("field.overdue"));
            }
            return deadline;
        })).setHeader(getTranslation("field.deadline")).setAutoWidth(true);
        grid.addColumn(c -> c.township() + " · " + c.community() + " · " + c.gridCell()).setHeader(getTranslation("field.cell")).setFlexGrow(2);
        if (current.has(Role.COMMAND, Role.DISPATCHER, Role.GRID_WORKER, Role.ADMIN)) {
            grid.addComponentColumn(c -> {
                Button correct = new Button(getTranslation("case.correct.action"), e -> cases.details(c.id()).ifPresent(d ->
                        new CaseCorrectionDialog(cases, c.id(), d.title(), d.description(), d.category(), d.severity(), c.version(),
                                () -> grid.getDataProvider().refreshAll()).open()));
                correct.addThemeVariants(ButtonVariant.SMALL, ButtonVariant.TERTIARY);
                correct.addClassName("gc-correct");
                return correct;
            }).setAutoWidth(true).setFlexGrow(0);
        }
        grid.setItemDetailsRenderer(new ComponentRenderer<>(c -> {
            Paragraph description = new Paragraph(c.description());
            description.addClassName("gc-case-description");
            return description;
        }));
        grid.setItems(query -> cases.list(query.getOffset(), query.getLimit()).stream(), query -> cases.count());
        grid.setSizeFull();
        add(heading, total, grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.cases") + " · " + getTranslation("app.title");
    }
}
