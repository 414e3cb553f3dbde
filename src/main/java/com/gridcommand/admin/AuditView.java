package com.gridcommand.admin;

import com.gridcommand.security.AuditService;
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
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Leaders and administrators: who changed what and when in their areas; the same rows as a CSV file. */
@Route("audit")
@Menu(order = 3, title = "nav.audit")
@RolesAllowed({"LEADER", "ADMIN"})
public class AuditView extends Div implements HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> ENTITIES = List.of("gov_case", "hotspot", "responder", "grid_cell", "community", "township",
            "patrol_route", "key_place", "camera", "app_user", "device", "routing_rule", "step_clock", "calendar_day", "gis-data");

    private final AuditService audit;
    private final Grid<AuditService.AuditEntry> grid = new Grid<>();
    private AuditService.AuditQuery query = AuditService.AuditQuery.all();

    public AuditView(AuditService audit, Clock clock) {
        this.audit = audit;
        addClassName("gc-page");
        Select<String> entity = new Select<>();
        entity.setLabel(getTranslation("audit.entity"));
        entity.setItems(ENTITIES);
        entity.setEmptySelectionAllowed(true);
        entity.setItemLabelGenerator(e -> e == null ? getTranslation("audit.all") : getTranslation("audit.entity." + e));
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
        grid.addColumn(e -> TIME.format(e.at().atZoneSameInstant(clock.getZone()))).setHeader(getTranslation("audit.at")).setAutoWidth(true);
        grid.addColumn(AuditService.AuditEntry::actor).setHeader(getTranslation("audit.actor")).setAutoWidth(true);
        grid.addColumn(e -> getTranslation("audit.action." + e.action())).setHeader(getTranslation("audit.action")).setAutoWidth(true);
        grid.addColumn(e -> getTranslation("audit.entity." + e.entity()) + (e.entityId() == null ? "" : " #" + e.entityId()))
                .setHeader(getTranslation("audit.entity")).setAutoWidth(true);
        grid.addColumn(e -> e.township() == null ? "" : e.township()).setHeader(getTranslation("field.township")).setAutoWidth(true);
        grid.addColumn(e -> String.join("；", e.changes())).setHeader(getTranslation("audit.changes")).setFlexGrow(3);
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
