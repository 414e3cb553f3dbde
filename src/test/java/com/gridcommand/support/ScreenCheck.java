package com.gridcommand.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person would call broken on a screen, read from what the browser shows: an error page instead of the screen,
 * English sentences or raw codes in the Chinese interface, internal keys or machine times, a header wider than the
 * screen, a control that cannot be reached without scrolling the page sideways, and console errors.
 */
public final class ScreenCheck {

    /** Three English words in a row: a sentence, not a name or a unit. */
    static final Pattern ENGLISH = Pattern.compile("[A-Za-z]{2,}[,.;:!?]?(?:\\s+[A-Za-z]{2,}[,.;:!?]?){2,}");
    /** An enum name: GRID_WORKER, ON_SCENE, LISTED. */
    static final Pattern RAW_CODE = Pattern.compile("\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b|\\b[A-Z]{4,}\\b");
    static final Set<String> SHOWN_CODES = Set.of("XLSX", "HTTP", "HTTPS", "JSON", "GEOJSON", "WGS", "CGCS");
    static final Pattern MACHINE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}|:\\d{2}\\.\\d{6,}|\\bUTC\\b|\\+\\d{2}:\\d{2}");
    static final Pattern KEY = Pattern.compile("!(?:zh|en)[:_]|!?\\b[a-z]+\\.[a-z]+\\.[a-zA-Z_.]+\\b!?|\\{\\d}");
    static final Pattern ERROR_PAGE = Pattern.compile("Whitelabel|There was an unexpected error|Could not navigate|Internal Server Error|"
            + "status=\\d{3}|Exception|Stack trace|Forbidden|Not Found");

    private ScreenCheck() {
    }

    /** Visible text on the page, shadow trees included, one entry per text node. */
    private static final String TEXTS = """
            const out = [];
            const visible = el => {
              const s = getComputedStyle(el);
              return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0 && el.getClientRects().length > 0;
            };
            const walk = node => {
              if (node.nodeType === 3) {
                const t = node.textContent.replace(/\\s+/g, ' ').trim();
                if (t && node.parentElement && visible(node.parentElement)) out.push(t);
                return;
              }
              if (node.nodeType === 1 && /^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT)$/.test(node.tagName)) return;
              if (node.nodeType === 1 && !visible(node) && node.tagName !== 'SLOT') return;
              if (node.shadowRoot) walk(node.shadowRoot);
              for (const c of node.childNodes) walk(c);
            };
            walk(document.body);
            return out;""";

    /** Layout problems: the page or the header wider than the screen, controls outside it. */
    private static final String LAYOUT = """
            const problems = [];
            const width = window.innerWidth;
            const page = document.scrollingElement;
            if (page.scrollWidth > width + 1) problems.push('the page is ' + page.scrollWidth + ' px wide on a ' + width + ' px screen');
            const bar = document.querySelector('.gc-navbar');
            if (bar) {
              if (bar.scrollWidth > bar.clientWidth + 1) problems.push('the header overflows: ' + bar.scrollWidth + ' px in ' + bar.clientWidth);
              for (const el of bar.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.width > 0 && (r.right > width + 1 || r.left < -1)) {
                  problems.push('header item outside the screen: ' + (el.textContent || el.tagName).trim().slice(0, 30) + ' at x=' + Math.round(r.left) + '-' + Math.round(r.right));
                  break;
                }
              }
            }
            const scrolls = el => {
              for (let p = el.parentElement || (el.getRootNode() && el.getRootNode().host); p; p = p.parentElement || (p.getRootNode() && p.getRootNode().host)) {
                if (p === document.body || p === document.documentElement) return false;
                const s = getComputedStyle(p);
                if (/(auto|scroll|hidden)/.test(s.overflowX) && p.scrollWidth > p.clientWidth + 1) return true;
              }
              return false;
            };
            const controls = document.querySelectorAll('vaadin-button, vaadin-select, vaadin-text-field, vaadin-integer-field, vaadin-combo-box, '
              + 'vaadin-multi-select-combo-box, vaadin-date-picker, vaadin-checkbox, vaadin-tab, a[href], button');
            for (const el of controls) {
              const r = el.getBoundingClientRect();
              const s = getComputedStyle(el);
              if (r.width === 0 || r.height === 0 || s.visibility === 'hidden') continue;
              // Maps and grids pan and scroll inside themselves; a row of tabs scrolls sideways with its arrows.
              if (el.closest('.leaflet-container, vaadin-grid, vaadin-tabs')) continue;
              if ((r.right > width + 1 || r.left < -1) && !scrolls(el)) {
                problems.push('a control outside the screen: ' + (el.textContent || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 30)
                  + ' at x=' + Math.round(r.left) + '-' + Math.round(r.right));
              }
            }
            for (const el of document.querySelectorAll('vaadin-button, button')) {
              const r = el.getBoundingClientRect();
              if (r.width > 0 && r.height > 0 && r.height < 1) problems.push('a zero-height control: ' + el.textContent.trim().slice(0, 30));
            }
            return problems;""";

    /** Everything wrong with the screen the browser shows now; empty when it is fine. */
    public static List<String> problems(Browser browser) {
        List<String> problems = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) browser.js(TEXTS);
        for (String text : texts) {
            find(ERROR_PAGE, text, "an error page", problems);
            find(ENGLISH, text, "English in the Chinese interface", problems);
            Matcher code = RAW_CODE.matcher(text);
            while (code.find()) {
                if (!SHOWN_CODES.contains(code.group())) problems.add("a raw code: \"" + code.group() + "\" in \"" + clip(text) + "\"");
            }
            find(MACHINE_TIME, text, "a machine time", problems);
            find(KEY, text, "an internal key or placeholder", problems);
        }
        @SuppressWarnings("unchecked")
        List<String> layout = (List<String>) browser.js(LAYOUT);
        problems.addAll(layout);
        for (String error : browser.consoleErrors()) problems.add("a console error: " + clip(error));
        return problems.stream().distinct().toList();
    }

    private static void find(Pattern pattern, String text, String what, List<String> problems) {
        Matcher m = pattern.matcher(text);
        if (m.find()) problems.add(what + ": \"" + m.group() + "\" in \"" + clip(text) + "\"");
    }

    private static String clip(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    /** For a report: problems grouped by screen. */
    public static String report(Map<String, List<String>> byScreen) {
        StringBuilder sb = new StringBuilder();
        byScreen.forEach((screen, list) -> {
            if (list.isEmpty()) return;
            sb.append('\n').append(screen).append(':');
            list.forEach(p -> sb.append("\n  - ").append(p));
        });
        return sb.toString();
    }
}
