package com.gridcommand.bench;

import com.gridcommand.security.internal.DemoUsers;
import com.gridcommand.support.BenchReport;
import com.gridcommand.support.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Benchmark, not a test: what an open command map costs the server's heap. The app runs in this JVM, so its heap is
 * read here (MemoryMXBean, after a full GC, median of several). One dashboard is opened first and stays (classes,
 * caches, the message catalogue: what the first user pays once); then {@value #DEFAULT_DASHBOARDS} more are opened,
 * each a signed-in command map in its own window of a few headless Chromiums, each under its own loopback name
 * (dN.localhost) so that each has its own cookie, HTTP session and Vaadin session, as separate people at separate
 * screens would. Each waits until its map has drawn the city and its layers. The figure is
 * (used after − used before) / dashboards.
 * <p>
 * Run: {@code ./mvnw -Pbench verify -Dit.test=DashboardHeapBench} ({@code -Dbench.dashboards=20} for fewer); the
 * figures land in {@code target/bench/dashboard-heap.txt}. {@code -Dbench.histogram=true} adds what the dashboards
 * added by class ({@code dashboard-heap-histogram.txt}), {@code -Dbench.heapDump=FILE.hprof} a heap dump taken with
 * every dashboard open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = "gridcommand.bench.name=dashboard-heap")
class DashboardHeapBench {

    static final int DEFAULT_DASHBOARDS = 100;
    static final int DASHBOARDS = Integer.getInteger("bench.dashboards", DEFAULT_DASHBOARDS);
    static final int BROWSERS = Integer.getInteger("bench.browsers", 4);
    static final int GC_READINGS = 5;
    /** The machine is shared: stop opening windows before they take what others need. */
    static final long MIN_FREE_BYTES = 3L << 30;
    static final double MB = 1024 * 1024;

    @LocalServerPort
    int port;

    private final BenchReport report = new BenchReport();

    /** The layers whose features show that a map has really loaded (at the city view all of them have some). */
    static final List<String> LAYERS = List.of("townships", "cells", "responders", "cases");

    @Test
    void heapPerOpenDashboard() throws Exception {
        List<Browser> browsers = new ArrayList<>();
        try {
            for (int i = 0; i < BROWSERS; i++) browsers.add(Browser.forManyWindows(1200, 800, "zh-CN"));
            Set<String> sessions = new HashSet<>();
            sessions.add(openDashboard(browsers.getFirst(), "http://localhost:" + port, false));
            double[] before = usedAfterGc();
            var histogramBefore = Boolean.getBoolean("bench.histogram") ? histogram() : null;
            long start = System.nanoTime();
            for (int i = 0; i < DASHBOARDS; i++) {
                if (freeMemory() < MIN_FREE_BYTES) throw new IllegalStateException("stopped at " + i + " dashboards: under 3 GB of memory left");
                // d1.localhost onwards: each name keeps its own cookies, so each window signs in to a session of its own.
                sessions.add(openDashboard(browsers.get(i % BROWSERS), "http://d" + (1 + i) + ".localhost:" + port, true));
            }
            double openSeconds = (System.nanoTime() - start) / 1e9;
            if (sessions.size() != DASHBOARDS + 1) throw new IllegalStateException("expected a session per dashboard, got " + sessions.size());
            // Every window is still there and still shows its map (none was signed out or expired while the others opened).
            int live = 0;
            for (Browser b : browsers) {
                for (String w : b.driver().getWindowHandles()) {
                    b.switchTo(w);
                    if (layerCounts(b).stream().allMatch(n -> n > 0)) live++;
                }
            }
            double[] after = usedAfterGc();
            if (histogramBefore != null) writeHistogramDiff(histogramBefore, histogram(), DASHBOARDS);
            String dump = System.getProperty("bench.heapDump");
            if (dump != null) heapDump(dump);
            double perDashboard = (BenchReport.median(after) - BenchReport.median(before)) / DASHBOARDS / MB;
            report.line("Server heap per open command map: %d dashboards (each signed in, its own HTTP and Vaadin session, its map drawn", DASHBOARDS);
            report.line("with townships, cells, responders and cases) in %d headless Chromiums, opened in %.0f s; one dashboard open before", BROWSERS, openSeconds);
            report.line("(the baseline). Used heap after System.gc(), median of %d readings, MB.", GC_READINGS);
            report.line("  before (1 dashboard):          %8.1f   (readings %s)", BenchReport.median(before) / MB, mb(before));
            report.line("  after (%3d more):              %8.1f   (readings %s)", DASHBOARDS, BenchReport.median(after) / MB, mb(after));
            report.line("  per dashboard beyond baseline: %8.2f MB   (%d of %d windows still showing their map)", perDashboard, live, DASHBOARDS + 1);
            report.line("  %s, max heap %.0f MB", Runtime.version(), Runtime.getRuntime().maxMemory() / MB);
        } finally {
            browsers.forEach(Browser::close);
        }
        report.write("dashboard-heap.txt");
        System.out.println(report);
    }

