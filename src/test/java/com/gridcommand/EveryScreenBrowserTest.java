package com.gridcommand;

import com.gridcommand.support.BrowserTestBase;

import com.gridcommand.security.internal.DemoUsers;
import com.gridcommand.support.Browser;
import com.gridcommand.support.BrowserTest;
import com.gridcommand.support.ScreenCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every screen, as every demo role meets it, on a 1600×1000 desktop and a 390×844 phone: the sign-in page, each view
 * the role's menu offers (reached by clicking it, from the drawer on the phone), a case page, and the pages a role may
 * not open or that do not exist. Each screen is checked for what a person would call broken ({@link ScreenCheck}) and
 * kept as a screenshot under {@code target/screens/<size>/<user>/} for a person to look at.
 */
@BrowserTest
class EveryScreenBrowserTest extends BrowserTestBase {

    enum Size { DESKTOP, PHONE }

    @Autowired
    JdbcClient jdbc;

    static Stream<Arguments> usersAndSizes() {
        List<Arguments> all = new ArrayList<>();
        // -Dscreens.users=wangge,lingdao looks at some of them only (while working on their screens).
        String only = System.getProperty("screens.users", "");
        for (String user : List.of("admin", "zhihui", "diaodu", "lingdao", "qingxi.zhihui", "qingxi.lingdao", "cunzhan", "wangge")) {
            if (!only.isBlank() && !List.of(only.split(",")).contains(user)) continue;
            for (Size size : Size.values()) all.add(Arguments.of(user, size));
        }
        return all.stream();
    }


