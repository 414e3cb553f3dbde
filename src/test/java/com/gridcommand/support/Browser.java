package com.gridcommand.support;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Debian's headless Chromium through Debian's chromedriver: no driver download, no outside network
 * (every host but localhost resolves to nothing), a fresh profile each time.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final Path profile;
    private final boolean phone;

    public Browser(int width, int height, String language) {
        this(width, height, language, false);
    }

    /** @param networkLog record Chrome's network events (for counting bytes) in the "performance" log */
    public Browser(int width, int height, String language, boolean networkLog) {
        this(width, height, language, networkLog, false);
    }

    /**
     * A desktop browser for many pages at once (benchmarks): each page it opens with {@link #openWindow} stays drawn and
     * its timers run at full rate, as on a wall of screens, not throttled as a page in the background would be.
     */
    public static Browser forManyWindows(int width, int height, String language) {
        return new Browser(width, height, language, false, false, List.of("--disable-background-timer-throttling",
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"));
    }

    /** A 390×844 phone (pixel ratio 3, touch), as a grid worker holds it; a plain window cannot be made that narrow. */
    public static Browser phone(String language) {
        return new Browser(390, 844, language, false, true);
    }

    private Browser(int width, int height, String language, boolean networkLog, boolean phone) {
        this(width, height, language, networkLog, phone, List.of());
    }

    private Browser(int width, int height, String language, boolean networkLog, boolean phone, List<String> extraArguments) {
        this.phone = phone;
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install chromium chromium-driver, or -Dbrowser.tests.skip=true");
        }
        try {
            profile = Files.createTempDirectory("gc-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE *.localhost , EXCLUDE 127.0.0.1",
                "--window-size=" + width + "," + height, "--lang=" + language);
        options.addArguments(extraArguments);
        if (phone) {
            options.setExperimentalOption("mobileEmulation", java.util.Map.of(
                    "deviceMetrics", java.util.Map.of("width", width, "height", height, "pixelRatio", 3.0, "touch", true),
                    "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36"));
        }
        // The console is kept (errors on a screen are defects); the network log only when asked for.
        var logging = new org.openqa.selenium.logging.LoggingPreferences();
        logging.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        if (networkLog) logging.enable(org.openqa.selenium.logging.LogType.PERFORMANCE, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** Browser tests run unless explicitly skipped; a machine without Chromium then fails them, loudly. */
    public static boolean available() {
        return !Boolean.getBoolean("browser.tests.skip");
    }

    public WebDriver driver() {
        return driver;
    }

    /** Whether this is the phone (touch) browser. */
    public boolean isPhone() {
        return phone;
    }

    /** The console's errors since the last call (each is read once). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(org.openqa.selenium.logging.LogEntry::getMessage).toList();
    }

    /** Waits until the page has nothing on its way from the server (no Vaadin request in flight) for a moment. */
    public void settle() {
        long[] quietSince = {0};
        waitFor(Duration.ofSeconds(30), d -> {
            Object busy = js("""
                    if (document.readyState !== 'complete') return true;
                    const clients = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients;
                    return !!clients && Object.values(clients).some(c => c.isActive && c.isActive());""");
            if (Boolean.TRUE.equals(busy)) {
                quietSince[0] = 0;
                return false;
            }
            if (quietSince[0] == 0) quietSince[0] = System.nanoTime();
            return System.nanoTime() - quietSince[0] > 600_000_000L;
        });
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Opens a new window (not a tab: a window is not hidden behind the others) and makes it the one this browser acts in; its handle. */
    public String openWindow() {
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.WINDOW);
        return driver.getWindowHandle();
    }

    /** Makes the window with this handle the one this browser acts in. */
    public void switchTo(String windowHandle) {
        driver.switchTo().window(windowHandle);
    }

    /** The handle of the window this browser acts in now. */
    public String window() {
        return driver.getWindowHandle();
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
        // A page being redrawn (a reload, a re-rendered list) leaves stale elements behind: look again.
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.JavascriptException.class)
                .until(condition);
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Signs in through the login page, as a person would; waits until the app has let them in. */
    public void signIn(String baseUrl, String username, String password) {
        open(baseUrl + "/login");
        String field = "return document.querySelector('vaadin-login-form input[name=\"' + arguments[0] + '\"]');";
        WebElement user = waitFor(Duration.ofSeconds(20), d -> (WebElement) js(field, "username"));
        user.sendKeys(username);
        ((WebElement) js(field, "password")).sendKeys(password + org.openqa.selenium.Keys.ENTER);
        try {
            waitFor(Duration.ofSeconds(20), d -> !d.getCurrentUrl().contains("/login"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new IllegalStateException("could not sign in as " + username + ": still at " + driver.getCurrentUrl(), e);
        }
    }

    /**
     * Picks an item of a Vaadin select or combo box as a person does: clicks the field, then the item in the list
     * that opens.
     */
    public void choose(WebElement field, String itemText) {
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(field).click().perform();
        WebElement item = waitFor(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector("vaadin-select-item, vaadin-combo-box-item, vaadin-multi-select-combo-box-item"))
                .stream().filter(e -> e.isDisplayed() && e.getText().trim().equals(itemText)).findFirst().orElse(null));
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(item).click().perform();
    }

    /** Saves what the browser shows now as a PNG (for a person to look at). */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void signOut(String baseUrl) {
        driver.manage().deleteAllCookies();
        open(baseUrl + "/login");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a leftover temp profile is harmless
            }
        }
    }
}
