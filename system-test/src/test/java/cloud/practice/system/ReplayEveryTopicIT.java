package cloud.practice.system;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Duplicate and reordered delivery into every consumer: after a scenario, every record of every event topic is
 * published again twice — once with independent aggregates interleaved in a shuffled order, once entirely reversed —
 * and every consumer group of the platform reads it all. Afterwards the read models answer exactly as before, and no
 * store changed ({@link StoreFingerprint}): no event appended, no fact or projection row touched.
 */
class ReplayEveryTopicIT {

    static final String D = "?district=cq-replay";

    @Test
    void shouldLeaveEveryReadModelUnchangedWhenEveryTopicIsDeliveredAgainOutOfOrder() throws Exception {
        RunningPlatform.get();
        Api ops = Api.client("local-ops", "local-ops-secret");
        OneStationDistrict.create(ops, "cq-replay", "r", "重放演练", "重放社区", 29.53, 106.47);
        String volunteer = await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/volunteers" + D, """
                {"personal":{"name":"重放","phone":"13900004444","birthDate":"1982-03-04"},"homeUnitId":"s-r",
                 "homeLocation":{"latitude":29.531,"longitude":106.471},"skills":[{"platform":"CARE","level":3}],
                 "contactConsent":true}"""), answer -> answer.status() == 201).json().get("volunteerId").asText();
        for (int n = 0; n < 3; n++) {
            String request = "/api/v1/requests/" + await().atMost(Duration.ofSeconds(60)).until(() -> ops.post(
                    "/api/v1/requests" + D, """
                    {"menuItem":"VISIT","community":"重放社区","channel":"APP","requesterId":"r-replay"}"""),
                    answer -> answer.status() == 201).json().get("requestId").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> ops.get(request + D).status() == 200);
            assertThat(ops.post(request + "/review" + D, "{\"accept\":true,\"reviewerId\":\"a\"}").status()).isEqualTo(200);
            if (n > 0) {
                ops.post(request + "/dispatch" + D, "{\"volunteerIds\":[\"" + volunteer + "\"]}");
                await().atMost(Duration.ofSeconds(30)).until(() -> ops.get(request + D).json().get("offeredTo").size() > 0);
                for (String step : List.of("accept", "check-in", "check-out", "complete")) {
                    assertThat(ops.post(request + "/" + step + D, "{\"volunteerId\":\"" + volunteer + "\"}").status())
                            .as(step).isEqualTo(200);
                }
            }
        }
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> ops.get("/api/v1/reports/figures" + D
                + "&granularity=day&from=" + today + "&to=" + today).json().at("/items/0/requests/submitted").asInt() == 3);

        EventTopics.awaitConsumersCaughtUp(Duration.ofSeconds(120));
        // The replay and its settling take well under a minute: no escalation may fall inside.
        StoreFingerprint.awaitNoDeadlineWithin(Duration.ofSeconds(60), Duration.ofMinutes(10));
        Map<String, String> storesBefore = StoreFingerprint.settled(Duration.ofSeconds(90));
        Map<String, String> answersBefore = readModels(ops, today);

        int replayed = replayEveryTopicTwice();
        EventTopics.awaitConsumersCaughtUp(Duration.ofSeconds(120));
        Map<String, String> storesAfter = StoreFingerprint.settled(Duration.ofSeconds(90));
        System.out.printf("replayed %d records (every event topic, twice, out of order); %d collections compared%n",
                replayed, storesAfter.size());

        assertThat(replayed).isGreaterThan(50);
        assertThat(readModels(ops, today)).isEqualTo(answersBefore);
        assertThat(StoreFingerprint.differences(storesBefore, storesAfter)).as("collections the replay changed").isEmpty();
    }

    /** What the read models answer about the district through the gateway. */
    private static Map<String, String> readModels(Api ops, String today) throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String path : List.of("/api/v1/reports/figures" + D + "&granularity=day&from=" + today + "&to=" + today,
                "/api/v1/reports/top/volunteers" + D, "/api/v1/requests" + D + "&size=50", "/api/v1/volunteers" + D,
                "/api/v1/org-units/center/subtree" + D)) {
            Api.Answer answer = ops.get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            answers.put(path, answer.body());
        }
        return answers;
    }

    /** Every record of every event topic, published again: shuffled across keys (each key's order kept), then reversed. */
    private static int replayEveryTopicTwice() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = EventTopics.everyRecord(
                name -> name.startsWith("practice.") && name.endsWith(".events"));
        assertThat(records.stream().map(ConsumerRecord::topic).distinct()).as("event topics").hasSizeGreaterThanOrEqualTo(4);
        // Copy one: keys interleaved at random, each key's records in their order.
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byKey = new LinkedHashMap<>();
        records.forEach(record -> byKey.computeIfAbsent(record.topic() + "/" + new String(record.key() == null
                ? new byte[0] : record.key()), key -> new ArrayList<>()).add(record));
        List<List<ConsumerRecord<byte[], byte[]>>> queues = new ArrayList<>(byKey.values().stream().map(ArrayList::new).toList());
        List<ConsumerRecord<byte[], byte[]>> interleaved = new ArrayList<>();
        Random random = new Random(42);
        while (!queues.isEmpty()) {
            int pick = random.nextInt(queues.size());
            interleaved.add(queues.get(pick).remove(0));
            if (queues.get(pick).isEmpty()) {
                queues.remove(pick);
            }
        }
        // Copy two: everything backwards.
        List<ConsumerRecord<byte[], byte[]>> reversed = new ArrayList<>(records);
        Collections.reverse(reversed);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningPlatform.KAFKA,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (List<ConsumerRecord<byte[], byte[]>> copy : List.of(interleaved, reversed)) {
                for (ConsumerRecord<byte[], byte[]> record : copy) {
                    producer.send(new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value(),
                            record.headers()));
                }
            }
            producer.flush();
        }
        return records.size() * 2;
    }
}
