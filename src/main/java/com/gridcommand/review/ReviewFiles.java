package com.gridcommand.review;

import com.gridcommand.casework.AreaReview;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The review as a file, in Chinese (an official record): XLSX with numbers as numbers (rates as fractions shown as
 * percentages) or PDF (A4 landscape, STSong-Light). One line per area, best first, with the score's parts and the
 * weights it was made with, so the ranking can be checked by hand.
 */
public final class ReviewFiles {

    public enum Format {
        XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        PDF("pdf", "application/pdf");

        public final String extension;
        public final String contentType;

        Format(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }
    }

    public static final List<String> HEADINGS = List.of("名次", "区域", "编码", "案件数", "每千户案件", "办结数", "办结率", "按期办结率",
            "办理时长中位数(小时)", "办理时长P90(小时)", "响应次数", "响应中位数(分钟)", "响应P90(分钟)", "超期未结", "昼间巡防覆盖", "夜间巡防覆盖",
            "在册重点地区", "已摘牌重点地区", "办结得分", "按期得分", "时效得分", "超期得分", "综合得分");

    /** Which columns hold shares (0..1, shown as percentages). */
    private static final List<Integer> SHARES = List.of(6, 7, 14, 15, 18, 19, 20, 21);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private ReviewFiles() {
    }

    public static String levelName(AreaReview.Level level) {
        return switch (level) {
            case TOWNSHIP -> "镇街";
            case COMMUNITY -> "村社";
            case GRID_CELL -> "网格";
        };
    }

    public static String title(LeadersReview.Review review) {
        return review.month().getYear() + "年" + review.month().getMonthValue() + "月"
                + (review.parentName() == null ? "" : review.parentName()) + levelName(review.level()) + "综治工作考评"
                + (review.inProgress() ? "（截至" + review.through().getDayOfMonth() + "日）" : "");
    }

    public static String fileName(LeadersReview.Review review, Format format) {
        return "考评_" + review.month() + "_" + levelName(review.level()) + (review.parentName() == null ? "" : "_" + review.parentName())
                + "." + format.extension;
    }

    public static String weights(AreaReview.Weights w) {
        return String.format(Locale.ROOT, "综合得分 = 100 × (%.2f×办结率 + %.2f×按期办结率 + %.2f×时效 + %.2f×(1−超期占比)) ÷ %.2f；"
                        + "时效 = 1 − 本区域办理时长P90 ÷ 最慢区域P90",
                w.closure(), w.onTime(), w.speed(), w.overdue(), w.closure() + w.onTime() + w.speed() + w.overdue());
    }

    /** One line's values in the order of {@link #HEADINGS}: numbers as Double, text as String, nothing as null. */
    public static List<Object> values(LeadersReview.Line line) {
        LeadersReview.Figures f = line.figures();
        AreaReview.Row r = f.cases();
        AreaReview.Ranked s = line.ranked();
        List<Object> v = new ArrayList<>(HEADINGS.size());
        v.add(line.rank() == 0 ? null : (double) line.rank());
        v.add(r.name());
        v.add(r.code());
        v.add((double) r.cases());
        v.add(f.casesPerThousandHouseholds());
        v.add((double) r.closed());
        v.add(r.cases() == 0 ? null : r.closureRate());
        v.add(r.cases() == 0 ? null : r.onTimeRate());
        v.add(r.handlingHoursMedian());
        v.add(r.handlingHoursP90());
        v.add((double) f.responses());
        v.add(f.responseMedianMinutes());
        v.add(f.responseP90Minutes());
        v.add((double) r.overdueNow());
        v.add(f.patrolDayShare());
        v.add(f.patrolNightShare());
        v.add((double) f.hotspotsActive());
        v.add((double) f.hotspotsDelisted());
        v.add(s == null ? null : s.closurePart());
        v.add(s == null ? null : s.onTimePart());
        v.add(s == null ? null : s.speedPart());
        v.add(s == null ? null : s.overduePart());
        v.add(s == null ? null : s.score());
        return v;
    }

    /** As text, the way the PDF and the screen show it. */
    public static String text(Object value, int column) {
        if (value == null) return "—";
        if (value instanceof String s) return s;
        double d = (Double) value;
        if (SHARES.contains(column)) return String.format(Locale.ROOT, "%.1f%%", 100 * d);
        if (d == Math.rint(d) && column != 22) return Long.toString((long) d);
        return String.format(Locale.ROOT, "%.1f", d);
    }

