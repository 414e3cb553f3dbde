package com.gridcommand.map;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.casework.CaseAlert;
import com.gridcommand.casework.ui.CaseDetailView;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

import java.util.List;

/**
 * 督办提醒: the supervision alerts of the user's areas, newest first — a step near its deadline, past it,
 * or escalated for it. New ones arrive live at the top. Titles come from the public: shown as text.
 */
class AlertsPanel extends Div {

    static final int SHOWN = 8;

    private final Texts texts;
    private final Div list = new Div();
    private final Span empty;

    AlertsPanel(Texts texts) {
        this.texts = texts;
        setId("alerts");
        addClassName("gc-alerts");
        H3 heading = new H3(texts.t("alerts.title"));
        heading.addClassName("gc-panel-heading");
        empty = new Span(texts.t("alerts.none"));
        empty.addClassName("gc-muted");
        list.addClassName("gc-alert-list");
        add(heading, empty, list);
    }

    void show(List<CaseAlert> alerts) {
        list.removeAll();
        alerts.forEach(a -> list.add(item(a)));
        empty.setVisible(alerts.isEmpty());
    }

    void prepend(CaseAlert alert) {
        list.addComponentAsFirst(item(alert));
        while (list.getComponentCount() > SHOWN) list.remove(list.getComponentAt(list.getComponentCount() - 1));
        empty.setVisible(false);
    }

    private Div item(CaseAlert a) {
        Span kind = new Span(texts.t("alert.kind." + a.kind()));
        kind.addClassNames("gc-alert-kind", "gc-alert-" + a.kind().toLowerCase());
        RouterLink link = new RouterLink(a.code() + " " + a.title(), CaseDetailView.class, new RouteParameters("id", Long.toString(a.caseId())));
        link.addClassName("gc-alert-case");
        Span where = new Span(a.community() + " · " + texts.t("case.step." + a.step()) + " · " + texts.dateTime(a.raisedAt()));
        where.addClassName("gc-alert-meta");
        Div item = new Div(kind, link, where);
        item.addClassName("gc-alert");
        item.getElement().setAttribute("data-case", Long.toString(a.caseId()));
        item.getElement().setAttribute("data-kind", a.kind());
        return item;
    }
}
