package io.lifeboat.it.console;

import org.openqa.selenium.By;

import java.time.Duration;
import java.util.List;

/** A target's page: its latest run (updated by polling), its backups, and the restore button. */
public final class TargetPage {

    private final Browser browser;

    public TargetPage(Browser browser) {
        this.browser = browser;
    }

    public TargetPage awaitLoaded() {
        browser.awaitVisible(By.id("target:backups"));
        return this;
    }

    /** Waits, without reloading the page, until the latest run shows the status (RUNNING, SUCCEEDED, FAILED). */
    public TargetPage awaitRunStatus(String status, Duration timeout) {
        try {
            browser.await(timeout, d -> d.findElements(By.cssSelector("#target\\:runStatus[data-status='" + status + "']"))
                    .isEmpty() ? null : true);
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.screenshot("failed-run-status");
            throw new AssertionError("The run did not show " + status + " within " + timeout + "; the page shows: "
                    + browser.pageText(), e);
        }
        return this;
    }

    public String runStatus() {
        return browser.attribute(By.id("target:runStatus"), "data-status");
    }

    public String runPanelText() {
        return browser.text(By.id("target:run"));
    }

    public List<String> backupIds() {
        return browser.await(java.time.Duration.ofSeconds(30), d -> d.findElements(
                By.cssSelector("#target\\:backups [data-backup]")).stream().map(e -> e.getAttribute("data-backup")).toList());
    }

    public boolean canRestore() {
        return browser.present(By.id("target:restore"));
    }

    public boolean canBackUp() {
        return browser.present(By.id("target:backUp"));
    }

    public boolean canDownload() {
        return browser.present(By.cssSelector("[id$=':download']"));
    }

    /** Opens the manifest of the first backup listed and returns the dialog's text. */
    public String firstManifest() {
        browser.await(java.time.Duration.ofSeconds(30), d -> {
            d.findElement(By.cssSelector("[id$=':details']")).click();
            return true;
        });
        browser.awaitVisible(By.id("manifest"));
        browser.await(java.time.Duration.ofSeconds(30), d -> browser.text(By.id("manifest")).contains("SHA-256") ? true : null);
        return browser.text(By.id("manifest"));
    }

    public RestoreWizardPage restore(String backupId) {
        browser.clickAndWaitForPage(browser.find(By.xpath(
                "//tr[.//*[@data-backup='" + backupId + "']]//*[contains(@id,':restoreThis')]")));
        return new RestoreWizardPage(browser).awaitLoaded();
    }
}
