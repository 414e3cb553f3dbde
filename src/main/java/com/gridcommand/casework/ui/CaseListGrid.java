package com.gridcommand.casework.ui;

import com.gridcommand.casework.CaseFilter;
import com.gridcommand.casework.CaseListItem;
import com.gridcommand.casework.CaseOrder;
import com.gridcommand.casework.CaseService;
import com.gridcommand.casework.ListTimes;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

import java.time.ZoneId;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The case ledger's rows (#case-list), a page at a time from the database, sorted there by the column the user
 * chose; a row opens to its description and a link to the case.
 */
final class CaseListGrid extends Grid<CaseListItem> {

    private final CaseService cases;
    private final Supplier<CaseFilter> filter;
    private CaseOrder order = CaseOrder.DEFAULT;

    /** {@code filter} is the filter to read with (it includes {@link #order()}); {@code onTotal} is told the count. */
    CaseListGrid(CaseService cases, ZoneId zone, Supplier<CaseFilter> filter, IntConsumer onTotal) {
        this.cases = cases;
        this.filter = filter;
        setId("case-list");
        addThemeVariants(GridVariant.ROW_STRIPES, GridVariant.LUMO_COMPACT);
        addColumn(new ComponentRenderer<>(c -> Lights.badge(this, c.light()))).setHeader(getTranslation("field.light"))
                .setAutoWidth(true).setFlexGrow(0).setKey("light");
        addColumn(CaseListItem::code).setHeader(getTranslation("field.code")).setAutoWidth(true).setFlexGrow(0)
                .setSortProperty(CaseFilter.Sort.CODE.name()).setKey("code");
        addColumn(CaseListItem::title).setHeader(getTranslation("field.title")).setFlexGrow(2).setKey("title");
        addColumn(c -> getTranslation("case.category." + c.category())).setHeader(getTranslation("field.category")).setAutoWidth(true);
        addColumn(c -> getTranslation("case.severity." + c.severity())).setHeader(getTranslation("field.severity")).setAutoWidth(true)
                .setSortProperty(CaseFilter.Sort.SEVERITY.name());
        addColumn(c -> getTranslation("case.step." + c.step())).setHeader(getTranslation("field.step")).setAutoWidth(true)
                .setSortProperty(CaseFilter.Sort.STEP.name()).setKey("step");
        addColumn(c -> ListTimes.format(c.reportedAt(), zone)).setHeader(getTranslation("field.reportedAt"))
                .setAutoWidth(true).setSortProperty(CaseFilter.Sort.REPORTED.name()).setKey("reported");
        addColumn(new ComponentRenderer<>(c -> {
            Span deadline = new Span(ListTimes.format(c.deadline(), zone));
            if (c.overdue()) {
                deadline.addClassName("gc-overdue");
                deadline.setTitle(getTranslation("field.overdue"));
            }
            return deadline;
        })).setHeader(getTranslation("field.deadline")).setAutoWidth(true).setSortProperty(CaseFilter.Sort.DEADLINE.name());
        addColumn(c -> c.township() + " · " + c.community() + " · " + c.gridCell()).setHeader(getTranslation("field.cell")).setFlexGrow(2);
        setMultiSort(false);
        sort(List.of(new GridSortOrder<>(getColumnByKey("reported"), SortDirection.DESCENDING)));
        setItemDetailsRenderer(new ComponentRenderer<>(c -> {
            Paragraph description = new Paragraph(c.description());
            description.addClassName("gc-case-description");
            RouterLink open = new RouterLink(getTranslation("case.open"), CaseDetailView.class, new RouteParameters("id", Long.toString(c.id())));
            open.addClassName("gc-open-case");
            return new Div(description, open);
        }));
        var data = setItems(query -> {
            readSort(query.getSortOrders());
            return cases.list(filter.get(), query.getOffset(), query.getLimit()).stream();
        }, query -> {
            readSort(query.getSortOrders());
            int n = cases.count(filter.get());
            onTotal.accept(n);
            return n;
        });
        data.setIdentifierProvider(CaseListItem::id);
        setSizeFull();
    }

    /** The order the user chose (newest reported first until they choose). */
    CaseOrder order() {
        return order;
    }

    private void readSort(List<QuerySortOrder> orders) {
        order = orders.isEmpty() ? CaseOrder.DEFAULT
                : CaseOrder.of(orders.getFirst().getSorted(), orders.getFirst().getDirection() == SortDirection.DESCENDING);
    }

    /** Reads the rows again. */
    void refresh() {
        getDataProvider().refreshAll();
    }

    /** Selects the case's row and scrolls to it, if the filter lists it. */
    void selectCase(long id) {
        cases.indexOf(filter.get(), id).ifPresent(index -> {
            scrollToIndex(index);
            cases.list(filter.get(), index, 1).stream().findFirst().ifPresent(this::select);
        });
    }
}
