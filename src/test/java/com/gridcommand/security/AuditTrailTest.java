package com.gridcommand.security;

import com.gridcommand.casework.CaseCorrection;
import com.gridcommand.casework.CaseService;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.TestClock;
import com.gridcommand.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every change to governance data leaves an audit row (who, when, what, before and after), which nobody
 * can update or delete; leaders read the rows of their own areas.
 */
@IntegrationTest
class AuditTrailTest {

    @Autowired
    TestClock clock;

    @Autowired
    GridUserRepository users;
    @Autowired
    CaseService cases;
    @Autowired
    com.gridcommand.casework.CaseWorkflowService workflow;
    @Autowired
    AuditService audit;
    @Autowired
    UserService userService;
    @Autowired
    JdbcClient jdbc;

    private long lastAuditId() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
    }

    @Test
    void aChangeLeavesARowNamingWhoWhatBeforeAndAfter() {
        long id = jdbc.sql("""
                select k.id from gov_case k join township t on t.id = k.township_id where t.code = '331099101000' and k.step <> 'CLOSED'
                 order by k.id limit 1""")
                .query(Long.class).single();
        long mark = lastAuditId();
        As.user(users, "qingxi.zhihui", () -> {
            var before = cases.details(id).orElseThrow();
            workflow.correct(new CaseCorrection(id, before.title() + "（已核实）", before.description(), before.category(),
                    before.severity(), before.version()));
        });
        record Row(String actor, String action, String entity, long entityId, String before, String after, Long township) {}
        List<Row> rows = jdbc.sql("""
                        select actor, action, entity, entity_id, before ->> 'title', after ->> 'title', township_id
                          from audit_event where id > :mark order by id""")
                .param("mark", mark)
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                        (Long) rs.getObject(7)))
                .list();
        // The change itself (the timeline line goes to case_event, not here).
        assertThat(rows).hasSize(1);
        Row row = rows.getFirst();
        assertThat(row.actor()).isEqualTo("qingxi.zhihui");
        assertThat(row.action()).isEqualTo("UPDATE");
        assertThat(row.entity()).isEqualTo("gov_case");
        assertThat(row.entityId()).isEqualTo(id);
        assertThat(row.after()).isEqualTo(row.before() + "（已核实）");
        assertThat(row.township()).isNotNull();

        // Readable by the township's leader, with the change spelled out; not by a leader's of another township.
        As.user(users, "qingxi.lingdao", () -> {
            var entries = audit.find(new AuditService.AuditQuery(null, null, "gov_case", "qingxi.zhihui"), 0, 10);
            assertThat(entries).isNotEmpty();
            assertThat(entries.getFirst().changes()).anyMatch(c -> c.startsWith("title: ") && c.endsWith("（已核实）"));
        });
    }

    @Test
    void theTrailCannotBeUpdatedDeletedOrTruncated() {
        long anyRow = lastAuditId();
        assertThat(anyRow).isPositive();
        assertThatThrownBy(() -> jdbc.sql("update audit_event set actor = 'someone else' where id = :id").param("id", anyRow).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where id = :id").param("id", anyRow).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.sql("select count(*) from audit_event where id = :id").param("id", anyRow).query(Long.class).single()).isOne();
    }

    @Test
    void leadersReadOnlyTheirAreasAndOnlyCityWideLeadersSeeAccountChanges() {
        // A change in 青溪镇 and one in another township.
        long qingxiResponder = jdbc.sql("""
                select r.id from responder r join township t on t.id = r.township_id where t.code = '331099101000' order by r.id limit 1""")
                .query(Long.class).single();
        long otherResponder = jdbc.sql("""
                select r.id from responder r join township t on t.id = r.township_id where t.code <> '331099101000' order by r.id limit 1""")
                .query(Long.class).single();
        for (long responder : new long[]{qingxiResponder, otherResponder}) {
            jdbc.sql("update responder set phone = coalesce(phone, '') || '' || '1' where id = :id").param("id", responder).update();
        }
        As.user(users, "admin", () -> {
            long id = users.byUsername("cunzhan").orElseThrow().id();
            userService.resetPassword(id, "another-password-2026");
        });
        As.user(users, "qingxi.lingdao", () -> {
            var entries = audit.find(AuditService.AuditQuery.all(), 0, 1000);
            assertThat(entries).isNotEmpty().allMatch(e -> "青溪镇".equals(e.township()));
            assertThat(entries).anyMatch(e -> e.entity().equals("responder") && e.entityId() == qingxiResponder)
                    .noneMatch(e -> e.entity().equals("responder") && e.entityId() == otherResponder);
        });
        As.user(users, "lingdao", () -> {
            var accounts = audit.find(new AuditService.AuditQuery(null, null, "app_user", null), 0, 10);
            assertThat(accounts).isNotEmpty();
            // Secrets never enter the trail: a password change shows as a flag only.
            assertThat(accounts.getFirst().changes()).contains("secret_changed: ∅ → true").noneMatch(c -> c.contains("password_hash"));
        });
        assertThat(jdbc.sql("select count(*) from audit_event where before::text like '%bcrypt%' or after::text like '%bcrypt%'")
                .query(Long.class).single()).isZero();
        As.user(users, "wangge", () -> assertThatThrownBy(() -> audit.find(AuditService.AuditQuery.all(), 0, 10))
                .isInstanceOf(CurrentUser.AccessDeniedException.class));
    }

    @Test
    void aResponderThatOnlyMovedIsNotAuditedButAStatusChangeIs() {
        long id = jdbc.sql("select id from responder where position is not null order by id limit 1").query(Long.class).single();
        long mark = lastAuditId();
        jdbc.sql("update responder set position = ST_Translate(position, 0.001, 0), position_at = :now where id = :id").param("id", id).param("now", clock.now()).update();
        assertThat(lastAuditId()).isEqualTo(mark);
        String status = jdbc.sql("select status from responder where id = :id").param("id", id).query(String.class).single();
        jdbc.sql("update responder set status = case when status = 'OFF_DUTY' then 'AVAILABLE' else 'OFF_DUTY' end where id = :id").param("id", id).update();
        jdbc.sql("update responder set status = :s where id = :id").param("s", status).param("id", id).update();
        assertThat(jdbc.sql("select count(*) from audit_event where id > :mark and entity = 'responder'").param("mark", mark)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void theLoadOfTheDemoCityLeftOneImportLine() {
        assertThat(jdbc.sql("""
                select count(*) from audit_event where action = 'IMPORT' and entity = 'gis-data'
                   and (after -> 'stored' ->> 'cases')::int = 5000""").query(Long.class).single()).isPositive();
    }

    @Test
    void theTrailExportsAsCsvThatSpreadsheetsOpen() throws Exception {
        var out = new ByteArrayOutputStream();
        As.user(users, "lingdao", () -> {
            try {
                audit.exportCsv(AuditService.AuditQuery.all(), out);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFid,时间 time,操作人 actor");
        assertThat(csv.lines().count()).isGreaterThan(1);
        assertThat(AuditService.csv("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    }

    @Test
    void everyAuditedTableAndEachOfItsFieldsHasAChineseName() {
        com.gridcommand.base.i18n.Formats zh = com.gridcommand.base.i18n.Formats.chinese(java.time.ZoneId.of("Asia/Shanghai"));
        List<String> tables = As.user(users, "lingdao", () -> audit.entities());
        assertThat(tables).contains("gov_case", "assignment", "emergency", "hotspot_review", "app_user", "gis-data");
        assertThat(tables).allSatisfy(t -> assertThat(zh.has("audit.entity." + t)).as(t).isTrue());
        record Column(String table, String column) {}
        List<Column> columns = jdbc.sql("""
                        select table_name, column_name from information_schema.columns
                         where table_schema = current_schema() and table_name in (:tables)
                           and column_name not in ('password_hash', 'token_hash')""")
                .param("tables", tables).query((rs, i) -> new Column(rs.getString(1), rs.getString(2))).list();
        assertThat(columns).hasSizeGreaterThan(100).allSatisfy(c -> assertThat(zh.has("audit.column." + c.table() + "." + c.column())
                || zh.has("audit.column." + c.column())).as(c.toString()).isTrue());
        // What the rows hold, also the lines that are no table's (the import of the demo city says what it stored).
        List<Column> written = jdbc.sql("""
                        select distinct e.entity, k.key from audit_event e, jsonb_object_keys(case jsonb_typeof(coalesce(e.after, e.before))
                               when 'object' then coalesce(e.after, e.before) else '{}'::jsonb end) k(key)""")
                .query((rs, i) -> new Column(rs.getString(1), rs.getString(2))).list();
        assertThat(written).extracting(Column::table).contains("gis-data");
        assertThat(written).allSatisfy(c -> assertThat(zh.has("audit.column." + c.table() + "." + c.column())
                || zh.has("audit.column." + c.column())).as(c.toString()).isTrue());
    }

    @Test
    void theExportReadsInChineseWithTheCitysTimesNamesAndLabels() throws Exception {
        long id = jdbc.sql("select id from responder where status = 'AVAILABLE' order by id limit 1").query(Long.class).single();
        long mark = lastAuditId();
        try {
            jdbc.sql("update responder set status = 'OFF_DUTY' where id = :id").param("id", id).update();
            var out = new ByteArrayOutputStream();
            As.user(users, "lingdao", () -> {
                try {
                    audit.exportCsv(new AuditService.AuditQuery(null, null, "responder", null), out);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            String line = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith((mark + 1) + ",")).findFirst().orElseThrow();
            assertThat(line).contains(",\"修改\",\"处置力量\"," + id + ",").contains("状态：待命 → 下班")
                    .containsPattern(",\"\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\",").doesNotContain("OFF_DUTY").doesNotContainPattern("\\d{2}T\\d{2}");
        } finally {
            jdbc.sql("update responder set status = 'AVAILABLE' where id = :id").param("id", id).update();
        }
    }
}
