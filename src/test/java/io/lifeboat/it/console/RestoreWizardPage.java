package io.lifeboat.it.console;

import org.openqa.selenium.By;

import java.time.Duration;

/** The restore wizard: name the new database, confirm, follow the restore, read the report. */
public final class RestoreWizardPage {

    private final Browser browser;

    public RestoreWizardPage(Browser browser) {
        this.browser = browser;
    }

    public RestoreWizardPage awaitLoaded() {
        browser.awaitVisible(By.id("wizard:steps"));
        return this;
    }

    public RestoreWizardPage nameDatabase(String database) {
        var field = browser.awaitVisible(By.id("wizard:database"));
        field.clear();
        field.sendKeys(database);
        browser.find(By.id("wizard:next")).click();
        return this;
    }

    /** Names the database and types the key of an encrypted backup (the field only such a backup shows). */
    public RestoreWizardPage nameDatabase(String database, String key) {
        var field = browser.awaitVisible(By.id("wizard:key"));
        field.clear();
        field.sendKeys(key);
        return nameDatabase(database);
    }

    /** Whether the step asks for a key. */
    public boolean asksForKey() {
        browser.awaitVisible(By.id("wizard:database"));
        return browser.present(By.id("wizard:key"));
    }

    /** The validation message next to the key field, or "". */
    public String keyProblem() {
        return browser.findAll(By.cssSelector("[id='wizard:keyMessage'].ui-message-error")).stream()
                .map(e -> e.getText()).findFirst().orElse("");
    }

    /** The validation message next to the database field, or "". */
    public String databaseProblem() {
        return browser.findAll(By.cssSelector("[id='wizard:name'] .ui-message-error")).stream()
                .map(e -> e.getText()).findFirst().orElse("");
    }

    public String awaitConfirmation() {
        browser.awaitVisible(By.id("confirmText"));
        return browser.text(By.id("confirmText"));
    }

    public RestoreWizardPage confirm() {
        browser.awaitVisible(By.id("wizard:start")).click();
        return this;
    }

    /** Waits for the report and says whether the restore succeeded. */
    public boolean awaitReport(Duration timeout) {
        browser.await(timeout, d -> d.findElements(By.cssSelector("[data-succeeded]")).isEmpty() ? null : true);
        return Boolean.parseBoolean(browser.attribute(By.cssSelector("[data-succeeded]"), "data-succeeded"));
    }

    public String reportText() {
        return browser.text(By.id("wizard:report"));
    }
}
