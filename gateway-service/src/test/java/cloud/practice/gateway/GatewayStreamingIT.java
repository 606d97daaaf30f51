package cloud.practice.gateway;

import cloud.practice.gateway.support.AdjustableClock;
import cloud.practice.gateway.support.GatewayTestTokens;
import cloud.practice.gateway.support.LoopbackBackend;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Streams (server-sent events, the live queue of ADR 0018) through the gateway against loopback backends: each event
 * reaches the client while the backend keeps the stream open (no buffering); an open stream holds no bulkhead permit
 * and is no slow call for the breaker (a call is done for them once its response begins); the route's response
 * timeout does not cut a stream that has begun; a stream route ordered before the backend's general route, with no
 * retries, is matched first and never retried. Order is coordinated by latches; the breaker runs on a clock the test
 * moves.
 */
@org.springframework.context.annotation.Import(GatewayTestTokens.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "practice.gateway.routes.ticker-live.backend=ticker", "practice.gateway.routes.ticker-live.paths=/ticker/live/**",
        "practice.gateway.routes.ticker-live.response-timeout=" + GatewayStreamingIT.RESPONSE_TIMEOUT,
        // the crowded backend: its streams are matched before its ordinary route (order) and never retried, as the
        // shipped request-live route is; its bulkhead holds 2 calls
        "practice.gateway.routes.crowded.backend=crowded", "practice.gateway.routes.crowded.paths=/crowded/**",
        "practice.gateway.routes.crowded-live.backend=crowded", "practice.gateway.routes.crowded-live.paths=/crowded/live/**",
        "practice.gateway.routes.crowded-live.order=-1", "practice.gateway.routes.crowded-live.retry.retries=0",
        "resilience4j.bulkhead.instances.crowded.max-concurrent-calls=" + GatewayStreamingIT.BULKHEAD,
        "practice.gateway.routes.lasting-live.backend=lasting", "practice.gateway.routes.lasting-live.paths=/lasting/live/**",
        "resilience4j.circuitbreaker.instances.lasting.base-config=default",
        "resilience4j.circuitbreaker.instances.lasting.slow-call-duration-threshold=" + GatewayStreamingIT.SLOW_CALL})
class GatewayStreamingIT {

    static final String RESPONSE_TIMEOUT = "300ms";
    static final String SLOW_CALL = "1s";
    static final int BULKHEAD = 2;
    /** Less than the backend waits for a latch (60 s). */
    static final Duration WITHIN = Duration.ofSeconds(20);

    /** Per stream (its path): released by the test to let the backend send its second event, then to end. */
    private static final Map<String, CountDownLatch> SECOND = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> END = new ConcurrentHashMap<>();
    private static final LoopbackBackend.Handler SSE = (exchange, call) -> {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/refused")) {
            LoopbackBackend.respond(exchange, 502, "application/problem+json", "{\"status\":502}");
            return;
        }
        if (path.endsWith("/slow")) { // answers only when the test lets it: beyond any route timeout
            latch(SECOND, path).await(60, TimeUnit.SECONDS);
            LoopbackBackend.respond(exchange, 200, "text/plain", "late");
            return;
        }
        if (!path.contains("/live/")) {
            LoopbackBackend.respond(exchange, 200, "text/plain", "ordinary");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        event(out, "one");
        latch(SECOND, path).await(60, TimeUnit.SECONDS);
        event(out, "two");
        latch(END, path).await(60, TimeUnit.SECONDS);
        out.close();
    };

