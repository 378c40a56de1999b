package io.lifeboat.it.console;

import org.openqa.selenium.By;

/** The login form, and the one-time setup form that creates the first admin. */
public final class LoginPage {

    private final Browser browser;

    public LoginPage(Browser browser) {
        this.browser = browser;
    }

    public LoginPage open() {
        browser.get("/login");
        return this;
    }

    public boolean isSetup() {
        return browser.path().startsWith("/setup");
    }

    /** Creates the first admin on the setup page, which logs them in. */
    public DashboardPage setUp(String name, String password) {
        browser.find(By.id("name")).sendKeys(name);
        browser.find(By.id("password")).sendKeys(password);
        browser.find(By.id("repeat")).sendKeys(password);
        browser.clickAndWaitForPage(browser.find(By.id("create")));
        return new DashboardPage(browser).awaitLoaded();
    }

    public void submit(String name, String password) {
        browser.find(By.id("name")).clear();
        browser.find(By.id("name")).sendKeys(name);
        browser.find(By.id("password")).sendKeys(password);
        browser.clickAndWaitForPage(browser.find(By.id("login")));
    }

    public DashboardPage logIn(String name, String password) {
        open();
        submit(name, password);
        return new DashboardPage(browser).awaitLoaded();
    }

    /** The alert the login page shows (wrong password, logged out), or "". */
    public String alert() {
        return browser.findAll(By.cssSelector("[role=alert]")).stream().map(e -> e.getText()).findFirst().orElse("");
    }

    public boolean isShown() {
        return browser.path().startsWith("/login") && browser.present(By.id("login"));
    }
}
