package com.gridcommand.casework;

import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.IntegrationTest;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger of a station, exported and read back: the XLSX holds the same cases as the database (read
 * here by its own query), with their steps; CSV and PDF carry the same; text from the public stays text;
 * a station outside the user's areas is not there.
 */
@IntegrationTest
class LedgerExportTest {

    static final String QINGXI = "331099101000";

    @Autowired
    LedgerService ledgers;
    @Autowired
    GridUserRepository users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    long hostile;
    LocalDate from;
    LocalDate to;

    @BeforeEach
    void aCaseWithAFormulaForATitle() {
        to = LocalDate.now(clock);
        from = to.minusDays(90);
        hostile = jdbc.sql("""
                        insert into gov_case (code, title, description, category, severity, source, step, reported_at, deadline, geom, parties)
                        select 'LEDGER-T1', '=HYPERLINK("http://evil.example","点我")', '-2+3', 'NEIGHBOUR', 1, 'HOTLINE', 'SUPERVISION',
                               cast(:now as timestamptz) - interval '2 days', cast(:now as timestamptz) - interval '1 day', ST_PointOnSurface(c.geom),
                               '[{"name": "赵英伟", "role": "APPLICANT"}, {"name": "李四", "role": "RESPONDENT"}]'
                          from grid_cell c where c.code like '331099101%' order by c.code limit 1 returning id""")
                .param("now", clock.instant().atZone(clock.getZone()).toOffsetDateTime()).query(Long.class).single();
    }

    @AfterEach
    void remove() {
        jdbc.sql("delete from gov_case where id = :id").param("id", hostile).update();
    }

    LedgerService.Ledger qingxi() {
        return As.user(users, "zhihui", () -> ledgers.ledger(ledgers.station(QINGXI).orElseThrow(), from, to));
    }

