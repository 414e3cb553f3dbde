package com.gridcommand.casework;

import com.gridcommand.base.i18n.Formats;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a {@link LedgerService.Ledger} as XLSX (two sheets: 案件台帐 and 办理过程), CSV (UTF-8 with a BOM,
 * so spreadsheet programs read the Chinese) or PDF (A4 landscape, the Adobe Asian font STSong-Light).
 * Always in Chinese: a ledger is an official record. Text from the public is written as text: never as a
 * formula (a CSV cell starting with = + - @ is prefixed with an apostrophe) and never as markup.
 */
public final class LedgerFiles {

    public enum Format {
        XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        CSV("csv", "text/csv;charset=UTF-8"),
        PDF("pdf", "application/pdf");

        public final String extension;
        public final String contentType;

        Format(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }
    }

    /** The column headings of the case sheet, in order. */
    public static final List<String> CASE_HEADINGS = List.of("序号", "案件编号", "标题", "类别", "等级", "来源", "当事人", "登记时间",
            "乡镇/街道", "村/社区", "网格", "办理环节", "处置层级", "督办级别", "责任单位", "责任人", "办结时限", "办结时间",
            "办理时长（天）", "是否超期", "办理结果", "回访满意", "登记人");
    public static final List<String> STEP_HEADINGS = List.of("案件编号", "时间", "操作", "环节（前）", "环节（后）", "操作人", "说明");

    private final Formats chinese;

    public LedgerFiles(ZoneId zone) {
        this.chinese = Formats.chinese(zone);
    }

    public static String fileName(LedgerService.Ledger ledger, Format format) {
        return ledger.station().name() + "_案件台帐_" + ledger.from() + "_" + ledger.to() + "." + format.extension;
    }

    public static String title(LedgerService.Ledger ledger) {
        return ledger.station().name() + " 矛盾纠纷/事件台帐（" + ledger.from() + " 至 " + ledger.to() + "）";
    }

