package cloud.practice.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.RequestCheckedOut;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.testing.TopicReader;
import cloud.practice.volunteer.hours.query.HourProjection;
import cloud.practice.volunteer.privacy.PersonalDataVault;
import cloud.practice.volunteer.registry.query.VolunteerProjection;
import cloud.practice.volunteer.support.Platform;
import cloud.practice.volunteer.support.PlatformTestBase;
import cloud.practice.volunteer.support.Registrations;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cloud.practice.volunteer.support.Registrations.uniquePhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Erasure on request: afterwards no collection of the service's database holds the volunteer's personal data (each
 * is scanned, and scanned again after the read models were rebuilt from the event store), the sealed events cannot
 * be opened, nothing on Kafka ever carried it, and the hours still count for the volunteer and the district.
 */
class ErasureIT extends PlatformTestBase {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    PersonalDataVault vault;

    @Test
    void shouldLeaveNoPersonalDataInAnyStoreWhileHoursRemainWhenAVolunteerIsErased() {
        String district = newDistrict("erase");
        treeOf(district);
        LocalDate born = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusYears(16).minusDays(10);
        String phone = uniquePhone();
        String guardianPhone = uniquePhone();
        String idNumber = Registrations.idNumber(born, 457);
        Map<String, Object> personal = Registrations.personal("卫小华", phone, born, idNumber);
        personal.put("guardian", Map.of("name", "卫大芳", "phone", guardianPhone, "relation", "母亲",
                "consentedAt", "2026-03-01T10:00:00+08:00"));
        String id = register(district, Registrations.registration(personal, "s-pl"));
        List<String> secrets = List.of("卫小华", phone, idNumber, born.toString(),
                born.format(DateTimeFormatter.BASIC_ISO_DATE), "卫大芳", guardianPhone, "29.506912");

        String request = "req-" + UUID.randomUUID();
        Platform.publish("ServiceRequest", request, 4, List.of(new RequestCheckedOut(request, district, id, "s-pl",
                ServicePlatform.CARE, Instant.parse("2026-03-10T01:00:00Z"), Instant.parse("2026-03-10T03:00:00Z"),
                120)));
        http.post("/api/v1/volunteers/" + id + "/honour-hours?district=" + district,
                Map.of("hours", 1, "reason", "补录", "reference", "2025-补-07"));
        String team = http.read(http.post("/api/v1/teams?district=" + district, Map.of("name", "青少年志愿服务队",
                "unitId", "s-pl", "leaderVolunteerId", id, "platforms", List.of("EDUCATION"), "capacity", 10)))
                .get("teamId").asText();
        String hours = "/api/v1/volunteers/" + id + "/hours?district=" + district;
        awaitJson(hours, node -> node.get("totalHalfHours").asInt() == 6);
        awaitJson("/api/v1/teams/" + team + "?district=" + district, node -> node.get("members").size() == 1);
        JsonNode totalsBefore = http.read(http.get("/api/v1/volunteers/hour-totals?district=" + district))
                .get("totals");
        assertThat(awaitVolunteer(district, id, node -> node.has("personal")).get("personal").get("guardian")
                .get("name").asText()).isEqualTo("卫大芳");
        assertThat(collectionsHolding(secrets)).as("the scan sees personal data where it is").isNotEmpty();

        ResponseEntity<String> erased = http.as(id, "VOLUNTEER", district, null)
                .post("/api/v1/volunteers/" + id + "/erase?district=" + district, null);
        assertThat(erased.getStatusCode().value()).as(erased.getBody()).isEqualTo(200);

        JsonNode view = awaitVolunteer(district, id, node -> node.get("erased").asBoolean());
        assertThat(view.has("personal")).isFalse();
        assertThat(view.has("maskedName")).isFalse();
        assertThat(view.get("status").asText()).isEqualTo("DEACTIVATED");
        awaitJson("/api/v1/teams/" + team + "?district=" + district, node -> node.get("members").isEmpty());
        assertThat(collectionsHolding(secrets)).as("collections still holding personal data").isEmpty();
        assertSealedDataUnreadable(id);
        assertThat(http.read(http.get(hours)).get("totalHalfHours").asInt()).as("hours remain").isEqualTo(6);
        assertThat(http.read(http.get("/api/v1/volunteers/hour-totals?district=" + district)).get("totals"))
                .as("the district's totals remain").isEqualTo(totalsBefore);
        assertThat(http.read(http.put("/api/v1/volunteers/" + id + "/skills?district=" + district,
                Map.of("skills", List.of()))).get("type").asText()).endsWith("/volunteer-erased");

        rebuild(VolunteerProjection.GROUP);
        rebuild(HourProjection.GROUP);
        assertThat(collectionsHolding(secrets)).as("after the read models were rebuilt from the events").isEmpty();
        assertThat(awaitVolunteer(district, id, node -> node.get("erased").asBoolean()).has("personal")).isFalse();
        assertThat(awaitJson(hours, node -> node.get("totalHalfHours").asInt() == 6).get("creditHours").asDouble())
                .isEqualTo(2.0);

        CloudEventCodec codec = new CloudEventCodec();
        TopicReader.read(Context.VOLUNTEER.topic(), record -> id.equals(record.key())
                && codec.decode(record).payload() instanceof VolunteerErased, 1, Duration.ofSeconds(60));
        List<ConsumerRecord<String, byte[]>> published = TopicReader.all(Context.VOLUNTEER.topic(),
                record -> record.key().equals(id) || record.key().equals("hours-" + id));
        assertThat(published).extracting(record -> codec.decode(record).payload().getClass().getSimpleName())
                .contains(VolunteerErased.class.getSimpleName());
        assertThat(published).allSatisfy(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .doesNotContain(secrets.toArray(String[]::new)));
        assertThat(http.post("/api/v1/volunteers?district=" + district,
                Registrations.registration(personal, "s-pl"))
                .getStatusCode().value()).as("phone and ID number are free again").isEqualTo(201);
    }

