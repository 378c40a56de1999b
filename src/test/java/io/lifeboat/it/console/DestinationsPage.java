package io.lifeboat.it.console;

import org.openqa.selenium.By;

import java.time.Duration;
import java.util.List;

/** The destinations page: the form that adds one, and a list where each can be tested and deleted. */
public final class DestinationsPage {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Browser browser;

    public DestinationsPage(Browser browser) {
        this.browser = browser;
    }

    public DestinationsPage open() {
        browser.get("/admin/destinations.xhtml");
        browser.awaitVisible(By.id("destinations:list"));
        return this;
    }

    /** Fills the form (the kind stays LOCAL, the default) and presses "Add a destination". */
    public DestinationsPage addLocal(String name, String location) {
        var nameField = browser.find(By.id("destinations:name"));
        nameField.clear();
        nameField.sendKeys(name);
        var locationField = browser.find(By.id("destinations:location"));
        locationField.clear();
        locationField.sendKeys(location);
        var oldList = browser.find(By.id("destinations:list"));
        browser.find(By.id("destinations:create")).click();
        awaitUpdate(oldList);
        return this;
    }

    /** The message next to the location field, or "". */
    public String locationProblem() {
        return browser.findAll(By.id("destinations:locationMessage")).stream().map(e -> e.getText().strip())
                .findFirst().orElse("");
    }

    public List<String> names() {
        return browser.findAll(By.cssSelector("#destinations\\:list [data-destination]")).stream()
                .map(e -> e.getAttribute("data-destination")).toList();
    }

    /** Presses "Test" in the destination's row and returns the message the page shows. */
    public String test(String name) {
        var oldList = browser.find(By.id("destinations:list"));
        browser.find(By.cssSelector("[data-destination='" + name + "']")).click();
        awaitUpdate(oldList);
        return browser.text(By.id("destinations:problems"));
    }

    /** Presses "Delete" in the destination's row, confirms, and returns the message the page shows. */
    public String delete(String name) {
        var oldList = browser.find(By.id("destinations:list"));
        browser.find(By.xpath("//tr[.//*[@data-destination='" + name + "']]//button[contains(@id,':delete')]")).click();
        browser.acceptAlert();
        awaitUpdate(oldList);
        return browser.text(By.id("destinations:problems"));
    }

    /** The form is re-rendered by each action: wait until the old list is gone from the page. */
    private void awaitUpdate(org.openqa.selenium.WebElement oldList) {
        browser.await(WAIT, d -> {
            try {
                oldList.isDisplayed();
                return null;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
            }
        });
    }
}
