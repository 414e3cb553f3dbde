package org.vaadin.addons.leafletflow;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The element in headless Chromium, on the add-on's test page (no Vaadin server): it draws features, updates one by
 * id, clusters close points, and reports a click on a feature and a drag of the map. The test plays the server by
 * calling the element's API as {@link LeafletMap} does; the click and the drag are WebDriver pointer actions at the
 * feature's position on screen. The JS reads it uses ({@code featureIds}, {@code featureLatLng},
 * {@code featureScreenPoint}) only read what is drawn; they are the add-on's documented test hooks.
 */
@DisabledIfSystemProperty(named = "browser.tests.skip", matches = "true")
class LeafletMapPageTest {

    private static HttpServer server;
    private static ChromeDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = resource(path.equals("/") ? "leaflet-flow-test/index.html" : "META-INF/resources" + path);
            if (path.equals("/") && body != null) {
                body = new String(body, StandardCharsets.UTF_8).replace("LEAFLET", System.getProperty("leaflet.version"))
                        .replace("CLUSTER", System.getProperty("leaflet-markercluster.version")).getBytes(StandardCharsets.UTF_8);
            }
            String type = path.endsWith(".js") ? "text/javascript" : path.endsWith(".css") ? "text/css"
                    : path.endsWith(".png") ? "image/png" : "text/html; charset=utf-8";
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();

        profile = Files.createTempDirectory("leaflet-flow-chromium");
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1000,800");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) browser.quit();
        if (server != null) server.stop(0);
        if (profile != null) try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @BeforeEach
    void open() {
        browser.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        server("init", "{\"center\":[29.1,121.0],\"zoom\":14,\"minZoom\":3,\"maxZoom\":19,\"layerControlTitle\":\"Layers\"}");
        waitFor(d -> js("return document.querySelector('#map .leaflet-container') !== null"));
    }

    @Test
    void draws_features_and_updates_one_by_id() {
        server("addLayer", layer("places", "null"));
        server("setFeatures", "places", "[" + point("a", 121.0, 29.1) + "," + point("b", 121.005, 29.1) + "]");
        waitFor(d -> List.of("a", "b").equals(js("return document.querySelector('#map').featureIds('places')")));

        // b moves, a stays where it was, c is new, and nothing else is touched
        server("applyDiff", "places", "[" + point("b", 121.01, 29.105) + "," + point("c", 120.995, 29.1) + "]", "[]");
        waitFor(d -> ((List<?>) js("return document.querySelector('#map').featureIds('places')")).size() == 3);
        assertThat(latLng("places", "b")).containsExactly(29.105, 121.01);
        assertThat(latLng("places", "a")).containsExactly(29.1, 121.0);

        server("applyDiff", "places", "[]", "[\"a\"]");
        waitFor(d -> List.of("b", "c").equals(js("return document.querySelector('#map').featureIds('places')")));
    }

    @Test
    void asked_to_confirm_receipt_it_answers_once_after_what_came_with_the_question() {
        server("addLayer", layer("places", "null"));
        // as in one message from the server: the features, then the question
        js("const m = document.querySelector('#map'); m.setFeatures('places', arguments[0]); m.confirmReceipt();"
                + "window.drawnWhenAsked = m.featureIds('places').length;", "[" + point("a", 121.0, 29.1) + "]");
        waitFor(d -> lastSent("lf-received") != null);
        assertThat(js("return window.drawnWhenAsked")).isEqualTo(1L);
        assertThat(js("return window.sent.filter(s => s.name === 'lf-received').length")).isEqualTo(1L);
    }

