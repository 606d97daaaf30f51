package cloud.practice.gateway;

import cloud.practice.gateway.support.AdjustableClock;
import cloud.practice.gateway.support.GatewayTestTokens;
import cloud.practice.gateway.support.LoopbackBackend;
import cloud.practice.gateway.support.ResettingBackend;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway fails soft (QUALITY.md): a stopped backend gets a 503 problem on the refused connection and opens its
 * breaker, which recovers through half-open when the backend returns; a slow backend times out at its route's response
 * timeout (504); GETs are retried on 502 and connection resets, POSTs never; a full bulkhead answers 503 at once; a
 * client over its rate gets 429.
 * Every scenario has its own backend (and so its own breaker and bulkhead), on loopback.
 *
 * <p>Nothing here is timed: "at once" and "without calling the backend" are proven by the backend's call count, the
 * breaker's and bulkhead's own records and answers given while the backend still holds its calls; the open period
 * runs on a clock the test moves. How fast these answers are is measured by benchmarks (docs/benchmarks.md).
 */
@org.springframework.context.annotation.Import(GatewayTestTokens.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=1500ms",
        // fragile's breaker by name, so that it alone runs on the test's clock (FragileBreakerClock)
        "resilience4j.circuitbreaker.instances.fragile.base-config=default",
        // Only the slow route's own timeout can answer its call before the test's client gives up.
        "practice.gateway.route-defaults.response-timeout=60s",
        "resilience4j.bulkhead.instances.narrow.max-concurrent-calls=2",
        "practice.gateway.routes.fragile.backend=fragile", "practice.gateway.routes.fragile.paths=/fragile/**",
        "practice.gateway.routes.slow.backend=slow", "practice.gateway.routes.slow.paths=/slow/**",
        "practice.gateway.routes.slow.response-timeout=" + GatewayResilienceIT.SLOW_ROUTE_TIMEOUT,
        "practice.gateway.routes.flaky.backend=flaky", "practice.gateway.routes.flaky.paths=/flaky/**",
        "practice.gateway.routes.resetting.backend=resetting", "practice.gateway.routes.resetting.paths=/resetting/**",
        "practice.gateway.routes.narrow.backend=narrow", "practice.gateway.routes.narrow.paths=/narrow/**",
        "practice.gateway.routes.limited.backend=steady", "practice.gateway.routes.limited.paths=/limited/**",
        // One token back every 100 s: a busy machine cannot refill a bucket between a test's calls.
        "practice.gateway.routes.limited.rate-limit.requests-per-second=0.01",
        "practice.gateway.routes.limited.rate-limit.burst=3",
        "practice.gateway.routes.unlimited.backend=steady", "practice.gateway.routes.unlimited.paths=/unlimited/**"})
class GatewayResilienceIT {

    static final String SLOW_ROUTE_TIMEOUT = "300ms";

    private static final LoopbackBackend FRAGILE = LoopbackBackend.echo("fragile");
    /** Stands still until the test moves it: the open period cannot end early on a slow machine. */
    private static final AdjustableClock FRAGILE_BREAKER_CLOCK = AdjustableClock.stopped();
    private static final CountDownLatch RELEASE_SLOW = new CountDownLatch(1);
    /** Holds every call until the test is over: only the gateway's own timeout can answer it. */
    private static final LoopbackBackend SLOW = LoopbackBackend.with("slow", (exchange, call) -> {
        RELEASE_SLOW.await(60, TimeUnit.SECONDS);
        LoopbackBackend.respond(exchange, 200, "text/plain", "late");
    });
    private static final LoopbackBackend FLAKY = LoopbackBackend.with("flaky", (exchange, call) ->
            LoopbackBackend.respond(exchange, call == 1 ? 502 : 200, "text/plain", call == 1 ? "bad gateway" : "ok"));
    private static final ResettingBackend RESETTING = new ResettingBackend(1);
    private static final CountDownLatch RELEASE_NARROW = new CountDownLatch(1);
    private static final AtomicInteger NARROW_IN_FLIGHT = new AtomicInteger();
    private static final LoopbackBackend NARROW = LoopbackBackend.with("narrow", (exchange, call) -> {
        NARROW_IN_FLIGHT.incrementAndGet();
        RELEASE_NARROW.await(60, TimeUnit.SECONDS);
        LoopbackBackend.respond(exchange, 200, "text/plain", "done");
    });
    private static final LoopbackBackend STEADY = LoopbackBackend.echo("steady");

    @Autowired
    WebTestClient http;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    BulkheadRegistry bulkheads;

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

    @TestConfiguration
    static class FragileBreakerClock {

        @Bean
        CircuitBreakerConfigCustomizer fragileBreakerOnTheTestsClock() {
            return CircuitBreakerConfigCustomizer.of("fragile", config -> config.clock(FRAGILE_BREAKER_CLOCK));
        }
    }

    @AfterAll
    static void stop() throws IOException {
        RELEASE_NARROW.countDown();
        RELEASE_SLOW.countDown();
        for (LoopbackBackend backend : new LoopbackBackend[] {FRAGILE, SLOW, FLAKY, NARROW, STEADY}) {
            backend.stop();
        }
        RESETTING.close();
    }

