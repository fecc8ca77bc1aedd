package dev.marquee.gateway.testing;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The machine's own Chromium (Debian's {@code chromium}), driven through its {@code chromedriver}: headless, with no
 * browser or driver downloaded. Geolocation is granted and set, as a phone that shares its place would.
 */
public final class Browser implements AutoCloseable {
    private static final String CHROMIUM = System.getProperty("marquee.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("marquee.chromedriver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser start(int width, int height) {
        if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException("Chromium is not installed at " + CHROMIUM + " with its driver at " + DRIVER
                    + ": apt-get install chromium chromium-driver (.ci/run does)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=" + width + "," + height, "--lang=en-GB", "--no-first-run",
                        "--disable-extensions", "--disable-background-networking");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
        return new Browser(driver);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Sets where the browser says it is and lets pages ask. */
    public void locateAt(double latitude, double longitude) {
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation")));
        driver.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", latitude, "longitude", longitude,
                "accuracy", 50));
    }

    /** Makes the viewport this size, as a phone's screen (device metrics, not only the window). */
    public void viewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 2, "mobile", true));
        driver.manage().window().setSize(new Dimension(Math.max(width, 500), height + 100));
    }

    /** A visitor who has never been to the site: no cookies, nothing stored, the window's own size. */
    public void freshVisitor(String site) {
        desktop();
        driver.manage().deleteAllCookies();
        open(site + "/app/icon.svg"); // a page of the site, so that its storage can be cleared
        script("localStorage.clear()");
    }

    /** The page as it looks now, in target/screenshots/{name}.png. */
    public void screenshot(String name) {
        try {
            java.nio.file.Path folder = java.nio.file.Path.of("target", "screenshots");
            java.nio.file.Files.createDirectories(folder);
            java.nio.file.Files.write(folder.resolve(name + ".png"), screenshot());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Back to the window's own size, after {@link #viewport}. */
    public void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    public <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).withMessage(what).until(condition);
    }

    public WebElement await(By by) {
        return await("an element " + by, d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    public byte[] screenshot() {
        return driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
