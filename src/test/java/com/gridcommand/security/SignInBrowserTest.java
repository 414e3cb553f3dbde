package com.gridcommand.security;

import com.gridcommand.support.BrowserTestBase;

import com.gridcommand.security.internal.DemoUsers;
import com.gridcommand.support.Browser;
import com.gridcommand.support.BrowserTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in happens on our sign-in page only: a page elsewhere cannot sign the browser in as someone (login CSRF). */
@BrowserTest
class SignInBrowserTest extends BrowserTestBase {

    private static Browser browser;


    @BeforeAll
    static void startBrowser() {
        browser = startClassBrowser("en-US");
    }


    @Test
    void aFormOnAnotherPageCannotSignTheBrowserInButTheSignInPageDoes() throws Exception {
        String base = base();
        // The other page's own script posts its form as soon as it loads, as such a page would; no person acts here.
        Path elsewhere = Files.createTempFile("elsewhere-", ".html");
        try {
            Files.writeString(elsewhere, """
                    <!DOCTYPE html><html><body>
                    <form method="post" action="%s/login"><input name="username" value="admin"><input name="password" value="%s"></form>
                    <script>document.forms[0].submit();</script>
                    </body></html>""".formatted(base, DemoUsers.PASSWORD));
            browser.signOut(base);
            browser.open(elsewhere.toUri().toString());
            browser.waitFor(Duration.ofSeconds(20), d -> d.getCurrentUrl().startsWith(base + "/login"));
            assertThat(browser.driver().getCurrentUrl()).endsWith("/login?error=expired");
            browser.open(base + "/");
            browser.waitFor(Duration.ofSeconds(20), d -> d.getCurrentUrl().startsWith(base + "/login"));
            assertThat(browser.findAll(org.openqa.selenium.By.id("signed-in-user"))).as("nobody is signed in").isEmpty();
        } finally {
            Files.deleteIfExists(elsewhere);
        }
        // Typed into our own sign-in page, the same name and password sign in.
        browser.signIn(base, "admin", DemoUsers.PASSWORD);
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("/login");
    }
}
