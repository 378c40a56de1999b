package io.lifeboat.it.console;

import org.openqa.selenium.By;

/** The dashboard: one row per target with its freshness and "Back up now". */
public final class DashboardPage {

    private final Browser browser;

    public DashboardPage(Browser browser) {
        this.browser = browser;
    }

    public DashboardPage open() {
        browser.get("/index.xhtml");
        return awaitLoaded();
    }

    public DashboardPage awaitLoaded() {
        browser.awaitVisible(By.id("dashboard:targets"));
        return this;
    }

    /** FRESH, LATE or STALE, as the tag's data attribute says. */
    public String freshness(String target) {
        return row(target).findElement(By.cssSelector("[data-freshness]")).getAttribute("data-freshness");
    }

    public String rowText(String target) {
        return browser.text(By.xpath(rowXpath(target)));
    }

    public boolean canBackUp(String target) {
        return !row(target).findElements(By.cssSelector("button[data-target='" + target + "']")).isEmpty();
    }

    public TargetPage backUpNow(String target) {
        browser.clickAndWaitForPage(row(target).findElement(By.cssSelector("button[data-target='" + target + "']")));
        return new TargetPage(browser).awaitLoaded();
    }

    public TargetPage openTarget(String target) {
        browser.clickAndWaitForPage(browser.find(By.cssSelector("a[data-target='" + target + "']")));
        return new TargetPage(browser).awaitLoaded();
    }

    public DashboardPage switchLanguage(String tag) {
        browser.clickAndWaitForPage(browser.find(By.cssSelector("a[data-language='" + tag + "']")));
        return awaitLoaded();
    }

    public String signedInAs() {
        return browser.find(By.id("menu:userName")).getText();
    }

    public void logOut() {
        browser.clickAndWaitForPage(browser.find(By.id("menu:logout")));
    }

    private org.openqa.selenium.WebElement row(String target) {
        return browser.find(By.xpath(rowXpath(target)));
    }

    private static String rowXpath(String target) {
        return "//tbody[@id='dashboard:targets_data']/tr[.//a[@data-target='" + target + "']]";
    }
}
