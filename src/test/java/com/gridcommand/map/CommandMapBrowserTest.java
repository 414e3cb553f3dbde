package com.gridcommand.map;

import com.gridcommand.support.BrowserTestBase;

import com.gridcommand.base.map.MapScreens;
import com.gridcommand.geo.Bbox;
import com.gridcommand.road.RoadService;
import com.gridcommand.support.Browser;
import com.gridcommand.support.TestClock;
import com.gridcommand.support.BrowserTest;
import com.gridcommand.support.MapDriver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

/** The command map in headless Chromium: what command staff see, click and switch, and how it follows the city live. */
@BrowserTest
class CommandMapBrowserTest extends BrowserTestBase {

    @Autowired
    TestClock clock;

    private static Browser browser;
    private static MapDriver map;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startBrowser() {
        browser = startClassBrowser("en-US");
        map = new MapDriver(browser);
    }


    private static boolean signedIn;

    @BeforeEach
    void openHomePage() {
        if (!signedIn) {
            // Command staff see the whole city.
            browser.signIn(base(), "zhihui", com.gridcommand.security.internal.DemoUsers.PASSWORD);
            signedIn = true;
        }
        browser.open(base() + "/");
        // Drawn: every count filled in and the open cases on the map.
        browser.waitFor(Duration.ofSeconds(30), d -> !text("count-open").equals("–") && featureIds("cases").size() > 0);
    }

    // ------------------------------------------------------------------ helpers reading the screen

    private String text(String id) {
        return browser.find(By.id(id)).getText().trim();
    }

    private List<String> featureIds(String layer) {
        return map.featureIds(layer);
    }

    private boolean shown(String layer) {
        return map.shown(layer);
    }

    private Map<String, Object> view() {
        return map.view();
    }

    private Bbox viewBox() {
        Map<String, Object> v = view();
        return Bbox.clamped(num(v.get("west")), num(v.get("south")), num(v.get("east")), num(v.get("north")));
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    private Set<String> ids(String sql, Bbox b) {
        return jdbc.sql(sql).param("now", clock.now()).param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query(Long.class).list().stream().map(String::valueOf).collect(Collectors.toSet());
    }

    private int count(String sql, Bbox b) {
        return jdbc.sql(sql).param("now", clock.now()).param("w", b.west()).param("s", b.south()).param("e", b.east()).param("n", b.north())
                .query(Integer.class).single();
    }

    private static final String ENVELOPE = "ST_MakeEnvelope(:w, :s, :e, :n, 4326)";

    // ------------------------------------------------------------------ tests

    @Test
    void theHomePageDrawsEachLayerWithWhatTheDatabaseHoldsForTheView() {
        int zoom = num(view().get("zoom")) > 0 ? (int) num(view().get("zoom")) : 0;
        assertThat(zoom).as("the whole city fits a 1400×900 window at zoom 12").isEqualTo(12);
        Bbox exact = viewBox();
        Bbox loaded = exact.padded(MapScreens.PADDING);

        Map<String, String> expected = Map.of(
                "townships", "select id from township where ST_Intersects(geom, " + ENVELOPE + ")",
                "communities", "select id from community where ST_Intersects(geom, " + ENVELOPE + ")",
                "cells", "select id from grid_cell where ST_Intersects(geom, " + ENVELOPE + ")",
                "routes", "select id from patrol_route where ST_Intersects(geom, " + ENVELOPE + ")",
                "hotspots", "select id from hotspot where ST_Intersects(geom, " + ENVELOPE + ")",
                "responders", "select id from responder where ST_Intersects(position, " + ENVELOPE + ")",
                "cases", "select id from gov_case where step <> 'CLOSED' and ST_Intersects(geom, " + ENVELOPE + ")");
        expected.forEach((layer, sql) -> {
            assertThat(shown(layer)).as(layer + " shown").isTrue();
            assertThat(new HashSet<>(featureIds(layer))).as(layer).isEqualTo(ids(sql, loaded)).isNotEmpty();
        });
        // Roads: only the classes that matter at this zoom.
        assertThat(new HashSet<>(featureIds("roads"))).isEqualTo(ids("select id from road_segment where road_class in ('"
                + String.join("','", RoadService.classesAt(zoom)) + "') and ST_Intersects(geom, " + ENVELOPE + ")", loaded));
        // Key places and cameras wait for a closer zoom, and say so in the layer list.
        assertThat(shown("places")).isFalse();
        assertThat(featureIds("cameras")).isEmpty();
        assertThat(browser.find(By.cssSelector(".lf-layer-row[data-layer='cameras']")).getAttribute("class")).contains("lf-out-of-zoom");

        // The side panel counts what is in view.
        assertThat(text("count-open")).isEqualTo(String.valueOf(count(
                "select count(*) from gov_case where step <> 'CLOSED' and ST_Intersects(geom, " + ENVELOPE + ")", exact)));
        assertThat(text("count-overdue")).isEqualTo(String.valueOf(count(
                "select count(*) from gov_case where step <> 'CLOSED' and deadline < :now and ST_Intersects(geom, " + ENVELOPE + ")", exact)));
        assertThat(text("count-available")).isEqualTo(String.valueOf(count(
                "select count(*) from responder where status = 'AVAILABLE' and ST_Intersects(position, " + ENVELOPE + ")", exact)));
        assertThat(text("count-hotspots")).isEqualTo(String.valueOf(count(
                "select count(*) from hotspot where status <> 'DELISTED' and ST_Intersects(geom, " + ENVELOPE + ")", exact)));

        // Nothing came from outside this server: the city's own layers are the basemap.
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) browser.js("return performance.getEntriesByType('resource').map(e => e.name);");
        assertThat(resources).isNotEmpty().allMatch(url -> url.startsWith(base() + "/") || url.startsWith("ws://localhost:" + port + "/"));
    }

