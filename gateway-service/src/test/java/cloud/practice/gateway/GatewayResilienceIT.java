package cloud.practice.gateway;

import cloud.practice.gateway.support.GatewayTestTokens;
import cloud.practice.gateway.support.LoopbackBackend;
import cloud.practice.gateway.support.ResettingBackend;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway fails soft (QUALITY.md): a stopped backend answers a fast 503 problem and opens its breaker, which
 * recovers through half-open when the backend returns; a slow backend times out (504); GETs are retried on 502 and
 * connection resets, POSTs never; a full bulkhead answers 503 at once; a client over its rate gets 429.
 * Every scenario has its own backend (and so its own breaker and bulkhead), on loopback.
 */
@org.springframework.context.annotation.Import(GatewayTestTokens.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=1500ms",
        "resilience4j.bulkhead.instances.narrow.max-concurrent-calls=2",
        "practice.gateway.routes.fragile.backend=fragile", "practice.gateway.routes.fragile.paths=/fragile/**",
        "practice.gateway.routes.slow.backend=slow", "practice.gateway.routes.slow.paths=/slow/**",
        "practice.gateway.routes.slow.response-timeout=300ms",
        "practice.gateway.routes.flaky.backend=flaky", "practice.gateway.routes.flaky.paths=/flaky/**",
        "practice.gateway.routes.resetting.backend=resetting", "practice.gateway.routes.resetting.paths=/resetting/**",
        "practice.gateway.routes.narrow.backend=narrow", "practice.gateway.routes.narrow.paths=/narrow/**",
        "practice.gateway.routes.limited.backend=steady", "practice.gateway.routes.limited.paths=/limited/**",
        "practice.gateway.routes.limited.rate-limit.requests-per-second=0.5",
        "practice.gateway.routes.limited.rate-limit.burst=3",
        "practice.gateway.routes.unlimited.backend=steady", "practice.gateway.routes.unlimited.paths=/unlimited/**"})
class GatewayResilienceIT {

    private static final LoopbackBackend FRAGILE = LoopbackBackend.echo("fragile");
    private static final LoopbackBackend SLOW = LoopbackBackend.with("slow", (exchange, call) -> {
        Thread.sleep(2_000);
        LoopbackBackend.respond(exchange, 200, "text/plain", "late");
    });
    private static final LoopbackBackend FLAKY = LoopbackBackend.with("flaky", (exchange, call) ->
            LoopbackBackend.respond(exchange, call == 1 ? 502 : 200, "text/plain", call == 1 ? "bad gateway" : "ok"));
    private static final ResettingBackend RESETTING = new ResettingBackend(1);
    private static final CountDownLatch RELEASE_NARROW = new CountDownLatch(1);
    private static final AtomicInteger NARROW_IN_FLIGHT = new AtomicInteger();
    private static final LoopbackBackend NARROW = LoopbackBackend.with("narrow", (exchange, call) -> {
        NARROW_IN_FLIGHT.incrementAndGet();
        RELEASE_NARROW.await(10, TimeUnit.SECONDS);
        LoopbackBackend.respond(exchange, 200, "text/plain", "done");
    });
    private static final LoopbackBackend STEADY = LoopbackBackend.echo("steady");

    @Autowired
    WebTestClient http;