    /** The database's own answer, by a separate query: the cases of the township registered in the period, in order. */
    List<List<String>> databaseRows() {
        ResourceBundle zh = ResourceBundle.getBundle("vaadin-i18n.translations", Locale.SIMPLIFIED_CHINESE);
        return jdbc.sql("""
                        select k.code, k.title, k.category, k.step, coalesce(k.responsible_unit, ''), coalesce(k.responsible_person, ''),
                               to_char(k.reported_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'),
                               coalesce(to_char(k.deadline at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), ''),
                               coalesce(to_char(k.closed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), ''),
                               c.name
                          from gov_case k join township t on t.id = k.township_id join grid_cell c on c.id = k.grid_cell_id
                         where t.code = :t and (k.reported_at at time zone 'Asia/Shanghai')::date between :from and :to
                         order by k.reported_at, k.id""")
                .param("t", QINGXI).param("from", from).param("to", to)
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), zh.getString("case.category." + rs.getString(3)),
                        zh.getString("case.step." + rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10)))
                .list();
    }

    @Test
    void theXlsxReadBackHoldsTheSameCasesAsTheDatabaseWithEveryStep() throws Exception {
        LedgerService.Ledger ledger = qingxi();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LedgerFiles(clock.getZone()).write(ledger, LedgerFiles.Format.XLSX, out);

        List<List<String>> expected = databaseRows();
        assertThat(expected).hasSizeGreaterThan(5);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = book.getSheet("案件台帐");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("青溪镇", from.toString(), to.toString());
            Row head = sheet.getRow(2);
            List<String> headings = new ArrayList<>();
            head.forEach(c -> headings.add(c.getStringCellValue()));
            assertThat(headings).isEqualTo(LedgerFiles.CASE_HEADINGS);
            int col = headings.indexOf("案件编号"), title = headings.indexOf("标题"), category = headings.indexOf("类别"),
                    step = headings.indexOf("办理环节"), unit = headings.indexOf("责任单位"), person = headings.indexOf("责任人"),
                    reported = headings.indexOf("登记时间"), deadline = headings.indexOf("办结时限"), closed = headings.indexOf("办结时间"),
                    cell = headings.indexOf("网格");
            DataFormatter text = new DataFormatter();
            List<List<String>> read = new ArrayList<>();
            for (int r = 3; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                read.add(List.of(text.formatCellValue(row.getCell(col)), text.formatCellValue(row.getCell(title)),
                        text.formatCellValue(row.getCell(category)), text.formatCellValue(row.getCell(step)),
                        text.formatCellValue(row.getCell(unit)), text.formatCellValue(row.getCell(person)),
                        text.formatCellValue(row.getCell(reported)), text.formatCellValue(row.getCell(deadline)),
                        text.formatCellValue(row.getCell(closed)), text.formatCellValue(row.getCell(cell))));
                for (Cell c : row) assertThat(c.getCellType()).as("no formulas in a ledger").isNotEqualTo(CellType.FORMULA);
            }
            assertThat(read).isEqualTo(expected);

            // The hostile title is there as the text it is; its case is overdue.
            int hostileRow = 3 + expected.stream().map(List::getFirst).toList().indexOf("LEDGER-T1");
            assertThat(sheet.getRow(hostileRow).getCell(title).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil.example\",\"点我\")");
            assertThat(sheet.getRow(hostileRow).getCell(headings.indexOf("是否超期")).getStringCellValue()).isEqualTo("是");
            // Parties with their roles, in words.
            assertThat(sheet.getRow(hostileRow).getCell(headings.indexOf("当事人")).getStringCellValue()).isEqualTo("赵英伟（申请人）、李四（被申请人）");

            // Every step of every case in the second sheet.
            Sheet steps = book.getSheet("办理过程");
            int events = jdbc.sql("""
                            select count(*) from case_event e join gov_case k on k.id = e.case_id join township t on t.id = k.township_id
                             where t.code = :t and (k.reported_at at time zone 'Asia/Shanghai')::date between :from and :to""")
                    .param("t", QINGXI).param("from", from).param("to", to).query(Integer.class).single();
            assertThat(steps.getLastRowNum() - 2).isEqualTo(events);
            assertThat(ledger.steps()).hasSize(events);
            // Who took each step, in words: the import of the demo city is no "system:gis-data".
            List<String> actors = new ArrayList<>();
            for (int r = 3; r <= steps.getLastRowNum(); r++) actors.add(steps.getRow(r).getCell(5).getStringCellValue());
            assertThat(actors).contains("地图数据导入").noneMatch(a -> a.startsWith("system:"));
        }
    }

    @Test
    void csvAndPdfCarryTheSameLedger() throws Exception {
        LedgerService.Ledger ledger = qingxi();
        LedgerFiles files = new LedgerFiles(clock.getZone());
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        files.write(ledger, LedgerFiles.Format.CSV, csv);
        String text = csv.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF序号,案件编号,标题");
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(1 + databaseRows().size());
        // A spreadsheet opening it would run a cell starting with = + - @: kept as text by a leading apostrophe.
        String line = lines.stream().filter(l -> l.contains("LEDGER-T1")).findFirst().orElseThrow();
        assertThat(line).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\"");

        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        files.write(ledger, LedgerFiles.Format.PDF, pdf);
        PdfReader reader = new PdfReader(pdf.toByteArray());
        try {
            assertThat(reader.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            assertThat(reader.getInfo().get("Title")).contains("青溪镇");
        } finally {
            reader.close();
        }
    }

    @Test
    void aStationOutsideTheUsersAreasIsNotThereAndAPeriodMustMakeSense() {
        String other = jdbc.sql("select code from township where code <> :t order by code limit 1").param("t", QINGXI).query(String.class).single();
        As.user(users, "qingxi.zhihui", () -> {
            assertThat(ledgers.station(other)).isEmpty();
            assertThat(ledgers.station(QINGXI)).isPresent();
            LedgerService.Station own = ledgers.station(QINGXI).orElseThrow();
            assertThatThrownBy(() -> ledgers.ledger(own, to, from)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ledgers.ledger(own, from.minusYears(6), to)).hasMessageContaining("five years");
        });
        assertThat(ledgers.station(QINGXI)).as("nobody signed in").isEmpty();
    }
}
