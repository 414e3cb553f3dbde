package com.gridcommand.base.web;

import com.gridcommand.security.internal.DemoUsers;
import com.gridcommand.support.TestClockConfiguration;
import com.gridcommand.support.WebClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead ends over HTTP: the right status and a plain page in the user's language, never Whitelabel, never a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class ErrorPagesTest {

    private static final String HTML = "text/html,application/xhtml+xml";

    @LocalServerPort
    int port;

    @Test
    void theErrorAddressAskedForDirectlyIsAPlainChinesePageNotFoundNotAWhitelabel500() throws Exception {
        HttpResponse<String> page = new WebClient(port).get("/error", "Accept", HTML);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("找不到此页面").contains("返回指挥地图").contains("lang=\"zh-CN\"")
                .doesNotContain("Whitelabel").doesNotContain("status=");
    }

    @Test
    void aMissingFileIsAChinesePageForABrowserAndJsonForAnApiClient() throws Exception {
        WebClient client = new WebClient(port);
        HttpResponse<String> page = client.get("/assets/no-such-file.js", "Accept", HTML);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("找不到此页面").doesNotContain("Whitelabel");
        HttpResponse<String> json = client.get("/assets/no-such-file.js", "Accept", "application/json");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json.body()).isEqualTo("{\"status\":404,\"error\":\"NOT_FOUND\"}");
    }

    @Test
    void aSignedInUsersUnknownAddressIsNotFoundNotForbidden() throws Exception {
        WebClient dispatcher = new WebClient(port);
        dispatcher.signIn("diaodu", DemoUsers.PASSWORD);
        HttpResponse<String> page = dispatcher.get("/nonexistent", "Accept", HTML);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).doesNotContain("Whitelabel").doesNotContain("Could not navigate");
    }

    @Test
    void aViewTheRoleMayNotOpenIsForbiddenForASignedInUser() throws Exception {
        WebClient dispatcher = new WebClient(port);
        dispatcher.signIn("diaodu", DemoUsers.PASSWORD);
        for (String view : new String[]{"/admin/users", "/audit"}) {
            HttpResponse<String> page = dispatcher.get(view, "Accept", HTML);
            assertThat(page.statusCode()).as(view).isEqualTo(403);
            assertThat(page.body()).as(view).doesNotContain("Could not navigate");
        }
    }

    @Test
    void whoChoseEnglishGetsTheErrorPageInEnglish() throws Exception {
        HttpResponse<String> page = new WebClient(port).get("/error", "Accept", HTML, "Cookie", "gc-lang=en");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Page not found").contains("Back to the command map").doesNotContain("找不到");
    }
}