    @Autowired
    CircuitBreakerRegistry breakers;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        GatewayTestTokens.register(registry);
        registry.add("practice.gateway.backends.fragile", FRAGILE::url);
        registry.add("practice.gateway.backends.slow", SLOW::url);
        registry.add("practice.gateway.backends.flaky", FLAKY::url);
        registry.add("practice.gateway.backends.resetting", RESETTING::url);
        registry.add("practice.gateway.backends.narrow", NARROW::url);
        registry.add("practice.gateway.backends.steady", STEADY::url);
    }

    @AfterAll
    static void stop() throws IOException {
        RELEASE_NARROW.countDown();
        for (LoopbackBackend backend : new LoopbackBackend[] {FRAGILE, SLOW, FLAKY, NARROW, STEADY}) {
            backend.stop();
        }
        RESETTING.close();
    }

    @Test
    void shouldAnswerAStoppedBackendWithAFast503OpenTheBreakerAndRecoverThroughHalfOpen() {
        CircuitBreaker breaker = breakers.circuitBreaker("fragile");
        http.get().uri("/fragile/units").exchange().expectStatus().isOk();

        FRAGILE.stop();
        int calls = 0;
        while (breaker.getState() != CircuitBreaker.State.OPEN) {
            assertThat(++calls).as("calls before the breaker opens").isLessThanOrEqualTo(5);
            long start = System.nanoTime();
            http.get().uri("/fragile/units").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://practice.cloud/problems/service-unavailable")
                    .jsonPath("$.service").isEqualTo("fragile")
                    .jsonPath("$.reason").isEqualTo("connection-failed");
            // refused connection, two retries with backoff (50 + 100 ms): well under a second
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
        assertThat(calls).as("1 success + 4 failures = 5 calls, the minimum, at 80 % failures").isEqualTo(4);

        // Open: answered at once without calling the backend, even though it is back.
        FRAGILE.restart();
        FRAGILE.reset();
        long start = System.nanoTime();
        http.get().uri("/fragile/units").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2")
                .expectBody()
                .jsonPath("$.service").isEqualTo("fragile")
                .jsonPath("$.reason").isEqualTo("circuit-open")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("fragile is unavailable"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
        assertThat(FRAGILE.calls()).isZero();

        // After the open period: half-open trial calls reach the backend, and their success closes the breaker.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                http.get().uri("/fragile/units").exchange().expectStatus().isOk());
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        http.get().uri("/fragile/units").exchange().expectStatus().isOk();
        http.get().uri("/fragile/units").exchange().expectStatus().isOk();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(FRAGILE.calls()).isEqualTo(3);
    }

    @Test
    void shouldAnswerASlowBackendWith504AfterTheResponseTimeoutWithoutRetrying() {
        long start = System.nanoTime();
        http.get().uri("/slow/report").exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://practice.cloud/problems/upstream-timeout")
                .jsonPath("$.service").isEqualTo("slow");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofMillis(1500));
        assertThat(SLOW.calls()).as("a timeout is not retried").isEqualTo(1);
    }

    @Test
    void shouldRetryAGetOnA502ButNeverAPost() {
        FLAKY.reset();
        http.get().uri("/flaky/items").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("ok");
        assertThat(FLAKY.calls()).as("first attempt 502, retried once").isEqualTo(2);

        FLAKY.reset();
        http.post().uri("/flaky/items").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(502);
        assertThat(FLAKY.calls()).as("a POST is sent once").isEqualTo(1);
    }

    @Test
    void shouldRetryAGetOnAConnectionResetButNeverAPost() {
        RESETTING.reset(1);
        http.get().uri("/resetting/items").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("ok");
        assertThat(RESETTING.calls()).as("reset once, then answered").isEqualTo(2);

        RESETTING.reset(1);
        http.post().uri("/resetting/items").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(502)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://practice.cloud/problems/bad-gateway")
                .jsonPath("$.service").isEqualTo("resetting");
        assertThat(RESETTING.calls()).as("a POST is sent once").isEqualTo(1);
    }

    @Test
    void shouldAnswer503AtOnceWhenTheBackendsBulkheadIsFull() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest slowCall = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/narrow/x"))
                .header("Authorization", GatewayTestTokens.bearer("bulkhead-test")).build();
        CompletableFuture<HttpResponse<String>> first = client.sendAsync(slowCall, HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> second = client.sendAsync(slowCall, HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> NARROW_IN_FLIGHT.get() == 2);

        long start = System.nanoTime();
        http.get().uri("/narrow/x").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://practice.cloud/problems/service-busy")
                .jsonPath("$.service").isEqualTo("narrow")
                .jsonPath("$.maxConcurrentCalls").isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(NARROW.calls()).isEqualTo(2);

        RELEASE_NARROW.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        http.get().uri("/narrow/x").exchange().expectStatus().isOk();
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceAClientsBurstIsSpent() {
        for (int i = 0; i < 3; i++) {
            http.get().uri("/limited/x").header("Authorization", GatewayTestTokens.bearer("integrator-a")).exchange().expectStatus().isOk();
        }
        http.get().uri("/limited/x").header("Authorization", GatewayTestTokens.bearer("integrator-a")).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, retryAfter ->
                        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 2))
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://practice.cloud/problems/rate-limited")
                .jsonPath("$.route").isEqualTo("limited")
                .jsonPath("$.burst").isEqualTo(3);
        assertThat(STEADY.calls()).isEqualTo(3);

        // Another client has its own bucket, and so has every person (keyed by the token's subject).
        http.get().uri("/limited/x").header("Authorization", GatewayTestTokens.bearer("integrator-b")).exchange().expectStatus().isOk();
        for (int i = 0; i < 3; i++) {
            http.get().uri("/limited/x").exchange().expectStatus().isOk();
        }
        http.get().uri("/limited/x").exchange().expectStatus().isEqualTo(429);
        String resident = "Bearer " + cloud.practice.testing.TestIdentity.get().token("resident-a", "RESIDENT",
                "cq-jiulongpo", null, java.util.List.of("requests:read"));
        for (int i = 0; i < 3; i++) {
            http.get().uri("/limited/x").header("Authorization", resident).exchange().expectStatus().isOk();
        }
        http.get().uri("/limited/x").header("Authorization", resident).exchange().expectStatus().isEqualTo(429);
        // Other routes are not affected by this route's limit.
        http.get().uri("/unlimited/x").header("Authorization", GatewayTestTokens.bearer("integrator-a")).exchange().expectStatus().isOk();
    }
}
