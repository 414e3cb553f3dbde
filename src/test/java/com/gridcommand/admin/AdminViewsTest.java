package com.gridcommand.admin;

import com.gridcommand.support.BrowserlessSignIn;

import com.gridcommand.security.DeviceService;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.IntegrationTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/** The administration screens without a browser: what an administrator reads there is Chinese, and a revocation is asked for first. */
@IntegrationTest
@ViewPackages(classes = {UsersView.class, DevicesView.class, AuditView.class})
class AdminViewsTest extends SpringBrowserlessTest {

    @Autowired
    com.gridcommand.support.TestClock clock;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;
    @Autowired
    DeviceService devices;
    @Autowired
    com.gridcommand.casework.CaseWorkflowService workflow;

    void signIn(String username) {
        BrowserlessSignIn.signIn(users, username);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    String lastNotification() {
        return test($(Notification.class).last()).getText();
    }

    @Test
    void aNewUserWithABadNameOrWithoutAreasIsRefusedInChineseAndNothingIsCreated() {
        signIn("admin");
        navigate(UsersView.class);
        long before = jdbc.sql("select count(*) from app_user").query(Long.class).single();
        test($(Button.class).id("user-new")).click();
        test($(TextField.class).id("user-username")).setValue("Wang Wu");
        test($(TextField.class).id("user-display-name")).setValue("王五");
        test($(PasswordField.class).single()).setValue("a-strong-password-2026");
        test($(Button.class).id("user-save")).click();
        assertThat(lastNotification()).isEqualTo("用户名为3至64位，只能使用小写字母、数字和 . _ -，且以字母或数字开头。");
        // A good name, but the grid cells to work in are not chosen.
        test($(TextField.class).id("user-username")).setValue("wangwu");
        test($(Button.class).id("user-save")).click();
        assertThat(lastNotification()).isEqualTo("请至少选择一个区域。");
        assertThat($(TextField.class).id("user-username").isAttached()).as("the form stays with what was typed").isTrue();
        assertThat(jdbc.sql("select count(*) from app_user").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void revokingADeviceAsksFirstSayingWhatHappensAndOnlyTheConfirmationRevokesIt() {
        long id = As.user(users, "admin", () -> devices.issue("吊销测试终端", null)).device().id();
        try {
            signIn("admin");
            navigate(DevicesView.class);
            @SuppressWarnings("unchecked")
            var list = test((com.vaadin.flow.component.grid.Grid<DeviceService.Device>) $(com.vaadin.flow.component.grid.Grid.class).id("device-list"));
            int row = java.util.stream.IntStream.range(0, list.size()).filter(i -> list.getRow(i).id() == id).findFirst().orElseThrow();
            test((Button) list.getCellComponent(row, 6)).click();
            var confirm = test($(ConfirmDialog.class).id("device-revoke-confirm"));
            assertThat(confirm.getHeader()).isEqualTo("吊销终端“吊销测试终端”？");
            assertThat(confirm.getText()).contains("立即失效").contains("不能撤销");
            confirm.cancel();
            assertThat(revokedAt(id)).as("cancelled: still valid").isFalse();
            test((Button) list.getCellComponent(row, 6)).click();
            test($(ConfirmDialog.class).id("device-revoke-confirm")).confirm();
            assertThat(revokedAt(id)).isTrue();
            assertThat(lastNotification()).isEqualTo("终端“吊销测试终端”已吊销");
        } finally {
            jdbc.sql("delete from device where id = :id").param("id", id).update();
        }
    }

    boolean revokedAt(long id) {
        return jdbc.sql("select revoked_at is not null from device where id = :id").param("id", id).query(Boolean.class).single();
    }

    @Test
    void anAuditRowReadsInChineseWhoTheThingItsFieldsAndTheirValuesInTheCitysTime() {
        long id = jdbc.sql("""
                        insert into gov_case (code, title, description, category, severity, source, step, reported_at, deadline,
                                              step_started_at, step_deadline, geom, responsible_unit)
                        select 'AUDIT-' || substr(md5(random()::text), 1, 12), '审计测试', '', 'NEIGHBOUR', 1, 'PATROL', 'INTAKE', :now,
                               :now + interval '5 days', :now, :now + interval '1 day', ST_PointOnSurface(geom), '测试调解委员会'
                          from grid_cell order by code limit 1 returning id""").param("now", clock.now()).query(Long.class).single();
        try {
            long version = jdbc.sql("select version from gov_case where id = :id").param("id", id).query(Long.class).single();
            As.user(users, "zhihui", () -> workflow.route(id, version, null, null, null));
            readsInChinese(id);
        } finally {
            jdbc.sql("delete from gov_case where id = :id").param("id", id).update();
        }
    }

    void readsInChinese(long id) {
        signIn("lingdao");
        navigate(AuditView.class);
        @SuppressWarnings("unchecked")
        var entity = (com.vaadin.flow.component.select.Select<String>) $(com.vaadin.flow.component.select.Select.class).single();
        assertThat(entity.getListDataView().getItems().map(entity.getItemLabelGenerator()::apply).toList())
                .contains("案件", "派遣", "突发事件", "重点地区审查").noneMatch(label -> label.startsWith("!"));
        test(entity).selectItem("案件");
        @SuppressWarnings("unchecked")
        var grid = test((com.vaadin.flow.component.grid.Grid<com.gridcommand.security.AuditService.AuditEntry>)
                $(com.vaadin.flow.component.grid.Grid.class).id("audit-list"));
        assertThat(grid.getRow(0).entityId()).isEqualTo(id);
        String zhihui = jdbc.sql("select display_name from app_user where username = 'zhihui'").query(String.class).single();
        assertThat(grid.getCellText(0, 1)).isEqualTo(zhihui + "（zhihui）");
        assertThat(grid.getCellText(0, 2)).isEqualTo("修改");
        assertThat(grid.getCellText(0, 3)).isEqualTo("案件 #" + id);
        String changes = grid.getCellText(0, 5);
        assertThat(changes).contains("办理环节：受理登记 → 分流查处").containsPattern("本环节时限：\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} → ")
                .doesNotContain("step").doesNotContain("ROUTING").doesNotContainPattern("\\d{2}T\\d{2}").doesNotContain("+08");
    }
}
