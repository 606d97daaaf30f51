package cloud.practice.gateway;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Each service's paths reach that service: real HTTP backends on loopback, one per service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingIT {

    private static final Map<String, HttpServer> BACKENDS = Map.of(
            "HIERARCHY", backend("hierarchy-service"),
            "VOLUNTEER", backend("volunteer-service"),
            "REQUEST", backend("request-service"),
            "REPORTING", backend("reporting-service"));

    @Autowired
    WebTestClient http;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        BACKENDS.forEach((service, server) -> registry.add(service + "_SERVICE_URL",
                () -> "http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterAll
    static void stop() {
        BACKENDS.values().forEach(server -> server.stop(0));
    }

    @Test
    void shouldRouteEveryServicesPathsToThatService() {
        Map<String, String> expected = Map.of(
                "/api/v1/org-units/u1", "hierarchy-service",
                "/api/v1/pairings", "hierarchy-service",
                "/api/v1/volunteers/v1", "volunteer-service",
                "/api/v1/matching/preview", "volunteer-service",
                "/api/v1/requests?status=open", "request-service",
                "/open311/v2/services.json", "request-service",
                "/api/v1/reports/district", "reporting-service",
                "/dashboard/", "reporting-service");
        expected.forEach((path, service) -> http.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(service + " " + path));
    }

    @Test
    void shouldAnswerUnknownPathsWithNotFound() {
        http.get().uri("/api/v1/nothing-here").exchange().expectStatus().isNotFound();
    }

    @Test
    void shouldExposeHealth() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body).contains("UP"));
    }

    private static HttpServer backend(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = (name + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
