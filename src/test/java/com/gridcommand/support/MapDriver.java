package com.gridcommand.support;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A person at the map, through WebDriver: they drag it, press its zoom buttons, click or tap what is drawn at a
 * feature's pixel, and switch layers in its layer list. Script is used only to read what the map has drawn (where a
 * feature is on the screen, what a click there would reach, the view), never to act.
 */
public final class MapDriver {

    private final Browser browser;
    private final String selector;

    public MapDriver(Browser browser) {
        this(browser, "leaflet-flow-map");
    }

    /** @param selector the CSS selector of the map element, when a page has more than one */
    public MapDriver(Browser browser, String selector) {
        this.browser = browser;
        this.selector = selector;
    }

    /** A point on the screen, in CSS pixels of the viewport. */
    public record Point(double x, double y) {
        double distance(Point o) {
            return Math.hypot(x - o.x, y - o.y);
        }
    }

    // ------------------------------------------------------------------ reading what is drawn

    private Object read(String method, Object... args) {
        StringBuilder call = new StringBuilder("const m = document.querySelector(" + quoted(selector) + "); "
                + "if (!m || !m." + method + ") return null; return m." + method + "(");
        for (int i = 0; i < args.length; i++) call.append(i == 0 ? "" : ", ").append("arguments[").append(i).append("]");
        return browser.js(call.append(");").toString(), args);
    }

