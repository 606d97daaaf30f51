package cloud.practice.system;

import cloud.practice.events.Context;
import cloud.practice.support.kafka.CloudEventCodec;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform as separate processes (auth-server, the five services, Kafka, the MongoDB stand-in), started by the
 * README's run command, driven only through the gateway with the demo district's real identities: machine clients
 * with client credentials, people through the login form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformThroughTheGatewayIT {

    static final String D = Jiulongpo.D;
    static final String PHONE = "13812345678";

    Api ops;
    Api districtAdmin;
    Api stationAdmin;
    Api volunteer;
    Api resident;
    /** A volunteer of the registry at s-3-2, the one the resident's request is dispatched to. */
    String registered;

    @BeforeAll
    void platformWithATree() throws Exception {
        RunningPlatform platform = RunningPlatform.get();
        System.out.printf("platform up in %.1f s%n", platform.startUp().toMillis() / 1000.0);
        ops = Api.client("local-ops", "local-ops-secret");
        districtAdmin = Api.person("admin-district", "practice-demo");
        stationAdmin = Api.person("admin-station", "practice-demo");
        volunteer = Api.person("volunteer-li", "practice-demo");
        resident = Api.person("resident-wang", "practice-demo");
        Jiulongpo.ensureTree(ops);
        Api.Answer menu = districtAdmin.put("/api/v1/menu/items/CARE-ESCORT" + D, """
                {"name":"陪同就医","platform":"CARE","minimumSkillLevel":1,"expectedMinutes":120,"peopleNeeded":1}""");
        assertThat(menu.status()).as(menu.toString()).isIn(200, 201);
        // Dispatch names registered volunteers of the district only. A LEGAL skill: matching never proposes them for
        // the CARE order below, so the dispatch is the station's own.
        registered = await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/volunteers" + D, """
                {"personal":{"name":"李志愿","phone":"13900003301","birthDate":"1990-03-04"},"homeUnitId":"s-3-2",
                 "skills":[{"platform":"LEGAL","level":2}],"availability":[],"contactConsent":true}"""),
                answer -> answer.status() == 201).json().get("volunteerId").asText();
    }

    @Test
    @Order(1)
    void shouldRefuseCallersWithoutATokenAtTheDoor() throws Exception {
        Api.Answer anonymous = Api.anonymous().get("/api/v1/org-units/center" + D);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("type").asText()).isEqualTo("https://practice.cloud/problems/unauthenticated");
        assertThat(Api.anonymous().get("/actuator/health").status()).isEqualTo(200);
        assertThat(Api.anonymous().get("/.well-known/openid-configuration").status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void shouldCarryAResidentsRequestThroughEveryStageAndReopenIt() throws Exception {
        String order = """
                {"menuItem":"CARE-ESCORT","community":"盘龙社区","channel":"APP","requesterId":"resident-wang",
                 "contact":"%s","description":"老人需要陪同去医院复诊"}""".formatted(PHONE);
        Api.Answer ordered = await().atMost(Duration.ofSeconds(60)).until(() -> resident.post("/api/v1/requests" + D,
                order), answer -> answer.status() == 201);
        String requestId = ordered.json().get("requestId").asText();
        assertThat(ordered.json().get("responsibleUnitId").asText()).isEqualTo("s-3-2");
        String path = "/api/v1/requests/" + requestId;

        // Another resident's order, placed by the hotline's operator client: invisible to resident-wang.
        Api.Answer othersOrder = ops.post("/api/v1/requests" + D, order.replace("resident-wang", "resident-zhao"));
        assertThat(othersOrder.status()).as(othersOrder.toString()).isEqualTo(201);
        String othersPath = "/api/v1/requests/" + othersOrder.json().get("requestId").asText() + D;
        await().atMost(Duration.ofSeconds(30)).until(() -> ops.get(othersPath).status() == 200);
        assertThat(resident.get(othersPath).status()).as("another resident's request is, to them, one that does not exist")
                .isEqualTo(404);
        assertThat(resident.post("/api/v1/requests" + D, order.replace("resident-wang", "resident-zhao")).status())
                .as("nobody orders in another resident's name").isEqualTo(403);

        await().atMost(Duration.ofSeconds(30)).until(() -> stationAdmin.post(path + "/review" + D,
                "{\"accept\":true,\"reviewerId\":\"admin-station\"}").status() == 200);
        String offer = "{\"volunteerIds\":[\"" + registered + "\"]}";
        assertThat(volunteer.post(path + "/dispatch" + D, offer).status()).as("volunteers do not dispatch")
                .isIn(403, 404); // 404: a request not offered to them is, to them, one that does not exist
        // request-service learns of the registration over Kafka: until then the volunteer is unknown there (422)
        Api.Answer dispatched = await().atMost(Duration.ofSeconds(30)).until(() -> stationAdmin.post(path + "/dispatch" + D,
                offer), answer -> answer.status() != 422);
        assertThat(dispatched.status()).as(dispatched.toString()).isEqualTo(200);
        String self = "{\"volunteerId\":\"" + registered + "\"}";
        assertThat(volunteer.post(path + "/accept" + D, self).status())
                .as("volunteer-li acts only as themselves, not for another volunteer").isIn(403, 404);
        // The station records the volunteer's steps as they are phoned in (admins act for volunteers of their units).
        for (String step : List.of("accept", "check-in", "check-out", "complete")) {
            Api.Answer answer = stationAdmin.post(path + "/" + step + D, self);
            assertThat(answer.status()).as(step + ": " + answer).isEqualTo(200);
        }
        assertThat(resident.post(path + "/rate" + D,
                "{\"requesterId\":\"resident-wang\",\"rating\":2,\"solved\":false,\"comment\":\"没解决\"}").status())
                .isEqualTo(200);
        assertThat(resident.post(path + "/reopen" + D,
                "{\"requesterId\":\"resident-wang\",\"reason\":\"复诊还需陪同\"}").status()).isEqualTo(200);

        JsonNode view = await().atMost(Duration.ofSeconds(30)).until(() -> resident.get(path + D).json(),
                node -> StreamSupport.stream(node.path("history").spliterator(), false)
                        .anyMatch(step -> step.get("event").asText().equals("reopened")));
        assertThat(StreamSupport.stream(view.get("history").spliterator(), false).map(step -> step.get("event").asText()))
                .containsSubsequence("submitted", "reviewed", "dispatched", "accepted", "checked-in", "checked-out",
                        "completed", "rated", "reopened");
        assertThat(view.get("maskedContact").asText()).isEqualTo("138*****678");
        JsonNode mine = resident.get("/api/v1/requests" + D).json();
        assertThat(mine.get("items")).isNotEmpty()
                .allSatisfy(item -> assertThat(item.get("requesterId").asText()).isEqualTo("resident-wang"));

        // On Kafka: valid CloudEvents of the published contracts, without the resident's phone number.
        List<ConsumerRecord<String, byte[]>> records = read(Context.REQUEST.topic(), requestId, 9);
        CloudEventCodec codec = new CloudEventCodec();
        assertThat(records.stream().map(record -> codec.decode(record).payload().getClass().getSimpleName()))
                .contains("RequestSubmitted", "RequestReviewed", "RequestDispatched", "RequestAccepted",
                        "RequestCompleted", "RequestRated", "RequestReopened");
        assertThat(records).noneMatch(record -> new String(record.value()).contains(PHONE));
    }

    @Test
    @Order(3)
    void shouldFillAnActivityToCapacityUnderConcurrentSignUps() throws Exception {
        Api.Answer published = stationAdmin.post("/api/v1/activities" + D, """
                {"unitId":"s-3-2","platform":"CARE","title":"重阳节敬老活动","place":"盘龙社区活动室",
                 "startsAt":"2030-10-01T09:00:00+08:00","endsAt":"2030-10-01T11:00:00+08:00",
                 "volunteerCapacity":0,"residentCapacity":5}""");
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        String activity = "/api/v1/activities/" + published.json().get("activityId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> ops.get(activity + D).status() == 200);

        List<CompletableFuture<Integer>> signUps = IntStream.range(0, 20).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                return ops.post(activity + "/sign-ups" + D,
                        "{\"participantId\":\"resident-" + i + "\",\"role\":\"RESIDENT\"}").status();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).toList();
        List<Integer> statuses = signUps.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(5);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(15);
    }

    @Test
    @Order(4)
    void shouldAnswerTheTreeAsItIsAndAsItWasAfterAMove() throws Exception {
        Api.Answer moved = districtAdmin.post("/api/v1/org-units/s-3-1/move" + D,
                "{\"parentId\":\"i-1\",\"effectiveDate\":\"2026-06-01\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(stationAdmin.post("/api/v1/org-units/s-3-1/move" + D, "{\"parentId\":\"i-3\"}").status())
                .as("a station admin moves nothing outside their station").isEqualTo(403);
        JsonNode now = await().atMost(Duration.ofSeconds(30)).until(() -> ops.get("/api/v1/org-units/s-3-1/path" + D).json(),
                path -> path.size() == 3 && path.get(1).get("unitId").asText().equals("i-1"));
        assertThat(now.get(0).get("unitId").asText()).isEqualTo("center");
        JsonNode then = ops.get("/api/v1/org-units/s-3-1/path" + D + "&asOf=2026-03-01").json();
        assertThat(then.get(1).get("unitId").asText()).isEqualTo("i-3");
    }

    /** The records of one aggregate on a topic, read from the platform's broker from the beginning. */
    static List<ConsumerRecord<String, byte[]>> read(String topic, String key, int atLeast) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningPlatform.KAFKA,
                ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (found.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }
}