    @Test
    void close_points_cluster_until_zoomed_in() {
        server("addLayer", layer("crowd", "{\"radius\":60,\"disableAtZoom\":19}"));
        StringBuilder features = new StringBuilder("[");
        for (int i = 0; i < 30; i++) features.append(i == 0 ? "" : ",").append(point("p" + i, 121.0 + i * 0.00002, 29.1));
        server("setFeatures", "crowd", features.append("]").toString());
        WebElement cluster = waitFor(d -> d.findElements(By.cssSelector("#map .marker-cluster")).stream().findFirst().orElse(null));
        assertThat(cluster.getText()).isEqualTo("30");
        // a clustered point is not drawn on its own, so it has no place on screen to click
        assertThat(js("return document.querySelector('#map').featureScreenPoint('crowd', 'p3')")).isNull();
    }

    @Test
    void a_click_on_a_feature_and_a_drag_of_the_map_reach_the_server() {
        server("addLayer", layer("places", "null"));
        server("setFeatures", "places", "[" + point("a", 121.0, 29.1) + "," + point("b", 121.004, 29.1) + "]");
        Map<String, Number> b = waitFor(d -> screenPoint("places", "b"));

        new Actions(browser).moveToLocation(b.get("x").intValue(), b.get("y").intValue()).click().perform();
        Map<String, Object> click = waitFor(d -> lastSent("lf-feature-click"));
        assertThat(click).containsEntry("layer", "places").containsEntry("id", "b");

        Map<String, Object> before = waitFor(d -> lastSent("lf-map-moveend"));
        // drag from an empty spot 200 px to the right: the map shows what lay further west
        new Actions(browser).moveToLocation(300, 500).clickAndHold().moveByOffset(100, 0).moveByOffset(100, 0).release().perform();
        Map<String, Object> after = waitFor(d -> {
            Map<String, Object> last = lastSent("lf-map-moveend");
            return last != null && ((Number) last.get("west")).doubleValue() < ((Number) before.get("west")).doubleValue() ? last : null;
        });
        assertThat(((Number) after.get("zoom")).intValue()).isEqualTo(14);
        // the feature moved with the map: 200 px further right than before
        Map<String, Number> moved = screenPoint("places", "b");
        assertThat(moved.get("x").doubleValue() - b.get("x").doubleValue()).isBetween(195.0, 205.0);
    }

    @Test
    void moving_points_leave_no_trail_and_what_lies_beneath_is_drawn_again() throws IOException {
        // a blue area under red points: after moves, the old places show the area again, the new ones the points
        server("addLayer", layer("areas", "null", 1, "#2563eb"));
        server("addLayer", layer("units", "null", 2, "#dc2626"));
        server("setFeatures", "areas", "[{\"type\":\"Feature\",\"id\":\"z\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[120.97,29.08],[121.03,29.08],[121.03,29.12],[120.97,29.12],[120.97,29.08]]]},\"properties\":{}}]");
        StringBuilder units = new StringBuilder("[");
        for (int i = 0; i < 20; i++) units.append(i == 0 ? "" : ",").append(point("u" + i, 120.985 + i * 0.0015, 29.095));
        server("setFeatures", "units", units.append("]").toString());
        waitFor(d -> ((List<?>) js("return document.querySelector('#map').featureIds('units')")).size() == 20);
        Map<String, Number> before = waitFor(d -> screenPoint("units", "u3"));
        Map<String, Number> still = screenPoint("units", "u10");
        assertThat(colourAt(before)).as("a unit before it moves").isEqualTo("red");

        // a few units move in one frame: each small area is redrawn on its own
        server("applyDiff", "units", "[" + point("u3", 120.9895, 29.105) + "," + point("u5", 120.9925, 29.105) + "]", "[]");
        Map<String, Number> after = waitFor(d -> {
            Map<String, Number> p = screenPoint("units", "u3");
            return p.get("y").doubleValue() < before.get("y").doubleValue() - 50 ? p : null;
        });
        afterNextFrame();
        assertThat(colourAt(before)).as("where the unit was").isEqualTo("blue");
        assertThat(colourAt(after)).as("where the unit is").isEqualTo("red");
        assertThat(colourAt(still)).as("a unit that did not move").isEqualTo("red");

        // all of them move at once, more than are redrawn one by one: one redraw, the same picture
        StringBuilder all = new StringBuilder("[");
        for (int i = 0; i < 20; i++) all.append(i == 0 ? "" : ",").append(point("u" + i, 120.985 + i * 0.0015, 29.1));
        for (int i = 20; i < 300; i++) all.append(",").append(point("u" + i, 120.975 + (i % 40) * 0.001, 29.11 + (i / 40) * 0.0005));
        server("applyDiff", "units", all.append("]").toString(), "[]");
        Map<String, Number> moved = waitFor(d -> {
            Map<String, Number> p = screenPoint("units", "u10");
            return p.get("y").doubleValue() < still.get("y").doubleValue() - 20 ? p : null;
        });
        afterNextFrame();
        assertThat(colourAt(still)).as("where the unit was, after a redraw of everything").isEqualTo("blue");
        assertThat(colourAt(moved)).isEqualTo("red");
        assertThat(colourAt(after)).as("where the first unit was before this move").isEqualTo("blue");
    }

