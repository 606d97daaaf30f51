package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser (Debian's headless chromium through chromedriver), against the whole platform:
 * an analyst of the demo district logs in through the issuer's login form, and every figure card, the tree, and the
 * numbers inside the charts equal what the reports API answers that analyst for the same filters — in the analyst
 * view, after a drill-down to an institute, with the tree as it was, and on the big screen; a CSV link downloads the
 * API's CSV; the page logs no console errors. Screenshots land in target/dashboard-*.png.
 *
 * <p>Last of the system tests ({@code @Order}): it reads the demo district that {@link DemoDistrictIT} loads (and
 * loads it itself when run alone).
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private static final String DISTRICT = "cq-demo";
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path DOWNLOADS = TARGET.resolve("dashboard-downloads");
    private static final LocalDate TO = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final LocalDate FROM = TO.minusMonths(5).withDayOfMonth(1);
    private static final String FILTERS = "&from=" + FROM + "&to=" + TO + "&granularity=month";

    private static ChromeDriver browser;
    private static Api analyst;

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform platform = RunningPlatform.get();
        platform.loadDemo(DemoDistrictIT.ARGUMENTS);
        analyst = Api.person("analyst-demo", "practice-demo");
        // The reports have caught up with the loaded district (84 requests, as DemoDistrictIT counts them).
        await().atMost(Duration.ofSeconds(90)).until(() ->
                analyst.get("/api/v1/reports/units?district=" + DISTRICT + "&from=" + TO.minusMonths(6) + "&to=" + TO)
                        .json().at("/items/0/submitted").asLong() == 84);

        Files.createDirectories(DOWNLOADS);
        browser = Chromium.start(1600, 2000, Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void shouldShowTheReportsFiguresAfterLoggingInAndDrillDown() throws Exception {
        browser.get(RunningPlatform.GATEWAY + "/dashboard/?view=now" + FILTERS);
        // Not logged in: the page sends the browser to the issuer's login form, and back with a code.
        WebElement username = waiting(Duration.ofSeconds(30))
                .until(b -> b.findElements(By.name("username")).stream().findFirst().orElse(null));
        username.sendKeys("analyst-demo");
        WebElement password = browser.findElement(By.name("password"));
        password.sendKeys("practice-demo");
        // The login page has forms for a password and for a one-time code: press the password form's own button.
        password.findElement(By.xpath("ancestor::form//button[@type='submit']")).click();
        ready(null);
        assertThat(browser.getCurrentUrl()).as("the code is gone from the address, the filters are back")
                .doesNotContain("code=").contains("granularity=month");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("新时代文明实践");

        String center = shownEqualReports("now", null);
        screenshot("analyst");

        // Drill down: an institute with requests, clicked in the tree.
        JsonNode units = units("now", null);
        String institute = null;
        for (JsonNode unit : units.get("items")) {
            if (unit.get("tier").asText().equals("INSTITUTE") && unit.get("submitted").asLong() > 0) {
                institute = unit.get("unitId").asText();
                break;
            }
        }
        assertThat(institute).as("an institute with requests").isNotNull();
        browser.findElement(By.cssSelector("#tree a[data-unit='" + institute + "']")).click();
        ready(institute);
        shownEqualReports("now", institute);
        assertThat(browser.findElements(By.cssSelector("#path a")).stream().map(a -> a.getAttribute("data-unit")).toList())
                .as("the path from the center").containsExactly(center, institute);

        // The tree as it was: the same institute, the figures of view=then.
        new Select(browser.findElement(By.name("view"))).selectByValue("then");
        browser.findElement(By.cssSelector("#controls button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.getCurrentUrl().contains("view=then"));
        ready(institute);
        shownEqualReports("then", institute);

        // A CSV link downloads exactly what the API answers for CSV.
        browser.findElement(By.cssSelector("[data-csv='units']")).click();
        Path csv = await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (var files = Files.list(DOWNLOADS)) {
                return files.filter(f -> f.getFileName().toString().startsWith("units-") && f.toString().endsWith(".csv"))
                        .findFirst().orElse(null);
            }
        }, file -> file != null);
        Api.Answer expected = analyst.send("GET", "/api/v1/reports/units?district=" + DISTRICT + "&unit=" + institute
                + "&view=then" + FILTERS + "&size=500&format=csv", null, null);
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).isEqualTo(expected.body());

        assertNoConsoleErrors();
    }

    @Test
    @Order(2)
    void shouldShowTheSameFiguresOnTheBigScreenInEitherLanguage() throws Exception {
        browser.get(RunningPlatform.GATEWAY + "/dashboard/?view=now&mode=screen" + FILTERS);
        ready(null);
        assertThat(browser.findElement(By.id("controls")).isDisplayed()).as("no controls on the big screen").isFalse();
        assertThat(browser.findElement(By.tagName("body")).getAttribute("class")).contains("screen");
        shownEqualReports("now", null);
        screenshot("screen");

        // The big screen refreshes by itself (here every 10 s): a new drawing, the same figures.
        browser.get(RunningPlatform.GATEWAY + "/dashboard/?view=now&mode=screen&refresh=10&lang=en" + FILTERS);
        ready(null);
        String first = browser.findElement(By.tagName("body")).getAttribute("data-generation");
        waiting(Duration.ofSeconds(40)).until(b -> {
            WebElement body = b.findElement(By.tagName("body"));
            return !first.equals(body.getAttribute("data-generation")) && "ready".equals(body.getAttribute("data-state"));
        });
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Dashboard");
        assertThat(browser.findElement(By.cssSelector("[data-i18n='submitted']")).getText()).isEqualTo("Requests");
        shownEqualReports("now", null);
        screenshot("screen-en");
        assertNoConsoleErrors();
    }

    // ---- what the page shows against what the API answers -------------------------------------------------------

    /** A wait that looks again when the page was replaced under it (the login redirect, a refresh). */
    private static WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Waits until the page has drawn (the unit it shows, if given); fails on the page's error banner. */
    private static void ready(String unit) {
        waiting(Duration.ofSeconds(60)).until(b -> {
            String state = b.findElement(By.tagName("body")).getAttribute("data-state");
            if ("error".equals(state)) {
                throw new AssertionError("the dashboard shows an error: " + b.findElement(By.id("error")).getText());
            }
            return "ready".equals(state)
                    && (unit == null || unit.equals(b.findElement(By.tagName("body")).getAttribute("data-unit")));
        });
    }

    private static JsonNode units(String view, String unit) throws Exception {
        return report("units", view, unit);
    }

    private static JsonNode report(String name, String view, String unit) throws Exception {
        Api.Answer answer = analyst.get("/api/v1/reports/" + name + "?district=" + DISTRICT + "&view=" + view + FILTERS
                + (unit == null ? "" : "&unit=" + unit) + (name.equals("assessment") ? "" : "&size=500"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    /** Cards, tree and charts equal the reports; returns the unit shown. */
    private static String shownEqualReports(String view, String unit) throws Exception {
        JsonNode tree = units(view, null).get("items");
        JsonNode subject = unit == null ? tree.get(0) : units(view, unit).get("items").get(0);
        JsonNode assessment = report("assessment", view, unit);
        JsonNode figures = report("figures", view, unit).get("items");
        JsonNode open = report("open-requests", view, unit);
        assertThat(subject.get("submitted").asLong()).as("the scenario has requests here").isPositive();

        Map<String, JsonNode> expected = new LinkedHashMap<>();
        expected.put("submitted", subject.get("submitted"));
        expected.put("open", subject.get("open"));
        expected.put("completed", subject.get("completed"));
        expected.put("completionRate", subject.get("completionRate"));
        expected.put("escalated", subject.get("escalated"));
        expected.put("averageRating", subject.get("averageRating"));
        expected.put("volunteersActive", subject.get("activeVolunteers"));
        expected.put("share4to5", assessment.get("share4to5"));
        expected.put("volunteerHours", assessment.get("volunteerHours"));
        expected.put("activitiesHeld", assessment.get("activitiesHeld"));
        expected.put("stations", assessment.get("stations"));
        expected.put("gridCoverage", figures.get(figures.size() - 1).at("/coverage/gridRate"));
        expected.forEach((figure, value) -> {
            WebElement card = browser.findElement(By.cssSelector("[data-figure='" + figure + "']"));
            String shown = card.getAttribute("data-value");
            if (value == null || value.isNull()) {
                assertThat(shown).as(figure).isEmpty();
                assertThat(card.getText()).as(figure).isEqualTo("–");
            } else {
                assertThat(Double.parseDouble(shown)).as(figure).isEqualTo(value.asDouble());
                assertThat(card.getText()).as(figure + " is shown").isNotEqualTo("–").isNotBlank();
            }
        });
        assertThat(browser.findElement(By.cssSelector("[data-figure='submitted']")).getText())
                .isEqualTo(subject.get("submitted").asText());

        // The tree: every unit of the district, each with its subtree's requests.
        List<WebElement> links = browser.findElements(By.cssSelector("#tree a[data-unit]"));
        assertThat(links).hasSize(tree.size());
        Map<String, Long> submittedByUnit = new LinkedHashMap<>();
        tree.forEach(u -> submittedByUnit.put(u.get("unitId").asText(), u.get("submitted").asLong()));
        Map<String, Long> shownByUnit = new LinkedHashMap<>();
        for (WebElement link : links) {
            shownByUnit.put(link.getAttribute("data-unit"),
                    Long.parseLong(link.findElement(By.className("unit-figures")).getAttribute("data-submitted")));
        }
        assertThat(shownByUnit).isEqualTo(submittedByUnit);

        // Inside the charts: requests by status and by platform summed over the periods, the trend per period,
        // the points on the map.
        Map<String, Long> byStatus = sum(figures, "/requests/byStatus");
        Map<String, Long> pie = new LinkedHashMap<>();
        for (Object slice : seriesData("chart-status", 0)) {
            Map<?, ?> s = (Map<?, ?>) slice;
            pie.put((String) s.get("status"), ((Number) s.get("value")).longValue());
        }
        Map<String, Long> nonZero = new LinkedHashMap<>();
        byStatus.forEach((status, n) -> {
            if (n > 0) {
                nonZero.put(status, n);
            }
        });
        assertThat(pie).isEqualTo(nonZero);
        List<Long> platformBars = seriesData("chart-platform", 0).stream().map(v -> ((Number) v).longValue()).toList();
        assertThat(platformBars).isEqualTo(new ArrayList<>(sum(figures, "/requests/byPlatform").values()));
        assertThat(chartAxis("chart-trend")).hasSize(figures.size());
        long submittedInTrend = 0;
        int statuses = seriesCount("chart-trend");
        for (int s = 0; s < statuses; s++) {
            for (Object n : seriesData("chart-trend", s)) {
                submittedInTrend += ((Number) n).longValue();
            }
        }
        assertThat(submittedInTrend).isEqualTo(subject.get("submitted").asLong());
        int mapSeries = seriesCount("chart-map");
        assertThat(seriesData("chart-map", mapSeries - 1)).as("open requests on the map")
                .hasSize(open.get("total").asInt());
        return subject.get("unitId").asText();
    }

    private static Map<String, Long> sum(JsonNode rows, String pointer) {
        Map<String, Long> totals = new LinkedHashMap<>();
        rows.forEach(row -> row.at(pointer).fields().forEachRemaining(entry ->
                totals.merge(entry.getKey(), entry.getValue().asLong(), Long::sum)));
        return totals;
    }

    private static List<?> seriesData(String chart, int series) {
        return (List<?>) ((JavascriptExecutor) browser).executeScript("return echarts.getInstanceByDom("
                + "document.getElementById(arguments[0])).getOption().series[arguments[1]].data", chart, series);
    }

    private static int seriesCount(String chart) {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return echarts.getInstanceByDom("
                + "document.getElementById(arguments[0])).getOption().series.length", chart)).intValue();
    }

    private static List<?> chartAxis(String chart) {
        return (List<?>) ((JavascriptExecutor) browser).executeScript("return echarts.getInstanceByDom("
                + "document.getElementById(arguments[0])).getOption().xAxis[0].data", chart);
    }

    private static void screenshot(String name) throws Exception {
        Files.write(TARGET.resolve("dashboard-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Errors the dashboard's own pages logged (the issuer's login page is not ours to judge here). */
    private static void assertNoConsoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    && entry.getMessage().contains(RunningPlatform.GATEWAY)) {
                errors.add(entry.getMessage());
            }
        }
        assertThat(errors).as("console errors").isEmpty();
    }
}
