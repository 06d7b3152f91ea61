package dev.dealledger.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the machine's Debian packages ({@code chromium}, {@code chromium-driver}; {@code .ci/run}
 * installs them), driven through its chromedriver. Nothing is downloaded: the driver and the browser are named by
 * path, so Selenium Manager has nothing to look for.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("ledger.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("ledger.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots").toAbsolutePath();

    final ChromeDriver driver;
    final Path downloads;
    private final String base;

    /** @param base the service's root URL, e.g. http://localhost:41234 */
    Browser(String base) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the console's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run does)");
        }
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        try {
            downloads = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "console-downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,1000",
                "--lang=en-US");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** Opens a console path ("/console/...") or a URL the console gave. */
    Browser open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
        return this;
    }

    /** Signs in through the link ./run.sh prints, and waits until the console has moved on to a URL without it. */
    Browser signIn(String token) {
        open("/console/sign-in?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("/console/exposure"));
        return this;
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** The path and query of the current URL, without the host. */
    String pathAndQuery() {
        URI uri = URI.create(url());
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    String heading() {
        return text("h1");
    }

    /**
     * Waits until the page's heading reads {@code expected}, and fails when it does not within 10 s. After a click that
     * submits a form, the next page may not have arrived yet: reading its heading at once found no heading at all.
     */
    Browser awaitHeading(String expected) {
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(NoSuchElementException.class)
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "the heading never read '" + expected + "'")
                .until(d -> expected.equals(d.findElement(By.cssSelector("h1")).getText()));
        return this;
    }

    /** Saves what the browser shows to target/console-screenshots/{name}.png. */
    Browser screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Clicks a download link and waits for the file the browser saved. */
    String download(String css) {
        find(css).click();
        Path[] saved = new Path[1];
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                saved[0] = files.filter(f -> !f.getFileName().toString().endsWith(".crdownload"))
                        .filter(f -> !f.getFileName().toString().startsWith("."))
                        .findFirst()
                        .orElse(null);
                return saved[0] != null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String content = Files.readString(saved[0], StandardCharsets.UTF_8);
            Files.delete(saved[0]);
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every visible form control of the page has a label: for keyboard and screen reader users alike. */
    void assertEveryControlIsLabelled() {
        Object unlabelled = driver.executeScript("return Array.from(document.querySelectorAll("
                + "'input:not([type=hidden]), select, textarea')).filter(e => e.labels.length === 0)"
                + ".map(e => e.name || e.id);");
        assertThat((List<?>) unlabelled).as("controls without a label").isEmpty();
    }

    /** Every stylesheet, script and image comes from the service itself: the console works without internet. */
    void assertEveryAssetIsServedByTheService() {
        Object foreign = driver.executeScript("return Array.from(document.querySelectorAll("
                + "'link[href], script[src], img[src]')).map(e => e.getAttribute('href') || e.getAttribute('src'))"
                + ".filter(u => !u.startsWith('/') || u.startsWith('//'));");
        assertThat((List<?>) foreign).as("assets from elsewhere").isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
