package com.gridcommand.security;

import com.gridcommand.support.BrowserTestBase;

import com.gridcommand.map.CommandMapViewAccess;
import com.gridcommand.security.internal.DemoUsers;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.TestClock;
import com.gridcommand.support.Browser;
import com.gridcommand.support.BrowserTest;
import com.gridcommand.support.MapDriver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each demo role in a real browser: what they may open, which areas the map shows them, which actions
 * they get; public text stays text everywhere it is shown; a disabled user's session ends.
 */
@BrowserTest
class AccessBrowserTest extends BrowserTestBase {

    @Autowired
    TestClock clock;

    private static Browser browser;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;
    @Autowired
    UserService userService;

    @BeforeAll
    static void startBrowser() {
        browser = startClassBrowser("en-US");
    }



    @SuppressWarnings("unchecked")
    private List<String> featureIds(String layer) {
        return (List<String>) browser.js("return document.querySelector('leaflet-flow-map').featureIds(arguments[0]);", layer);
    }

    private void waitForMap() {
        browser.waitFor(Duration.ofSeconds(30), d -> {
            Object ids = browser.js("const m = document.querySelector('leaflet-flow-map'); return m && m.featureIds ? m.featureIds('cells').length : 0;");
            return ((Number) ids).intValue() > 0 && !browser.find(By.id("count-open")).getText().equals("–");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "admin;指挥地图,案件台账,重点地区,巡防覆盖,考评,审计日志,用户管理,终端管理,规则设置;true",
            "zhihui;指挥地图,调度指挥,案件台账,重点地区,巡防覆盖,考评;true",
            "diaodu;指挥地图,调度指挥,案件台账;true",
            "lingdao;指挥地图,调度指挥,案件台账,重点地区,巡防覆盖,考评,审计日志;false",
            "qingxi.zhihui;指挥地图,调度指挥,案件台账,重点地区,巡防覆盖,考评;true",
            "qingxi.lingdao;指挥地图,调度指挥,案件台账,重点地区,巡防覆盖,考评,审计日志;false",
            "cunzhan;指挥地图,调度指挥,案件台账,重点地区,巡防覆盖,考评;true",
            "wangge;指挥地图,案件台账,我的任务;true"})
    void eachDemoRoleSeesItsAreasAndActions(String username, String navigation, boolean mayRegisterAndCorrect) {
        browser.signOut(base());
        browser.signIn(base(), username, DemoUsers.PASSWORD);
        waitForMap();
        List<String> links = browser.findAll(By.cssSelector(".gc-nav a")).stream().map(WebElement::getText).toList();
        assertThat(links).containsExactly(navigation.split(","));

        // The map shows the user's own cells and no others: those in scope that the loaded box reaches.
        GridUser user = users.byUsername(username).orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> view = (Map<String, Object>) browser.js("return document.querySelector('leaflet-flow-map').view();");
        var loaded = CommandMapViewAccess.loadedBox(((Number) view.get("west")).doubleValue(), ((Number) view.get("south")).doubleValue(),
                ((Number) view.get("east")).doubleValue(), ((Number) view.get("north")).doubleValue());
        Set<String> expectedCells = jdbc.sql("select id, code from grid_cell where ST_Intersects(geom, ST_MakeEnvelope(:w, :s, :e, :n, 4326))")
                .param("w", loaded.west()).param("s", loaded.south()).param("e", loaded.east()).param("n", loaded.north())
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .filter(e -> user.scope().coversCell(e.getValue())).map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(new HashSet<>(featureIds("cells"))).isEqualTo(expectedCells).isNotEmpty();
        if (user.scope().kind() == ScopeKind.TOWNSHIP) {
            assertThat(featureIds("townships")).hasSize(1);
        }

        // Registering a case is offered, on the map and in the ledger, to those who may do it.
        assertThat(browser.findAll(By.id("map-register"))).hasSize(mayRegisterAndCorrect ? 1 : 0);
        browser.open(base() + "/cases");
        browser.waitFor(Duration.ofSeconds(20), d -> !d.findElements(By.cssSelector("#case-list vaadin-grid-cell-content")).isEmpty());
        assertThat(browser.findAll(By.id("case-register"))).hasSize(mayRegisterAndCorrect ? 1 : 0);
        String total = browser.find(By.id("case-total")).getText();
        long inScope = jdbc.sql("select c.code from gov_case k join grid_cell c on c.id = k.grid_cell_id").query(String.class).list().stream()
                .filter(user.scope()::coversCell).count();
        assertThat(total).contains(String.valueOf(inScope));

        // An open case of the user's areas: its page offers corrections to those who may make them.
        long open = jdbc.sql("select k.id, c.code from gov_case k join grid_cell c on c.id = k.grid_cell_id where k.step not in ('CLOSED', 'REFERRED') order by k.id")
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .filter(e -> user.scope().coversCell(e.getValue())).findFirst().orElseThrow().getKey();
        browser.open(base() + "/cases/" + open);
        browser.waitFor(Duration.ofSeconds(20), d -> !d.findElements(By.id("case-timeline")).isEmpty());
        assertThat(browser.findAll(By.id("action-correct"))).hasSize(mayRegisterAndCorrect ? 1 : 0);
    }

    @Test
    void textFromThePublicShowsAsTextInTheListTheDetailsAndThePopup() {
        String hostile = "<img src=x onerror=alert(1)>";
        GridUser worker = users.byUsername("wangge").orElseThrow();
        long id = jdbc.sql("""
                        insert into gov_case (code, title, description, category, severity, source, step, reported_at, deadline, geom)
                        select 'XSS-LIST-1', :title, :description, 'NEIGHBOUR', 2, 'HOTLINE', 'ROUTING', :now + interval '1 hour',
                               :now + interval '5 days', ST_PointOnSurface(geom)
                          from grid_cell where code = :cell returning id""")
                .param("now", clock.now()).param("title", "投诉 " + hostile).param("description", "居民反映 " + hostile + " 深夜施工")
                .param("cell", worker.scope().codes().getFirst()).query(Long.class).single();
        try {
            browser.signOut(base());
            browser.signIn(base(), "wangge", DemoUsers.PASSWORD);
            browser.js("window.__alerts = 0; window.alert = () => { window.__alerts++; };");

            // The list: newest first, so the case is on top; opening its row shows the description.
            browser.open(base() + "/cases");
            browser.js("window.__alerts = 0; window.alert = () => { window.__alerts++; };");
            WebElement cell = browser.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("#case-list vaadin-grid-cell-content"))
                    .stream().filter(e -> e.getText().equals("投诉 " + hostile)).findFirst().orElse(null));
            cell.click();
            WebElement description = browser.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector(".gc-case-description"))
                    .stream().filter(e -> e.isDisplayed() && e.getText().contains("居民反映")).findFirst().orElse(null));
            assertThat(description.getText()).isEqualTo("居民反映 " + hostile + " 深夜施工");
            assertThat(browser.findAll(By.cssSelector("img[src='x']"))).isEmpty();

            // The map popup.
            browser.open(base() + "/");
            waitForMap();
            browser.js("window.__alerts = 0; window.alert = () => { window.__alerts++; };");
            double[] at = jdbc.sql("select ST_X(geom), ST_Y(geom) from gov_case where id = :id").param("id", id)
                    .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
            MapDriver map = new MapDriver(browser);
            map.goTo(at[1], at[0], 17);
            browser.waitFor(Duration.ofSeconds(10), d -> featureIds("cases").contains(String.valueOf(id)));
            map.clickFeature("cases", String.valueOf(id));
            WebElement popup = browser.waitFor(Duration.ofSeconds(5), d -> d.findElements(By.cssSelector(".lf-popup"))
                    .stream().filter(e -> e.isDisplayed() && e.getText().contains("XSS-LIST-1")).findFirst().orElse(null));
            assertThat(popup).as("the case's popup after clicking it").isNotNull();
            assertThat(popup.getText()).contains("投诉 " + hostile).contains("居民反映 " + hostile + " 深夜施工");
            assertThat(popup.findElements(By.tagName("img"))).isEmpty();
            // The grid worker may correct it: the action is offered beside the map.
            assertThat(browser.findAll(By.id("action-correct-case"))).hasSize(1);
            assertThat(((Number) browser.js("return window.__alerts;")).intValue()).isZero();
        } finally {
            jdbc.sql("delete from gov_case where id = :id").param("id", id).update();
        }
    }

    @Test
    void aDisabledUsersOpenSessionStopsWithinAMinute() {
        String name = "temp.duty" + System.nanoTime() % 100000;
        As.user(users, "admin", () -> userService.create(new UserService.NewUser(name, "临时值班员", Role.COMMAND, AccessScope.CITY, "temporary-pass-2026")));
        browser.signOut(base());
        browser.signIn(base(), name, "temporary-pass-2026");
        waitForMap();
        // Disabled straight in the database, as another app node would: this node must notice by itself.
        jdbc.sql("update app_user set enabled = false where username = :u").param("u", name).update();
        long disabledAt = System.nanoTime();
        browser.waitFor(Duration.ofSeconds(60), d -> d.getCurrentUrl().contains("/login"));
        assertThat(Duration.ofNanos(System.nanoTime() - disabledAt)).isLessThan(Duration.ofMinutes(1));
        browser.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.id("login-notice")).stream().anyMatch(WebElement::isDisplayed));
        // The old session is gone: the map is not reachable with it.
        browser.open(base() + "/");
        browser.waitFor(Duration.ofSeconds(10), d -> d.getCurrentUrl().contains("/login"));
    }
}