    private static final LoopbackBackend TICKER = LoopbackBackend.with("ticker", SSE);
    private static final LoopbackBackend CROWDED = LoopbackBackend.with("crowded", SSE);
    private static final LoopbackBackend LASTING = LoopbackBackend.with("lasting", SSE);
    private static final AdjustableClock LASTING_BREAKER_CLOCK = AdjustableClock.stopped();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
        registry.add("practice.gateway.backends.ticker", TICKER::url);
        registry.add("practice.gateway.backends.crowded", CROWDED::url);
        registry.add("practice.gateway.backends.lasting", LASTING::url);
    }

    @TestConfiguration
    static class LastingBreakerClock {

        @Bean
        CircuitBreakerConfigCustomizer lastingBreakerOnTheTestsClock() {
            return CircuitBreakerConfigCustomizer.of("lasting", config -> config.clock(LASTING_BREAKER_CLOCK));
        }
    }

    @AfterAll
    static void stop() {
        SECOND.values().forEach(CountDownLatch::countDown);
        END.values().forEach(CountDownLatch::countDown);
        for (LoopbackBackend backend : new LoopbackBackend[] {TICKER, CROWDED, LASTING}) {
            backend.stop();
        }
    }

    @Test
    void shouldPassEachEventOnWhileTheBackendHoldsTheStreamBeyondTheResponseTimeout() throws Exception {
        String path = "/ticker/live/one";
        try (Stream stream = open(path)) {
            assertThat(stream.response.statusCode()).isEqualTo(200);
            assertThat(stream.response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/event-stream"));
            // The backend has sent "one" and waits for the test: it arrives alone, not buffered behind "two".
            assertThat(stream.nextData()).isEqualTo("one");
            // Meanwhile a call on the same route whose answer does not begin is cut by the route's 300 ms response
            // timeout: once that 504 is back, the silent stream has outlived the timeout, which bounds only the wait
            // for a response to begin; then the stream goes on.
            http.get().uri("/ticker/live/slow").exchange().expectStatus().isEqualTo(504);
            latch(SECOND, path).countDown();
            assertThat(stream.nextData()).isEqualTo("two");
            latch(END, path).countDown();
            assertThat(stream.nextData()).as("the backend ended it, nothing else").isNull();
        }
    }

    @Test
    void shouldMatchTheStreamRouteFirstAndNeverRetryIt() {
        int before = CROWDED.calls();
        http.get().uri("/crowded/live/refused").exchange().expectStatus().isEqualTo(502);
        assertThat(CROWDED.calls() - before).as("the ordinary route (also matching) retries a GET on 502; the stream "
                + "route, matched first, does not").isEqualTo(1);
    }

    @Test
    void shouldServeOrdinaryCallsWhileMoreStreamsAreOpenThanTheBulkheadHolds() throws Exception {
        List<Stream> streams = new ArrayList<>();
        try {
            for (int i = 0; i <= BULKHEAD; i++) {
                Stream stream = open("/crowded/live/" + i);
                assertThat(stream.response.statusCode()).as("stream %d", i).isEqualTo(200);
                assertThat(stream.nextData()).isEqualTo("one");
                streams.add(stream);
            }
            assertThat(bulkheads.bulkhead("crowded").getMetrics().getAvailableConcurrentCalls())
                    .as("open streams hold no permit").isEqualTo(BULKHEAD);
            http.get().uri("/crowded/units").exchange().expectStatus().isOk()
                    .expectBody(String.class).isEqualTo("ordinary");
        } finally {
            for (int i = 0; i <= BULKHEAD; i++) {
                latch(SECOND, "/crowded/live/" + i).countDown();
                latch(END, "/crowded/live/" + i).countDown();
            }
            for (Stream stream : streams) {
                stream.close();
            }
        }
    }

    @Test
    void shouldNotCountAStreamHeldLongerThanTheSlowCallThresholdAsSlow() throws Exception {
        CircuitBreaker breaker = breakers.circuitBreaker("lasting");
        assertThat(breaker.getCircuitBreakerConfig().getClock()).isSameAs(LASTING_BREAKER_CLOCK);
        int calls = breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls();
        for (int i = 0; i < calls; i++) {
            String path = "/lasting/live/" + i;
            try (Stream stream = open(path)) {
                assertThat(stream.nextData()).isEqualTo("one");
                // The stream stays open for twice the slow-call threshold on the breaker's clock.
                LASTING_BREAKER_CLOCK.advance(Duration.ofSeconds(2));
                latch(SECOND, path).countDown();
                assertThat(stream.nextData()).isEqualTo("two");
                latch(END, path).countDown();
                assertThat(stream.nextData()).isNull();
            }
        }
        await().atMost(WITHIN).until(() -> breaker.getMetrics().getNumberOfSuccessfulCalls() == calls);
        assertThat(breaker.getMetrics().getNumberOfSlowCalls()).isZero();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private static CountDownLatch latch(Map<String, CountDownLatch> latches, String path) {
        return latches.computeIfAbsent(path, key -> new CountDownLatch(1));
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("event: tick\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private Stream open(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream")
                .header("Authorization", GatewayTestTokens.bearer("console-" + path.hashCode())).GET().build();
        return new Stream(HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    /**
     * A client reading the stream as it comes: the data of each event in turn. Reads wait at most {@link #WITHIN}, less
     * than the backend holds an event back, so a buffered stream fails instead of arriving late.
     */
    private static final class Stream implements AutoCloseable {

        private static final String END = "<end>";

        final HttpResponse<InputStream> response;
        final BlockingQueue<String> data = new LinkedBlockingQueue<>();

        Stream(HttpResponse<InputStream> response) {
            this.response = response;
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("data: ")) {
                            data.add(line.substring("data: ".length()));
                        }
                    }
                } catch (IOException closed) {
                    // closed by the test
                } finally {
                    data.add(END);
                }
            }, "stream-client");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next event's data, or null when the stream has ended. */
        String nextData() throws InterruptedException {
            String next = data.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(next).as("an event within " + WITHIN).isNotNull();
            return END.equals(next) ? null : next;
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }
}
