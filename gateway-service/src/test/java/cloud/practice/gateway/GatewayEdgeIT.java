package cloud.practice.gateway;

import cloud.practice.gateway.support.GatewayTestTokens;
import cloud.practice.gateway.support.LoopbackBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the gateway does to every request on its way through: correlation ids, CORS, body size limits, gzip, the
 * access log with personal data masked, and the Prometheus meters.
 */
@org.springframework.context.annotation.Import(GatewayTestTokens.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "practice.gateway.cors.allowed-origins=https://dashboard.example.org, https://tv.example.org",
        "practice.gateway.routes.volunteer.max-body-size=1KB"})
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
class GatewayEdgeIT {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final LoopbackBackend VOLUNTEERS = LoopbackBackend.echo("volunteer-service");

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    /** A client without the default platform token. */
    WebTestClient anonymous() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    /** The management port: not published, so no token (Prometheus scrapes it as it is). */
    WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        GatewayTestTokens.register(registry);
        registry.add("VOLUNTEER_SERVICE_URL", VOLUNTEERS::url);
    }

    @BeforeEach
    void clear() {
        VOLUNTEERS.reset();
        VOLUNTEERS.handler(null);
    }

    @AfterAll
    static void stop() {
        VOLUNTEERS.stop();
    }

    @Test
    void shouldCreateACorrelationIdWhenNoneIsGiven() {
        String returned = http.get().uri("/api/v1/volunteers/v1").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(returned).matches(UUID);
        assertThat(VOLUNTEERS.last().header("X-Correlation-Id")).isEqualTo(returned);
    }

    @Test
    void shouldPropagateAValidCorrelationIdAndReplaceAnInvalidOne() {
        http.get().uri("/api/v1/volunteers/v1").header("X-Correlation-Id", "order-42.retry_1").exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Correlation-Id", "order-42.retry_1");
        assertThat(VOLUNTEERS.last().header("X-Correlation-Id")).isEqualTo("order-42.retry_1");

        for (String invalid : new String[] {"a".repeat(65), "has space", "semi;colon", "<script>"}) {
            String returned = http.get().uri("/api/v1/volunteers/v1").header("X-Correlation-Id", invalid).exchange()
                    .expectStatus().isOk().returnResult(String.class).getResponseHeaders().getFirst("X-Correlation-Id");
            assertThat(returned).as("replacement for %s", invalid).matches(UUID);
            assertThat(VOLUNTEERS.last().header("X-Correlation-Id")).isEqualTo(returned);
        }
    }

    @Test
    void shouldReturnTheGatewaysCorrelationIdEvenWhenTheBackendSendsAnother() {
        VOLUNTEERS.handler((exchange, call) -> {
            exchange.getResponseHeaders().set("X-Correlation-Id", "backend-made-this-up");
            LoopbackBackend.respond(exchange, 200, "text/plain", "ok");
        });
        http.get().uri("/api/v1/volunteers/v1").header("X-Correlation-Id", "caller-1").exchange()
                .expectStatus().isOk()
                .expectHeader().values("X-Correlation-Id", values -> assertThat(values).containsExactly("caller-1"));
    }

    @Test
    void shouldAllowPreflightFromAConfiguredOrigin() {
        http.options().uri("/api/v1/volunteers/v1")
                .header(HttpHeaders.ORIGIN, "https://dashboard.example.org")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, Content-Type, X-Correlation-Id")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://dashboard.example.org")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("POST"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        headers -> assertThat(headers.toLowerCase()).contains("authorization", "content-type", "x-correlation-id"));
        assertThat(VOLUNTEERS.calls()).as("a preflight never reaches the backend").isZero();

        http.get().uri("/api/v1/volunteers/v1").header(HttpHeaders.ORIGIN, "https://tv.example.org").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://tv.example.org")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed).contains("X-Correlation-Id"));
    }

    @Test
    void shouldRefuseCrossOriginCallsFromOtherOrigins() {
        http.options().uri("/api/v1/volunteers/v1")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://practice.cloud/problems/cors-origin-refused");
        http.post().uri("/api/v1/volunteers").header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isForbidden();
        assertThat(VOLUNTEERS.calls()).isZero();
    }

    @Test
    void shouldRefuseAnOversizedBodyWith413BeforeCallingTheBackend() {
        byte[] body = new byte[2048];
        Arrays.fill(body, (byte) 'x');
        http.post().uri("/api/v1/volunteers").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://practice.cloud/problems/payload-too-large")
                .jsonPath("$.maxBytes").isEqualTo(1024);
        assertThat(VOLUNTEERS.calls()).isZero();

        // at the limit it passes
        http.post().uri("/api/v1/volunteers").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Arrays.copyOf(body, 1024)).exchange().expectStatus().isOk();
    }

    @Test
    void shouldRefuseAnOversizedChunkedBodyWith413() {
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        Flux<DataBuffer> chunks = Flux.range(0, 8).map(i -> buffers.wrap(new byte[512]));
        http.post().uri("/api/v1/volunteers").contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks, DataBuffer.class).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("https://practice.cloud/problems/payload-too-large");
        assertThat(VOLUNTEERS.received()).as("no complete request reached the backend")
                .allSatisfy(received -> assertThat(received.body().length).isLessThanOrEqualTo(1024));
    }

    @Test
    void shouldGzipResponsesWhenAsked() throws Exception {
        String json = "{\"volunteers\":[" + "{\"name\":\"志愿者\",\"skills\":[\"meal-delivery\"]},".repeat(100) + "{}]}";
        VOLUNTEERS.handler((exchange, call) -> LoopbackBackend.respond(exchange, 200, "application/json", json));
        // The JDK client, because WebTestClient's Reactor connector asks for gzip itself and decodes it silently.
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/volunteers");

        HttpResponse<byte[]> gzipped = client.send(HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip")
                        .header("Authorization", GatewayTestTokens.bearer("gzip-test")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.body().length).isLessThan(json.getBytes(StandardCharsets.UTF_8).length / 4);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(json);
        }

        HttpResponse<String> plain = client.send(HttpRequest.newBuilder(uri)
                        .header("Authorization", GatewayTestTokens.bearer("gzip-test")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body()).isEqualTo(json);
    }

    @Test
    void shouldGzipJavaScriptAsServersLabelIt() throws Exception {
        // Spring's static resources label .js files text/javascript (RFC 9239), not application/javascript.
        String script = "const 志愿者 = ['meal-delivery'];\n".repeat(200);
        VOLUNTEERS.handler((exchange, call) -> LoopbackBackend.respond(exchange, 200, "text/javascript;charset=UTF-8",
                script));
        HttpResponse<byte[]> gzipped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/volunteers")).header("Accept-Encoding", "gzip")
                        .header("Authorization", GatewayTestTokens.bearer("gzip-test")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(script);
        }
    }

    @Test
    void shouldWriteOneAccessLogLineWithPersonalDataMasked(CapturedOutput output) {
        http.get().uri("/api/v1/volunteers/by-phone/13812345678?phone=13912345678&idNumber=11010519491231002X&name=张三")
                .header("X-Correlation-Id", "log-test-1").header("Authorization", GatewayTestTokens.bearer("station-app"))
                .exchange().expectStatus().isOk();

        // written when the exchange completes, which may be a moment after the client has its answer
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("cid=log-test-1"));
        String line = output.getOut().lines().filter(l -> l.contains("cid=log-test-1")).findFirst().orElseThrow();
        assertThat(line).contains("GET /api/v1/volunteers/by-phone/138****5678?phone=&idNumber=&name= 200 ",
                "route=volunteer", "client=station-app", "cid=log-test-1");
        assertThat(output.getOut()).doesNotContain("13812345678", "13912345678", "11010519491231002X", "张三");
        assertThat(output.getOut().lines().filter(l -> l.contains("cid=log-test-1"))).hasSize(1);
    }

    @Test
    void shouldRefuseAnonymousMetricsOnThePublicPortAndOpenOnlyHealth() {
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/info",
                "/actuator/gateway/routes", "/actuator/circuitbreakers")) {
            anonymous().get().uri(path).exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.type").isEqualTo("https://practice.cloud/problems/unauthenticated");
            anonymous().get().uri(path).header(HttpHeaders.AUTHORIZATION, GatewayTestTokens.bearer("any-client"))
                    .exchange().expectStatus().isNotFound(); // not on the public port at all: the management port's
        }
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            anonymous().get().uri(path).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
        }
        anonymous().get().uri("/actuator/health/nonsense").exchange().expectStatus().isNotFound();
        management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        management().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        management().get().uri("/api/v1/volunteers/v1").exchange().expectStatus().isNotFound(); // no routes there
        management().get().uri("/oauth2/jwks").exchange().expectStatus().isNotFound();
        assertThat(VOLUNTEERS.calls()).as("nothing reaches a backend through the management port").isZero();
    }

    @Test
    void shouldMeterRequestsPerRouteAndClientAndRejectionsByReason() {
        http.get().uri("/api/v1/volunteers/v1").header("Authorization", GatewayTestTokens.bearer("metrics-client")).exchange()
                .expectStatus().isOk();
        http.post().uri("/api/v1/volunteers").header("Authorization", GatewayTestTokens.bearer("metrics-client"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(new byte[4096]).exchange()
                .expectStatus().isEqualTo(413);
        http.method(HttpMethod.GET).uri("/not-routed").exchange().expectStatus().isNotFound();

        String metrics = management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics.lines()).anySatisfy(l -> assertThat(l).startsWith("practice_gateway_requests_seconds_count{")
                .contains("route=\"volunteer\"", "method=\"GET\"", "status=\"200\""));
        assertThat(metrics.lines()).anySatisfy(l -> assertThat(l).startsWith("practice_gateway_requests_seconds_bucket{")
                .contains("route=\"volunteer\""));
        assertThat(metrics.lines()).anySatisfy(l -> assertThat(l)
                .startsWith("practice_gateway_client_requests_total{").contains("client=\"metrics-client\"", "route=\"volunteer\""));
        assertThat(metrics.lines()).anySatisfy(l -> assertThat(l).startsWith("practice_gateway_rejections_total{")
                .contains("reason=\"payload-too-large\"", "route=\"volunteer\"", "client=\"metrics-client\""));
        assertThat(metrics.lines()).anySatisfy(l -> assertThat(l).startsWith("practice_gateway_rejections_total{")
                .contains("reason=\"not-found\"", "route=\"unrouted\""));
        assertThat(metrics.lines()).anySatisfy(l -> assertThat(l).startsWith("resilience4j_circuitbreaker_state{")
                .contains("name=\"volunteer-service\""));
    }
}
