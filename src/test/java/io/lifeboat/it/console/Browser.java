package io.lifeboat.it.console;

import io.lifeboat.it.LifeboatServer;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver, on a real Lifeboat. Each step can
 * be kept as a screenshot under target/screenshots.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final LifeboatServer lifeboat;
    private final String name;

    private Browser(LifeboatServer lifeboat, String name, String acceptLanguage) {
        this.lifeboat = lifeboat;
        this.name = name;
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("lifeboat.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        var options = new ChromeOptions();
        options.setBinary(System.getProperty("lifeboat.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--lang=" + acceptLanguage, "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + Path.of("target", "chromium-" + name + "-" + System.nanoTime()).toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(2));
    }

    /** A browser whose user prefers English. */
    public static Browser open(LifeboatServer lifeboat, String name) {
        return new Browser(lifeboat, name, "en-US,en");
    }

    public static Browser open(LifeboatServer lifeboat, String name, String acceptLanguage) {
        return new Browser(lifeboat, name, acceptLanguage);
    }

    public void get(String path) {
        driver.get(lifeboat.uri(path).toString());
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.substring(url.indexOf('/', "http://".length()));
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    public String pageText() {
        return text(By.tagName("body"));
    }

    /** The page's HTML as it stands, attributes included (what the server rendered into it). */
    public String pageSource() {
        return driver.getPageSource();
    }

    /** The text of an element that polling may re-render at any moment: read again when it went stale. */
    public String text(By by) {
        for (int attempt = 1; ; attempt++) {
            try {
                return driver.findElement(by).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** An attribute of an element that polling may re-render at any moment. */
    public String attribute(By by, String name) {
        for (int attempt = 1; ; attempt++) {
            try {
                return driver.findElement(by).getAttribute(name);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    public String title() {
        return driver.getTitle();
    }

    public <T> T await(Duration timeout, Function<ChromeDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.apply((ChromeDriver) d));
    }

    public WebElement awaitVisible(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(200))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits for the page that follows a click or a submit to load (the old page goes stale first). */
    public void clickAndWaitForPage(WebElement element) {
        WebElement html = driver.findElement(By.tagName("html"));
        element.click();
        new WebDriverWait(driver, Duration.ofMinutes(2), Duration.ofMillis(200)).until(ExpectedConditions.stalenessOf(html));
        awaitVisible(By.tagName("body"));
    }

    /** Saves what the browser shows as target/screenshots/{name}.png. */
    public Path screenshot(String step) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(step + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers "OK" to the browser's confirmation dialog. */
    public void acceptAlert() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.alertIsPresent()).accept();
    }

    public void deleteCookies() {
        driver.manage().deleteAllCookies();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
