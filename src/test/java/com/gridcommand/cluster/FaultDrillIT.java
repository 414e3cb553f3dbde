package com.gridcommand.cluster;

import com.gridcommand.support.Browser;
import com.gridcommand.support.MapDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fault drills on the real topology (src/cluster/cluster.sh: pg_auto_failover monitor, primary, standby, two app
 * nodes from the jar the build made, HAProxy), under a steady ingest of tracker positions through the proxy and with
 * a command map open on each app node: (1) the primary's database node is killed (keeper and postmaster, as when its
 * machine dies), (2) app node 2 is killed, (3) the proxy is restarted. For each: acknowledged positions lost (must
 * be 0), seconds until positions are accepted again, seconds until each open map draws live positions again, and
 * whether a dispatcher's assignment made (and confirmed on screen) just before the fault is there exactly once.
 * Also the two-node checks: a position posted to node 1 moves the marker on a map open on node 2 within 2 s, and a
 * user disabled on node 1 loses their node-2 session — before and after the failover. Figures go to
 * {@code target/drills/fault-drills.txt}.
 */
class FaultDrillIT {

    private static final String PASSWORD = "demo-2026-gc";
    private static final Path REPORT = Path.of("target/drills/fault-drills.txt");

    private static Topology cluster;
    private static SteadyIngest ingest;
    private static final List<Browser> browsers = new ArrayList<>();
    private static final List<String> report = new ArrayList<>();
    private static final Set<Long> usedCases = new HashSet<>();

    @BeforeAll
    static void startTopology() throws Exception {
        assumeTrue(!Boolean.getBoolean("cluster.tests.skip") && !Boolean.getBoolean("browser.tests.skip") && Browser.available(),
                "cluster drills skipped (cluster.tests.skip or browser.tests.skip, or no Chromium)");
        Path jar;
        try (var jars = Files.list(Path.of("target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("gridcommand-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the drills run the app's jar: run them in 'verify', after 'package'"));
        }
        // Under the temporary folder, not the checkout: the database side runs as the OS user postgres, who may not be
        // able to enter the checkout (a clone under /root, say).
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "gridcommand-drill-" + ProcessHandle.current().pid()));
        cluster = Topology.start(dir, Map.of(
                "GRIDCOMMAND_CLUSTER_JAR", jar.toAbsolutePath().toString(),
                "GRIDCOMMAND_CLUSTER_HEAP", "768m",
                // The drills' own trackers are the only ones moving: the simulator would move other markers too.
                "GRIDCOMMAND_SIMULATOR_ENABLED", "false"));
        report.add("Topology up: " + cluster.proxy() + " (app nodes " + cluster.app(1) + ", " + cluster.app(2) + "), primary on database node "
                + cluster.primaryNode());
    }

    @AfterAll
    static void stopTopology() throws Exception {
        if (ingest != null) ingest.close();
        for (Browser b : browsers) b.close();
        Files.createDirectories(REPORT.getParent());
        Files.write(REPORT, report, StandardCharsets.UTF_8);
        report.forEach(System.out::println);
        if (cluster != null) cluster.close();
    }