    private static String quoted(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Whether the map has drawn (it answers about its view). */
    public boolean ready() {
        return read("view") != null;
    }

    @SuppressWarnings("unchecked")
    public List<String> featureIds(String layer) {
        Object ids = read("featureIds", layer);
        return ids == null ? List.of() : (List<String>) ids;
    }

    public boolean shown(String layer) {
        return Boolean.TRUE.equals(read("isLayerShown", layer));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> properties(String layer, String id) {
        return (Map<String, Object>) read("featureProperties", layer, id);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> view() {
        return (Map<String, Object>) read("view");
    }

    public int zoom() {
        return (int) Math.round(num(view().get("zoom")));
    }

    @SuppressWarnings("unchecked")
    public Optional<Point> screenPoint(String layer, String id) {
        Map<String, Object> p = (Map<String, Object>) read("featureScreenPoint", layer, id);
        return p == null ? Optional.empty() : Optional.of(new Point(num(p.get("x")), num(p.get("y"))));
    }

    /** Where a coordinate is on the screen now. */
    @SuppressWarnings("unchecked")
    public Point screenPoint(double lat, double lng) {
        Map<String, Object> p = (Map<String, Object>) read("containerPoint", lat, lng);
        Point origin = origin();
        return new Point(origin.x + num(p.get("x")), origin.y + num(p.get("y")));
    }

    /** What a click at this point would reach: {kind: feature, layer, id} / {kind: element, …} / {kind: map}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> hitAt(Point p) {
        return (Map<String, Object>) read("hitAt", p.x, p.y);
    }

    private boolean hits(Point p, String layer, String id) {
        Map<String, Object> hit = hitAt(p);
        return hit != null && "feature".equals(hit.get("kind")) && layer.equals(hit.get("layer")) && id.equals(hit.get("id"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> box() {
        return (Map<String, Object>) browser.js("const r = document.querySelector(" + quoted(selector)
                + ").querySelector('.lf-map-container').getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height};");
    }

    private Point origin() {
        Map<String, Object> b = box();
        return new Point(num(b.get("x")), num(b.get("y")));
    }

    public Point centre() {
        Map<String, Object> b = box();
        return new Point(num(b.get("x")) + num(b.get("w")) / 2, num(b.get("y")) + num(b.get("h")) / 2);
    }

    // ------------------------------------------------------------------ acting as a person

    /** A click (or, on a touch screen, a tap) at a point of the screen. */
    public void clickAt(Point p) {
        // A finger on the phone, a mouse elsewhere.
        PointerInput mouse = browser.isPhone() ? new PointerInput(PointerInput.Kind.TOUCH, "finger") : new PointerInput(PointerInput.Kind.MOUSE, "mouse");
        Sequence click = new Sequence(mouse, 0)
                .addAction(mouse.createPointerMove(Duration.ofMillis(60), PointerInput.Origin.viewport(), (int) Math.round(p.x), (int) Math.round(p.y)))
                .addAction(mouse.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
                .addAction(mouse.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        ((org.openqa.selenium.interactions.Interactive) browser.driver()).perform(List.of(click));
    }

    /**
     * Clicks a feature where it is drawn, once the map has drawn it there and nothing else would take the click (a
     * person, too, clicks what they see). Fails if that does not happen within the time.
     */
    public void clickFeature(String layer, String id) {
        Point p = browser.waitFor(Duration.ofSeconds(10), d -> {
            Optional<Point> at = screenPoint(layer, id);
            return at.isPresent() && hits(at.get(), layer, id) ? at.get() : null;
        });
        clickAt(p);
    }

    /** Whether a click at the feature's pixel would reach it (it is drawn, in view and on top). */
    public boolean clickable(String layer, String id) {
        Optional<Point> at = screenPoint(layer, id);
        return at.isPresent() && hits(at.get(), layer, id);
    }

    /** Drags the map with the mouse from one point to another, pausing before the release (no inertia). */
    public void drag(Point from, Point to) {
        PointerInput mouse = browser.isPhone() ? new PointerInput(PointerInput.Kind.TOUCH, "finger") : new PointerInput(PointerInput.Kind.MOUSE, "mouse");
        Sequence drag = new Sequence(mouse, 0)
                .addAction(mouse.createPointerMove(Duration.ZERO, PointerInput.Origin.viewport(), (int) Math.round(from.x), (int) Math.round(from.y)))
                .addAction(mouse.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        int steps = 8;
        for (int i = 1; i <= steps; i++) {
            drag.addAction(mouse.createPointerMove(Duration.ofMillis(25), PointerInput.Origin.viewport(),
                    (int) Math.round(from.x + (to.x - from.x) * i / steps), (int) Math.round(from.y + (to.y - from.y) * i / steps)));
        }
        drag.addAction(new org.openqa.selenium.interactions.Pause(mouse, Duration.ofMillis(300)))
                .addAction(mouse.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        ((org.openqa.selenium.interactions.Interactive) browser.driver()).perform(List.of(drag));
    }

    /** Waits until the view stops changing (animations of a zoom or a pan have ended). */
    public void settle() {
        final Map<String, Object>[] last = new Map[]{null};
        final long[] since = {System.nanoTime()};
        browser.waitFor(Duration.ofSeconds(10), d -> {
            Map<String, Object> now = view();
            if (now == null) return false;
            if (!Objects.equals(now, last[0])) {
                last[0] = now;
                since[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - since[0] > 350_000_000L;
        });
    }

    /**
     * Brings a place to the middle of the map at a zoom as a person does: drags it to the middle, then presses the
     * zoom buttons (which zoom about the middle), and drags again if it drifted.
     */
    public void goTo(double lat, double lng, int zoom) {
        for (int round = 0; round < 40; round++) {
            settle();
            Point centre = centre();
            Point target = screenPoint(lat, lng);
            // Near enough: the zoom buttons zoom about the middle, and clicks go to the point's own pixel anyway.
            if (target.distance(centre) > 8) {
                dragTowards(target, centre);
                continue;
            }
            int z = zoom();
            if (z == zoom) return;
            browser.find(By.cssSelector(selector + " .leaflet-control-zoom-" + (z < zoom ? "in" : "out"))).click();
        }
        java.nio.file.Path shot = browser.screenshot(java.nio.file.Path.of("target", "screenshots", "goTo-failed-" + System.nanoTime() + ".png"));
        throw new AssertionError("could not bring " + lat + ", " + lng + " to the middle at zoom " + zoom + ": at " + view() + " (see " + shot + ")");
    }

    /** One drag moving the map so that {@code target} comes to {@code centre}, at most most of a screen at once. */
    private void dragTowards(Point target, Point centre) {
        Map<String, Object> b = box();
        double w = num(b.get("w")), h = num(b.get("h"));
        double dx = centre.x - target.x, dy = centre.y - target.y;
        double scale = Math.min(1, Math.min(w * 0.4 / Math.max(1, Math.abs(dx)), h * 0.4 / Math.max(1, Math.abs(dy))));
        dx *= scale;
        dy *= scale;
        // Start where a press reaches the map itself (not a cluster, a control or a popup), near the middle.
        Point start = null;
        for (int i = 0; i < 25 && start == null; i++) {
            Point p = new Point(centre.x - dx / 2 + (i % 5 - 2) * w * 0.08, centre.y - dy / 2 + (i / 5 - 2) * h * 0.08);
            Map<String, Object> hit = hitAt(p);
            if (hit != null && !"element".equals(hit.get("kind"))) start = p;
        }
        if (start == null) throw new AssertionError("no free spot on the map to drag it from");
        drag(start, new Point(start.x + dx, start.y + dy));
    }

    /** Switches a layer in the layer list by clicking its box (opening the list first if it is folded). */
    public void toggleLayer(String layer) {
        By box = By.cssSelector(selector + " .lf-layer-row[data-layer='" + layer + "'] input");
        if (browser.findAll(box).isEmpty()) browser.find(By.cssSelector(selector + " .lf-layer-control-toggle")).click();
        // The list is redrawn when what it shows changes: a box found a moment before can be gone; click the one there now.
        browser.waitFor(Duration.ofSeconds(5), d -> {
            WebElement input = d.findElement(box);
            new Actions(d).moveToElement(input).click().perform();
            return true;
        });
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
