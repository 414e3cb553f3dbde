package com.gridcommand.casework.ui;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.casework.Attachments;
import com.gridcommand.casework.CaseEvent;
import com.gridcommand.casework.CaseService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import java.util.List;

/** A case's timeline (#case-timeline): each step's action, the steps it moved between, who and when, details, note and files. */
final class CaseTimelinePanel extends Div {

    private final CaseService cases;
    private final Texts texts;

    CaseTimelinePanel(CaseService cases, Texts texts, List<CaseEvent> events) {
        this.cases = cases;
        this.texts = texts;
        setId("case-timeline");
        addClassName("gc-timeline");
        for (CaseEvent e : events) add(event(e));
    }

    private Component event(CaseEvent e) {
        Div item = new Div();
        item.addClassName("gc-timeline-item");
        item.getElement().setAttribute("data-action", e.action().name());
        Span what = new Span(getTranslation("case.action." + e.action()));
        what.addClassName("gc-timeline-action");
        Span when = new Span(texts.dateTime(e.at()) + " · " + e.who(texts));
        when.addClassName("gc-timeline-meta");
        Span step = new Span((e.from() == null ? "" : getTranslation("case.step." + e.from()) + " → ") + getTranslation("case.step." + e.to()));
        step.addClassName("gc-timeline-step");
        item.add(what, step, when);
        List<String> details = e.detailLines(texts);
        if (!details.isEmpty()) {
            Paragraph line = new Paragraph(String.join("；", details));
            line.addClassName("gc-timeline-details");
            item.add(line);
        }
        if (e.note() != null) {
            Paragraph note = new Paragraph(e.note());
            note.addClassName("gc-timeline-note");
            item.add(note);
        }
        for (Attachments.Stored file : e.attachments()) item.add(attachment(file));
        return item;
    }

    /** A link that downloads the file (404 if it is gone meanwhile). */
    private Anchor attachment(Attachments.Stored file) {
        Anchor link = new Anchor(DownloadHandler.fromInputStream(event -> cases.attachment(file.id())
                .map(content -> new DownloadResponse(new java.io.ByteArrayInputStream(content.data()),
                        content.fileName(), content.contentType(), content.data().length))
                .orElseGet(() -> DownloadResponse.error(404))), file.fileName());
        link.addClassName("gc-attachment");
        return link;
    }
}
