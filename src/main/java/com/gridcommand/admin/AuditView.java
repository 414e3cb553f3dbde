package com.gridcommand.admin;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.security.AuditService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;

import java.time.Clock;
import java.time.LocalDate;

/** Leaders and administrators: who changed what and when in their areas; the same rows as a CSV file. */
@Route("audit")
@Menu(order = 3, title = "nav.audit")
@RolesAllowed({"LEADER", "ADMIN"})
public class AuditView extends Div implements HasDynamicTitle {

    private final AuditService audit;
    private final Grid<AuditService.AuditEntry> grid = new Grid<>();
    private AuditService.AuditQuery query = AuditService.AuditQuery.all();

    public AuditView(AuditService audit, Clock clock) {
        this.audit = audit;
        Texts t = new Texts(UI.getCurrent(), clock);
        addClassName("gc-page");
        Select<String> entity = new Select<>();
        entity.setLabel(getTranslation("audit.entity"));
        entity.setId("audit-entity");
        entity.setItems(audit.entities());
        entity.setEmptySelectionAllowed(true);
        entity.setItemLabelGenerator(e -> e == null ? getTranslation("audit.all") : t.entity(e));
        entity.addValueChangeListener(e -> {
            query = new AuditService.AuditQuery(null, null, e.getValue(), null);
            grid.getDataProvider().refreshAll();
        });
        Anchor export = new Anchor((DownloadHandler) event -> {
            event.setFileName("audit-" + LocalDate.now(clock) + ".csv");
            event.setContentType("text/csv; charset=UTF-8");
            audit.exportCsv(query, event.getOutputStream());
        }, getTranslation("audit.export"));
        export.setId("audit-export");
        grid.setId("audit-list");
        grid.addColumn(e -> t.dateTimeSeconds(e.at())).setHeader(getTranslation("audit.at")).setAutoWidth(true);
        grid.addColumn(e -> e.who(t)).setHeader(getTranslation("audit.actor")).setAutoWidth(true);
        grid.addColumn(e -> t.label("audit.action", e.action())).setHeader(getTranslation("audit.action")).setAutoWidth(true);
        grid.addColumn(e -> e.what(t)).setHeader(getTranslation("audit.entity")).setAutoWidth(true);
        grid.addColumn(e -> e.township() == null ? "" : e.township()).setHeader(getTranslation("field.township")).setAutoWidth(true);
        grid.addColumn(e -> String.join("；", e.describe(t))).setHeader(getTranslation("audit.changes")).setFlexGrow(3);
        grid.setItems(q -> audit.find(query, q.getOffset(), q.getLimit()).stream(), q -> (int) Math.min(Integer.MAX_VALUE, audit.count(query)));
        grid.setSizeFull();
        Div tools = new Div(entity, export);
        tools.addClassName("gc-toolbar");
        add(new H2(getTranslation("nav.audit")), tools, grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.audit") + " · " + getTranslation("app.title");
    }
}