    /** Every collection of the service's database, every document, as text. */
    private Map<String, List<String>> collectionsHolding(List<String> secrets) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (String collection : mongo.getDb().listCollectionNames()) {
            for (Document document : mongo.getDb().getCollection(collection).find()) {
                String text = document.toJson();
                for (String secret : secrets) {
                    if (text.contains(secret)) {
                        found.computeIfAbsent(collection, c -> new ArrayList<>()).add(secret);
                    }
                }
            }
        }
        return found;
    }

    /** The sealed events stay in the store, but with the key gone they open to nothing. */
    private void assertSealedDataUnreadable(String volunteerId) {
        List<Document> sealed = mongo.getDb().getCollection("domain_events")
                .find(new Document("aggregateIdentifier", volunteerId)
                        .append("payloadType", "cloud.practice.volunteer.registry.api.VolunteerInternalEvents$"
                                + "VolunteerPersonalDataRecorded")).into(new ArrayList<>());
        assertThat(sealed).isNotEmpty();
        for (Document event : sealed) {
            String payload = event.get("payload") instanceof org.bson.types.Binary binary
                    ? new String(binary.getData(), StandardCharsets.UTF_8) : String.valueOf(event.get("payload"));
            String text = payload.substring(payload.indexOf(PersonalDataVaultFormat.PREFIX));
            String blob = text.substring(0, text.indexOf('"'));
            assertThat(vault.open(volunteerId, blob)).isEmpty();
        }
    }

    private void rebuild(String group) {
        TrackingEventProcessor processor = processing.eventProcessor(group, TrackingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(PATIENCE).until(() -> !processor.isReplaying() && processor.processingStatus().values()
                .stream().allMatch(status -> status.isCaughtUp()));
    }

    /** The prefix of sealed personal data ({@code PersonalDataVault.FORMAT}). */
    static final class PersonalDataVaultFormat {
        static final String PREFIX = "a256gcm.v1:";
    }
}