    @Test
    void panningIntoATownFollowsTheViewAndShowsCamerasAndPlaces() {
        double[] seat = jdbc.sql("select ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom)) from hotspot order by code limit 1")
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        map.goTo(seat[1], seat[0], 15);
        browser.waitFor(Duration.ofSeconds(10), d -> num(view().get("zoom")) == 15 && !featureIds("cameras").isEmpty());
        Bbox exact = viewBox();
        Bbox loaded = exact.padded(MapScreens.PADDING);
        // The last view's layers arrive a moment after the last move: wait for them, then compare.
        try {
            browser.waitFor(Duration.ofSeconds(5), d -> new HashSet<>(featureIds("cameras")).equals(ids("select id from camera where ST_Intersects(geom, " + ENVELOPE + ")", loaded)));
        } catch (org.openqa.selenium.TimeoutException e) {
            // the assertion below says what differs
        }
        assertThat(new HashSet<>(featureIds("cameras"))).isEqualTo(ids("select id from camera where ST_Intersects(geom, " + ENVELOPE + ")", loaded));
        assertThat(new HashSet<>(featureIds("places"))).isEqualTo(ids("select id from key_place where ST_Intersects(geom, " + ENVELOPE + ")", loaded));
        assertThat(new HashSet<>(featureIds("cells"))).isEqualTo(ids("select id from grid_cell where ST_Intersects(geom, " + ENVELOPE + ")", loaded));
        browser.waitFor(Duration.ofSeconds(5), d -> text("count-open").equals(String.valueOf(count(
                "select count(*) from gov_case where step <> 'CLOSED' and ST_Intersects(geom, " + ENVELOPE + ")", exact))));
    }