    @Test
    void underSteadyIngestNoAcknowledgedPositionIsLostAndEveryOpenMapAndDispatchSurvivesEachFault() throws Exception {
        List<Long> responders;
        long direct;
        try (Connection db = cluster.primary()) {
            responders = longs(db, """
                    select id from responder where kind = 'POLICE_PATROL' and status = 'AVAILABLE' and position is not null
                     order by id limit 3""");
            direct = longs(db, """
                    select id from responder where kind = 'POLICE_PATROL' and status = 'AVAILABLE' and position is not null
                     order by id offset 3 limit 1""").getFirst();
            ingest = SteadyIngest.start(db, cluster.proxy(), responders);
        }
        SteadyIngest.Device probe = ingest.devices().getFirst();

        Browser map1 = dashboard(1, "zhihui", probe);
        Browser map2 = dashboard(2, "zhihui", probe);
        waitLive(map1, probe, probe.lat0(), Duration.ofSeconds(30));
        waitLive(map2, probe, probe.lat0(), Duration.ofSeconds(30));

        twoNodeChecks("before any fault", direct);

        // (1) The primary's machine dies.
        Browser dispatcher = signedInOn(1, "diaodu");
        long case1 = dispatchJustBefore(dispatcher);
        int primaryBefore = cluster.primaryNode();
        Drill d1 = fault("(1) the primary's database node killed (keeper and postmaster, kill -9)", map1, map2, probe,
                () -> cluster.script(Duration.ofSeconds(30), "kill-db", Integer.toString(primaryBefore)));
        int primaryAfter = cluster.primaryNode();
        report.add("    primary moved from database node " + primaryBefore + " to " + primaryAfter);
        assertThat(primaryAfter).as("the standby took over").isNotEqualTo(primaryBefore);
        d1.assignmentOnce(case1);
        cluster.script(Duration.ofSeconds(60), "start-db", Integer.toString(primaryBefore)); // it rejoins as the standby

        twoNodeChecks("after the failover", direct);

        // (2) App node 2 dies: its users land on node 1 and sign in again; their maps draw live positions again.
        Browser dispatcher2 = signedInOn(2, "diaodu");
        long case2 = dispatchJustBefore(dispatcher2);
        Drill d2 = fault("(2) app node 2 killed (kill -9)", map1, map2, probe,
                () -> cluster.script(Duration.ofSeconds(30), "kill-app", "2"));
        d2.assignmentOnce(case2);
        cluster.script(Duration.ofMinutes(5), "start-app", "2");
        dispatcher2.close();
        browsers.remove(dispatcher2);
        map2 = moveTo(map2, 2, "zhihui", probe);

        // (3) The proxy restarts: every connection through it breaks; sessions stay where they are.
        Browser dispatcher3 = signedInOn(1, "diaodu");
        long case3 = dispatchJustBefore(dispatcher3);
        Drill d3 = fault("(3) the proxy restarted", map1, map2, probe,
                () -> cluster.script(Duration.ofSeconds(30), "restart-proxy"));
        d3.assignmentOnce(case3);
        assertThat(map1.driver().getCurrentUrl()).as("a proxy restart keeps the session").doesNotContain("/login");
        assertThat(map2.driver().getCurrentUrl()).as("a proxy restart keeps the session").doesNotContain("/login");

        ingest.close();
        try (Connection db = cluster.primary()) {
            long lost = ingest.lost(db);
            report.add("In all: %d positions acknowledged, %d of them not in the database".formatted(ingest.acknowledged(), lost));
            assertThat(lost).isZero();
        }
    }

    /** One fault: what the trackers, the two open maps and the database saw. */
    private final class Drill {
        final String name;

        Drill(String name) {
            this.name = name;
        }

        void assignmentOnce(long caseId) throws SQLException, IOException {
            try (Connection db = cluster.primary()) {
                long n = longs(db, "select count(*) from assignment where case_id = " + caseId).getFirst();
                report.add("    the dispatcher's assignment confirmed just before the fault (case " + caseId + "): " + n + " in the database");
                assertThat(n).as(name + ": the assignment made just before the fault is there exactly once").isEqualTo(1);
            }
        }
    }

    interface Action {
        void run() throws Exception;
    }

    private Drill fault(String name, Browser map1, Browser map2, SteadyIngest.Device probe, Action fault) throws Exception {
        // Whoever watches the unit keeps it in view.
        new MapDriver(map1).goTo(ingest.latestAcknowledgedLat(probe), probe.lon(), 15);
        new MapDriver(map2).goTo(ingest.latestAcknowledgedLat(probe), probe.lon(), 15);
        double before = ingest.latestAcknowledgedLat(probe);
        long t0 = System.nanoTime();
        fault.run();
        double accepted = ingest.secondsUntilAcceptedAfter(t0, Duration.ofSeconds(90));
        long refused = ingest.failuresSince(t0);
        double live1 = secondsUntilLive(map1, 1, probe, before, t0);
        double live2 = secondsUntilLive(map2, 2, probe, before, t0);
        long lost;
        try (Connection db = cluster.primary()) {
            lost = ingest.lost(db);
        }
        report.add(name + ":");
        report.add("    acknowledged positions lost: %d (of %d so far); requests refused or unanswered meanwhile: %d (resent by the trackers)"
                .formatted(lost, ingest.acknowledged(), refused));
        report.add("    positions accepted again after %.1f s; map on node 1 live again after %.1f s, map on node 2 after %.1f s"
                .formatted(accepted, live1, live2));
        assertThat(lost).as(name + ": acknowledged positions lost").isZero();
        return new Drill(name);
    }

