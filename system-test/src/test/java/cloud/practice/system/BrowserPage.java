package cloud.practice.system;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One person's browser on the people's ends, used as they use it: waiting for what they would see, clicking and typing;
 * with the checks every page owes them — axe-core's WCAG 2.1 A and AA rules (the web module's own copy, never a CDN),
 * no console errors of ours — and a screenshot for the build's artifacts and the docs.
 */
final class BrowserPage {

    private static final Path TARGET = Path.of("target");
    /** axe-core as the web module's build installed it (its lock file pins the version). */
    private static final Path AXE = Path.of(System.getProperty("platform.root", "..")).resolve("web/node_modules/axe-core/axe.min.js");
    static final Duration PATIENCE = Duration.ofSeconds(30);

    final ChromeDriver browser;

    BrowserPage(ChromeDriver browser) {
        this.browser = browser;
    }

    void open(String path) {
        browser.get(RunningPlatform.GATEWAY + path);
    }

    WebElement waitFor(By what) {
        try {
            return await(what.toString()).atMost(PATIENCE).until(() -> browser.findElements(what).stream()
                    .filter(WebElement::isDisplayed).findFirst().orElse(null), element -> element != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not shown within " + PATIENCE.toSeconds() + " s: " + what + seen(), e);
        }
    }

    /**
     * What the person saw when a wait ran out — the address, the page's words (a problem the page showed is among
     * them) and a screenshot kept beside the others — so that a failure in CI's log explains itself.
     */
    private String seen() {
        String text;
        try {
            text = String.valueOf(script("return document.body ? document.body.innerText : ''"))
                    .replaceAll("\\s+", " ").strip();
        } catch (Exception e) {
            text = "(no text: " + e.getMessage() + ")";
        }
        String shot;
        try {
            Path file = TARGET.resolve("ends-failure-" + System.currentTimeMillis() + ".png");
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
            shot = "screenshot " + file;
        } catch (Exception e) {
            shot = "no screenshot: " + e.getMessage();
        }
        return " on " + browser.getCurrentUrl() + " showing \"" + (text.length() > 600 ? text.substring(0, 600) + "…" : text)
                + "\" (" + shot + ")";
    }

    void click(By what) {
        WebElement element = waitFor(what);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        await(what + " clickable").atMost(PATIENCE).ignoreExceptions().until(() -> {
            element.click();
            return true;
        });
    }

    void type(By field, String text) {
        WebElement element = waitFor(field);
        element.clear();
        element.sendKeys(text);
    }

    /** The element's text once it satisfies the condition (pages refresh themselves; a person waits). */
    String waitForText(By what, Predicate<String> condition) {
        try {
            return await(what + " text").atMost(PATIENCE).ignoreExceptions()
                    .until(() -> browser.findElement(what).getText(), condition::test);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no fitting text within " + PATIENCE.toSeconds() + " s: " + what + seen(), e);
        }
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** axe-core's WCAG 2.1 A and AA rules on the page as it is now: no violations. */
    void assertAccessible(String page) throws Exception {
        if (!Boolean.TRUE.equals(script("return typeof axe !== 'undefined'"))) {
            script(Files.readString(AXE));
        }
        Object found = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(result => done(result.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '
                      + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
                  .catch(error => done(['axe failed: ' + error]));""");
        assertThat((List<?>) found).as("accessibility violations on " + page).isEmpty();
    }

    void screenshot(String name) throws Exception {
        Files.write(TARGET.resolve("ends-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Errors our pages logged; `expected` lets through ones the scenario causes on purpose (none by default). */
    void assertNoConsoleErrors(Predicate<String> expected) {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && entry.getMessage().contains(RunningPlatform.GATEWAY)
                    && !expected.test(entry.getMessage())) {
                errors.add(entry.getMessage());
            }
        }
        assertThat(errors).as("console errors").isEmpty();
    }

    /** Logs in on the issuer's page (reached from the app) with a login name or mobile and a password. */
    void logInWithPassword(String username, String password) {
        type(By.id("username"), username);
        WebElement field = waitFor(By.id("password"));
        field.sendKeys(password);
        field.submit();
    }

    /** The CDP of this chromium (DevTools protocol), e.g. CPU throttling for the paint budget. */
    void devTools(String command, Map<String, Object> parameters) {
        browser.executeCdpCommand(command, parameters);
    }
}
