package com.gridcommand;

import com.gridcommand.support.BrowserTestBase;

import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.Browser;
import com.gridcommand.support.BrowserTest;
import com.gridcommand.support.MapDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grid worker on a 390×844 phone, tapping: the menu opens from its button, 我的任务 shows the task with its place,
 * what was reported, a map and the links; on the map the layer list starts folded, and registering a case from the
 * map says what to do, then opens the form where the finger lands.
 */
@BrowserTest
class PhoneBrowserTest extends BrowserTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;

    private Browser phone;

    @BeforeEach
    void signIn() {
        phone = signIn(openPhone("zh-CN"), "wangge");
        phone.settle();
    }


    private void tapMenu(String label) {
        phone.find(By.id("menu-toggle")).click();
        WebElement item = phone.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector("#drawer-nav vaadin-side-nav-item")).stream()
                .filter(e -> e.getText().trim().equals(label) && Boolean.TRUE.equals(phone.js(
                        "const r = arguments[0].getBoundingClientRect(); return r.left >= 0 && r.width > 0;", e)))
                .findFirst().orElse(null));
        phone.settle();
        item.click();
        phone.settle();
    }

    @Test
    void theGridWorkerOpensTheirTaskFromTheMenuAndSeesWhereWhatAndHowFar() {
        String header = phone.find(By.cssSelector(".gc-navbar")).getText();
        assertThat(header).contains("GridCommand");
        tapMenu("我的任务");
        phone.waitFor(Duration.ofSeconds(10), d -> d.getCurrentUrl().endsWith("/tasks"));
        WebElement title = phone.waitFor(Duration.ofSeconds(10), d -> d.findElement(By.id("task-title")));
        Map<String, Object> task = jdbc.sql("""
                        select k.code, k.title, c.name as cell, k.description from assignment a join gov_case k on k.id = a.case_id
                          join grid_cell c on c.id = k.grid_cell_id
                          join app_user u on u.responder_id = a.responder_id and u.username = 'wangge'
                         where a.ended_at is null""").query().singleRow();
        assertThat(title.getText()).isEqualTo(task.get("code") + " " + task.get("title"));
        assertThat(phone.find(By.id("task-place")).getText()).contains((String) task.get("cell"));
        if (task.get("description") != null && !((String) task.get("description")).isBlank()) {
            assertThat(phone.find(By.id("task-description")).getText()).isEqualTo(task.get("description"));
        }
        assertThat(phone.find(By.id("task-distance")).getText()).containsPattern("\\d+(\\.\\d)?(米|公里)");
        WebElement map = phone.find(By.id("task-map"));
        assertThat(map.getSize().getHeight()).isGreaterThan(150);
        MapDriver taskMap = new MapDriver(phone, "#task-map");
        assertThat(taskMap.featureIds("task-place")).containsExactly("target");
        // The worker sees themself and the place together, also when they stand outside their own cells.
        String me = String.valueOf(jdbc.sql("select responder_id from app_user where username = 'wangge'").query(Long.class).single());
        phone.waitFor(Duration.ofSeconds(10), d -> taskMap.featureIds("task-me").contains(me));
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) phone.js(
                "const r = document.getElementById('task-map').getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom};");
        for (String[] feature : new String[][]{{"task-place", "target"}, {"task-me", me}}) {
            MapDriver.Point p = phone.waitFor(Duration.ofSeconds(10), d -> taskMap.screenPoint(feature[0], feature[1]).orElse(null));
            assertThat(p.x()).as(feature[0] + " within the map").isBetween(((Number) box.get("l")).doubleValue(), ((Number) box.get("r")).doubleValue());
            assertThat(p.y()).as(feature[0] + " within the map").isBetween(((Number) box.get("t")).doubleValue(), ((Number) box.get("b")).doubleValue());
        }
        assertThat(phone.find(By.id("task-open-case")).getAttribute("href")).contains("/cases/");
        assertThat(phone.find(By.id("task-navigate")).getAttribute("href")).startsWith("geo:");
        // The next step is a button a thumb can hit.
        WebElement next = phone.find(By.id("task-en-route"));
        assertThat(next.getSize().getHeight()).isGreaterThanOrEqualTo(44);
    }

    @Test
    void onTheMapTheLayerListStartsFoldedAndRegisteringACaseSaysWhatToDoThenOpensTheFormWhereTheFingerLands() {
        MapDriver map = new MapDriver(phone);
        phone.waitFor(Duration.ofSeconds(30), d -> map.ready() && !map.featureIds("cells").isEmpty());
        // Folded: the map is not hidden behind its own legend.
        assertThat(phone.findAll(By.cssSelector("leaflet-flow-map .lf-layer-list"))).isEmpty();
        phone.find(By.cssSelector("leaflet-flow-map .lf-layer-control-toggle")).click();
        phone.waitFor(Duration.ofSeconds(5), d -> !d.findElements(By.cssSelector("leaflet-flow-map .lf-layer-list")).isEmpty());
        phone.find(By.cssSelector("leaflet-flow-map .lf-layer-control-toggle")).click();

        // The worker's own cell, brought to the middle of the map.
        String cell = users.byUsername("wangge").orElseThrow().scope().codes().getFirst();
        double[] at = jdbc.sql("select ST_X(p), ST_Y(p) from (select ST_PointOnSurface(geom) p from grid_cell where code = :c) x")
                .param("c", cell).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        map.goTo(at[1], at[0], 16);
        phone.find(By.id("map-register")).click();
        WebElement hint = phone.waitFor(Duration.ofSeconds(5), d -> d.findElement(By.id("map-notice")));
        phone.waitFor(Duration.ofSeconds(5), d -> hint.isDisplayed() && hint.getSize().getHeight() > 10);
        assertThat(hint.getText()).isEqualTo("请在地图上点击案发位置");
        assertThat(phone.find(By.id("map-register-cancel")).isDisplayed()).isTrue();
        map.clickAt(map.screenPoint(at[1], at[0]));
        WebElement place = phone.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.id("intake-location")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(place.getText()).contains(jdbc.sql("select name from grid_cell where code = :c").param("c", cell).query(String.class).single());
    }
}