    /**
     * Seconds from the fault until the map draws the probe north of where it was when the fault struck (a position
     * posted after it). A map whose node died is on the sign-in page, which says what happened: the user signs in
     * again (on the node the proxy chose) and looks at the same place.
     */
    private double secondsUntilLive(Browser b, int node, SteadyIngest.Device probe, double before, long t0) throws Exception {
        long deadline = t0 + Duration.ofSeconds(150).toNanos();
        while (System.nanoTime() < deadline) {
            if (b.driver().getCurrentUrl().contains("/login")) {
                WebElement notice = b.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.id("login-notice")).stream()
                        .filter(WebElement::isDisplayed).findFirst().orElse(null));
                report.add("    the map on node " + node + " went to the sign-in page, which says: " + notice.getText());
                assertThat(notice.getText()).contains("会话已结束").contains("已保存的内容不受影响");
                b.signIn(cluster.proxy(), "zhihui", PASSWORD);
                showProbe(b, probe);
                continue;
            }
            Double lat = drawnLat(b, probe);
            if (lat != null && lat > before + SteadyIngest.STEP / 2) return (System.nanoTime() - t0) / 1e9;
            Thread.sleep(100);
        }
        throw new AssertionError("the map on node " + node + " did not draw live positions within 150 s of the fault");
    }

    private void twoNodeChecks(String when, long directResponder) throws Exception {
        // A position posted to node 1 moves the marker on a map open on node 2 within 2 s.
        SteadyIngest.Device d;
        try (Connection db = cluster.primary()) {
            d = SteadyIngest.issue(db, directResponder);
        }
        Browser watcher = signedInOn(2, "zhihui");
        waitMap(watcher);
        new MapDriver(watcher).goTo(d.lat0(), d.lon(), 15);
        try {
            watcher.waitFor(Duration.ofSeconds(20), x -> drawnLat(watcher, d) != null ? true : null);
        } catch (org.openqa.selenium.TimeoutException e) {
            watcher.screenshot(Path.of("target/drills/two-nodes-watcher.png"));
            throw new AssertionError("responder " + d.responderId() + " is not drawn on node 2's map at " + watcher.driver().getCurrentUrl() + "; view "
                    + new MapDriver(watcher).view() + "; responders drawn " + new MapDriver(watcher).featureIds("responders").size(), e);
        }
        double lat = d.lat0() + 0.0015;
        long sent = System.nanoTime();
        assertThat(SteadyIngest.postOnce(cluster.app(1), d, lat, Instant.now().getEpochSecond())).isEqualTo(200);
        watcher.waitFor(Duration.ofSeconds(5), x -> {
            Double drawn = drawnLat(watcher, d);
            return drawn != null && Math.abs(drawn - lat) < 2e-6; // drawn to 6 decimals at this zoom
        });
        double seconds = (System.nanoTime() - sent) / 1e9;
        report.add("Two nodes, %s: a position posted to node 1 moved the marker on node 2's map in %.2f s".formatted(when, seconds));
        assertThat(seconds).isLessThan(2.0);
        close(watcher);

        // A user disabled by an administrator on node 1 loses their session on node 2.
        Browser user = signedInOn(2, "cunzhan");
        Browser admin = signedInOn(1, "admin");
        admin.open(cluster.proxy() + "/admin/users");
        admin.waitFor(Duration.ofSeconds(20), x -> x.findElements(By.cssSelector("vaadin-button.gc-user-toggle[data-user='cunzhan']"))
                .stream().findFirst().orElse(null)).click();
        long disabled = System.nanoTime();
        user.waitFor(Duration.ofSeconds(40), x -> {
            // The open page notices at its next request: a person would click or the map would refresh.
            return x.getCurrentUrl().contains("/login") ? true : null;
        });
        report.add("Two nodes, %s: a user disabled on node 1 was signed out on node 2 after %.1f s"
                .formatted(when, (System.nanoTime() - disabled) / 1e9));
        admin.waitFor(Duration.ofSeconds(20), x -> x.findElements(By.cssSelector("vaadin-button.gc-user-toggle[data-user='cunzhan']"))
                .stream().filter(e -> e.getText().contains("启用")).findFirst().orElse(null)).click(); // enabled again
        admin.waitFor(Duration.ofSeconds(20), x -> x.findElements(By.cssSelector("vaadin-button.gc-user-toggle[data-user='cunzhan']"))
                .stream().anyMatch(e -> e.getText().contains("停用")) ? true : null);
        close(user);
        close(admin);
    }

    /** A dispatcher sends the first candidate unit to an open case and sees it confirmed; the case's id. */
    private long dispatchJustBefore(Browser dispatcher) throws Exception {
        long caseId;
        try (Connection db = cluster.primary()) {
            caseId = longs(db, """
                    select c.id from gov_case c where c.step not in ('CLOSED', 'REFERRED')
                       and not exists (select 1 from assignment a where a.case_id = c.id)
                       and (select count(*) from responder r where r.status = 'AVAILABLE' and r.kind <> 'LEADER'
                              and ST_DWithin(r.position::geography, c.geom::geography, 3000)) >= 3
                       and c.id <> all('{%s}'::bigint[])
                     order by c.id limit 1""".formatted(usedCases.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")))).getFirst();
        }
        usedCases.add(caseId);
        dispatcher.open(cluster.proxy() + "/cases/" + caseId);
        dispatcher.waitFor(Duration.ofSeconds(30), d -> d.findElements(By.id("action-dispatch")).stream().findFirst().orElse(null)).click();
        WebElement send = dispatcher.waitFor(Duration.ofSeconds(30), d -> d.findElements(By.cssSelector("vaadin-button.gc-assign")).stream()
                .findFirst().orElse(null));
        send.click();
        dispatcher.waitFor(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector("vaadin-notification-card")).stream()
                .anyMatch(e -> e.getText().contains("已派遣")) ? true : null);
        return caseId;
    }

    private Browser dashboard(int node, String user, SteadyIngest.Device probe) throws Exception {
        Browser b = signedInOn(node, user);
        showProbe(b, probe);
        return b;
    }

    /** Signs in again on the given node (a new browser session there) and shows the probe. */
    private Browser moveTo(Browser b, int node, String user, SteadyIngest.Device probe) throws Exception {
        close(b);
        return dashboard(node, user, probe);
    }

    private void showProbe(Browser b, SteadyIngest.Device probe) {
        waitMap(b);
        new MapDriver(b).goTo(ingest.latestAcknowledgedLat(probe), probe.lon(), 15);
    }

    /** The command map has drawn its grid cells. */
    private static void waitMap(Browser b) {
        b.waitFor(Duration.ofSeconds(60), d -> ((Number) b.js("const m = document.querySelector('leaflet-flow-map'); "
                + "return m && m.featureIds ? m.featureIds('cells').length : 0;")).intValue() > 0 ? true : null);
    }

    /**
     * A browser signed in through the proxy on one app node: the proxy's sticky cookie names the node (as it would
     * after the user's first visit there); the user then signs in by typing.
     */
    private Browser signedInOn(int node, String user) {
        Browser b = new Browser(1400, 900, "zh-CN");
        browsers.add(b);
        // A page of the proxy's site that opens no session, so that the cookie can be set before the first one.
        b.driver().get(cluster.proxy() + "/actuator/health/liveness");
        b.driver().manage().deleteAllCookies();
        b.driver().manage().addCookie(new Cookie("GCNODE", "app" + node, "/"));
        b.signIn(cluster.proxy(), user, PASSWORD);
        Cookie served = b.driver().manage().getCookieNamed("GCNODE");
        assertThat(served == null ? "app" + node : served.getValue()).as("the proxy keeps the browser on its node").isEqualTo("app" + node);
        return b;
    }

    private void waitLive(Browser b, SteadyIngest.Device probe, double beyond, Duration limit) {
        b.waitFor(limit, d -> {
            Double lat = drawnLat(b, probe);
            return lat != null && lat > beyond ? true : null;
        });
    }

    @SuppressWarnings("unchecked")
    private static Double drawnLat(Browser b, SteadyIngest.Device d) {
        Object ll = b.js("const m = document.querySelector('leaflet-flow-map'); return m && m.featureLatLng ? m.featureLatLng('responders', arguments[0]) : null;",
                Long.toString(d.responderId()));
        return ll instanceof Map<?, ?> m && m.get("lat") instanceof Number n ? n.doubleValue() : null;
    }

    private static void close(Browser b) {
        browsers.remove(b);
        b.close();
    }

    private static List<Long> longs(Connection db, String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (var s = db.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getLong(1));
        }
        return out;
    }
}
