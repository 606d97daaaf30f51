package cloud.practice.request.open311;

import cloud.practice.support.security.Scopes;
import cloud.practice.testing.WithPlatformInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One application context for the Open311 ITs: two jurisdictions served (so jurisdiction_id is required; DISTRICT
 * with a public view for anonymous callers at two decimals and without descriptions, OTHER with none), plain-HTTP
 * callbacks allowed for the local webhook receiver (127.0.0.1 listed as an internal subscriber), three attempts 200 ms apart and growing. The district gets its
 * tree and menu once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Open311ItSupport {

    static final String DISTRICT = "o311-" + UUID.randomUUID().toString().substring(0, 8);
    static final String OTHER = "o311x-" + UUID.randomUUID().toString().substring(0, 8);
    static final String API_KEY = Open311Client.registerClient("hotline-" + DISTRICT, DISTRICT,
            List.of(Scopes.REQUESTS_READ, Scopes.REQUESTS_WRITE));

    @DynamicPropertySource
    static void open311(DynamicPropertyRegistry registry) {
        registry.add("practice.open311.jurisdictions", () -> DISTRICT + "," + OTHER);
        registry.add("practice.open311.webhooks.allow-plain-http", () -> "true");
        registry.add("practice.open311.webhooks.allowed-internal-hosts", () -> "127.0.0.1");
        registry.add("practice.open311.webhooks.max-attempts", () -> "3");
        registry.add("practice.open311.webhooks.initial-backoff", () -> "PT0.2S");
        registry.add("practice.open311.webhooks.poll-interval", () -> "PT0.1S");
        // Anonymous reads: DISTRICT shows its public view at about 1 km and without descriptions, OTHER none at all.
        registry.add("practice.open311.public-view-overrides." + DISTRICT + ".location-decimals", () -> "2");
        registry.add("practice.open311.public-view-overrides." + DISTRICT + ".descriptions", () -> "false");
        registry.add("practice.open311.public-view-overrides." + OTHER + ".enabled", () -> "false");
    }

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    cloud.practice.request.directory.VolunteerDirectory volunteers;

    Open311Client open311;
    /** The district's own machine client for /api/v1 lifecycle steps. */
    Open311Client operator;

    @BeforeAll
    void districtWithTreeAndMenu() {
        open311 = new Open311Client(port, Open311Client.Auth.apiKey(API_KEY));
        operator = new Open311Client(port, Open311Client.Auth.bearer(Open311Client.systemToken("ops-" + DISTRICT,
                DISTRICT, Scopes.ALL)));
        Open311Fixture.publishTree(DISTRICT);
        ok(operator.json(HttpMethod.PUT, "/api/v1/menu/items/CARE-ESCORT?district=" + DISTRICT, Open311Fixture.ESCORT));
        ok(operator.json(HttpMethod.PUT, "/api/v1/menu/items/TALK?district=" + DISTRICT, Open311Fixture.LECTURE));
        await().atMost(Duration.ofSeconds(30)).until(() -> operator.get("/api/v1/menu/items/CARE-ESCORT",
                Map.of("district", DISTRICT)).getStatusCode().value() == 200 && operator.get("/api/v1/menu/items/TALK",
                Map.of("district", DISTRICT)).getStatusCode().value() == 200);
        // The tree copy arrives over Kafka: wait until a request can find its station.
        ResponseEntity<String> warmUp = await().atMost(Duration.ofSeconds(60)).until(() -> operator.json(HttpMethod.POST,
                "/api/v1/requests?district=" + DISTRICT, """
                        {"menuItem":"TALK","location":{"latitude":29.507,"longitude":106.511},"channel":"APP",
                         "requesterId":"warm-up"}"""), response -> response.getStatusCode().value() == 201);
        String warmUpId = Open311Client.json(warmUp).get("requestId").asText();
        // ... and until the read model shows it, so later counts are not disturbed by it.
        await().atMost(Duration.ofSeconds(20)).until(() -> operator.get("/api/v1/requests/" + warmUpId,
                Map.of("district", DISTRICT)).getStatusCode().value() == 200);
    }

    static void ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }
}