    @Test
    void clickingACaseShowsItsDetailsAsText() {
        // A case from the public whose text looks like markup: it must show as text, and run nothing.
        String hostile = "<img src=x onerror=alert(1)>";
        long id = jdbc.sql("""
                        insert into gov_case (code, title, description, category, severity, source, step, reported_at, deadline, geom)
                        select 'TEST-XSS-1', :title, :description, 'NEIGHBOUR', 2, 'HOTLINE', 'ROUTING', :now - interval '1 day',
                               :now + interval '5 days', ST_PointOnSurface(geom)
                          from grid_cell order by code limit 1 returning id""")
                .param("now", clock.now()).param("title", "噪音投诉 " + hostile).param("description", "楼上住户反映 " + hostile + " & \"深夜\"施工")
                .query(Long.class).single();
        try {
            double[] at = jdbc.sql("select ST_X(geom), ST_Y(geom) from gov_case where id = :id").param("id", id)
                    .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
            browser.js("window.__alerts = 0; window.alert = () => { window.__alerts++; };");
            map.goTo(at[1], at[0], 17);
            browser.waitFor(Duration.ofSeconds(10), d -> featureIds("cases").contains(String.valueOf(id)));
            map.clickFeature("cases", String.valueOf(id));

            // Leaflet fades the popup in: wait until it is visible, as a user would see it.
            WebElement title = browser.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector(".lf-popup-title"))
                    .stream().filter(e -> e.isDisplayed() && !e.getText().isEmpty()).findFirst().orElse(null));
            assertThat(title.getText()).isEqualTo("噪音投诉 " + hostile);
            WebElement popup = browser.find(By.cssSelector(".lf-popup"));
            assertThat(popup.getText()).contains("TEST-XSS-1").contains("分流查处").contains("较大").contains("热线电话")
                    .contains("楼上住户反映 " + hostile + " & \"深夜\"施工");
            assertThat(popup.findElements(By.tagName("img"))).isEmpty();
            assertThat(browser.findAll(By.cssSelector("img[src='x']"))).isEmpty();
            assertThat(((Number) browser.js("return window.__alerts;")).intValue()).isZero();
        } finally {
            jdbc.sql("delete from gov_case where id = :id").param("id", id).update();
        }
    }

    @Test
    void switchingALayerOffHidesIt() {
        // A hotspot a click reaches: clicking it shows its popup.
        String hotspot = browser.waitFor(Duration.ofSeconds(10), d -> featureIds("hotspots").stream().filter(id -> map.clickable("hotspots", id))
                .findFirst().orElse(null));
        MapDriver.Point at = map.screenPoint("hotspots", hotspot).orElseThrow();
        String name = jdbc.sql("select name from hotspot where id = :id").param("id", Long.parseLong(hotspot)).query(String.class).single();
        map.clickAt(at);
        browser.waitFor(Duration.ofSeconds(5), d -> d.findElements(By.cssSelector(".lf-popup-title")).stream().anyMatch(e -> e.isDisplayed() && e.getText().equals(name)));
        browser.find(By.cssSelector(".leaflet-popup-close-button")).click();

        map.toggleLayer("hotspots");
        browser.waitFor(Duration.ofSeconds(5), d -> !shown("hotspots"));
        // Nothing of it is drawn: the same spot no longer reaches it.
        assertThat(map.hitAt(at)).doesNotContainEntry("layer", "hotspots");
        // The server stops sending it: after a move the layer holds nothing.
        MapDriver.Point centre = map.centre();
        map.drag(centre, new MapDriver.Point(centre.x() + 120, centre.y() + 40));
        map.settle();
        browser.waitFor(Duration.ofSeconds(10), d -> featureIds("hotspots").isEmpty());
        // And back on.
        map.toggleLayer("hotspots");
        browser.waitFor(Duration.ofSeconds(10), d -> shown("hotspots") && !featureIds("hotspots").isEmpty());
    }

    @Test
    void clickingAResponderAHotspotOrAPlaceOpensItsDetailsWhateverLayerIsAboveIt() {
        // Each layer's features are reached by a click where they are drawn: responders under the case layer,
        // hotspots under the responders, key places and cameras from a closer zoom.
        assertClicksReach("responders", "select name from responder where id = :id", 5, 0.5);
        // At the city's zoom many hotspots lie under case clusters: some are reached, all of them once closer.
        assertClicksReach("hotspots", "select name from hotspot where id = :id", 3, 0.2);
        double[] town = jdbc.sql("select ST_X(p), ST_Y(p) from (select ST_Centroid(ST_Collect(geom)) p from key_place) x")
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        map.goTo(town[1], town[0], 15);
        browser.waitFor(Duration.ofSeconds(10), d -> !featureIds("places").isEmpty() && !featureIds("cameras").isEmpty());
        assertClicksReach("places", "select name from key_place where id = :id", 3, 0.5);
        assertClicksReach("cameras", "select name from camera where id = :id", 2, 0.5);
    }

    /**
     * At least {@code share} of a layer's features in view are reached by a click at their pixel (some lie under a
     * feature of a higher layer, as on any map), and clicking {@code clicks} of them opens the popup with their name.
     */
    private void assertClicksReach(String layer, String nameSql, int clicks, double share) {
        List<String> drawn = featureIds(layer).stream().filter(id -> map.screenPoint(layer, id).isPresent()).toList();
        assertThat(drawn).as(layer + " drawn in view").hasSizeGreaterThanOrEqualTo(clicks);
        List<String> reachable = drawn.stream().filter(id -> map.clickable(layer, id)).toList();
        assertThat(reachable.size()).as(layer + ": drawn " + drawn.size() + ", reached by a click " + reachable.size())
                .isGreaterThanOrEqualTo(Math.max(clicks, (int) Math.ceil(drawn.size() * share)));
        Set<String> clicked = new HashSet<>();
        for (int i = 0; i < clicks; i++) {
            // A popup pans the map to fit: take one that a click reaches now.
            String id = browser.waitFor(Duration.ofSeconds(5), d -> featureIds(layer).stream()
                    .filter(f -> !clicked.contains(f) && map.clickable(layer, f)).findFirst().orElse(null));
            clicked.add(id);
            String name = jdbc.sql(nameSql).param("id", Long.parseLong(id)).query(String.class).single();
            map.clickFeature(layer, id);
            browser.waitFor(Duration.ofSeconds(5), d -> d.findElements(By.cssSelector(".lf-popup-title")).stream()
                    .anyMatch(e -> e.isDisplayed() && e.getText().equals(name)));
            browser.find(By.cssSelector(".leaflet-popup-close-button")).click();
            browser.waitFor(Duration.ofSeconds(5), d -> d.findElements(By.cssSelector(".lf-popup-title")).stream().noneMatch(WebElement::isDisplayed));
        }
    }

    @Test
    void aResponderMovedInTheDatabaseMovesOnScreenWithinTwoSecondsWithoutAReload() {
        browser.js("window.__sameDocument = true;");
        String id = featureIds("responders").getFirst();
        double[] before = jdbc.sql("select ST_X(position), ST_Y(position) from responder where id = :id").param("id", Long.parseLong(id))
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        double lon = before[0] + 0.003, lat = before[1] + 0.002;
        jdbc.sql("update responder set position = ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), position_at = :now where id = :id")
                .param("now", clock.now()).param("lon", lon).param("lat", lat).param("id", Long.parseLong(id)).update();
        long moved = System.nanoTime();
        browser.waitFor(Duration.ofSeconds(2), d -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) browser.js(
                    "return document.querySelector('leaflet-flow-map').featureLatLng('responders', arguments[0]);", id);
            return p != null && Math.abs(num(p.get("lat")) - lat) < 1e-6 && Math.abs(num(p.get("lng")) - lon) < 1e-6;
        });
        assertThat(Duration.ofNanos(System.nanoTime() - moved)).isLessThan(Duration.ofSeconds(2));
        assertThat(browser.js("return window.__sameDocument === true;")).isEqualTo(true);
    }

    @Test
    void aNewCaseAppearsLiveAndTheCountFollows() {
        int before = Integer.parseInt(text("count-open"));
        long id = jdbc.sql("""
                        insert into gov_case (code, title, category, severity, source, step, reported_at, deadline, geom)
                        select 'TEST-LIVE-1', '新登记的纠纷', 'FAMILY', 1, 'COUNTER', 'INTAKE', :now, :now + interval '15 days',
                               ST_PointOnSurface(geom)
                          from grid_cell order by code desc limit 1 returning id""").param("now", clock.now()).query(Long.class).single();
        try {
            browser.waitFor(Duration.ofSeconds(2), d -> featureIds("cases").contains(String.valueOf(id)));
            browser.waitFor(Duration.ofSeconds(2), d -> text("count-open").equals(String.valueOf(before + 1)));
        } finally {
            jdbc.sql("delete from gov_case where id = :id").param("id", id).update();
        }
        // Deleting it takes it off the map again.
        browser.waitFor(Duration.ofSeconds(2), d -> !featureIds("cases").contains(String.valueOf(id)));
    }

    @Test
    void theUserCanSwitchToEnglish() {
        assertThat(browser.find(By.cssSelector(".lf-layer-row[data-layer='cases'] .lf-layer-title")).getText()).isEqualTo("在办案件");
        browser.choose(browser.find(By.cssSelector("vaadin-select.gc-language")), "English");
        browser.waitFor(Duration.ofSeconds(15), d -> d.findElements(By.cssSelector(".lf-layer-row[data-layer='cases'] .lf-layer-title"))
                .stream().anyMatch(e -> e.getText().equals("Open cases")));
        assertThat(browser.find(By.cssSelector(".gc-stat-open")).getText()).contains("Open cases");
        // Back to Chinese for the other tests (the choice lives in a cookie).
        browser.choose(browser.find(By.cssSelector("vaadin-select.gc-language")), "中文");
        browser.waitFor(Duration.ofSeconds(15), d -> d.findElements(By.cssSelector(".lf-layer-row[data-layer='cases'] .lf-layer-title"))
                .stream().anyMatch(e -> e.getText().equals("在办案件")));
    }
}
