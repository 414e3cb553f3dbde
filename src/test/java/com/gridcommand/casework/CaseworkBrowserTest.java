package com.gridcommand.casework;

import com.gridcommand.support.BrowserTestBase;

import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.Browser;
import com.gridcommand.support.BrowserTest;
import com.gridcommand.support.MapDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The casework flow in two headless Chromium sessions, as the people who do it: a grid worker registers
 * a case by clicking the map; it appears on the command dashboard in the other session within 2 s; it is
 * routed, signed for, reported, accepted and followed up by the roles whose work that is; its timeline
 * shows all five steps. Then the list and the map of cases follow each other.
 */
@BrowserTest
class CaseworkBrowserTest extends BrowserTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;

    private final List<Long> made = new ArrayList<>();

    @AfterEach
    void close() {
        for (long id : made) jdbc.sql("delete from gov_case where id = :id").param("id", id).update();
    }

    Browser signedIn(String user) {
        return signedIn(user, 1400, 900);
    }

    @SuppressWarnings("unchecked")
    static List<String> featureIds(Browser b, String layer) {
        return (List<String>) b.js("return document.querySelector('leaflet-flow-map').featureIds(arguments[0]);", layer);
    }

    static void waitForMap(Browser b) {
        b.waitFor(Duration.ofSeconds(30), d -> !featureIds(b, "cells").isEmpty() || !featureIds(b, "cases").isEmpty());
    }

    /** Clicks the map at a place, as a person would (the point is brought into view first). */
    static void clickMapAt(Browser b, double lon, double lat) {
        clickMapAt(b, lon, lat, 17);
    }

    static void clickMapAt(Browser b, double lon, double lat, int zoom) {
        MapDriver map = new MapDriver(b);
        map.goTo(lat, lon, zoom);
        map.clickAt(map.screenPoint(lat, lon));
    }

    static void type(Browser b, String css, String text) {
        WebElement field = b.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector(css)).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        field.sendKeys(text);
    }

    static void click(Browser b, String id) {
        b.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.id(id)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null)).click();
    }

    static String stepShown(Browser b) {
        return b.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.id("case-step")).stream().findFirst().map(WebElement::getText).orElse(null));
    }

    /** Takes an action on the case page: opens its dialog, writes the note, confirms, waits for the step shown to change. */
    static void act(Browser b, String action, String note, String stepAfter) {
        click(b, "action-" + action);
        if (note != null) type(b, "#action-note textarea", note);
        click(b, "action-confirm");
        b.waitFor(Duration.ofSeconds(10), d -> stepAfter.equals(stepShown(b)) ? Boolean.TRUE : null);
    }

    @Test
    void aCaseRegisteredOnTheMapReachesCommandLiveAndRunsThroughAllFiveSteps() {
        String cell = users.byUsername("wangge").orElseThrow().scope().codes().getFirst();
        double[] at = jdbc.sql("select ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) from grid_cell where code = :c")
                .param("c", cell).query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        String cellName = jdbc.sql("select name from grid_cell where code = :c").param("c", cell).query(String.class).single();
        String title = "楼道堆放杂物引发邻里争执 " + System.nanoTime() % 100000;

        Browser command = signedIn("zhihui");
        waitForMap(command);
        Browser worker = signedIn("wangge");
        waitForMap(worker);

        // The grid worker registers the case where it happened: a click on the map.
        click(worker, "map-register");
        clickMapAt(worker, at[0], at[1]);
        WebElement location = worker.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.id("intake-location")).stream()
                .filter(e -> e.isDisplayed() && e.getText().contains(cellName)).findFirst().orElse(null));
        assertThat(location.getText()).contains(cellName);
        type(worker, "#intake-title input", title);
        type(worker, "#intake-description textarea", "三楼住户在楼道堆放杂物，与邻居发生争执。");
        click(worker, "intake-save");
        long saved = System.nanoTime();

        // Command sees it on its map within 2 seconds, without doing anything.
        long id = worker.waitFor(Duration.ofSeconds(10), d -> jdbc.sql("select id from gov_case where title = :t").param("t", title)
                .query(Long.class).optional().orElse(null));
        made.add(id);
        command.waitFor(Duration.ofSeconds(10), d -> featureIds(command, "cases").contains(Long.toString(id)));
        assertThat(Duration.ofNanos(System.nanoTime() - saved)).isLessThan(Duration.ofSeconds(2));
        assertThat(jdbc.sql("select c.code from gov_case k join grid_cell c on c.id = k.grid_cell_id where k.id = :id")
                .param("id", id).query(String.class).single()).isEqualTo(cell);

        // Command routes it to a person; the grid worker signs for it and reports; command accepts; the worker visits back.
        command.open(base() + "/cases/" + id);
        assertThat(stepShown(command)).isEqualTo("受理登记");
        click(command, "action-route");
        type(command, "#action-person input", "张调解员");
        click(command, "action-confirm");
        command.waitFor(Duration.ofSeconds(10), d -> "分流查处".equals(stepShown(command)) ? Boolean.TRUE : null);

        worker.open(base() + "/cases/" + id);
        act(worker, "sign", "已联系双方", "跟踪督办");
        act(worker, "report", "经调解，杂物已清理，双方和解", "报结反馈");
        command.open(base() + "/cases/" + id);
        act(command, "accept", null, "回访总结");
        worker.open(base() + "/cases/" + id);
        act(worker, "follow_up", "回访双方，均表示满意", "已办结");

        // The timeline holds every step, in order, with who did it.
        List<WebElement> items = worker.findAll(By.cssSelector("#case-timeline .gc-timeline-item"));
        assertThat(items).extracting(e -> e.getAttribute("data-action"))
                .containsExactly("REGISTER", "ROUTE", "SIGN", "REPORT", "ACCEPT", "FOLLOW_UP");
        String timeline = worker.find(By.id("case-timeline")).getText();
        assertThat(timeline).contains("受理登记", "分流查处", "跟踪督办", "报结反馈", "回访总结", "已办结")
                .contains("wangge", "zhihui", "张调解员", "经调解，杂物已清理，双方和解", "回访双方，均表示满意");
        // A closed case offers nothing to a grid worker.
        assertThat(worker.findAll(By.cssSelector("#case-actions vaadin-button"))).isEmpty();
        // And it has left the command map of open cases.
        command.open(base() + "/");
        waitForMap(command);
        assertThat(featureIds(command, "cases")).doesNotContain(Long.toString(id));
    }

    @Test
    void theListAndTheMapFollowEachOtherAndADrawnAreaPicksTheCasesInside() {
        Browser b = signedIn("zhihui");
        b.open(base() + "/cases");
        b.waitFor(Duration.ofSeconds(30), d -> !featureIds(b, "cases").isEmpty());

        // A case found by its code: one row; choosing it rings it on the map.
        record Case(long id, String code, double lon, double lat) {}
        Case c = jdbc.sql("select id, code, ST_X(geom), ST_Y(geom) from gov_case where step = 'SUPERVISION' order by id limit 1")
                .query((rs, i) -> new Case(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4))).single();
        type(b, "#filter-text input", c.code() + Keys.ENTER);
        b.waitFor(Duration.ofSeconds(10), d -> b.find(By.id("case-total")).getText().contains("共 1 件") ? Boolean.TRUE : null);
        WebElement row = b.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector("#case-list vaadin-grid-cell-content"))
                .stream().filter(e -> e.getText().equals(c.code())).findFirst().orElse(null));
        row.click();
        b.waitFor(Duration.ofSeconds(10), d -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> h = (Map<String, Object>) b.js("return document.querySelector('leaflet-flow-map').highlighted();");
            return h != null && Long.toString(c.id()).equals(h.get("id")) ? Boolean.TRUE : null;
        });

        // Back to everything; a click on a case on the map selects its row.
        click(b, "filter-reset");
        b.waitFor(Duration.ofSeconds(10), d -> !b.find(By.id("case-total")).getText().contains("共 1 件") ? Boolean.TRUE : null);
        clickMapAt(b, c.lon(), c.lat());
        b.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector("#case-list vaadin-grid-cell-content")).stream()
                .anyMatch(e -> e.getText().equals(c.code()) && isSelectedRow(b, e)) ? Boolean.TRUE : null);

        // A circle drawn on the map keeps exactly the cases inside it (all steps, the user's areas).
        click(b, "select-circle");
        clickMapAt(b, c.lon(), c.lat(), 15);
        // The edge: 0.004° of latitude north of the centre, about 445 m.
        MapDriver map = new MapDriver(b);
        map.clickAt(map.screenPoint(c.lat() + 0.004, c.lon()));
        String picked = b.waitFor(Duration.ofSeconds(10), d -> {
            String t = b.find(By.id("select-info")).getText();
            return t.isBlank() ? null : t;
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> circle = (Map<String, Object>) b.js("return document.querySelector('leaflet-flow-map').drawnShape();");
        double radius = ((Number) circle.get("radius")).doubleValue();
        assertThat(radius).isBetween(400.0, 500.0);
        long inside = Long.parseLong(picked.replaceAll("\\D", ""));
        long expected = jdbc.sql("""
                        select count(*) from gov_case
                         where ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, :r)""")
                .param("lon", ((Number) circle.get("lng")).doubleValue()).param("lat", ((Number) circle.get("lat")).doubleValue())
                .param("r", radius).query(Long.class).single();
        assertThat(inside).isPositive().isEqualTo(expected);
        b.waitFor(Duration.ofSeconds(10), d -> b.find(By.id("case-total")).getText().contains("共 " + inside + " 件") ? Boolean.TRUE : null);
        assertThat(featureIds(b, "cases")).hasSize((int) inside).contains(Long.toString(c.id()));
    }

    static boolean isSelectedRow(Browser b, WebElement cellContent) {
        return (Boolean) b.js("""
                const slot = arguments[0].getAttribute('slot');
                const cell = arguments[0].closest('vaadin-grid').shadowRoot.querySelector('[part~="cell"] slot[name="' + slot + '"]');
                const row = cell && cell.closest('tr');
                return !!row && row.hasAttribute('selected');""", cellContent);
    }
}
