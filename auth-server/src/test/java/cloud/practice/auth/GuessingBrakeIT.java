package cloud.practice.auth;

import cloud.practice.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import cloud.practice.testing.WithPlatformInfrastructure;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The brake on guessing, over real HTTP at the issuer itself (not through the gateway): the login form and client
 * authentication at /oauth2/token lock an account after 5 failures and an address after 20, refuse even the right
 * secret while locked — the login form with the very answer a wrong password gets — and let it in again once the
 * lockout is over. Time is a clock the test moves, so nothing waits. Addresses come from X-Forwarded-For, which
 * Tomcat believes here because the test turns forwarded headers on and the caller (loopback) is an internal proxy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.forward-headers-strategy=native")
@ActiveProfiles("local")
@WithPlatformInfrastructure
@Import(GuessingBrakeIT.MovableClockConfiguration.class)
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
class GuessingBrakeIT {

    static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-03-01T08:00:00Z"));

    @TestConfiguration
    static class MovableClockConfiguration {
        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;

    String base() {
        return "http://localhost:" + port;
    }

    /** Logs in at the form from {@code address} with a fresh session; true when the issuer accepted it. */
    boolean logIn(String address, String username, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String page = browser.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("X-Forwarded-For", address).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("X-Forwarded-For", address)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                        "_csrf", csrf.group(1))))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        if (location.endsWith("/login?error")) {
            assertThat(answer.body()).as("a refusal says nothing more than /login?error").isEmpty();
            return false;
        }
        return true;
    }

    HttpResponse<String> token(String address, String clientId, String secret, boolean basic) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("X-Forwarded-For", address)
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (basic) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
            request.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"));
        } else {
            request.POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "client_credentials",
                    "client_id", clientId, "client_secret", secret))));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void shouldRefuseTheRightPasswordAfterFiftyWrongOnesUntilTheLockoutEnds(CapturedOutput output) throws Exception {
        String address = "198.51.100.11";
        for (int i = 0; i < 50; i++) {
            assertThat(logIn(address, "leader-zhang", "guess-" + i)).isFalse();
        }
        assertThat(logIn(address, "leader-zhang", "practice-demo")).as("locked: the right password is refused too")
                .isFalse();
        assertThat(logIn("198.51.100.12", "leader-zhang", "practice-demo"))
                .as("the account is locked from every address").isFalse();

        CLOCK.advance(Duration.ofMinutes(16)); // past the longest lockout (15 min)
        assertThat(logIn(address, "leader-zhang", "practice-demo")).as("the lockout is over").isTrue();
        assertThat(logIn(address, "leader-zhang", "wrong-once-more")).isFalse();
        assertThat(logIn(address, "leader-zhang", "practice-demo"))
                .as("the success reset the count: one failure does not lock").isTrue();

        assertThat(output.getOut()).contains("audit", "lockout", "kind=login", "account=leader-zhang")
                .as("addresses are masked in the audit log").doesNotContain("198.51.100.11");
        assertThat(metrics()).contains("practice_auth_lockouts_total{application=\"auth-server\",kind=\"login\",scope=\"account\"")
                .contains("practice_auth_failures_total{application=\"auth-server\",kind=\"login\",outcome=\"locked\"");
    }

    @Test
    void shouldNeverWriteAMobileNumberIntoTheAuditLog(CapturedOutput output) throws Exception {
        assertThat(logIn("198.51.100.31", "13912345678", "not-the-password")).isFalse();
        assertThat(output.getOut()).contains("auth-failure kind=login account=139*****678#")
                .as("residents log in with their number: masked, followed by a keyed hash")
                .doesNotContain("13912345678");
    }

    @Test
    void shouldLockAnAddressThatGuessesAcrossManyAccounts() throws Exception {
        String address = "198.51.100.21";
        for (int i = 0; i < 20; i++) {
            assertThat(logIn(address, "someone-" + i, "guess")).isFalse();
        }
        assertThat(logIn(address, "admin-station", "practice-demo"))
                .as("the address is locked, whichever account it names").isFalse();
        assertThat(logIn("198.51.100.22", "admin-station", "practice-demo"))
                .as("the account itself is not locked").isTrue();
        CLOCK.advance(Duration.ofMinutes(16));
        assertThat(logIn(address, "admin-station", "practice-demo")).isTrue();
    }

    @Test
    void shouldLockAClientSecretAfterFailuresByBasicAndPost() throws Exception {
        String address = "198.51.100.31";
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> wrong = token(address, "demo-hotline", "guess-" + i, i % 2 == 0);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("invalid_client");
        }
        for (boolean basic : new boolean[] {true, false}) {
            HttpResponse<String> locked = token("198.51.100.32", "demo-hotline", "demo-hotline-secret", basic);
            assertThat(locked.statusCode()).as("locked: the right secret is refused too").isEqualTo(401);
            assertThat(locked.body()).contains("invalid_client").doesNotContain("access_token");
            assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        }
        CLOCK.advance(Duration.ofMinutes(16));
        HttpResponse<String> after = token(address, "demo-hotline", "demo-hotline-secret", false);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(after.body()).contains("access_token");
        assertThat(metrics()).contains("practice_auth_lockouts_total{application=\"auth-server\",kind=\"client\",scope=\"account\"");
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
