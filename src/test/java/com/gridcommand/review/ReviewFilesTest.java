package com.gridcommand.review;

import com.gridcommand.casework.AreaReview;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.IntegrationTest;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The review as files: the XLSX holds every community of the month in rank order with the service's figures, and
 * each score is its parts times the stated weights; the PDF carries the same title.
 */
@IntegrationTest
class ReviewFilesTest {

    /** When the files say they were made: a moment of the test's choosing. */
    static final OffsetDateTime MADE_AT = OffsetDateTime.parse("2026-11-18T09:30:00+08:00");

    @Autowired
    LeadersReview reviews;
    @Autowired
    GridUserRepository users;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theSpreadsheetIsTheReviewLineByLineAndTheScoresAddUp() throws Exception {
        OffsetDateTime last = jdbc.sql("select max(reported_at) from gov_case").query(OffsetDateTime.class).single();
        YearMonth month = YearMonth.from(last.atZoneSameInstant(AreaReview.CHINA)).minusMonths(1);
        AreaReview.Weights weights = new AreaReview.Weights(0.25, 0.25, 0.25, 0.25);
        LeadersReview.Review review = As.user(users, "lingdao", () -> reviews.review(AreaReview.Level.COMMUNITY, month, null, weights));
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        ReviewFiles.write(review, ReviewFiles.Format.XLSX, "lingdao", MADE_AT, xlsx);
        List<LeadersReview.Line> ranked = review.ranked();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.toByteArray()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo(month.getYear() + "年" + month.getMonthValue() + "月村社综治工作考评");
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).contains("0.25×办结率");
            assertThat(sheet.getLastRowNum() - 3).isEqualTo(ranked.size()).isEqualTo(jdbc.sql("select count(*) from community").query(Integer.class).single());
            for (int i = 0; i < ranked.size(); i++) {
                Row row = sheet.getRow(4 + i);
                LeadersReview.Line line = ranked.get(i);
                assertThat(row.getCell(2).getStringCellValue()).isEqualTo(line.row().code());
                assertThat((int) row.getCell(3).getNumericCellValue()).isEqualTo(line.row().cases());
                if (line.rank() == 0) {
                    assertThat(row.getCell(0)).isNull();
                    continue;
                }
                assertThat((int) row.getCell(0).getNumericCellValue()).isEqualTo(i + 1);
                double parts = 0;
                for (int c = 18; c <= 21; c++) parts += row.getCell(c).getNumericCellValue();
                assertThat(row.getCell(22).getNumericCellValue()).isCloseTo(100 * parts / 4, within(1e-9));
                if (i > 0 && ranked.get(i - 1).rank() > 0) {
                    assertThat(row.getCell(22).getNumericCellValue()).isLessThanOrEqualTo(sheet.getRow(3 + i).getCell(22).getNumericCellValue());
                }
            }
        }
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        ReviewFiles.write(review, ReviewFiles.Format.PDF, "lingdao", MADE_AT, pdf);
        PdfReader reader = new PdfReader(pdf.toByteArray());
        try {
            assertThat(reader.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            assertThat(reader.getInfo().get("Title")).isEqualTo(ReviewFiles.title(review));
        } finally {
            reader.close();
        }
    }
}