    /** Signs in and opens the command map in a new window (or the browser's first), waits until it has drawn; the session cookie. */
    static String openDashboard(Browser b, String base, boolean newWindow) {
        if (newWindow && !b.driver().getCurrentUrl().startsWith("data:") && !b.driver().getCurrentUrl().startsWith("about:")) b.openWindow();
        b.signIn(base, "zhihui", DemoUsers.PASSWORD);
        b.open(base + "/");
        b.waitFor(Duration.ofSeconds(90), d -> layerCounts(b).stream().allMatch(n -> n > 0));
        b.settle();
        var cookie = b.driver().manage().getCookieNamed("JSESSIONID");
        if (cookie == null) throw new IllegalStateException("no session cookie at " + base);
        return base + " " + cookie.getValue();
    }

    /** How many features each of {@link #LAYERS} holds in the window's map (read-only). */
    @SuppressWarnings("unchecked")
    static List<Long> layerCounts(Browser b) {
        Object counts = b.js("""
                const m = document.querySelector('leaflet-flow-map');
                if (!m || !m.featureIds || !m.view || !m.view()) return null;
                return arguments[0].map(id => m.featureIds(id).length);""", LAYERS);
        return counts == null ? List.of(0L) : (List<Long>) counts;
    }

    /** The live classes' bytes by class name (the JVM's own diagnostic command, which runs a full GC first). */
    static java.util.Map<String, long[]> histogram() throws Exception {
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram", new Object[]{new String[0]}, new String[]{String[].class.getName()});
        java.util.Map<String, long[]> bytes = new java.util.HashMap<>();
        for (String line : text.toString().lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) bytes.put(f[3], new long[]{Long.parseLong(f[1]), Long.parseLong(f[2])});
        }
        return bytes;
    }

    /** What the dashboards added, by class, per dashboard, largest first. */
    static void writeHistogramDiff(java.util.Map<String, long[]> before, java.util.Map<String, long[]> after, int dashboards) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(java.util.Locale.ROOT, "%12s %12s  %s", "bytes/dash", "count/dash", "class"));
        after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), new long[]{e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1])).limit(50)
                .forEach(e -> lines.add(String.format(java.util.Locale.ROOT, "%12d %12.1f  %s", e.getValue()[1] / dashboards,
                        e.getValue()[0] / (double) dashboards, e.getKey())));
        Files.createDirectories(Path.of("target", "bench"));
        Files.write(Path.of("target", "bench", "dashboard-heap-histogram.txt"), lines);
    }

    /** The live heap with every dashboard open, for a look at what holds it (-Dbench.heapDump=FILE.hprof). */
    static void heapDump(String file) throws IOException {
        Files.deleteIfExists(Path.of(file));
        ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).dumpHeap(file, true);
    }

    static double[] usedAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        double[] used = new double[GC_READINGS];
        for (int i = 0; i < GC_READINGS; i++) {
            System.gc();
            Thread.sleep(300);
            used[i] = memory.getHeapMemoryUsage().getUsed();
        }
        return used;
    }

    private static String mb(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) sb.append(sb.isEmpty() ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.1f", v / MB));
        return sb.toString();
    }

    static long freeMemory() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemAvailable:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
        return Long.MAX_VALUE;
    }
}