    public void write(LedgerService.Ledger ledger, Format format, OutputStream out) {
        try {
            switch (format) {
                case XLSX -> xlsx(ledger, out);
                case CSV -> csv(ledger, out);
                case PDF -> pdf(ledger, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ the values of a row, as text

    private String label(String prefix, Object value) {
        return chinese.label(prefix, value);
    }

    private String time(OffsetDateTime t) {
        return chinese.dateTime(t);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** The case row as the headings list it. */
    public List<String> values(int n, LedgerService.Row r) {
        return List.of(Integer.toString(n), r.code(), text(r.title()), label("case.category", r.category()), label("case.severity", r.severity()),
                label("case.source", r.source()), NewCase.describe(r.parties(), chinese), time(r.reportedAt()), text(r.township()),
                text(r.community()), text(r.cell()), label("case.step", r.step()), chinese.level(r.level()), label("supervision", r.supervision()),
                text(r.unit()), text(r.person()), time(r.deadline()), time(r.closedAt()), LedgerService.days(r.durationDays()),
                chinese.yesNo(r.overdue()), text(r.outcome()), r.satisfied() == null ? "" : chinese.t(r.satisfied() ? "ledger.satisfied" : "ledger.unsatisfied"),
                chinese.actor(r.registeredBy(), r.registeredByName()));
    }

    public List<String> values(LedgerService.Step s) {
        return List.of(s.caseCode(), time(s.at()), label("case.action", s.action()), label("case.step", s.from()),
                label("case.step", s.to()), chinese.actor(s.actor(), s.actorName()), text(s.note()));
    }

    // ------------------------------------------------------------------ XLSX

    private void xlsx(LedgerService.Ledger ledger, OutputStream out) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            book.setCompressTempFiles(true);
            Font bold = book.createFont();
            bold.setBold(true);
            CellStyle heading = book.createCellStyle();
            heading.setFont(bold);
            heading.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            heading.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            heading.setBorderBottom(BorderStyle.THIN);
            Font big = book.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            CellStyle titleStyle = book.createCellStyle();
            titleStyle.setFont(big);
            CellStyle wrap = book.createCellStyle();
            wrap.setWrapText(true);

            SXSSFSheet cases = book.createSheet("案件台帐");
            title(cases, titleStyle, title(ledger), "制表：" + ledger.madeBy() + "　制表时间：" + time(ledger.madeAt())
                    + "　共 " + ledger.rows().size() + " 件", CASE_HEADINGS.size());
            headings(cases, 2, CASE_HEADINGS, heading);
            int n = 0;
            for (LedgerService.Row r : ledger.rows()) {
                n++;
                Row row = cases.createRow(2 + n);
                List<String> v = values(n, r);
                for (int c = 0; c < v.size(); c++) {
                    Cell cell = row.createCell(c);
                    if (c == 0) cell.setCellValue(n);
                    else if (c == 18) cell.setCellValue(Double.parseDouble(v.get(c)));
                    else cell.setCellValue(v.get(c));
                }
            }
            cases.createFreezePane(2, 3);
            widths(cases, new int[]{6, 20, 30, 14, 8, 10, 24, 17, 12, 14, 14, 10, 9, 9, 20, 10, 17, 17, 10, 8, 40, 9, 12});
            cases.setAutoFilter(new CellRangeAddress(2, 2 + n, 0, CASE_HEADINGS.size() - 1));

            SXSSFSheet steps = book.createSheet("办理过程");
            title(steps, titleStyle, title(ledger) + " · 办理过程", "共 " + ledger.steps().size() + " 条", STEP_HEADINGS.size());
            headings(steps, 2, STEP_HEADINGS, heading);
            int i = 3;
            for (LedgerService.Step s : ledger.steps()) {
                Row row = steps.createRow(i++);
                List<String> v = values(s);
                for (int c = 0; c < v.size(); c++) {
                    Cell cell = row.createCell(c);
                    cell.setCellValue(v.get(c));
                    if (c == 6) cell.setCellStyle(wrap);
                }
            }
            steps.createFreezePane(1, 3);
            widths(steps, new int[]{20, 17, 10, 12, 12, 16, 60});
            book.getXSSFWorkbook().getProperties().getCoreProperties().setTitle(title(ledger));
            book.getXSSFWorkbook().getProperties().getCoreProperties().setCreator("GridCommand");
            book.write(out);
        }
    }

    private static void title(Sheet sheet, CellStyle style, String title, String subtitle, int columns) {
        Row row = sheet.createRow(0);
        Cell cell = row.createCell(0);
        cell.setCellValue(title);
        cell.setCellStyle(style);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));
        sheet.createRow(1).createCell(0).setCellValue(subtitle);
        sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, columns - 1));
    }

    private static void headings(Sheet sheet, int at, List<String> headings, CellStyle style) {
        Row row = sheet.createRow(at);
        for (int c = 0; c < headings.size(); c++) {
            Cell cell = row.createCell(c);
            cell.setCellValue(headings.get(c));
            cell.setCellStyle(style);
        }
    }

    private static void widths(Sheet sheet, int[] characters) {
        for (int c = 0; c < characters.length; c++) sheet.setColumnWidth(c, characters[c] * 256 + 200);
    }

    // ------------------------------------------------------------------ CSV

    private void csv(LedgerService.Ledger ledger, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        line(w, CASE_HEADINGS);
        int n = 0;
        for (LedgerService.Row r : ledger.rows()) line(w, values(++n, r));
        w.flush();
    }

    private static void line(Writer w, List<String> values) throws IOException {
        List<String> cells = new ArrayList<>(values.size());
        for (String v : values) cells.add(csvCell(v));
        w.write(String.join(",", cells));
        w.write("\r\n");
    }

    /** RFC 4180 quoting, and text that a spreadsheet would run as a formula is kept as text. */
    static String csvCell(String v) {
        String s = v == null ? "" : v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.matches("-?\\d+(\\.\\d+)?")) s = "'" + s;
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) s = "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }

    // ------------------------------------------------------------------ PDF

    private void pdf(LedgerService.Ledger ledger, OutputStream out) throws IOException {
        BaseFont song = BaseFont.createFont("STSong-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
        org.openpdf.text.Font titleFont = new org.openpdf.text.Font(song, 15, org.openpdf.text.Font.BOLD);
        org.openpdf.text.Font small = new org.openpdf.text.Font(song, 7.5f);
        org.openpdf.text.Font smallBold = new org.openpdf.text.Font(song, 7.5f, org.openpdf.text.Font.BOLD);
        Document document = new Document(PageSize.A4.rotate(), 24, 24, 28, 28);
        PdfWriter.getInstance(document, out);
        document.addTitle(title(ledger));
        document.addCreator("GridCommand");
        document.open();
        Paragraph heading = new Paragraph(title(ledger), titleFont);
        heading.setAlignment(Element.ALIGN_CENTER);
        document.add(heading);
        Paragraph meta = new Paragraph("制表：" + ledger.madeBy() + "　制表时间：" + time(ledger.madeAt()) + "　共 " + ledger.rows().size() + " 件", small);
        meta.setAlignment(Element.ALIGN_CENTER);
        meta.setSpacingAfter(8);
        document.add(meta);

        // The PDF is for reading and signing: the columns a reader needs, the full steps below.
        int[] columns = {0, 1, 2, 3, 7, 10, 11, 14, 15, 16, 17, 18, 19, 20};
        float[] widths = {3, 9, 14, 6, 8, 7, 6, 9, 5, 8, 8, 4, 4, 16};
        table(document, columns, widths, CASE_HEADINGS, ledger.rows().size(), i -> values(i + 1, ledger.rows().get(i)), small, smallBold);

        document.newPage();
        Paragraph stepsHeading = new Paragraph("办理过程", titleFont);
        stepsHeading.setSpacingAfter(8);
        document.add(stepsHeading);
        table(document, new int[]{0, 1, 2, 3, 4, 5, 6}, new float[]{10, 9, 6, 7, 7, 8, 33}, STEP_HEADINGS, ledger.steps().size(),
                i -> values(ledger.steps().get(i)), small, smallBold);
        document.close();
    }

    private static void table(Document document, int[] columns, float[] widths, List<String> headings, int rows,
                              Function<Integer, List<String>> values, org.openpdf.text.Font font, org.openpdf.text.Font bold) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (int c : columns) {
            PdfPCell cell = new PdfPCell(new Phrase(headings.get(c), bold));
            cell.setGrayFill(0.88f);
            table.addCell(cell);
        }
        for (int i = 0; i < rows; i++) {
            List<String> v = values.apply(i);
            for (int c : columns) table.addCell(new PdfPCell(new Phrase(v.get(c), font)));
        }
        document.add(table);
    }
}
