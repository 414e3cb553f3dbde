package com.gridcommand.support;

import com.gridcommand.security.internal.DemoUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;

/**
 * What every browser test shares: the whole app on its random port ({@link BrowserTest}), browsers opened for one
 * test and closed after it, and signing in as a demo user through the sign-in page as a person does. Tests that
 * keep one browser over all their methods open it themselves and use {@link #base()}.
 */
@BrowserTest
public abstract class BrowserTestBase {

    @LocalServerPort
    protected int port;

    private final List<Browser> opened = new ArrayList<>();
    private static Browser shared;

    /** The app's address, e.g. {@code http://localhost:41234}. */
    protected String base() {
        return "http://localhost:" + port;
    }

    /** A desktop browser of this size and language, closed after the test. */
    protected Browser open(int width, int height, String language) {
        Browser b = new Browser(width, height, language);
        opened.add(b);
        return b;
    }

    /** A 390×844 touch phone, closed after the test. */
    protected Browser openPhone(String language) {
        Browser b = Browser.phone(language);
        opened.add(b);
        return b;
    }

    /** Signs a demo user in on this browser with the demo password. */
    protected Browser signIn(Browser b, String user) {
        b.signIn(base(), user, DemoUsers.PASSWORD);
        return b;
    }

    /** A Chinese desktop browser of this size with a demo user signed in, closed after the test. */
    protected Browser signedIn(String user, int width, int height) {
        return signIn(open(width, height, "zh-CN"), user);
    }

    /**
     * One browser a test class keeps over all its methods (1400×900, in this language), made at the class's start and
     * closed after its last test: for classes whose tests go on from where the last one left the browser.
     */
    protected static Browser startClassBrowser(String language) {
        if (shared != null) shared.close();
        shared = new Browser(1400, 900, language);
        return shared;
    }

    @AfterEach
    void closeBrowsers() {
        opened.forEach(Browser::close);
        opened.clear();
    }

    @AfterAll
    static void closeClassBrowser() {
        if (shared != null) shared.close();
        shared = null;
    }
}
