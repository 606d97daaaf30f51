package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The issuer's login page as a resident uses it: on a phone-sized chromium, through the gateway, with their own
 * account. They sign up with a code (the API a front end calls), then log in on the page by password and, in a new
 * session, by a code sent to their phone (waiting, as a person would, until the number may have another code:
 * {@link RunningPlatform#CODE_RESEND_AFTER} on the suite's platform, a minute by default); both land
 * back in the app with a token of their own. The page is checked for what a phone and a screen reader need: Chinese
 * declared, a viewport, a label for every field, a name for every button, numeric keyboards for numbers, and nothing
 * wider than the screen.
 */
class LoginPageBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ChromeDriver phone;

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform.get();
        phone = Chromium.start(390, 844, Map.of());
    }

    @AfterAll
    static void stop() {
        if (phone != null) {
            phone.quit();
        }
    }

    @Test
    void shouldLetAResidentLogInOnAPhoneByPasswordAndByCode() throws Exception {
        Jiulongpo.ensureTree(Api.person("admin-district", "practice-demo"));
        int n = ThreadLocalRandom.current().nextInt(1000, 9999);
        String mobile = "1360000" + n;
        String password = "手机登录的密码-" + n;
        Instant asked = Instant.now();
        // The issuer learns of the district's tree from Kafka: until then the district is unknown to it (422).
        int sent = await().atMost(Duration.ofSeconds(60)).until(() -> Api.anonymous().post("/api/v1/people/codes",
                "{\"district\":\"" + Jiulongpo.DISTRICT + "\",\"mobile\":\"" + mobile + "\",\"purpose\":\"SIGN_UP\"}")
                .status(), status -> status != 422);
        assertThat(sent).isEqualTo(202);
        Api.Answer created = Api.anonymous().post("/api/v1/people/residents", "{\"district\":\"" + Jiulongpo.DISTRICT
                + "\",\"mobile\":\"" + mobile + "\",\"code\":\"" + TextMessages.codeFor(mobile, asked)
                + "\",\"password\":\"" + password + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String accountId = created.json().get("accountId").asText();

        // By password: the app sends the phone to the login page, and back with a code.
        phone.get(RunningPlatform.GATEWAY + "/dashboard/");
        WebElement username = await().atMost(Duration.ofSeconds(30)).until(
                () -> phone.findElements(By.id("username")).stream().findFirst().orElse(null), field -> field != null);
        checkThePageServesPhonesAndScreenReaders();
        username.sendKeys(mobile);
        WebElement passwordField = phone.findElement(By.id("password"));
        passwordField.sendKeys(password);
        passwordField.submit();
        assertThat(tokenSubject()).isEqualTo(accountId);

        // By code, in a new session: ask for a code, read it on the phone, send it back.
        phone.manage().deleteAllCookies();
        ((JavascriptExecutor) phone).executeScript("sessionStorage.clear()");
        phone.get(RunningPlatform.GATEWAY + "/dashboard/");
        await().atMost(Duration.ofSeconds(30)).until(() -> !phone.findElements(By.id("send-mobile")).isEmpty());
        Instant[] sentAt = new Instant[1];
        await("a code sent (one per resend interval per number)").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2)).until(() -> {
                    sentAt[0] = Instant.now();
                    WebElement send = phone.findElement(By.id("send-mobile"));
                    send.clear();
                    send.sendKeys(mobile);
                    send.submit();
                    return phone.getCurrentUrl().contains("sent");
                });
        phone.findElement(By.id("code-mobile")).sendKeys(mobile);
        WebElement code = phone.findElement(By.id("code"));
        code.sendKeys(TextMessages.codeFor(mobile, sentAt[0]));
        code.submit();
        assertThat(tokenSubject()).isEqualTo(accountId);
    }

    /** Back in the app: the subject of the token it keeps for the tab. */
    private static String tokenSubject() {
        String saved = await().atMost(Duration.ofSeconds(30)).until(() -> (String) ((JavascriptExecutor) phone)
                .executeScript("return sessionStorage.getItem('practice-dashboard.token')"), value -> value != null);
        assertThat(phone.getCurrentUrl()).startsWith(RunningPlatform.GATEWAY + "/dashboard/");
        try {
            String token = JSON.readTree(saved).get("accessToken").asText();
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
            assertThat(claims.get("practice_role").asText()).isEqualTo("RESIDENT");
            return claims.get("sub").asText();
        } catch (Exception e) {
            throw new AssertionError("the app's token cannot be read: " + saved, e);
        }
    }

    private static void checkThePageServesPhonesAndScreenReaders() {
        JavascriptExecutor page = phone;
        assertThat(page.executeScript("return document.documentElement.lang")).isEqualTo("zh-CN");
        assertThat(page.executeScript("return document.querySelector('meta[name=viewport]') !== null")).isEqualTo(true);
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) page.executeScript("return [...document.querySelectorAll("
                + "'input:not([type=hidden])')].filter(i => i.labels.length === 0 || !i.labels[0].textContent.trim())"
                + ".map(i => i.id || i.name)");
        assertThat(unlabelled).as("fields without a label").isEmpty();
        @SuppressWarnings("unchecked")
        List<String> unnamed = (List<String>) page.executeScript("return [...document.querySelectorAll('button')]"
                + ".filter(b => !b.textContent.trim() && !b.getAttribute('aria-label')).map(b => b.outerHTML)");
        assertThat(unnamed).as("buttons without a name").isEmpty();
        for (String field : List.of("send-mobile", "code-mobile", "code")) {
            assertThat(phone.findElement(By.id(field)).getAttribute("inputmode")).as(field + ": a numeric keyboard")
                    .isEqualTo("numeric");
        }
        assertThat((Boolean) page.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling").isTrue();
    }
}
