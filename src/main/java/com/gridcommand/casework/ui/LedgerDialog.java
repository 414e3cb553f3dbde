package com.gridcommand.casework.ui;

import com.gridcommand.base.i18n.Texts;
import com.gridcommand.base.i18n.ProblemException;
import com.gridcommand.area.AreaLevel;
import com.gridcommand.area.AreaService;
import com.gridcommand.area.AreaSummary;
import com.gridcommand.casework.LedgerFiles;
import com.gridcommand.casework.LedgerService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.server.streams.DownloadHandler;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * 导出台帐: a station (township or community of the user's areas), a period and a format; the file is
 * made when the link is followed, from the database as it is then. A period or station that is wrong
 * is said before anything is downloaded.
 */
class LedgerDialog extends Dialog {

    LedgerDialog(LedgerService ledgers, AreaService areas, Clock clock) {
        setHeaderTitle(getTranslation("ledger.title"));
        setWidth("560px");
        ComboBox<AreaSummary> station = new ComboBox<>(getTranslation("ledger.station"));
        station.setId("ledger-station");
        List<AreaSummary> stations = new ArrayList<>(areas.list(AreaLevel.TOWNSHIP));
        stations.addAll(areas.list(AreaLevel.COMMUNITY));
        station.setItems((item, text) -> item.name().contains(text) || item.code().startsWith(text), stations);
        station.setItemLabelGenerator(a -> a.name() + " · " + getTranslation("area.level." + a.level()));
        if (!stations.isEmpty()) station.setValue(stations.getFirst());
        LocalDate today = LocalDate.now(clock);
        DatePicker from = new DatePicker(getTranslation("filter.from"), today.withDayOfMonth(1));
        from.setId("ledger-from");
        DatePicker to = new DatePicker(getTranslation("filter.to"), today);
        to.setId("ledger-to");
        RadioButtonGroup<LedgerFiles.Format> format = new RadioButtonGroup<>(getTranslation("ledger.format"));
        format.setId("ledger-format");
        format.setItems(LedgerFiles.Format.values());
        format.setItemLabelGenerator(f -> f.extension.toUpperCase());
        format.setValue(LedgerFiles.Format.XLSX);
        Paragraph error = new Paragraph();
        error.setId("ledger-error");
        error.addClassName("gc-form-error");
        error.setVisible(false);
        add(new FormLayout(station, format, from, to), error);

        Anchor download = new Anchor((DownloadHandler) event -> {
            AreaSummary chosen = station.getValue();
            try {
                LedgerService.Station s = chosen == null ? null : ledgers.station(chosen.code()).orElse(null);
                if (s == null) throw new ProblemException("ledger.noStation", "choose a station of your areas");
                LedgerService.Ledger ledger = ledgers.ledger(s, from.getValue(), to.getValue());
                // Made in full before anything is sent: a failure gives an error, never half a file.
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                new LedgerFiles(clock.getZone()).write(ledger, format.getValue(), bytes);
                event.setFileName(LedgerFiles.fileName(ledger, format.getValue()));
                event.setContentType(format.getValue().contentType);
                event.setContentLength(bytes.size());
                bytes.writeTo(event.getOutputStream());
                event.getUI().access(() -> error.setVisible(false));
            } catch (IllegalArgumentException invalid) {
                event.getResponse().setStatus(400);
                event.getUI().access(() -> {
                    error.setText(Texts.problem(this, invalid));
                    error.setVisible(true);
                });
            }
        }, getTranslation("ledger.download"));
        download.setId("ledger-download");
        download.getElement().setAttribute("download", true);
        download.addClassName("gc-download");
        getFooter().add(new Button(getTranslation("action.close"), e -> close()), download);
    }
}
