package cloud.practice.volunteer;

import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.ActivityCheckedOut;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.events.request.ActivitySignedUp;
import cloud.practice.events.request.RequestCheckedOut;
import cloud.practice.events.volunteer.ServiceHoursCredited;
import cloud.practice.events.volunteer.StarLevelReached;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.testing.TopicReader;
import cloud.practice.volunteer.support.Platform;
import cloud.practice.volunteer.support.PlatformTestBase;
import cloud.practice.volunteer.support.Registrations;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import cloud.practice.volunteer.hours.api.HourCommands;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static cloud.practice.volunteer.support.Registrations.uniquePhone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Check-out facts from request-service's topic become credit hours exactly once: redelivered records, and records
 * handled again after the consumer lost its memory of them (a crash between crediting and recording), change
 * nothing; stars are published once per level; a check-out the ledger refuses lands on the dead-letter topic.
 */
class CheckOutCreditsIT extends PlatformTestBase {

    private final CloudEventCodec codec = new CloudEventCodec();

    @Test
    void shouldCreditEachCheckOutExactlyOnceWhenRecordsAreRedelivered() {
        String district = newDistrict("credit");
        treeOf(district);
        http.put("/api/v1/volunteers/star-levels?district=" + district, Map.of("thresholds", List.of(1, 2, 3, 4, 5)));
        awaitJson("/api/v1/volunteers/star-levels?district=" + district, node -> node.get("configured").asBoolean());
        String v = register(district, Registrations.adult("冯一", uniquePhone(), "s-pl"));
        String w = register(district, Registrations.adult("陈二", uniquePhone(), "s-pl"));
        String activity = "act-" + UUID.randomUUID();
        String request = "req-" + UUID.randomUUID();

        // 10:00-12:00 in Chongqing; v arrives at 09:30 and leaves at 12:30: 2 hours count (travel and cap excluded)
        List<ProducerRecord<String, byte[]>> activityRecords = Platform.publish("Activity", activity, 0, List.of(
                new ActivityPublished(activity, district, "s-pl", ServicePlatform.CULTURE, "盘龙社区垃圾分类宣传活动",
                        "九龙镇文化广场", new GeoPoint(29.5069, 106.5107), at("02:00"), at("04:00"), 20, 100,
                        at("00:00").minusSeconds(86_400), at("01:00"), null),
                new ActivitySignedUp(activity, district, v, "VOLUNTEER", at("00:10")),
                new ActivityCheckedOut(activity, district, v, "s-pl", ServicePlatform.CULTURE, at("01:30"),
                        at("04:30"), 120)));
        // 11:00-13:00 on a request: 90 minutes overlap the activity, half an hour counts, flagged
        List<ProducerRecord<String, byte[]>> requestRecords = Platform.publish("ServiceRequest", request, 5, List.of(
                new RequestCheckedOut(request, district, v, "s-pl", ServicePlatform.CARE, at("03:00"), at("05:00"),
                        120)));

        String hours = "/api/v1/volunteers/" + v + "/hours?district=" + district;
        JsonNode ledger = awaitJson(hours, node -> node.get("totalHalfHours").asInt() == 5
                && node.get("starHistory").size() == 2);
        assertThat(ledger.get("creditHours").asDouble()).isEqualTo(2.5);
        assertThat(ledger.get("stars").asInt()).isEqualTo(2);

        // Redelivery as is, then again after the consumer forgot what it applied (as after a crash before recording)
        Platform.send(activityRecords);
        Platform.send(requestRecords);
        awaitAppliedAndForget(activity, 2);
        awaitAppliedAndForget(request, 5);
        Platform.send(activityRecords);
        Platform.send(requestRecords);
        // Markers behind the redeliveries on the same keys (so the same partitions): once they are credited, the
        // redeliveries before them have been handled.
        Platform.publish("Activity", activity, 3, List.of(new ActivityCheckedOut(activity, district, w, "s-pl",
                ServicePlatform.CULTURE, at("02:00"), at("03:00"), 120)));
        Platform.publish("ServiceRequest", request, 6, List.of(new RequestCheckedOut(request, district, w, "s-pl",
                ServicePlatform.CARE, at("06:00"), at("07:00"), 120)));
        awaitJson("/api/v1/volunteers/" + w + "/hours?district=" + district,
                node -> node.get("totalHalfHours").asInt() == 4);

        JsonNode after = http.read(http.get(hours));
        assertThat(after.get("totalHalfHours").asInt()).as("redeliveries changed nothing").isEqualTo(5);
        JsonNode entries = http.read(http.get("/api/v1/volunteers/" + v + "/hours/entries?district=" + district));
        assertThat(entries.get("total").asInt()).isEqualTo(2);
        JsonNode requestEntry = entries.get("items").get(0).get("source").asText().equals("REQUEST")
                ? entries.get("items").get(0) : entries.get("items").get(1);
        JsonNode activityEntry = requestEntry == entries.get("items").get(0) ? entries.get("items").get(1)
                : entries.get("items").get(0);
        assertThat(activityEntry.get("breakdown").get("beforeStartMinutes").asInt()).isEqualTo(30);
        assertThat(activityEntry.get("breakdown").get("overCapMinutes").asInt()).isEqualTo(30);
        assertThat(activityEntry.get("halfHours").asInt()).isEqualTo(4);
        assertThat(requestEntry.get("overlapFlagged").asBoolean()).isTrue();
        assertThat(requestEntry.get("breakdown").get("overlapMinutes").asInt()).isEqualTo(90);

        // The relay publishes in store order: once w's credits are out, everything stored for v before them is too.
        TopicReader.read(Context.VOLUNTEER.topic(), record -> ("hours-" + w).equals(record.key()), 2,
                Duration.ofSeconds(60));
        List<DomainEvent> published = TopicReader.all(Context.VOLUNTEER.topic(),
                record -> ("hours-" + v).equals(record.key())).stream().map(r -> codec.decode(r).payload()).toList();
        assertThat(published).filteredOn(ServiceHoursCredited.class::isInstance).map(ServiceHoursCredited.class::cast)
                .extracting(ServiceHoursCredited::halfHours, ServiceHoursCredited::overlapFlagged)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4, false), org.assertj.core.groups.Tuple.tuple(1, true));
        assertThat(published).filteredOn(StarLevelReached.class::isInstance).map(StarLevelReached.class::cast)
                .extracting(StarLevelReached::stars).as("each level once").containsExactly(1, 2);

        JsonNode totals = http.read(http.get("/api/v1/volunteers/hour-totals?district=" + district));
        assertThat(totals.get("totals").get("creditHours").asDouble()).isEqualTo(4.5);
        assertThat(totals.get("volunteers").asInt()).isEqualTo(2);
    }

    @Test
    void shouldDeadLetterACheckOutWhenTheVolunteerKeepsHoursInAnotherDistrict() {
        String district = newDistrict("home");
        treeOf(district);
        String v = register(district, Registrations.adult("褚一", uniquePhone(), "s-pl"));
        String first = "req-" + UUID.randomUUID();
        Platform.publish("ServiceRequest", first, 3, List.of(new RequestCheckedOut(first, district, v, "s-pl",
                ServicePlatform.CARE, at("01:00"), at("02:00"), 60)));
        awaitJson("/api/v1/volunteers/" + v + "/hours?district=" + district,
                node -> node.get("totalHalfHours").asInt() == 2);

        String elsewhere = "req-" + UUID.randomUUID();
        Platform.publish("ServiceRequest", elsewhere, 3, List.of(new RequestCheckedOut(elsewhere, "other-" + district,
                v, null, ServicePlatform.CARE, at("05:00"), at("06:00"), 60)));

        ConsumerRecord<String, byte[]> dead = TopicReader.read(Context.REQUEST.deadLetterTopic(),
                record -> elsewhere.equals(record.key()), 1, Duration.ofSeconds(60)).get(0);
        assertThat(TopicReader.header(dead, CloudEventAttributes.DEAD_LETTER_REASON)).contains("another district");
        assertThat(http.read(http.get("/api/v1/volunteers/" + v + "/hours?district=" + district))
                .get("totalHalfHours").asInt()).isEqualTo(2);
    }

    @Test
    void shouldDeadLetterACheckOutNamingAVolunteerOfAnotherDistrictWhoHasNoHoursYet() {
        String home = newDistrict("theirs");
        treeOf(home);
        String v = register(home, Registrations.adult("卫一", uniquePhone(), "s-pl"));
        String other = newDistrict("mine");
        treeOf(other);
        String request = "req-" + UUID.randomUUID();
        Platform.publish("ServiceRequest", request, 3, List.of(new RequestCheckedOut(request, other, v, "s-pl",
                ServicePlatform.CARE, at("01:00"), at("02:00"), 60)));

        ConsumerRecord<String, byte[]> dead = TopicReader.read(Context.REQUEST.deadLetterTopic(),
                record -> request.equals(record.key()), 1, Duration.ofSeconds(60)).get(0);
        assertThat(TopicReader.header(dead, CloudEventAttributes.DEAD_LETTER_REASON))
                .contains("not registered in district '" + other + "'");
        // No ledger was opened for v under the other district, nor under v's own
        assertThat(mongo.getCollection("domain_events").countDocuments(new Document("aggregateIdentifier",
                HourCommands.ledgerId(v)))).isZero();
    }

    /** Waits until the check-out consumer applied the aggregate up to {@code sequence}, then erases that memory. */
    private void awaitAppliedAndForget(String aggregateId, long sequence) {
        String id = "check-out-credits|" + aggregateId;
        org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> {
            Document entry = mongo.getCollection("inbound_ledger").find(new Document("_id", id)).first();
            return entry != null && ((Number) entry.get("seq")).longValue() >= sequence;
        });
        mongo.getCollection("inbound_ledger").deleteOne(new Document("_id", id));
        assertThat(mongo.getCollection("inbound_ledger").countDocuments(new Document("_id",
                Pattern.compile("^" + Pattern.quote(id) + "$")))).isZero();
    }

    /** A time on 2026-03-10 in UTC (Chongqing is eight hours ahead). */
    private static Instant at(String utc) {
        return Instant.parse("2026-03-10T" + utc + ":00Z");
    }
}
