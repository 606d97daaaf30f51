package cloud.practice.hierarchy;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.ActivityClosed;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.hierarchy.pairing.api.PairingCommands;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.kafka.ProcessedEventLedger;
import cloud.practice.testing.TestInfrastructure;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An activity request-service held for a pairing reaches the pairing's log once, even when redelivered; and only a
 * running pairing of the activity's own district.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class PairingActivityFeedIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    ProcessedEventLedger ledger;
    @Autowired
    EventStore eventStore;

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

    @Test
    void shouldNotRecordAnActivityOfOneDistrictInAnotherDistrictsPairing() throws Exception {
        String districtA = "feed-a-" + UUID.randomUUID().toString().substring(0, 8);
        String districtB = "feed-b-" + UUID.randomUUID().toString().substring(0, 8);
        for (String d : List.of(districtA, districtB)) {
            post("/api/v1/org-units/import?district=" + d + "&effectiveDate=2026-01-01", """
                    [{"unitId":"center","code":"C","name":"中心","tier":"CENTER"},
                     {"unitId":"i-1","code":"I1","name":"所","tier":"INSTITUTE","parentId":"center"},
                     {"unitId":"s-1","code":"S1","name":"站","tier":"STATION","parentId":"i-1"}]""");
        }
        post("/api/v1/partners?district=" + districtB, "{\"partnerId\":\"p-1\",\"type\":\"PARTY_ORGANISATION\",\"name\":\"区委组织部\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForEntity("/api/v1/org-units/s-1?district="
                + districtB, String.class).getStatusCode().is2xxSuccessful()
                && http.getForObject("/api/v1/partners?district=" + districtB, String.class).contains("p-1"));
        post("/api/v1/pairings?district=" + districtB, "{\"pairingId\":\"pairing-1\",\"partnerId\":\"p-1\","
                + "\"stationIds\":[\"s-1\"],\"model\":\"COMMUNITY_ALLIANCE\",\"activitiesPerQuarter\":1,\"startDate\":\"2026-02-01\"}");
        String health = "/api/v1/pairings/health?district=" + districtB + "&unitId=center&inactiveDays=30&asOf=2026-10-15";
        await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(http.getForObject(health, String.class))
                .get("runningPairings").asInt() == 1);
        assertThat(json.readTree(http.getForObject(health, String.class)).get("dormantPairings").get(0)
                .get("lastActivity").isNull()).isTrue();

        // District A's activity names B's pairing and station ids (A has a station s-1 of its own).
        String foreign = "activity-" + UUID.randomUUID();
        publish(foreign, 0, published(foreign, districtA, "pairing-1", "2026-10-01T01:00:00Z"));
        publish(foreign, 1, new ActivityClosed(foreign, districtA, 8, 40, "顺利", Instant.parse("2026-10-01T04:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.lastApplied("pairing-activities", foreign) == 1);

        // A marker of B's own, published after A's activity was handled: once it shows, anything A's activity
        // caused would show too (one event store, projected in order).
        String marker = "activity-" + UUID.randomUUID();
        publish(marker, 0, published(marker, districtB, "pairing-1", "2026-03-01T01:00:00Z"));
        publish(marker, 1, new ActivityClosed(marker, districtB, 5, 30, "顺利", Instant.parse("2026-03-01T04:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(http.getForObject(
                "/api/v1/pairings/pairing-1?district=" + districtB, String.class)).get("activities").size() > 0);

        JsonNode pairing = json.readTree(http.getForObject("/api/v1/pairings/pairing-1?district=" + districtB,
                String.class));
        assertThat(pairing.get("activities")).extracting(activity -> activity.get("activityId").asText())
                .containsExactly(marker);
        JsonNode after = json.readTree(http.getForObject(health, String.class));
        assertThat(after.get("dormantPairings").get(0).get("lastActivity").asText())
                .as("B's pairing is still dormant in October: A's activity did not count for it").isEqualTo("2026-03-01");
    }

    @Test
    void shouldConsumeWithoutRecordingAnActivityOfAnEndedPairing() throws Exception {
        String d = "feed-e-" + UUID.randomUUID().toString().substring(0, 8);
        post("/api/v1/org-units/import?district=" + d + "&effectiveDate=2026-01-01", """
                [{"unitId":"center","code":"C","name":"中心","tier":"CENTER"},
                 {"unitId":"i-1","code":"I1","name":"所","tier":"INSTITUTE","parentId":"center"},
                 {"unitId":"s-1","code":"S1","name":"站","tier":"STATION","parentId":"i-1"}]""");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForEntity("/api/v1/org-units/s-1?district=" + d,
                String.class).getStatusCode().is2xxSuccessful());
        post("/api/v1/partners?district=" + d, "{\"partnerId\":\"p-1\",\"type\":\"PARTY_ORGANISATION\",\"name\":\"区委组织部\"}");
        post("/api/v1/pairings?district=" + d, "{\"pairingId\":\"pairing-1\",\"partnerId\":\"p-1\","
                + "\"stationIds\":[\"s-1\"],\"model\":\"COMMUNITY_ALLIANCE\",\"activitiesPerQuarter\":1,\"startDate\":\"2026-02-01\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForEntity("/api/v1/pairings/pairing-1?district="
                + d, String.class).getStatusCode().is2xxSuccessful());
        post("/api/v1/pairings/pairing-1/end?district=" + d, "{\"reason\":\"期满\",\"endDate\":\"2026-06-30\"}");

        String late = "activity-" + UUID.randomUUID();
        publish(late, 0, published(late, d, "pairing-1", "2026-10-01T01:00:00Z"));
        publish(late, 1, new ActivityClosed(late, d, 8, 40, "顺利", Instant.parse("2026-10-01T04:00:00Z")));

        // Consumed (not retried into the dead-letter topic), and the pairing's stream holds no activity.
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.lastApplied("pairing-activities", late) == 1);
        assertThat(eventStore.readEvents(PairingCommands.pairingAggregateId(d, "pairing-1")).asStream()
                .map(event -> event.getPayload().getClass().getSimpleName()))
                .containsExactly("PairingFormed", "PairingEnded");
    }

    private static ActivityPublished published(String activityId, String district, String pairingId, String startsAt) {
        Instant starts = Instant.parse(startsAt);
        return new ActivityPublished(activityId, district, "s-1", ServicePlatform.CULTURE, "党员进社区", "盘龙广场", null,
                starts, starts.plusSeconds(7200), 10, 50, starts.minusSeconds(86_400 * 10), starts.minusSeconds(86_400),
                pairingId);
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