    public static void write(LeadersReview.Review review, Format format, String madeBy, OffsetDateTime madeAt, OutputStream out) {
        try {
            if (format == Format.XLSX) xlsx(review, madeBy, madeAt, out);
            else pdf(review, madeBy, madeAt, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String subtitle(LeadersReview.Review review, String madeBy, OffsetDateTime madeAt) {
        return "制表：" + madeBy + "　制表时间：" + TIME.format(madeAt.atZoneSameInstant(LeadersReview.CHINA)) + "　共 "
                + review.lines().size() + " 个" + levelName(review.level());
    }

    private static void xlsx(LeadersReview.Review review, String madeBy, OffsetDateTime madeAt, OutputStream out) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Font bold = book.createFont();
            bold.setBold(true);
            CellStyle heading = book.createCellStyle();
            heading.setFont(bold);
            heading.setWrapText(true);
            heading.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            heading.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            heading.setBorderBottom(BorderStyle.THIN);
            Font big = book.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            CellStyle titleStyle = book.createCellStyle();
            titleStyle.setFont(big);
            CellStyle percent = book.createCellStyle();
            percent.setDataFormat(book.createDataFormat().getFormat("0.0%"));
            CellStyle decimal = book.createCellStyle();
            decimal.setDataFormat(book.createDataFormat().getFormat("0.0"));

            XSSFSheet sheet = book.createSheet("考评");
            int columns = HEADINGS.size();
            sheet.createRow(0).createCell(0).setCellValue(title(review));
            sheet.getRow(0).getCell(0).setCellStyle(titleStyle);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));
            sheet.createRow(1).createCell(0).setCellValue(subtitle(review, madeBy, madeAt));
            sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, columns - 1));
            sheet.createRow(2).createCell(0).setCellValue(weights(review.weights()));
            sheet.addMergedRegion(new CellRangeAddress(2, 2, 0, columns - 1));
            Row head = sheet.createRow(3);
            for (int c = 0; c < columns; c++) {
                Cell cell = head.createCell(c);
                cell.setCellValue(HEADINGS.get(c));
                cell.setCellStyle(heading);
            }
            int r = 4;
            for (LeadersReview.Line line : review.ranked()) {
                Row row = sheet.createRow(r++);
                List<Object> v = values(line);
                for (int c = 0; c < columns; c++) {
                    Object value = v.get(c);
                    if (value == null) continue;
                    Cell cell = row.createCell(c);
                    if (value instanceof String s) cell.setCellValue(s);
                    else {
                        cell.setCellValue((Double) value);
                        if (SHARES.contains(c)) cell.setCellStyle(percent);
                        else if (c == 4 || c == 8 || c == 9 || c == 11 || c == 12 || c == 22) cell.setCellStyle(decimal);
                    }
                }
            }
            sheet.createFreezePane(3, 4);
            sheet.setColumnWidth(1, 18 * 256);
            sheet.setColumnWidth(2, 17 * 256);
            for (int c = 3; c < columns; c++) sheet.setColumnWidth(c, 11 * 256);
            sheet.setAutoFilter(new CellRangeAddress(3, Math.max(3, r - 1), 0, columns - 1));
            book.getProperties().getCoreProperties().setTitle(title(review));
            book.getProperties().getCoreProperties().setCreator("GridCommand");
            book.write(out);
        }
    }

    private static void pdf(LeadersReview.Review review, String madeBy, OffsetDateTime madeAt, OutputStream out) throws IOException {
        BaseFont song = BaseFont.createFont("STSong-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
        org.openpdf.text.Font titleFont = new org.openpdf.text.Font(song, 15, org.openpdf.text.Font.BOLD);
        org.openpdf.text.Font small = new org.openpdf.text.Font(song, 7f);
        org.openpdf.text.Font smallBold = new org.openpdf.text.Font(song, 7f, org.openpdf.text.Font.BOLD);
        Document document = new Document(PageSize.A4.rotate(), 20, 20, 26, 26);
        PdfWriter.getInstance(document, out);
        document.addTitle(title(review));
        document.addCreator("GridCommand");
        document.open();
        Paragraph heading = new Paragraph(title(review), titleFont);
        heading.setAlignment(Element.ALIGN_CENTER);
        document.add(heading);
        Paragraph meta = new Paragraph(subtitle(review, madeBy, madeAt) + "\n" + weights(review.weights()), small);
        meta.setAlignment(Element.ALIGN_CENTER);
        meta.setSpacingAfter(8);
        document.add(meta);
        float[] widths = new float[HEADINGS.size()];
        java.util.Arrays.fill(widths, 4);
        widths[1] = 9;
        widths[2] = 9;
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String h : HEADINGS) {
            PdfPCell cell = new PdfPCell(new Phrase(h, smallBold));
            cell.setGrayFill(0.88f);
            table.addCell(cell);
        }
        for (LeadersReview.Line line : review.ranked()) {
            List<Object> v = values(line);
            for (int c = 0; c < v.size(); c++) table.addCell(new PdfPCell(new Phrase(text(v.get(c), c), small)));
        }
        document.add(table);
        document.close();
    }
}
