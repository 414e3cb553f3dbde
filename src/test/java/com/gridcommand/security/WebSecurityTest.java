package com.gridcommand.security;

import com.gridcommand.security.internal.DemoUsers;
import com.gridcommand.security.internal.GridUserRepository;
import com.gridcommand.support.As;
import com.gridcommand.support.WebClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import com.gridcommand.support.TestClockConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over HTTP, as browsers and GIS clients speak it: nothing without signing in, security headers, the
 * sign-in lock, and the OGC API limited to the caller's areas.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class WebSecurityTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GridUserRepository users;
    @Autowired
    UserService userService;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> get(String path, String user) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + DemoUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in through the login page (its form carries the page's CSRF token), each time as a new browser. */
    private String signIn(String username, String password) throws Exception {
        return new WebClient(port).signIn(username, password);
    }

    @Test
    void nothingIsServedWithoutSigningIn() throws Exception {
        for (String page : new String[]{"/", "/cases", "/audit", "/admin/users"}) {
            var response = get(page, null);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElse("")).as(page).endsWith("/login");
        }
        var api = get("/ogc/collections/open_cases/items", null);
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
    }

    @Test
    void pagesCarrySecurityHeaders() throws Exception {
        var login = get("/login", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(login.headers().allValues("Set-Cookie")).allMatch(c -> c.contains("HttpOnly"));
    }

    /** Signs in from a loopback address of its own (127.0.0.2, …): to the server, another client. */
    private String signInFrom(String address, String username, String password) throws Exception {
        return new WebClient(port, InetAddress.getByName(address)).signIn(username, password);
    }

    @Test
    void fiveWrongPasswordsLockTheNameForTheAddressTheyCameFromButTheRealUserElsewhereGetsIn() throws Exception {
        String name = "lock.probe" + System.nanoTime() % 100000;
        As.user(users, "admin", () -> userService.create(new UserService.NewUser(name, "锁定测试", Role.COMMAND, AccessScope.CITY, "right-password-2026")));
        String stranger = "127.0.0.2", owner = "127.0.0.3";
        for (int i = 1; i <= 4; i++) assertThat(signInFrom(stranger, name, "wrong" + i)).as("attempt " + i).endsWith("/login?error=credentials");
        assertThat(signInFrom(stranger, name, "wrong5")).endsWith("/login?error=locked");
        assertThat(signInFrom(stranger, name, "right-password-2026")).as("locked there even with the right password").endsWith("/login?error=locked");
        // The stranger could not lock the owner out: from the owner's address the right password gets in.
        assertThat(signInFrom(owner, name, "right-password-2026")).doesNotContain("error");
        // A name that does not exist locks the same way: the lock tells nothing about which names exist.
        String ghost = "ghost" + System.nanoTime() % 100000;
        for (int i = 1; i <= 4; i++) signInFrom(stranger, ghost, "x" + i);
        assertThat(signInFrom(stranger, ghost, "x5")).endsWith("/login?error=locked");
        // An unlocked name with the right password gets in, from the stranger's address too (10 failures there so far).
        assertThat(signInFrom(stranger, "diaodu", DemoUsers.PASSWORD)).doesNotContain("error");
    }

    @Test
    void aStrangerCannotLockTheAdministratorOrTheDutyOfficerOut() throws Exception {
        String stranger = "127.0.0.4";
        for (String account : new String[]{"admin", "zhihui"}) {
            for (int i = 1; i <= 5; i++) signInFrom(stranger, account, "guess" + i);
            assertThat(signInFrom(stranger, account, DemoUsers.PASSWORD)).as(account + " from the stranger").endsWith("/login?error=locked");
            assertThat(signIn(account, DemoUsers.PASSWORD)).as(account + " from their own desk").doesNotContain("error");
            // Over HTTP Basic too (a GIS client at the desk).
            assertThat(get("/ogc/collections/townships/items?limit=1", account).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void manyWrongPasswordsFromOneAddressOverAnyNamesPauseSigningInFromThatAddressOnly() throws Exception {
        String sprayer = "127.0.0.5";
        for (int i = 1; i <= 19; i++) {
            assertThat(signInFrom(sprayer, "spray" + i + "." + System.nanoTime() % 100000, "guess")).as("name " + i).endsWith("/login?error=credentials");
        }
        assertThat(signInFrom(sprayer, "spray20." + System.nanoTime() % 100000, "guess")).as("the 20th").endsWith("/login?error=tooMany");
        assertThat(signInFrom(sprayer, "diaodu", DemoUsers.PASSWORD)).as("paused, even for a right password").endsWith("/login?error=tooMany");
        assertThat(signInFrom("127.0.0.6", "diaodu", DemoUsers.PASSWORD)).as("from another address").doesNotContain("error");
    }

    @Test
    void aBarePostToTheLoginWithTheRightPasswordSignsNoOneIn() throws Exception {
        // What a page elsewhere can make a browser send (login CSRF): no session of ours, no token.
        WebClient browser = new WebClient(port);
        var response = browser.postForm("/login", "username=admin&password=" + WebClient.encode(DemoUsers.PASSWORD));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/login?error=expired");
        assertThat(browser.get("/").headers().firstValue("Location").orElse("")).as("still signed out").endsWith("/login");
    }

    @Test
    void aSignInPostWithAnotherSessionsTokenOrNoneSignsNoOneIn() throws Exception {
        String someoneElsesToken = new WebClient(port).loginPageToken();
        WebClient browser = new WebClient(port);
        browser.loginPageToken();   // this browser's own session and token exist, but are not sent
        String form = "username=admin&password=" + WebClient.encode(DemoUsers.PASSWORD);
        for (String post : new String[]{form, form + "&_csrf=" + WebClient.encode(someoneElsesToken)}) {
            var response = browser.postForm("/login", post);
            assertThat(response.headers().firstValue("Location").orElse("")).as(post).endsWith("/login?error=expired");
            assertThat(browser.get("/").headers().firstValue("Location").orElse("")).as("still signed out").endsWith("/login");
        }
        // Its own token, from its own page, signs it in.
        assertThat(browser.signIn("admin", DemoUsers.PASSWORD)).doesNotContain("/login");
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void theOgcApiShowsATownshipUserOnlyTheirTownship() throws Exception {
        var ownResponse = get("/ogc/collections/open_cases/items?limit=1000", "qingxi.zhihui");
        assertThat(ownResponse.statusCode()).as(ownResponse.body()).isEqualTo(200);
        JsonNode own = json.readTree(ownResponse.body());
        long expected = jdbc.sql("""
                select count(*) from gov_case k join township t on t.id = k.township_id
                 where t.code = '331099101000' and k.step <> 'CLOSED'""").query(Long.class).single();
        assertThat(own.path("numberMatched").asLong()).isEqualTo(expected).isPositive();
        Set<String> codes = new HashSet<>();
        own.path("features").forEach(f -> codes.add(f.path("properties").path("code").asString()));
        assertThat(codes).hasSize((int) expected);

        long otherCase = jdbc.sql("""
                select k.id from gov_case k join township t on t.id = k.township_id
                 where t.code <> '331099101000' and k.step <> 'CLOSED' order by k.id limit 1""").query(Long.class).single();
        long otherCell = jdbc.sql("select id from grid_cell where left(code, 9) <> '331099101' order by id limit 1").query(Long.class).single();
        long otherHotspot = jdbc.sql("""
                select h.id from hotspot h join township t on t.id = h.township_id where t.code <> '331099101000' order by h.id limit 1""")
                .query(Long.class).single();
        long otherResponder = jdbc.sql("""
                select r.id from responder r join township t on t.id = r.township_id where t.code <> '331099101000' and r.position is not null
                 order by r.id limit 1""").query(Long.class).single();
        assertThat(get("/ogc/collections/open_cases/items/" + otherCase, "qingxi.zhihui").statusCode()).isEqualTo(404);
        assertThat(get("/ogc/collections/grid_cells/items/" + otherCell, "qingxi.zhihui").statusCode()).isEqualTo(404);
        assertThat(get("/ogc/collections/hotspots/items/" + otherHotspot, "qingxi.zhihui").statusCode()).isEqualTo(404);
        assertThat(get("/ogc/collections/responders/items/" + otherResponder, "qingxi.zhihui").statusCode()).isEqualTo(404);
        // The city-wide user sees the same case.
        assertThat(get("/ogc/collections/open_cases/items/" + otherCase, "zhihui").statusCode()).isEqualTo(200);

        JsonNode cells = json.readTree(get("/ogc/collections/grid_cells/items?limit=1000", "wangge").body());
        assertThat(cells.path("numberMatched").asInt()).isEqualTo(2);
        assertThat(get("/ogc/collections/grid_cells/items?bbox=1,2,3", "wangge").statusCode()).isEqualTo(400);
    }

    @Test
    void theOgcApiSpeaksTheStandard() throws Exception {
        JsonNode conformance = json.readTree(get("/ogc/conformance", "zhihui").body());
        assertThat(conformance.path("conformsTo").toString()).contains("ogcapi-features-1/1.0/conf/core").contains("conf/geojson");
        var items = get("/ogc/collections/townships/items?limit=2&offset=1", "zhihui");
        assertThat(items.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
        JsonNode page = json.readTree(items.body());
        assertThat(page.path("type").asString()).isEqualTo("FeatureCollection");
        assertThat(page.path("numberReturned").asInt()).isEqualTo(2);
        assertThat(page.path("numberMatched").asInt()).isEqualTo(5);
        assertThat(page.path("links").toString()).contains("\"rel\":\"next\"");
        assertThat(page.path("features").get(0).path("geometry").path("type").asString()).isEqualTo("MultiPolygon");
    }
}
