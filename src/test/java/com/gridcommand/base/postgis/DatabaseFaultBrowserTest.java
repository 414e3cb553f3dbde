package com.gridcommand.base.postgis;

import com.gridcommand.security.internal.DemoUsers;
import com.gridcommand.support.Browser;
import com.gridcommand.support.TestClock;
import com.gridcommand.support.TestClockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open dashboard while the database is killed and comes back: a click meanwhile is told the database
 * is away, and once it is back the map moves live again — the same page, never reloaded. Shares
 * DatabaseFaultTest's crash-safe context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "gridcommand.embedded-db.durable=true")
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
@EnabledIf("com.gridcommand.support.Browser#available")
class DatabaseFaultBrowserTest {

    @Autowired
    TestClock clock;

    private static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedPostgis postgis;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startBrowser() {
        browser = new Browser(1400, 900, "en-US");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) browser.close();
    }

    @SuppressWarnings("unchecked")
    private List<String> featureIds(String layer) {
        return (List<String>) browser.js("return document.querySelector('leaflet-flow-map').featureIds(arguments[0]);", layer);
    }

    private boolean databaseAnswers() {
        try (Connection c = postgis.connect()) {
            return c.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }

    private boolean poolAnswers() {
        try {
            return jdbc.sql("select 1").query(Integer.class).single() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    /** Another test of this context may just have had the database away: start from a pool that answers. */
    @org.junit.jupiter.api.BeforeEach
    void databaseBack() {
        browser.waitFor(Duration.ofSeconds(30), d -> databaseAnswers() && poolAnswers());
    }

    /** The database away until stopped: its postmaster killed whenever the watchdog has started it again. */
    private Thread keepTheDatabaseAway(AtomicBoolean stop) {
        return Thread.ofPlatform().name("fault-test-killer").start(() -> {
            while (!stop.get()) {
                ProcessHandle.of(postgis.postmasterPid()).ifPresent(ProcessHandle::destroyForcibly);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @Test
    void aCaseOpenedWhileTheDatabaseIsAwaySaysSoInTheAppsFrameAndOpensByItselfOnceItIsBack() throws Exception {
        String base = "http://localhost:" + port;
        long caseId = jdbc.sql("select id from gov_case order by id limit 1").query(Long.class).single();
        browser.signIn(base, "zhihui", DemoUsers.PASSWORD);
        AtomicBoolean stop = new AtomicBoolean();
        Thread killer = keepTheDatabaseAway(stop);
        try {
            Thread.sleep(300);
            browser.open(base + "/cases/" + caseId);
            WebElement title = browser.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.id("error-title")).stream()
                    .filter(WebElement::isDisplayed).findFirst().orElse(null));
            assertThat(title.getText()).isEqualTo("系统暂时无法访问数据库");
            assertThat(browser.find(By.tagName("body")).getText()).doesNotContain("Exception").doesNotContain("SQL");
            assertThat(browser.findAll(By.cssSelector(".gc-nav a"))).as("in the app's frame").isNotEmpty();
        } finally {
            stop.set(true);
            killer.join();
        }
        // Nobody touches anything: the page tries again by itself and the case opens.
        browser.waitFor(Duration.ofSeconds(40), d -> !d.findElements(By.id("case-timeline")).isEmpty());
    }

    @Test
    void anOpenDashboardSaysWhenTheDatabaseIsAwayAndFollowsTheCityLiveAgainWithoutAReload() throws Exception {
        String base = "http://localhost:" + port;
        browser.signIn(base, "zhihui", DemoUsers.PASSWORD);
        browser.open(base + "/");
        browser.waitFor(Duration.ofSeconds(30), d -> !d.findElement(By.id("count-open")).getText().equals("–") && !featureIds("responders").isEmpty());
        browser.js("window.__sameDocument = true;");

        AtomicBoolean stop = new AtomicBoolean();
        Thread killer = keepTheDatabaseAway(stop);
        WebElement notice;
        try {
            // Switching a layer on asks the database for its features: the user is told it is away.
            notice = null;
            for (int click = 0; click < 10 && notice == null; click++) {
                // Found again each time: the layer list is redrawn when what it shows changes.
                WebElement roads = browser.waitFor(Duration.ofSeconds(5), d -> d.findElement(By.cssSelector(".lf-layer-row[data-layer='roads'] input")));
                new Actions(browser.driver()).moveToElement(roads).click().perform();
                try {
                    notice = browser.waitFor(Duration.ofSeconds(2), d -> d.findElements(By.tagName("vaadin-notification-card")).stream()
                            .filter(c -> c.getText().contains("系统暂时无法访问数据库")).findFirst().orElse(null));
                } catch (org.openqa.selenium.TimeoutException notYet) {
                    notice = null;
                }
            }
        } finally {
            stop.set(true);
            killer.join();
        }
        assertThat(notice).as("the notice shown for a click while the database was away").isNotNull();
        assertThat(notice.getText()).doesNotContain("Exception").doesNotContain("SQL");

        browser.waitFor(Duration.ofSeconds(20), d -> databaseAnswers() && poolAnswers());
        // Back: a responder moved in the database moves on the open map (the change feed listens again).
        String id = featureIds("responders").getFirst();
        double[] before = jdbc.sql("select ST_X(position), ST_Y(position) from responder where id = :id").param("id", Long.parseLong(id))
                .query((rs, i) -> new double[]{rs.getDouble(1), rs.getDouble(2)}).single();
        double lon = before[0] + 0.002, lat = before[1] + 0.001;
        try {
            browser.waitFor(Duration.ofSeconds(30), d -> {
                // Moved again each try: a move made before the change feed listened again is not announced.
                jdbc.sql("update responder set position = ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), position_at = :now where id = :id").param("now", clock.now())
                        .param("lon", lon).param("lat", lat).param("id", Long.parseLong(id)).update();
                @SuppressWarnings("unchecked")
                Map<String, Object> p = (Map<String, Object>) browser.js(
                        "return document.querySelector('leaflet-flow-map').featureLatLng('responders', arguments[0]);", id);
                return p != null && Math.abs(num(p.get("lat")) - lat) < 1e-6 && Math.abs(num(p.get("lng")) - lon) < 1e-6;
            });
        } finally {
            jdbc.sql("update responder set position = ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) where id = :id")
                    .param("lon", before[0]).param("lat", before[1]).param("id", Long.parseLong(id)).update();
        }
        assertThat(browser.js("return window.__sameDocument === true;")).as("the page was never reloaded").isEqualTo(true);
    }
}
