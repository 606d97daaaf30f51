package cloud.practice.volunteer.support;

import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.testing.WithPlatformInfrastructure;
import cloud.practice.support.tree.OrgUnitDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * volunteer-service against real Kafka and a real MongoDB-wire server. Every IT extends this one class, so they share
 * one application context (and database); each uses districts of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "practice.messaging.consumer-backoff=100ms", "practice.messaging.consumer-retries=1"})
@WithPlatformInfrastructure
public abstract class PlatformTestBase {

    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    protected TestRestTemplate rest;
    @Autowired
    protected ObjectMapper json;
    @Autowired
    protected OrgUnitDirectory units;
    @Autowired
    protected MongoTemplate mongo;

    protected Http http;

    @BeforeEach
    protected void client() {
        http = new Http(rest, json);
    }

    protected static String newDistrict(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes the district's tree on the hierarchy topic and waits until this service has its copy. */
    protected void treeOf(String district) {
        Platform.publishTree(district);
        await().atMost(PATIENCE).until(() -> units.unit(district, "s-closed")
                .map(unit -> unit.status() == OrgUnitStatus.CLOSED).orElse(false)
                && units.unit(district, "s-yj").isPresent());
    }

    /** Registers and waits until the volunteer can be read. */
    protected String register(String district, Map<String, Object> body) {
        return register(http, district, body);
    }

    protected String register(Http client, String district, Map<String, Object> body) {
        ResponseEntity<String> created = client.post("/api/v1/volunteers?district=" + district, body);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        String volunteerId = client.read(created).get("volunteerId").asText();
        awaitVolunteer(district, volunteerId, node -> true);
        return volunteerId;
    }

    protected JsonNode awaitVolunteer(String district, String volunteerId,
                                      java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(PATIENCE).until(() -> {
            ResponseEntity<String> found = http.get("/api/v1/volunteers/" + volunteerId + "?district=" + district);
            return found.getStatusCode().value() == 200 ? http.read(found) : null;
        }, node -> node != null && condition.test(node));
    }

    protected JsonNode awaitJson(String path, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(PATIENCE).until(() -> {
            ResponseEntity<String> found = http.get(path);
            return found.getStatusCode().value() == 200 ? http.read(found) : null;
        }, node -> node != null && condition.test(node));
    }
}
