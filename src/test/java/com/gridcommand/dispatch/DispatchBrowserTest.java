package com.gridcommand.dispatch;

import com.gridcommand.support.BrowserTestBase;

import com.gridcommand.security.DeviceService;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.TestClock;
import com.gridcommand.support.Browser;
import com.gridcommand.support.BrowserTest;
import com.gridcommand.support.MapDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dispatch as the people who do it, in headless Chromium: a tracker app reports through the OsmAnd
 * endpoint and the unit moves on an open dashboard; a dispatcher sends the nearest unit to a case and a
 * second dispatcher's status board and map show it at once.
 */
@BrowserTest
class DispatchBrowserTest extends BrowserTestBase {

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;
    @Autowired
    DeviceService devices;
    @Autowired
    NearestResponders nearest;
    @Autowired
    PositionIngest ingest;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private final List<Runnable> undo = new ArrayList<>();

    @AfterEach
    void close() {
        undo.forEach(Runnable::run);
        ingest.forget();
    }

    Browser signedIn(String user, String path) {
        Browser b = signedIn(user, 1500, 950);
        b.open(base() + path);
        return b;
    }

    /** The count on the status board's chip for a status. */
    private static int chip(Browser b, String status) {
        String text = b.find(By.cssSelector("#status-board .gc-status-chip[data-status='" + status + "']")).getText();
        return Integer.parseInt(text.substring(text.lastIndexOf(' ') + 1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> js(Browser b, String script, Object... args) {
        return (Map<String, Object>) b.js(script, args);
    }

    private void keepResponder(long id) {
        Object[] before = jdbc.sql("select position, position_at, status from responder where id = :id").param("id", id)
                .query((rs, i) -> new Object[]{rs.getObject(1), rs.getObject(2), rs.getString(3)}).single();
        undo.add(() -> jdbc.sql("update responder set position = :p, position_at = :t, status = :s where id = :id")
                .param("p", before[0]).param("t", before[1]).param("s", before[2]).param("id", id).update());
    }

    @Test
    void aTrackerReportingThroughTheOsmAndEndpointMovesItsMarkerOnAnOpenDashboardWithinTwoSeconds() throws Exception {
        long responder = jdbc.sql("select id from responder where kind = 'POLICE_PATROL' and status = 'AVAILABLE' and position is not null order by id limit 1")
                .query(Long.class).single();
        keepResponder(responder);
        double[] at = jdbc.sql("select ST_X(position), ST_Y(position) from responder where id = :id").param("id", responder)
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        var issued = As.user(users, "admin", () -> devices.issue("浏览器测试终端", responder));
        undo.add(() -> jdbc.sql("delete from position_report where device_id = :d").param("d", issued.device().id()).update());

        // Other tests of this context (browserless views among them) may have left screens open: count from here.
        double openBefore = meters.get("gridcommand.ui.open").gauge().value();
        Browser command = signedIn("zhihui", "/");
        command.waitFor(Duration.ofSeconds(30), d -> ((Number) command.js("const m = document.querySelector('leaflet-flow-map'); "
                + "return m && m.featureIds ? m.featureIds('cells').length : 0;")).intValue() > 0);
        new MapDriver(command).goTo(at[1], at[0], 15);
        command.waitFor(Duration.ofSeconds(15), d -> command.js("return document.querySelector('leaflet-flow-map').featureLatLng('responders', arguments[0]);",
                Long.toString(responder)) != null);

        var pushes = meters.find("gridcommand.live.push").tag("topic", "responder").timer();
        long pushedBefore = pushes == null ? 0 : pushes.count();
        assertThat(meters.get("gridcommand.ui.open").gauge().value()).as("the open dashboard is counted").isGreaterThanOrEqualTo(openBefore + 1);
        HttpClient http = HttpClient.newHttpClient();
        double lat = at[1];
        for (int step = 1; step <= 3; step++) {
            lat += 0.0015; // about 170 m north each time
            long sent = System.nanoTime();
            String query = "id=" + URLEncoder.encode(issued.token(), StandardCharsets.UTF_8) + "&lat=" + lat + "&lon=" + at[0]
                    + "&timestamp=" + clock.instant().getEpochSecond() + "&speed=20";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/osmand?" + query))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            double expected = lat;
            command.waitFor(Duration.ofSeconds(2), d -> {
                Map<String, Object> ll = js(command, "return document.querySelector('leaflet-flow-map').featureLatLng('responders', arguments[0]);",
                        Long.toString(responder));
                return ll != null && Math.abs(((Number) ll.get("lat")).doubleValue() - expected) < 1e-7 ? ll : null;
            });
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(2));
            Thread.sleep(1100); // a tracker reports every few seconds; device times are whole seconds
        }
        // Ping to push: each move was timed from its row's change to the map that drew it.
        assertThat(meters.get("gridcommand.live.push").tag("topic", "responder").timer().count() - pushedBefore).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aDispatcherSendsTheNearestUnitAndASecondDispatchersBoardAndMapFollow() {
        // An open case with available units around it.
        long caseId = jdbc.sql("""
                select c.id from gov_case c where c.step not in ('CLOSED', 'REFERRED')
                   and (select count(*) from responder r where r.status = 'AVAILABLE' and r.kind <> 'LEADER'
                          and ST_DWithin(r.position::geography, c.geom::geography, 3000)) >= 3
                 order by c.id limit 1""").query(Long.class).single();
        String code = jdbc.sql("select code from gov_case where id = :id").param("id", caseId).query(String.class).single();
        double[] at = jdbc.sql("select ST_X(geom), ST_Y(geom) from gov_case where id = :id").param("id", caseId)
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        Candidate best = As.user(users, "diaodu", () -> nearest.nearestWithTravel(at[0], at[1], com.gridcommand.dispatch.ui.DispatchView.CANDIDATES, CandidateFilter.ANY, 5)).getFirst();
        keepResponder(best.id());
        undo.add(() -> jdbc.sql("delete from assignment where case_id = :c").param("c", caseId).update());

        Browser watcher = signedIn("zhihui", "/dispatch");
        watcher.waitFor(Duration.ofSeconds(30), d -> d.findElements(By.cssSelector("#status-grid vaadin-grid-cell-content")).size() > 10);
        new MapDriver(watcher).goTo(at[1], at[0], 15);
        watcher.waitFor(Duration.ofSeconds(15), d -> watcher.js("return document.querySelector('leaflet-flow-map').featureProperties('responders', arguments[0]);",
                Long.toString(best.id())) != null);

        int assignedBefore = chip(watcher, "ASSIGNED"), availableBefore = chip(watcher, "AVAILABLE");

        // The dispatcher opens the case's dispatch screen (the case page links there): candidates ranked by travel time.
        Browser dispatcher = signedIn("diaodu", "/cases/" + caseId);
        dispatcher.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.id("action-dispatch")).stream().findFirst().orElse(null)).click();
        dispatcher.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("#dispatch-target")).stream().anyMatch(e -> e.getText().contains(code)));
        WebElement send = dispatcher.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("vaadin-button.gc-assign")).stream()
                .findFirst().orElse(null));
        assertThat(send.getAttribute("data-responder")).as("the first candidate is the one with the shortest travel time").isEqualTo(Long.toString(best.id()));
        assertThat(dispatcher.find(By.id("candidates")).getText()).contains(best.name());
        // Lines with travel-time labels lead from the candidates to the case.
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) dispatcher.js("return document.querySelector('leaflet-flow-map').featureIds('candidates');");
        assertThat(lines).contains(Long.toString(best.id()));
        // Lines with travel-time labels (ETA) lead from the candidates to the case.
        assertThat(dispatcher.findAll(By.cssSelector(".leaflet-tooltip.lf-label")).stream().map(WebElement::getText))
                .anyMatch(label -> label.startsWith(best.name()) && label.contains("分钟"));
        send.click();
        long clicked = System.nanoTime();
        dispatcher.waitFor(Duration.ofSeconds(5), d -> d.findElements(By.cssSelector("vaadin-notification-card")).stream()
                .anyMatch(e -> e.getText().contains("已派遣 " + best.name())));

        // The second session: the unit is assigned on the status board, with the case as its task, and on the map.
        watcher.waitFor(Duration.ofSeconds(3), d -> chip(watcher, "ASSIGNED") == assignedBefore + 1 && chip(watcher, "AVAILABLE") == availableBefore - 1);
        watcher.waitFor(Duration.ofSeconds(3), d -> d.findElements(By.cssSelector("#active-assignments vaadin-grid-cell-content")).stream()
                .anyMatch(e -> e.getText().startsWith(code)));
        watcher.waitFor(Duration.ofSeconds(3), d -> {
            Map<String, Object> p = js(watcher, "return document.querySelector('leaflet-flow-map').featureProperties('responders', arguments[0]);",
                    Long.toString(best.id()));
            return p != null && "ASSIGNED".equals(p.get("status"));
        });
        assertThat(Duration.ofNanos(System.nanoTime() - clicked)).isLessThan(Duration.ofSeconds(3));
        assertThat(watcher.findAll(By.cssSelector("#active-assignments vaadin-grid-cell-content")).stream().map(WebElement::getText))
                .contains(best.name());
        assertThat(jdbc.sql("select status from responder where id = :id").param("id", best.id()).query(String.class).single()).isEqualTo("ASSIGNED");

        // A dispatcher opening the case now is no longer offered the unit that is on its way.
        Browser late = signedIn("zhihui", "/dispatch?case=" + caseId);
        WebElement stale = late.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("vaadin-button.gc-assign")).stream().findFirst().orElse(null));
        assertThat(stale.getAttribute("data-responder")).isNotEqualTo(Long.toString(best.id()));
    }

    @Test
    void clickingCasesOnTheDispatchMapListsTheNearestUnitsForEach() {
        Browser dispatcher = signedIn("diaodu", "/dispatch");
        MapDriver map = new MapDriver(dispatcher);
        dispatcher.waitFor(Duration.ofSeconds(30), d -> map.ready() && !map.featureIds("cases").isEmpty() && !map.featureIds("responders").isEmpty());
        // The responders' layer lies above the cases' layer: every case a click reaches still opens its candidates.
        List<String> done = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = dispatcher.waitFor(Duration.ofSeconds(10), d -> map.featureIds("cases").stream()
                    .filter(c -> !done.contains(c) && map.clickable("cases", c)).findFirst().orElse(null));
            done.add(id);
            String code = jdbc.sql("select code from gov_case where id = :id").param("id", Long.parseLong(id)).query(String.class).single();
            map.clickFeature("cases", id);
            dispatcher.waitFor(Duration.ofSeconds(10), d -> d.findElement(By.id("dispatch-target")).getText().contains(code));
            dispatcher.waitFor(Duration.ofSeconds(15), d -> !d.findElements(By.cssSelector("vaadin-button.gc-assign")).isEmpty());
        }
        assertThat(done).hasSize(5);
    }
}
