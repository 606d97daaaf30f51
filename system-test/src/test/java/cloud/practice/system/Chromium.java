package cloud.practice.system;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A headless Debian chromium for the browser tests, in a fresh profile, Chinese first, at a given window size. */
final class Chromium {

    private Chromium() {
    }

    /** {@code prefs}: chromium preferences (e.g. where downloads go); empty for none. */
    /** A phone: chromium's window cannot be narrower than 500 px, so the page is shown as on a 375×667 phone. */
    static ChromeDriver phone() throws Exception {
        ChromeDriver browser = start(375, 667, Map.of());
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 667, "deviceScaleFactor", 2, "mobile", true));
        return browser;
    }

    static ChromeDriver start(int width, int height, Map<String, Object> prefs) throws Exception {
        // Installed by the test command's set-up step (setup/install-browser.sh, before Maven), never here.
        assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium: run setup/install-browser.sh first")
                .isExecutable();
        assertThat(Path.of("/usr/bin/chromedriver"))
                .as("Debian's chromium-driver: run setup/install-browser.sh first").isExecutable();
        Path profile = Files.createTempDirectory("practice-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--lang=zh-CN");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        if (!prefs.isEmpty()) {
            options.setExperimentalOption("prefs", prefs);
        }
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        ChromeDriver browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return browser;
    }
}
