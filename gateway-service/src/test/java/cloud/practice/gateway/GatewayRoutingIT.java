package cloud.practice.gateway;

import cloud.practice.gateway.support.GatewayTestTokens;
import cloud.practice.gateway.support.LoopbackBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each service's paths reach that service: real HTTP backends on loopback, one per service. */
@org.springframework.context.annotation.Import(GatewayTestTokens.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingIT {

    private static final Map<String, LoopbackBackend> BACKENDS = Map.of(
            "HIERARCHY", LoopbackBackend.echo("hierarchy-service"),
            "VOLUNTEER", LoopbackBackend.echo("volunteer-service"),
            "REQUEST", LoopbackBackend.echo("request-service"),
            "REPORTING", LoopbackBackend.echo("reporting-service"),
            "NOTIFICATION", LoopbackBackend.echo("notification-service"));

    @Autowired
    WebTestClient http;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        GatewayTestTokens.register(registry);
        BACKENDS.forEach((service, backend) -> registry.add(service + "_SERVICE_URL", backend::url));
    }

    @BeforeEach
    void clear() {
        BACKENDS.values().forEach(LoopbackBackend::reset);
    }

    @AfterAll
    static void stop() {
        BACKENDS.values().forEach(LoopbackBackend::stop);
    }

    @Test
    void shouldRouteEveryServicesPathsToThatService() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/api/v1/org-units/u1", "hierarchy-service");
        expected.put("/api/v1/org-units/center/subtree?district=cq-jiulongpo", "hierarchy-service");
        expected.put("/api/v1/partners/p1", "hierarchy-service");
        expected.put("/api/v1/pairings", "hierarchy-service");
        expected.put("/api/v1/volunteers/v1", "volunteer-service");
        expected.put("/api/v1/teams/t1", "volunteer-service");
        expected.put("/api/v1/matching/preview", "volunteer-service");
        expected.put("/api/v1/certificates/verify/ABCD-EFGH", "volunteer-service");
        expected.put("/api/v1/menu/items", "request-service");
        expected.put("/api/v1/requests?status=open", "request-service");
        expected.put("/api/v1/activities/a1", "request-service");
        expected.put("/open311/v2/services.json", "request-service");
        expected.put("/api/v1/reports/district", "reporting-service");
        expected.put("/dashboard/", "reporting-service");
        expected.put("/api/v1/notices?district=cq-jiulongpo", "notification-service");
        expected.put("/api/v1/notices/preferences?district=cq-jiulongpo", "notification-service");
        expected.forEach((path, service) -> http.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(service + " GET " + path));
    }

    /** The live queue has a route of its own (never retried; ADR 0018), matched before the general request route. */
    @Test
    void shouldRouteTheLiveQueueByItsOwnRouteAndTheRestOfRequestsByTheirs() {
        String live = "/api/v1/requests/live?district=cq-jiulongpo";
        http.get().uri(live).exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("request-service GET " + live);
        http.get().uri("/api/v1/requests/req-1?district=cq-jiulongpo").exchange().expectStatus().isOk();
        await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(meters.find("practice.gateway.requests").tag("route", "request-live").timer())
                    .as("/requests/live by request-live").isNotNull();
            assertThat(meters.find("practice.gateway.requests").tag("route", "request").timers())
                    .as("/requests/{id} by request").isNotEmpty();
        });
    }

    /** A photo of several megabytes goes through on the evidence route only; the rest of requests keeps 1 MB. */
    @Test
    void shouldTakePhotosOfSeveralMegabytesOnTheEvidenceRouteAlone() {
        byte[] photo = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(photo, (byte) 7);
        for (String path : java.util.List.of("/api/v1/requests/r-1/evidence?district=cq&stage=CHECK_OUT",
                "/api/v1/activities/a-1/evidence?district=cq")) {
            http.post().uri(path).contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(photo).exchange()
                    .expectStatus().isOk();
            assertThat(BACKENDS.get("REQUEST").last().body()).as(path).hasSize(photo.length);
        }
        int calls = BACKENDS.get("REQUEST").calls();
        http.post().uri("/api/v1/requests/r-1/notes?district=cq").contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(photo).exchange().expectStatus().isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        http.post().uri("/api/v1/requests/r-1/evidence?district=cq").contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(new byte[12 * 1024 * 1024]).exchange().expectStatus().isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(BACKENDS.get("REQUEST").calls()).as("both refused at the door").isEqualTo(calls);
    }

    /** A roster of tens of megabytes goes through on the import route; the rest of the volunteer API keeps 1 MB. */
    @Test
    void shouldTakeARosterOfTensOfMegabytesOnTheImportRouteAlone() {
        byte[] roster = new byte[20 * 1024 * 1024];
        java.util.Arrays.fill(roster, (byte) ',');
        http.post().uri("/api/v1/volunteers/imports?district=cq").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(roster).exchange().expectStatus().isOk();
        assertThat(BACKENDS.get("VOLUNTEER").last().body()).hasSize(roster.length);
        int calls = BACKENDS.get("VOLUNTEER").calls();
        http.post().uri("/api/v1/volunteers?district=cq").contentType(MediaType.APPLICATION_JSON).bodyValue(roster)
                .exchange().expectStatus().isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(BACKENDS.get("VOLUNTEER").calls()).as("refused at the door").isEqualTo(calls);
    }

    @Test
    void shouldPassCommandsThroughWithBodyStatusAndHeaders() {
        LoopbackBackend request = BACKENDS.get("REQUEST");
        request.handler((exchange, call) -> {
            exchange.getResponseHeaders().set("Location", "/api/v1/requests/r-1");
            exchange.getResponseHeaders().set("ETag", "\"1\"");
            LoopbackBackend.respond(exchange, 201, "application/json", "{\"requestId\":\"r-1\"}");
        });
        try {
            http.post().uri("/api/v1/requests?district=cq").contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", "k-1")
                    .bodyValue("{\"menuItem\":\"meal-delivery\"}").exchange()
                    .expectStatus().isCreated()
                    .expectHeader().valueEquals("Location", "/api/v1/requests/r-1")
                    .expectHeader().valueEquals("ETag", "\"1\"")
                    .expectBody(String.class).isEqualTo("{\"requestId\":\"r-1\"}");
            LoopbackBackend.Received received = request.last();
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.uri()).isEqualTo("/api/v1/requests?district=cq");
            assertThat(new String(received.body())).isEqualTo("{\"menuItem\":\"meal-delivery\"}");
            assertThat(received.header("Idempotency-Key")).isEqualTo("k-1");
            assertThat(received.header("X-Correlation-Id")).isNotBlank();
        } finally {
            request.handler(null);
        }
    }

    @Test
    void shouldExposeEachServicesOpenApiDocumentUnderApiDocs() {
        Map.of("hierarchy", "HIERARCHY", "volunteer", "VOLUNTEER", "request", "REQUEST", "reporting", "REPORTING")
                .forEach((name, backend) -> {
                    http.get().uri("/api-docs/" + name).exchange().expectStatus().isOk();
                    LoopbackBackend.Received received = BACKENDS.get(backend).last();
                    assertThat(received.uri()).isEqualTo("/v3/api-docs");
                    // the backend sees the gateway's host, so springdoc's "servers" points at the gateway
                    assertThat(received.header("Host")).isEqualTo("localhost:" + port);
                });
    }

    @Test
    void shouldListEveryServicesDocumentInTheAggregatedSwaggerUi() {
        http.get().uri("/v3/api-docs/swagger-config").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls[*].url").<java.util.List<Object>>value(urls -> assertThat(urls).containsExactly(
                        "/api-docs/auth-server", "/api-docs/hierarchy", "/api-docs/notification", "/api-docs/reporting",
                        "/api-docs/request", "/api-docs/volunteer"))
                .jsonPath("$.urls[*].name").<java.util.List<Object>>value(names -> assertThat(names).containsExactly(
                        "auth-server", "hierarchy-service", "notification-service", "reporting-service",
                        "request-service", "volunteer-service"));
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        http.get().uri("/webjars/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    @Test
    void shouldAnswerUnknownPathsWithNotFoundProblem() {
        http.get().uri("/api/v1/nothing-here").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://practice.cloud/problems/not-found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.title").isEqualTo(HttpStatus.NOT_FOUND.getReasonPhrase())
                .jsonPath("$.detail").isEqualTo("No service answers /api/v1/nothing-here")
                .jsonPath("$.correlationId").isNotEmpty();
        BACKENDS.values().forEach(backend -> assertThat(backend.calls()).isZero());
    }

    @Test
    void shouldExposeHealth() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("UP"));
    }
}
