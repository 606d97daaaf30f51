package cloud.practice.gateway;

import cloud.practice.gateway.security.TokenSettings;
import cloud.practice.gateway.support.AdjustableClock;
import cloud.practice.gateway.support.GatewayTestTokens;
import cloud.practice.gateway.support.LoopbackBackend;
import cloud.practice.testing.TestIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The door: without a valid token nothing reaches a backend (401 problem+json, RFC 6750 challenge); the issuer's
 * endpoints, health and docs are open; Open311 calls without a bearer token pass on to request-service, which
 * authenticates their api_key itself. Tokens are checked with the shipped clock skew, against a clock the test can move
 * (nothing waits for a token to expire).
 */
@org.springframework.context.annotation.Import(GatewayTestTokens.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewaySecurityIT {

    /** The gateway's clock for tokens: the system's, until a test moves it on. */
    static final AdjustableClock CLOCK = AdjustableClock.running();

    static final LoopbackBackend VOLUNTEERS = LoopbackBackend.echo("volunteer-service");
    static final LoopbackBackend REQUESTS = LoopbackBackend.echo("request-service");
    static final LoopbackBackend ISSUER = LoopbackBackend.echo("auth-server");
    static final LoopbackBackend REPORTS = LoopbackBackend.echo("reporting-service");
    static final LoopbackBackend NOTICES = LoopbackBackend.echo("notification-service");

    @Autowired
    WebTestClient http;

    @Autowired
    TokenSettings tokenSettings;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    final TestIdentity identity = TestIdentity.get();

    /**
     * A client without the default platform token. It waits up to 30 s for an answer (WebTestClient's default is 5 s):
     * the test command builds modules side by side on two cores, and a refusal that comes late is still the answer.
     */
    WebTestClient anonymous() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        GatewayTestTokens.register(registry);
        registry.add("VOLUNTEER_SERVICE_URL", VOLUNTEERS::url);
        registry.add("REQUEST_SERVICE_URL", REQUESTS::url);
        registry.add("AUTH_SERVER_URL", ISSUER::url);
        registry.add("REPORTING_SERVICE_URL", REPORTS::url);
        registry.add("NOTIFICATION_SERVICE_URL", NOTICES::url);
    }

    @TestConfiguration
    static class TokenClock {

        @Bean
        Clock tokenClock() {
            return CLOCK;
        }
    }

    @BeforeEach
    void clear() {
        List.of(VOLUNTEERS, REQUESTS, ISSUER, REPORTS, NOTICES).forEach(LoopbackBackend::reset);
    }

    @AfterEach
    void backToTheSystemClock() {
        CLOCK.reset();
    }

    @AfterAll
    static void stop() {
        List.of(VOLUNTEERS, REQUESTS, ISSUER, REPORTS, NOTICES).forEach(LoopbackBackend::stop);
    }

    @Test
    void shouldRefuseMissingAndBadTokensBeforeAnyBackendIsCalled() {
        Duration skew = tokenSettings.clockSkew();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("no token", null);
        bad.put("not a bearer token", "Basic dXNlcjpwYXNz");
        bad.put("garbage", "Bearer not.a.jwt");
        bad.put("expired", "Bearer " + identity.sign(identity.claims("c1", "SYSTEM", null, null, TestIdentity.ALL_SCOPES)
                .expirationTime(Date.from(Instant.now().minus(skew).minusSeconds(60))).build()));
        bad.put("not yet valid", "Bearer " + identity.sign(identity.claims("c1", "SYSTEM", null, null, TestIdentity.ALL_SCOPES)
                .notBeforeTime(Date.from(Instant.now().plus(skew).plusSeconds(60))).build()));
        bad.put("wrong audience", "Bearer " + identity.sign(identity.claims("c1", "SYSTEM", null, null, TestIdentity.ALL_SCOPES)
                .audience("another-api").build()));
        bad.put("wrong issuer", "Bearer " + identity.sign(identity.claims("c1", "SYSTEM", null, null, TestIdentity.ALL_SCOPES)
                .issuer("https://evil.example").build()));
        bad.put("foreign key", "Bearer " + identity.signWithForeignKey(identity.claims("c1", "SYSTEM", null, null,
                TestIdentity.ALL_SCOPES).build()));
        bad.forEach((what, authorization) -> anonymous().get().uri("/api/v1/volunteers/v1")
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, challenge -> assertThat(challenge).as(what)
                        .startsWith("Bearer"))
                .expectBody().jsonPath("$.type").isEqualTo("https://practice.cloud/problems/unauthenticated"));
        assertThat(VOLUNTEERS.calls()).as("no bad token reached the backend").isZero();
    }

    @Test
    void shouldPassValidTokensOnUnchanged() {
        String token = "Bearer " + identity.token("admin-1", "STATION_ADMIN", "cq-jiulongpo", "s-1",
                List.of("volunteers:read"));
        http.get().uri("/api/v1/volunteers/v1").header(HttpHeaders.AUTHORIZATION, token).exchange()
                .expectStatus().isOk();
        assertThat(VOLUNTEERS.calls()).isEqualTo(1);
        assertThat(VOLUNTEERS.last().header(HttpHeaders.AUTHORIZATION)).as("the service validates it again")
                .isEqualTo(token);
    }

    @Test
    void shouldRefuseAVerifiedTokenOnceItExpiresBeyondTheClockSkew() {
        Duration skew = tokenSettings.clockSkew();
        assertThat(skew).as("the shipped allowance").isPositive();
        Instant expiry = Instant.now().plus(Duration.ofMinutes(5));
        String token = "Bearer " + identity.sign(identity.claims("c-expiring", "SYSTEM", null, null,
                TestIdentity.ALL_SCOPES).expirationTime(Date.from(expiry)).build());
        anonymous().get().uri("/api/v1/volunteers/v1").header(HttpHeaders.AUTHORIZATION, token).exchange()
                .expectStatus().isOk();

        // Verified once, then known to the gateway: its expiry is still checked on every call.
        CLOCK.showing(expiry.plus(skew.dividedBy(2)));
        anonymous().get().uri("/api/v1/volunteers/v1").header(HttpHeaders.AUTHORIZATION, token).exchange()
                .expectStatus().isOk();
        CLOCK.showing(expiry.plus(skew).plusSeconds(1));
        anonymous().get().uri("/api/v1/volunteers/v1").header(HttpHeaders.AUTHORIZATION, token).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        assertThat(VOLUNTEERS.calls()).as("only the calls within its lifetime and the skew got through").isEqualTo(2);
    }

    @Test
    void shouldLeaveTheIssuerHealthDocsAndOpen311ApiKeysOpen() {
        for (String path : List.of("/oauth2/jwks", "/.well-known/openid-configuration")) {
            anonymous().get().uri(path).exchange()
                    .expectStatus().isOk();
        }
        anonymous().post().uri("/oauth2/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("grant_type=client_credentials")
                .exchange().expectStatus().isOk();
        assertThat(ISSUER.calls()).isEqualTo(3);
        anonymous().get().uri("/actuator/health").exchange()
                .expectStatus().isOk();
        anonymous().get().uri("/open311/v2/requests.json?api_key=hotline:secret").exchange().expectStatus().isOk();
        assertThat(REQUESTS.calls()).as("request-service exchanges the api_key itself").isEqualTo(1);
    }

    @Test
    void shouldLetPeopleSignUpAndLogInByCodeWithoutATokenButNothingElseOfTheDirectory() {
        anonymous().post().uri("/api/v1/people/codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isOk();
        anonymous().post().uri("/api/v1/people/residents").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isOk();
        anonymous().post().uri("/login/code").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("mobile=13800000000&code=123456").exchange().expectStatus().isOk();
        assertThat(ISSUER.calls()).as("the issuer's sign-up and code login").isEqualTo(3);
        for (String path : List.of("/api/v1/people/me", "/api/v1/people/accounts?district=cq-x",
                "/api/v1/people/codes/x", "/api/v1/clients?district=cq-x")) {
            anonymous().get().uri(path).exchange().expectStatus().isUnauthorized();
        }
        assertThat(ISSUER.calls()).as("nothing else of the directory without a token").isEqualTo(3);
        http.get().uri("/api/v1/people/me").exchange().expectStatus().isOk();
        assertThat(ISSUER.calls()).as("the directory with a token").isEqualTo(4);
    }

    @Test
    void shouldTellBackendsTheCallersAddressNotOneTheCallerChose() {
        anonymous().post().uri("/oauth2/token").header("X-Forwarded-For", "203.0.113.66")
                .header("Forwarded", "for=203.0.113.67")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("grant_type=client_credentials")
                .exchange().expectStatus().isOk();
        assertThat(ISSUER.last().header("X-Forwarded-For"))
                .as("the issuer's brake counts failures by this address").isEqualTo("127.0.0.1");
        assertThat(ISSUER.last().header("Forwarded")).isNull();
    }

    @Test
    void shouldOpenTheDashboardPagesButNotTheReportsTheyShow() {
        for (String path : List.of("/dashboard", "/dashboard/", "/dashboard/dashboard.js")) {
            anonymous().get().uri(path).exchange().expectStatus().isOk();
        }
        assertThat(REPORTS.calls()).isEqualTo(3);
        anonymous().get().uri("/api/v1/reports/units?district=cq-x").exchange().expectStatus().isUnauthorized();
        anonymous().get().uri("/dashboardx").exchange().expectStatus().isUnauthorized();
        assertThat(REPORTS.calls()).as("refused at the door").isEqualTo(3);
    }

    /** Providers push delivery receipts without a token (the backends check their secret); their neighbours stay shut. */
    @Test
    void shouldLetProvidersPushDeliveryReceiptsWithoutATokenButNothingBeside() {
        anonymous().post().uri("/api/v1/people/sms/reports?token=x").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[]").exchange().expectStatus().isOk();
        assertThat(ISSUER.calls()).as("Alibaba Cloud's SMS reports reach the issuer").isEqualTo(1);
        anonymous().get().uri("/api/v1/notices/receipts/wechat?signature=s&timestamp=1&nonce=n&echostr=e").exchange()
                .expectStatus().isOk();
        anonymous().post().uri("/api/v1/notices/receipts/wechat?signature=s&timestamp=1&nonce=n")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isOk();
        assertThat(NOTICES.calls()).as("WeChat's push reaches notification-service").isEqualTo(2);
        for (String path : List.of("/api/v1/people/sms/receipts?district=cq-x", "/api/v1/people/sms/reports/x",
                "/api/v1/people/sms")) {
            anonymous().get().uri(path).exchange().expectStatus().isUnauthorized();
        }
        for (String path : List.of("/api/v1/notices/receipts/wechat/x", "/api/v1/notices/receipts",
                "/api/v1/notices?district=cq-x")) {
            anonymous().post().uri(path).exchange().expectStatus().isUnauthorized();
        }
        assertThat(ISSUER.calls()).as("refused at the door").isEqualTo(1);
        assertThat(NOTICES.calls()).as("refused at the door").isEqualTo(2);
    }

    /** The page behind a certificate's QR code reads without a token; nothing else of certificates does. */
    @Test
    void shouldLetAnyoneReadACertificateByItsCodeButNothingMore() {
        anonymous().get().uri("/api/v1/certificates/verify/7K3M-Q9XT-2HWP-R4NB").exchange().expectStatus().isOk();
        assertThat(VOLUNTEERS.calls()).isEqualTo(1);
        anonymous().post().uri("/api/v1/certificates/verify/7K3M-Q9XT-2HWP-R4NB").exchange()
                .expectStatus().isUnauthorized();
        for (String path : List.of("/api/v1/certificates/verify", "/api/v1/certificates/verify/a/b",
                "/api/v1/volunteers/v1/certificates?district=cq-x")) {
            anonymous().get().uri(path).exchange().expectStatus().isUnauthorized();
        }
        assertThat(VOLUNTEERS.calls()).as("refused at the door").isEqualTo(1);
    }
}
