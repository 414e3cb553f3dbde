package com.gridcommand.bench;

import com.gridcommand.support.BenchReport;

import com.gridcommand.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark, not a test: the dashboard's first view (per-viewport, generalised, filtered layers) against
 * the same map with every layer loaded unfiltered, in one run, alternating A and B in fresh headless
 * Chromium profiles. Reports medians of time-to-drawn and bytes received (static files and data apart).
 * Run: {@code ./mvnw -Pbench verify}; the figures land in {@code target/bench/first-view.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = "gridcommand.changefeed.enabled=true")
class FirstViewBench {

    static final int RUNS = Integer.getInteger("bench.runs", 5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    record Run(double drawnMillis, long staticBytes, long dataBytes) {
        long totalBytes() {
            return staticBytes + dataBytes;
        }
    }

    /** Waits in the page, frame by frame, until the condition holds; returns ms since navigation start. */
    private static final String DRAWN_WHEN = """
            const done = arguments[arguments.length - 1];
            const condition = new Function('m', arguments[0]);
            (function check() {
              const m = document.querySelector('leaflet-flow-map');
              try { if (m && m.featureIds && condition(m)) { done(performance.now()); return; } } catch (e) { }
              requestAnimationFrame(check);
            })();""";

    /** A network to emulate in Chromium, or null for plain loopback. */
    record Network(String name, int latencyMillis, int downBytesPerSecond, int upBytesPerSecond) {}

    static final List<Network> NETWORKS = List.of(
            new Network("loopback", 0, 0, 0),
            new Network("intranet/4G: 20 Mbit/s down, 5 Mbit/s up, 40 ms", 40, 2_500_000, 625_000));

    private Run measure(String path, String condition, Network network) {
        try (Browser browser = new Browser(1400, 900, "zh-CN", true)) {
            if (network.latencyMillis() > 0) {
                var conditions = new org.openqa.selenium.chromium.ChromiumNetworkConditions();
                conditions.setLatency(java.time.Duration.ofMillis(network.latencyMillis()));
                conditions.setDownloadThroughput(network.downBytesPerSecond());
                conditions.setUploadThroughput(network.upBytesPerSecond());
                ((ChromeDriver) browser.driver()).setNetworkConditions(conditions);
            }
            // Signed in first (not timed); the log is drained so only the view's own traffic counts.
            browser.signIn("http://localhost:" + port, "zhihui", com.gridcommand.security.internal.DemoUsers.PASSWORD);
            browser.driver().manage().logs().get("performance");
            browser.open("http://localhost:" + port + path);
            double drawn = ((Number) ((ChromeDriver) browser.driver()).executeAsyncScript(DRAWN_WHEN, condition)).doubleValue();
            Thread.sleep(300); // let the log catch the last frames
            long staticBytes = 0, dataBytes = 0;
            Map<String, String> urls = new HashMap<>();
            for (LogEntry entry : browser.driver().manage().logs().get("performance")) {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                String method = message.path("method").asString("");
                JsonNode params = message.path("params");
                switch (method) {
                    case "Network.requestWillBeSent" -> urls.put(params.path("requestId").asString(), params.path("request").path("url").asString());
                    case "Network.loadingFinished" -> {
                        String url = urls.getOrDefault(params.path("requestId").asString(), "");
                        long bytes = params.path("encodedDataLength").asLong();
                        if (url.contains("v-r=uidl") || url.contains("v-r=init")) dataBytes += bytes;
                        else staticBytes += bytes;
                    }
                    case "Network.webSocketFrameReceived" ->
                            dataBytes += params.path("response").path("payloadData").asString("").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                    default -> { }
                }
            }
            return new Run(drawn, staticBytes, dataBytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


    @Test
    void firstViewAgainstEveryLayerUnfiltered() throws IOException {
        long cases = jdbc.sql("select count(*) from gov_case").query(Long.class).single();
        long cells = jdbc.sql("select count(*) from grid_cell").query(Long.class).single();
        // Drawn: the panel counted the view and the open cases are on the map.
        String dashboardDrawn = "return document.getElementById('count-open').textContent !== '–' && m.featureIds('cases').length > 0"
                + " && m.featureIds('cells').length > 0;";
        String baselineDrawn = "return m.featureIds('cases').length === " + cases + " && m.featureIds('cells').length === " + cells + ";";

        BenchReport report = new BenchReport();
        for (Network network : NETWORKS) {
            measure("/", dashboardDrawn, network);          // warm-up: JIT, caches in the database
            measure("/bench/unfiltered", baselineDrawn, network);
            List<Run> a = new ArrayList<>(), b = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                a.add(measure("/", dashboardDrawn, network));
                b.add(measure("/bench/unfiltered", baselineDrawn, network));
            }
            List<Double> timeRatios = new ArrayList<>(), dataRatios = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                timeRatios.add(a.get(i).drawnMillis() / b.get(i).drawnMillis());
                dataRatios.add((double) a.get(i).dataBytes() / b.get(i).dataBytes());
            }
            report.line("""
                            First view of the demo city, 1400x900 headless Chromium (production bundle), network: %s.
                            %d runs each, alternating A B, a fresh browser profile per run, signed in first (the app bundle is then cached).
                            A = dashboard (per viewport, generalised, filtered); B = every layer unfiltered (all rows, full geometry).
                            Both load their layers on the map's first view report: same round trips, different payloads.
                                                  median A      median B      A/B (median of pairs)
                            time to drawn (ms)   %8.0f      %8.0f      %.2f
                            data bytes (KB)      %8.1f      %8.1f      %.3f
                            static bytes (KB)    %8.1f      %8.1f
                            total bytes (KB)     %8.1f      %8.1f
                            runs A ms: %s
                            runs B ms: %s

                            """, network.name(), RUNS,
                    BenchReport.median(a.stream().map(Run::drawnMillis).toList()), BenchReport.median(b.stream().map(Run::drawnMillis).toList()), BenchReport.median(timeRatios),
                    BenchReport.median(a.stream().map(r -> r.dataBytes() / 1024.0).toList()), BenchReport.median(b.stream().map(r -> r.dataBytes() / 1024.0).toList()), BenchReport.median(dataRatios),
                    BenchReport.median(a.stream().map(r -> r.staticBytes() / 1024.0).toList()), BenchReport.median(b.stream().map(r -> r.staticBytes() / 1024.0).toList()),
                    BenchReport.median(a.stream().map(r -> r.totalBytes() / 1024.0).toList()), BenchReport.median(b.stream().map(r -> r.totalBytes() / 1024.0).toList()),
                    Arrays.toString(a.stream().mapToLong(r -> Math.round(r.drawnMillis())).toArray()),
                    Arrays.toString(b.stream().mapToLong(r -> Math.round(r.drawnMillis())).toArray()));
        }
        System.out.println(report);
        report.write("first-view.txt");
    }
}