    @Test
    void shouldAnswerAStoppedBackendWith503OpenTheBreakerAndRecoverThroughHalfOpen() {
        CircuitBreaker breaker = breakers.circuitBreaker("fragile");
        assertThat(breaker.getCircuitBreakerConfig().getClock()).as("runs on the test's clock")
                .isSameAs(FRAGILE_BREAKER_CLOCK);
        http.get().uri("/fragile/units").exchange().expectStatus().isOk();

        FRAGILE.stop();
        int calls = 0;
        while (breaker.getState() != CircuitBreaker.State.OPEN) {
            assertThat(++calls).as("calls before the breaker opens").isLessThanOrEqualTo(5);
            // connection-failed, not upstream-timeout: answered on the refused connection, no timeout waited for
            http.get().uri("/fragile/units").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://practice.cloud/problems/service-unavailable")
                    .jsonPath("$.service").isEqualTo("fragile")
                    .jsonPath("$.reason").isEqualTo("connection-failed");
            assertThat(breaker.getMetrics().getNumberOfFailedCalls()).as("a call and its retries count once")
                    .isEqualTo(calls);
        }
        assertThat(calls).as("1 success + 4 failures = 5 calls, the minimum, at 80 % failures").isEqualTo(4);

        // Open: answered without calling the backend, even though it is back.
        FRAGILE.restart();
        FRAGILE.reset();
        long notPermitted = breaker.getMetrics().getNumberOfNotPermittedCalls();
        expectCircuitOpen();
        assertThat(FRAGILE.calls()).as("the open breaker does not call the backend").isZero();
        assertThat(breaker.getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(notPermitted + 1);

        // Open for exactly its wait duration (1.5 s, on the breaker's clock): still refused just before its end...
        Duration openFor = Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState()
                .apply(1));
        FRAGILE_BREAKER_CLOCK.advance(openFor.minusMillis(1));
        expectCircuitOpen();
        assertThat(FRAGILE.calls()).isZero();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        // ...and after it, half-open: trial calls reach the backend, and their success closes the breaker.
        FRAGILE_BREAKER_CLOCK.advance(Duration.ofMillis(2));
        http.get().uri("/fragile/units").exchange().expectStatus().isOk();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        http.get().uri("/fragile/units").exchange().expectStatus().isOk();
        http.get().uri("/fragile/units").exchange().expectStatus().isOk();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(FRAGILE.calls()).isEqualTo(3);
    }

    /** The open breaker's own answer: Retry-After is its 1.5 s open period, rounded up. */
    private void expectCircuitOpen() {
        http.get().uri("/fragile/units").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://practice.cloud/problems/service-unavailable")
                .jsonPath("$.service").isEqualTo("fragile")
                .jsonPath("$.reason").isEqualTo("circuit-open")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("fragile is unavailable"));
    }

    @Test
    void shouldAnswerASlowBackendWith504AtTheRoutesResponseTimeoutWithoutRetrying() {
        CircuitBreaker breaker = breakers.circuitBreaker("slow");
        List<Throwable> recorded = new CopyOnWriteArrayList<>();
        breaker.getEventPublisher().onError(failure -> recorded.add(failure.getThrowable()));

        // The backend holds the call until the test ends, so this answer is the gateway's own.
        http.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                .get().uri("/slow/report").exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://practice.cloud/problems/upstream-timeout")
                .jsonPath("$.service").isEqualTo("slow");
        assertThat(SLOW.calls()).as("a timeout is not retried").isEqualTo(1);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).as("a timeout is the backend failing").isEqualTo(1);
        assertThat(recorded).singleElement().satisfies(failure -> assertThat(failure).rootCause()
                .isInstanceOf(org.springframework.cloud.gateway.support.TimeoutException.class)
                .as("the route's own response timeout fired, not the default")
                .hasMessageEndingWith(DurationStyle.detectAndParse(SLOW_ROUTE_TIMEOUT).toString()));
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

        Bulkhead bulkhead = bulkheads.bulkhead("narrow");
        List<String> rejections = new CopyOnWriteArrayList<>();
        bulkhead.getEventPublisher().onCallRejected(rejected -> rejections.add(rejected.getBulkheadName()));
        // No queue: a call finding the bulkhead full is refused, never parked waiting for a permit.
        assertThat(bulkhead.getBulkheadConfig().getMaxWaitDuration()).as("wait for a permit").isZero();

        http.get().uri("/narrow/x").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://practice.cloud/problems/service-busy")
                .jsonPath("$.service").isEqualTo("narrow")
                .jsonPath("$.maxConcurrentCalls").isEqualTo(2);
        assertThat(rejections).as("refused by the bulkhead").containsExactly("narrow");
        assertThat(NARROW.calls()).as("the refused call never reached the backend").isEqualTo(2);
        assertThat(first).as("answered while both calls still hold their permits").isNotDone();
        assertThat(second).isNotDone();
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isZero();

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
                // the time until the next token: 100 s at 0.01 tokens per second, less what this test has spent
                .expectHeader().value(HttpHeaders.RETRY_AFTER, retryAfter ->
                        assertThat(Integer.parseInt(retryAfter)).isBetween(51, 100))
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
