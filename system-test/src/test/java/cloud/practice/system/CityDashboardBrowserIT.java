package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The city level as its analyst uses it (issue 25), in a real browser through the gateway with their own login
 * (analyst-city of the demo city 重庆市, whose districts the local profile lists): the dashboard opens on the city —
 * the city's figure cards and every district side by side, equal to what the reports API answers them — a CSV of the
 * side by side downloads the API's CSV, the area picker opens a district's own dashboard, and neither page has an
 * accessibility violation or a console error. What the analyst may not read is ReportAccess's (CityReportsIT).
 */
@Order(Integer.MAX_VALUE - 1)
class CityDashboardBrowserIT {

    private static final Path DOWNLOADS = Path.of("target").toAbsolutePath().resolve("city-dashboard-downloads");
    private static final LocalDate TO = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final LocalDate FROM = TO.minusMonths(5).withDayOfMonth(1);
    private static final String RANGE = "from=" + FROM + "&to=" + TO;

    private static ChromeDriver browser;
    private static Api cityAnalyst;

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform platform = RunningPlatform.get();
        platform.loadDemo(DemoDistrictIT.ARGUMENTS);
        cityAnalyst = Api.person("analyst-city", "practice-demo");
        // The reports have caught up with the demo district (84 requests, as DemoDistrictIT counts them).
        await().atMost(Duration.ofSeconds(90)).until(() -> cityAnalyst.get("/api/v1/reports/units?district=cq-demo&"
                + "from=" + TO.minusMonths(6) + "&to=" + TO).json().at("/items/0/submitted").asLong() == 84);
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
    void shouldShowTheCityAndItsDistrictsAsTheReportsAnswerThemAndOpenADistrict() throws Exception {
        BrowserPage page = new BrowserPage(browser);
        page.open("/dashboard/?view=now&granularity=month&" + RANGE);
        page.logInWithPassword("analyst-city", "practice-demo");
        ready("city:cq");
        assertThat(browser.findElement(By.id("district")).getText()).isEqualTo("重庆市");

        JsonNode side = cityAnalyst.get("/api/v1/reports/cities/cq/districts?view=now&" + RANGE).json().get("items");
        assertThat(side.get(0).get("districtId").isNull()).as("the city's row first").isTrue();
        assertThat(side.findValuesAsText("districtId")).as("the demo city's districts")
                .contains("cq-jiulongpo", "cq-dadukou", "cq-demo");
        JsonNode city = side.get(0).get("figures");
        assertThat(city.at("/requests/submitted").asLong()).as("the city has the demo's requests")
                .isGreaterThanOrEqualTo(84);
        assertThat(card("submitted")).isEqualTo(city.at("/requests/submitted").asDouble());
        assertThat(card("completionRate")).isEqualTo(city.get("completionRate").asDouble());
        assertThat(card("volunteersActive")).isEqualTo(city.at("/volunteers/active").asDouble());
        assertThat(card("volunteerHours"))
                .isEqualTo(city.at("/hours/credit").asDouble() + city.at("/hours/honour").asDouble());

        // The table: a row per district after the city's, each the API's figures.
        List<WebElement> rows = browser.findElements(By.cssSelector("#city-districts tbody tr"));
        assertThat(rows).hasSize(side.size());
        Map<String, String> submittedShown = new LinkedHashMap<>();
        Map<String, String> submittedAnswered = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            WebElement row = rows.get(i);
            submittedShown.put(row.getAttribute("data-district"), row.findElements(By.tagName("td")).get(1)
                    .getAttribute("data-value"));
            JsonNode answered = side.get(i);
            submittedAnswered.put(answered.get("districtId").isNull() ? "" : answered.get("districtId").asText(),
                    answered.at("/figures/requests/submitted").asText());
        }
        assertThat(submittedShown).isEqualTo(submittedAnswered);
        page.assertAccessible("the city dashboard");
        page.screenshot("city-dashboard");

        // The side by side as CSV: exactly the API's CSV.
        page.click(By.cssSelector("[data-csv='city:districts']"));
        Path csv = await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (var files = Files.list(DOWNLOADS)) {
                return files.filter(f -> f.getFileName().toString().startsWith("city-districts-")
                        && f.toString().endsWith(".csv")).findFirst().orElse(null);
            }
        }, file -> file != null);
        Api.Answer expected = cityAnalyst.send("GET", "/api/v1/reports/cities/cq/districts?view=now&" + RANGE
                + "&size=500&format=csv", null, null);
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).isEqualTo(expected.body());

        // The area picker opens the demo district's own dashboard, read as a district-wide analyst.
        new Select(browser.findElement(By.id("area-picker"))).selectByValue("cq-demo");
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.getCurrentUrl().contains("district=cq-demo"));
        ready(null);
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-view")).isEqualTo("district");
        assertThat(browser.findElement(By.id("district")).getText()).isEqualTo("演示区");
        JsonNode demo = cityAnalyst.get("/api/v1/reports/units?district=cq-demo&view=now&" + RANGE + "&size=500")
                .json().at("/items/0");
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-unit"))
                .isEqualTo(demo.get("unitId").asText());
        assertThat(card("submitted")).isEqualTo(demo.get("submitted").asDouble());
        assertThat(browser.findElements(By.cssSelector("#tree a[data-unit]"))).as("the district's tree").isNotEmpty();
        page.assertAccessible("a district's dashboard opened from the city");
        page.assertNoConsoleErrors(message -> false);
    }

    private static double card(String figure) {
        return Double.parseDouble(browser.findElement(By.cssSelector("[data-figure='" + figure + "']"))
                .getAttribute("data-value"));
    }

    /** Waits until the page has drawn what it shows (the city, or a district's center when null). */
    private static void ready(String shown) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(b -> {
            WebElement body = b.findElement(By.tagName("body"));
            if ("error".equals(body.getAttribute("data-state"))) {
                throw new AssertionError("the dashboard shows an error: " + b.findElement(By.id("error")).getText());
            }
            return "ready".equals(body.getAttribute("data-state"))
                    && (shown == null ? !String.valueOf(body.getAttribute("data-unit")).startsWith("city:")
                    : shown.equals(body.getAttribute("data-unit")));
        });
    }
}
