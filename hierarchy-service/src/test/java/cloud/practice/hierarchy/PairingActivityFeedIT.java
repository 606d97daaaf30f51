package cloud.practice.hierarchy;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.ActivityClosed;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.testing.TestInfrastructure;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An activity request-service held for a pairing reaches the pairing's log once, even when redelivered. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class PairingActivityFeedIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    final String district = "feed-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void shouldRecordAClosedActivityOfAPairingOnceEvenWhenRedelivered() throws Exception {
        post("/api/v1/org-units/import?district=" + district + "&effectiveDate=2026-01-01", """
                [{"unitId":"center","code":"C","name":"中心","tier":"CENTER"},
                 {"unitId":"i-1","code":"I1","name":"所","tier":"INSTITUTE","parentId":"center"},
                 {"unitId":"s-1","code":"S1","name":"站","tier":"STATION","parentId":"i-1"}]""");
        post("/api/v1/partners?district=" + district, "{\"partnerId\":\"p-1\",\"type\":\"PARTY_ORGANISATION\",\"name\":\"区委组织部\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForEntity("/api/v1/org-units/s-1?district="
                + district, String.class).getStatusCode().is2xxSuccessful()
                && http.getForObject("/api/v1/partners?district=" + district, String.class).contains("p-1"));
        post("/api/v1/pairings?district=" + district, "{\"pairingId\":\"pair-feed\",\"partnerId\":\"p-1\","
                + "\"stationIds\":[\"s-1\"],\"model\":\"COMMUNITY_ALLIANCE\",\"activitiesPerQuarter\":1,\"startDate\":\"2026-02-01\"}");

        String activityId = "activity-" + UUID.randomUUID();
        ActivityPublished published = new ActivityPublished(activityId, district, "s-1", ServicePlatform.CULTURE,
                "党员进社区", "盘龙广场", null, Instant.parse("2026-10-01T01:00:00Z"),
                Instant.parse("2026-10-01T03:00:00Z"), 10, 50, Instant.parse("2026-09-20T00:00:00Z"),
                Instant.parse("2026-09-30T00:00:00Z"), "pair-feed");
        ActivityClosed closed = new ActivityClosed(activityId, district, 8, 40, "顺利", Instant.parse("2026-10-01T04:00:00Z"));
        publish(activityId, 0, published);
        publish(activityId, 1, closed);
        publish(activityId, 1, closed); // redelivered

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode pairing = json.readTree(http.getForObject("/api/v1/pairings/pair-feed?district=" + district, String.class));
            assertThat(pairing.get("activities")).hasSize(1);
            assertThat(pairing.get("activities").get(0).get("heldOn").asText()).isEqualTo("2026-10-01");
            assertThat(pairing.get("activities").get(0).get("activityId").asText()).isEqualTo(activityId);
        });
    }

    private void publish(String activityId, long sequence, DomainEvent event) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new CloudEventCodec().encode(new GenericDomainEventMessage<>("Activity", activityId, sequence, event)));
        }
    }

    private void post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        var response = http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as("POST %s: %s", path, response.getBody()).isTrue();
    }
}
