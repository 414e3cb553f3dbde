package com.gridcommand.base.web;

import com.gridcommand.support.BrowserTestBase;

import com.gridcommand.security.internal.DemoUsers;
import com.gridcommand.support.Browser;
import com.gridcommand.support.BrowserTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead ends in a real browser: a plain sentence in the app's frame and a way home, not "Could not navigate". */
@BrowserTest
class ErrorPagesBrowserTest extends BrowserTestBase {

    private static Browser browser;


    @BeforeAll
    static void startBrowser() {
        browser = startClassBrowser("en-US");
    }



    private WebElement shown(String id) {
        return browser.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.id(id)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    @Test
    void aDispatcherWhoOpensTheUserAdministrationIsToldTheyHaveNoPermissionAndClicksTheirWayHome() {
        browser.signOut(base());
        browser.signIn(base(), "diaodu", DemoUsers.PASSWORD);
        browser.open(base() + "/admin/users");
        assertThat(shown("error-title").getText()).isEqualTo("您没有权限打开此页面");
        assertThat(browser.find(By.tagName("body")).getText()).doesNotContain("Could not navigate").doesNotContain("admin/users");
        // Still in the app's frame: the dispatcher's own navigation is there.
        assertThat(browser.findAll(By.cssSelector(".gc-nav a")).stream().map(WebElement::getText)).contains("指挥地图", "调度指挥");
        new Actions(browser.driver()).moveToElement(shown("error-home")).click().perform();
        browser.waitFor(Duration.ofSeconds(20), d -> d.getCurrentUrl().equals(base() + "/") && !d.findElements(By.tagName("leaflet-flow-map")).isEmpty());
    }

    @Test
    void aLeaderOpeningTheAuditTrailGetsInButAnUnknownAddressSaysThePageIsNotFound() {
        browser.signOut(base());
        browser.signIn(base(), "lingdao", DemoUsers.PASSWORD);
        browser.open(base() + "/nonexistent");
        assertThat(shown("error-title").getText()).isEqualTo("找不到此页面");
        assertThat(browser.find(By.tagName("body")).getText()).doesNotContain("Could not navigate").doesNotContain("Whitelabel");
        browser.open(base() + "/audit");
        browser.waitFor(Duration.ofSeconds(20), d -> d.findElements(By.id("error-title")).isEmpty()
                && d.findElements(By.cssSelector(".gc-nav a[highlight]")).stream().anyMatch(a -> a.getText().equals("审计日志")));
    }
}