    // ------------------------------------------------------------------ the server's part and reads of what is drawn

    private static String layer(String id, String cluster) {
        return layer(id, cluster, 1, "#2563eb");
    }

    private static String layer(String id, String cluster, int order, String fill) {
        return "{\"id\":\"" + id + "\",\"title\":\"" + id + "\",\"order\":" + order + ",\"cluster\":" + cluster
                + ",\"style\":{\"color\":\"" + fill + "\",\"weight\":1,\"fillColor\":\"" + fill + "\",\"fillOpacity\":1,\"radius\":8,\"fill\":true,\"stroke\":true},"
                + "\"rules\":[],\"legend\":[],\"visible\":true,\"interactive\":true,\"inControl\":true}";
    }

    private static String point(String id, double lng, double lat) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + lng + "," + lat
                + "]},\"properties\":{\"name\":\"" + id + "\"}}";
    }

    /** What LeafletMap's callJsFunction does: call the element's function with JSON text arguments. */
    private static void server(String function, Object... arguments) {
        StringBuilder call = new StringBuilder("const m = document.querySelector('#map'); m." + function + "(");
        for (int i = 0; i < arguments.length; i++) call.append(i == 0 ? "" : ",").append("arguments[").append(i).append("]");
        js(call.append(");").toString(), arguments);
    }

    @SuppressWarnings("unchecked")
    private static List<Double> latLng(String layer, String id) {
        var ll = (Map<String, Number>) js("return document.querySelector('#map').featureLatLng(arguments[0], arguments[1])", layer, id);
        return List.of(ll.get("lat").doubleValue(), ll.get("lng").doubleValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Number> screenPoint(String layer, String id) {
        return (Map<String, Number>) js("return document.querySelector('#map').featureScreenPoint(arguments[0], arguments[1])", layer, id);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastSent(String name) {
        return (Map<String, Object>) js("const e = window.sent.filter(s => s.name === arguments[0]).pop(); return e ? e.detail : null;", name);
    }

    /** Waits until the browser has drawn two more frames (Leaflet redraws changed features on the next one). */
    private static void afterNextFrame() {
        ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));");
    }

    /** The colour the screen shows at a point (a screenshot's pixel), as red, blue, or what else it is. */
    private static String colourAt(Map<String, Number> p) throws IOException {
        byte[] png = browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        int rgb = image.getRGB(p.get("x").intValue(), p.get("y").intValue());
        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        if (r > 180 && g < 90 && b < 90) return "red";
        if (b > 180 && r < 90 && g < 140) return "blue";
        return String.format("#%02x%02x%02x", r, g, b);
    }

    private static Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    private static <T> T waitFor(Function<ChromeDriver, T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            T value = condition.apply((ChromeDriver) d);
            return value instanceof Boolean bool && !bool ? null : value;
        });
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = LeafletMapPageTest.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