    @ParameterizedTest(name = "{0} on the {1}")
    @MethodSource("usersAndSizes")
    void everyScreenReadsInChineseFitsTheScreenAndShowsNoError(String user, Size size) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Path shots = Path.of("target", "screens", size.name().toLowerCase(), user);
        try (Browser b = size == Size.PHONE ? Browser.phone("zh-CN") : new Browser(1600, 1000, "zh-CN")) {
            b.open(base() + "/login");
            look(b, "00-login", shots, problems);
            b.signIn(base(), user, DemoUsers.PASSWORD);

            // Every view of the menu, reached by clicking it as the user would.
            List<String> views = menu(b, size);
            assertThat(views).as("the menu of " + user).isNotEmpty();
            int n = 1;
            for (String view : views) {
                openFromMenu(b, size, view);
                look(b, String.format("%02d-%s", n++, view), shots, problems);
            }
            // A case of the user's areas, as a link from a list or an alert would open it.
            Long caseId = jdbc.sql("""
                    select k.id from gov_case k join app_user u on u.username = :user
                     where k.step <> 'CLOSED' and (u.scope_kind = 'CITY'
                        or (u.scope_kind = 'TOWNSHIP' and (select code from township where id = k.township_id) = any (u.scope_codes))
                        or (u.scope_kind = 'COMMUNITY' and (select code from community where id = k.community_id) = any (u.scope_codes))
                        or (u.scope_kind = 'CELLS' and (select code from grid_cell where id = k.grid_cell_id) = any (u.scope_codes)))
                     order by k.id limit 1""").param("user", user).query(Long.class).optional().orElse(null);
            if (caseId != null) {
                b.open(base() + "/cases/" + caseId);
                look(b, "50-case", shots, problems);
            }
            // A page the user may not open (or, for the administrator, one nobody may), and one that does not exist.
            String notAllowed = base() + (user.equals("admin") ? "/tasks" : "/admin/users");
            b.open(notAllowed);
            lookAtRefusal(b, "60-not-allowed", shots, problems, notAllowed, 403);
            String notFound = base() + "/no-such-page";
            b.open(notFound);
            lookAtRefusal(b, "61-not-found", shots, problems, notFound, 404);
        }
        assertThat(problems.values().stream().mapToInt(List::size).sum())
                .as(user + " on the " + size + ":" + ScreenCheck.report(problems)).isZero();
    }

    /** The views the menu offers, by path ("" is the command map). */
    private static List<String> menu(Browser b, Size size) {
        b.settle();
        if (size == Size.PHONE) {
            openDrawer(b);
            List<String> paths = b.findAll(By.cssSelector("#drawer-nav vaadin-side-nav-item")).stream()
                    .map(e -> e.getAttribute("path")).map(p -> p == null ? "" : p.replaceFirst("^/", "")).toList();
            closeDrawer(b);
            return paths;
        }
        return b.findAll(By.cssSelector(".gc-nav a.gc-nav-link")).stream()
                .map(e -> e.getAttribute("href").replaceFirst("^https?://[^/]+/?", "")).toList();
    }

    private static void openDrawer(Browser b) {
        b.waitFor(Duration.ofSeconds(10), d -> d.findElement(By.id("menu-toggle"))).click();
        b.waitFor(Duration.ofSeconds(10), d -> drawerOpen(b));
        // Slid in: its first item is on the screen (the drawer animates).
        b.waitFor(Duration.ofSeconds(10), d -> Boolean.TRUE.equals(b.js(
                "const i = document.querySelector('#drawer-nav vaadin-side-nav-item'); const r = i && i.getBoundingClientRect();"
                        + " return !!r && r.left >= 0 && r.width > 0;")));
        b.settle();
    }

    /** Closes the open drawer with the keyboard's Escape (a tap beside it does the same on a phone). */
    private static void closeDrawer(Browser b) {
        new org.openqa.selenium.interactions.Actions(b.driver()).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
        b.waitFor(Duration.ofSeconds(10), d -> !drawerOpen(b));
        b.settle();
    }

    /** The drawer is open (a closed one slides out of view but its items stay in the page). */
    private static boolean drawerOpen(Browser b) {
        return b.find(By.tagName("vaadin-app-layout")).getDomAttribute("drawer-opened") != null;
    }

    private void openFromMenu(Browser b, Size size, String view) {
        if (size == Size.PHONE) {
            openDrawer(b);
            WebElement item = b.findAll(By.cssSelector("#drawer-nav vaadin-side-nav-item")).stream()
                    .filter(e -> String.valueOf(e.getAttribute("path")).replaceFirst("^/", "").equals(view)).findFirst().orElseThrow();
            item.click();
        } else {
            b.findAll(By.cssSelector(".gc-nav a.gc-nav-link")).stream()
                    .filter(e -> e.getAttribute("href").replaceFirst("^https?://[^/]+/?", "").equals(view)).findFirst().orElseThrow().click();
        }
        b.waitFor(Duration.ofSeconds(20), d -> d.getCurrentUrl().replaceFirst("^https?://[^/]+/?", "").replaceFirst("\\?.*", "").equals(view));
    }

    private static void look(Browser b, String screen, Path shots, Map<String, List<String>> problems) {
        problems.put(screen, lookAt(b, screen, shots));
    }

    /** Looks at a page that must answer {@code status}: the browser's own line about that status is required, not counted as a console error. */
    private static void lookAtRefusal(Browser b, String screen, Path shots, Map<String, List<String>> problems, String page, int status) {
        String statusLine = "a console error: " + page + " - Failed to load resource: the server responded with a status of " + status;
        List<String> found = new java.util.ArrayList<>(lookAt(b, screen, shots));
        if (!found.removeIf(p -> p.startsWith(statusLine))) found.add("the page did not answer with status " + status);
        problems.put(screen, found);
    }

    /** Saves a screenshot of what is shown once it has settled, and says what is wrong with it. */
    private static List<String> lookAt(Browser b, String screen, Path shots) {
        b.settle();
        // Maps and charts draw a moment after the last answer from the server.
        try {
            Thread.sleep(700);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        b.screenshot(shots.resolve(screen.replace('/', '_') + ".png"));
        return ScreenCheck.problems(b);
    }
}
