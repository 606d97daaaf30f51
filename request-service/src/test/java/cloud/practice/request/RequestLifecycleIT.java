package cloud.practice.request;

import cloud.practice.events.Context;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.matching.Candidate;
import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.request.MatchRequested;
import cloud.practice.request.menu.api.MenuCommands;
import cloud.practice.testing.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.testing.TopicReader;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request through the whole loop over HTTP against real Kafka and MongoDB: the responsible station found from
 * the tree copy, review, dispatch, a two-volunteer accept race with one winner, service, a low rating and a
 * reopening; every step in the history and on Kafka, the contact masked there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class RequestLifecycleIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    @Autowired
    cloud.practice.request.directory.VolunteerDirectory volunteers;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;

    final String district = "req-" + UUID.randomUUID().toString().substring(0, 8);
    /** Volunteers registered in this district (ids unique per district, as volunteer-service makes them). */
    final String v1 = "v1-" + district;
    final String v2 = "v2-" + district;
    final String lawyer = "lawyer-" + district;

    @Test
    void shouldCarryARequestThroughTheFourOrderLoopAndReopenIt() throws Exception {
        HierarchyFixture.publishTree(district);
        DirectoryFixture.volunteers(volunteers, district, v1, v2);
        put("/api/v1/menu/items/CARE-ESCORT?district=" + district, """
                {"name":"陪同就医","platform":"CARE","minimumSkillLevel":2,"expectedMinutes":120,"peopleNeeded":1,
                 "fields":[{"code":"hospital","label":"医院","datatype":"STRING","required":true,"order":1},
                           {"code":"mobility","label":"行动能力","datatype":"SINGLEVALUELIST","required":false,"order":2,
                            "values":[{"key":"walk","name":"可步行"},{"key":"wheelchair","name":"轮椅"}]}],
                 "sla":{"REVIEW":"PT2H","DISPATCH":"PT4H","ACCEPT":"PT8H","COMPLETE":"P3D"}}""");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForEntity("/api/v1/menu/items/CARE-ESCORT?district="
                + district, String.class).getStatusCode().is2xxSuccessful());

        // 点单: the station nearest to the location is responsible (once the tree copy has arrived).
        String order = """
                {"menuItem":"CARE-ESCORT","description":"老人需要陪同去医院复诊","location":{"latitude":29.507,"longitude":106.511},
                 "grid":"盘龙社区第3网格","channel":"APP","requesterId":"resident-42","contact":"13812345678","address":"盘龙大道1号3栋",
                 "answers":{"hospital":"九龙坡区人民医院","mobility":"wheelchair"}}""";
        ResponseEntity<String> ordered = await().atMost(Duration.ofSeconds(30))
                .until(() -> post("/api/v1/requests?district=" + district, order),
                        response -> response.getStatusCode().value() == 201);
        JsonNode created = json.readTree(ordered.getBody());
        String requestId = created.get("requestId").asText();
        assertThat(created.get("responsibleUnitId").asText()).isEqualTo("s-pl");
        assertThat(created.fieldNames()).toIterable().as("no possibleDuplicateOf on a first order")
                .containsExactly("requestId", "responsibleUnitId");

        ResponseEntity<String> reviewed = post(action(requestId, "review"), "{\"accept\":true,\"reviewerId\":\"admin-pl\"}");
        ok(reviewed);
        assertThat(json.readTree(reviewed.getBody())).isEqualTo(json.readTree("{\"requestId\":\"" + requestId + "\"}"));
        ok(post(action(requestId, "dispatch"), "{\"volunteerIds\":[\"" + v1 + "\",\"" + v2 + "\"]}"));

        // 接单: two volunteers at once, exactly one wins.
        CompletableFuture<ResponseEntity<String>> first = CompletableFuture.supplyAsync(() ->
                post(action(requestId, "accept"), "{\"volunteerId\":\"" + v1 + "\"}"));
        CompletableFuture<ResponseEntity<String>> second = CompletableFuture.supplyAsync(() ->
                post(action(requestId, "accept"), "{\"volunteerId\":\"" + v2 + "\"}"));
        List<Integer> statuses = List.of(first.get().getStatusCode().value(), second.get().getStatusCode().value());
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        String winner = first.get().getStatusCode().value() == 200 ? v1 : v2;

        ok(post(action(requestId, "check-in"), "{\"volunteerId\":\"" + winner + "\"}"));
        ok(post(action(requestId, "check-out"), "{\"volunteerId\":\"" + winner + "\"}"));
        ok(post(action(requestId, "complete"), "{\"volunteerId\":\"" + winner + "\"}"));
        ok(post(action(requestId, "rate"), "{\"requesterId\":\"resident-42\",\"rating\":2,\"solved\":false,\"comment\":\"没解决\"}"));
        ok(post(action(requestId, "reopen"), "{\"requesterId\":\"resident-42\",\"reason\":\"复诊还需陪同\"}"));

        JsonNode view = await().atMost(Duration.ofSeconds(20)).until(
                () -> json.readTree(http.getForObject("/api/v1/requests/" + requestId + "?district=" + district, String.class)),
                node -> node.get("history").size() == 11);
        assertThat(StreamSupport.stream(view.get("history").spliterator(), false).map(step -> step.get("event").asText()))
                .containsExactly("submitted", "reviewed", "match-requested", "dispatched", "accepted", "checked-in",
                        "checked-out", "completed", "rated", "reopened", "match-requested");
        assertThat(view.get("status").asText()).isEqualTo("REVIEWED");
        assertThat(view.get("clockStage").asText()).isEqualTo("DISPATCH");
        assertThat(view.get("maskedContact").asText()).isEqualTo("138*****678");
        assertThat(view.get("answers").get("mobility").asText()).isEqualTo("wheelchair");
        JsonNode mine = json.readTree(http.getForObject("/api/v1/requests?district=" + district + "&requesterId=resident-42", String.class));
        assertThat(mine.get("total").asInt()).isEqualTo(1);
        JsonNode instituteQueue = json.readTree(http.getForObject("/api/v1/requests?district=" + district + "&unitId=i-jl", String.class));
        assertThat(instituteQueue.get("total").asInt()).as("the institute's queue covers its stations").isEqualTo(1);
        JsonNode ownOnly = json.readTree(http.getForObject("/api/v1/requests?district=" + district + "&unitId=i-jl&subtree=false", String.class));
        assertThat(ownOnly.get("total").asInt()).isZero();

        CloudEventCodec codec = new CloudEventCodec();
        var records = TopicReader.read(Context.REQUEST.topic(), record -> requestId.equals(record.key()), 9,
                Duration.ofSeconds(60));
        assertThat(records.stream().map(record -> codec.decode(record).payload().getClass().getSimpleName()))
                .contains("RequestSubmitted", "RequestAccepted", "RequestCheckedOut", "RequestReopened");
        assertThat(records.stream().map(record -> new String(record.value())))
                .noneMatch(value -> value.contains("13812345678") || value.contains("盘龙大道1号3栋"));
        assertThat(view.get("address").asText()).isEqualTo("盘龙大道1号3栋");
    }

    @Test
    void shouldDispatchAutomaticallyWhenVolunteerServiceProposesCandidates() throws Exception {
        HierarchyFixture.publishTree(district);
        DirectoryFixture.volunteers(volunteers, district, lawyer);
        put("/api/v1/menu/items/LEGAL-ADVICE?district=" + district, """
                {"name":"法律咨询","platform":"LEGAL","minimumSkillLevel":3,"expectedMinutes":60,"peopleNeeded":1}""");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForEntity("/api/v1/menu/items/LEGAL-ADVICE?district="
                + district, String.class).getStatusCode().is2xxSuccessful());
        ResponseEntity<String> ordered = await().atMost(Duration.ofSeconds(30)).until(() -> post(
                "/api/v1/requests?district=" + district, """
                        {"menuItem":"LEGAL-ADVICE","community":"盘龙社区","channel":"GRID_WORKER","requesterId":"resident-9"}"""),
                response -> response.getStatusCode().value() == 201);
        String requestId = json.readTree(ordered.getBody()).get("requestId").asText();
        MarkedWindow window = MarkedWindow.open(eventStore, processing);
        ok(post(action(requestId, "review"), "{\"accept\":true,\"reviewerId\":\"admin-pl\"}"));
        // volunteer-service is "down": the request waits, reviewed, for its answer. The known end: another resident's
        // order, made after the review, through the same store, read model and topic.
        ResponseEntity<String> marked = post("/api/v1/requests?district=" + district, """
                {"menuItem":"LEGAL-ADVICE","community":"盘龙社区","channel":"GRID_WORKER","requesterId":"resident-marker"}""");
        assertThat(marked.getStatusCode().value()).as(marked.getBody()).isEqualTo(201);
        MarkedWindow.Closed closed = window.closeAt(json.readTree(marked.getBody()).get("requestId").asText());
        assertThat(closed.storedFor(district, requestId)).as("the review's own events and nothing without an answer")
                .containsExactly("RequestReviewed " + requestId, "SlaClockStarted " + requestId,
                        "MatchRequested " + requestId);
        assertThat(closed.publishedFor(district)).as("the review's own records and nothing without an answer")
                .containsOnly("RequestReviewed " + requestId, "SlaClockStarted " + requestId,
                        "MatchRequested " + requestId);
        JsonNode waiting = json.readTree(http.getForObject("/api/v1/requests/" + requestId + "?district=" + district,
                String.class));
        assertThat(waiting.get("status").asText()).isEqualTo("REVIEWED");
        assertThat(waiting.get("history").findValuesAsText("event")).containsExactly("submitted", "reviewed",
                "match-requested");

        // request-service asks through Kafka; volunteer-service (played here) answers on the matching topic.
        CloudEventCodec codec = new CloudEventCodec();
        var asked = TopicReader.read(Context.REQUEST.topic(), record -> requestId.equals(record.key())
                && codec.decode(record).payload() instanceof MatchRequested, 1, Duration.ofSeconds(30));
        MatchRequested question = (MatchRequested) codec.decode(asked.get(0)).payload();
        assertThat(question.platform()).isEqualTo(ServicePlatform.LEGAL);
        assertThat(question.minimumSkillLevel()).isEqualTo(3);
        assertThat(question.responsibleUnitId()).isEqualTo("s-pl");
        MatchProposed answer = new MatchProposed(requestId, district, question.attempt(),
                // a candidate this service does not know as an active volunteer of the district is never offered
                List.of(new Candidate("v-unknown-" + district, 0.95, 0.1, 0.3, 0.3, 0.2, 0.1, 0.0),
                        new Candidate(lawyer, 0.9, 1.2, 0.3, 0.3, 0.2, 0.1, 0.0)), List.of(), Instant.now());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int delivery = 0; delivery < 2; delivery++) { // delivered twice: dispatched once
                producer.send(codec.encode(new GenericDomainEventMessage<>("Match", requestId + "#" + question.attempt(),
                        0, answer)));
            }
        }

        JsonNode view = await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(http.getForObject(
                "/api/v1/requests/" + requestId + "?district=" + district, String.class)),
                node -> node.get("status").asText().equals("DISPATCHED"));
        assertThat(view.get("offeredTo")).extracting(JsonNode::asText).containsExactly(lawyer);
        assertThat(view.get("history").findValuesAsText("event")).containsOnlyOnce("dispatched");
        assertThat(view.get("history").findValuesAsText("detail")).anyMatch(detail -> detail.startsWith("AUTOMATIC #1"));
        ok(post(action(requestId, "accept"), "{\"volunteerId\":\"" + lawyer + "\"}"));
    }

    @Test
    void shouldApplyTheDistrictsDefaultsToItemsThatSetNone() throws Exception {
        ResponseEntity<String> defaults = http.exchange("/api/v1/menu/defaults?district=" + district,
                org.springframework.http.HttpMethod.PUT, entity("{\"sla\":{\"REVIEW\":\"PT30M\"},\"reopenWindow\":\"P14D\"}"),
                String.class);
        ok(defaults);
        await().atMost(Duration.ofSeconds(20)).until(() -> http.getForObject("/api/v1/menu/defaults?district=" + district,
                String.class).contains("PT30M"));
        put("/api/v1/menu/items/SCIENCE-1?district=" + district, """
                {"name":"科普讲座","platform":"SCIENCE","minimumSkillLevel":1,"expectedMinutes":90,"peopleNeeded":2,
                 "sla":{"COMPLETE":"P1D"}}""");
        JsonNode item = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> json.readTree(
                http.getForObject("/api/v1/menu/items/SCIENCE-1?district=" + district, String.class)), node -> node.has("sla"));
        assertThat(item.get("sla").get("REVIEW").asText()).as("district default").isEqualTo("PT30M");
        assertThat(item.get("sla").get("COMPLETE").asText()).as("the item's own").isEqualTo("PT24H");
        assertThat(item.get("sla").get("DISPATCH").asText()).as("platform default").isEqualTo("PT4H");
        assertThat(item.get("reopenWindow").asText()).isEqualTo("PT336H");
        String etag = http.getForEntity("/api/v1/menu/items/SCIENCE-1?district=" + district, String.class).getHeaders().getETag();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setIfMatch(etag);
        ResponseEntity<String> changed = http.exchange("/api/v1/menu/items/SCIENCE-1?district=" + district,
                org.springframework.http.HttpMethod.PUT, new HttpEntity<>("{\"name\":\"科普讲座（新版）\",\"platform\":\"SCIENCE\","
                        + "\"minimumSkillLevel\":1,\"expectedMinutes\":90,\"peopleNeeded\":2}", headers), String.class);
        assertThat(changed.getStatusCode().value()).as(changed.getBody()).isEqualTo(200);
        String itemId = cloud.practice.request.menu.api.MenuCommands.itemId(district, "SCIENCE-1");
        assertThat(json.readTree(changed.getBody()))
                .isEqualTo(json.readTree("{\"itemId\":\"" + itemId + "\",\"code\":\"SCIENCE-1\"}"));

        ResponseEntity<String> retired = post("/api/v1/menu/items/SCIENCE-1/retire?district=" + district, null);
        ok(retired);
        assertThat(json.readTree(retired.getBody()))
                .isEqualTo(json.readTree("{\"itemId\":\"" + itemId + "\",\"active\":false}"));
        await().atMost(Duration.ofSeconds(20)).until(() -> json.readTree(http.getForObject(
                "/api/v1/menu/items/SCIENCE-1?district=" + district, String.class)),
                shown -> shown.has("active") && !shown.get("active").asBoolean());
    }

    @Test
    void shouldAnswerBadOrdersWithProblemsAndCreateNothing() throws Exception {
        HierarchyFixture.publishTree(district);
        put("/api/v1/menu/items/TALK?district=" + district, """
                {"name":"理论宣讲","platform":"THEORY_LECTURES","minimumSkillLevel":1,"expectedMinutes":60,"peopleNeeded":1}""");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForEntity("/api/v1/menu/items/TALK?district="
                + district, String.class).getStatusCode().is2xxSuccessful());
        MarkedWindow window = MarkedWindow.open(eventStore, processing);
        assertProblem(post("/api/v1/requests?district=" + district, "{\"menuItem\":\"NOPE\",\"channel\":\"APP\",\"requesterId\":\"r1\",\"location\":{\"latitude\":29.5,\"longitude\":106.5}}"),
                422, "unknown-menu-item");
        assertProblem(post("/api/v1/requests?district=" + district, "{\"menuItem\":\"X\",\"channel\":\"FAX\",\"requesterId\":\"r1\"}"),
                400, "invalid-field");
        assertProblem(post("/api/v1/requests?district=" + district, "{\"menuItem\":\"X\",\"channel\":\"APP\",\"requesterId\":\"r1\",\"location\":{\"latitude\":200,\"longitude\":106.5}}"),
                400, "invalid-field");
        assertProblem(post("/api/v1/requests?district=" + district, "{\"menuItem\":\"X\",\"channel\":\"APP\",\"requesterId\":\"r1\",\"preferredFrom\":\"2026-03-07T09:00\"}"),
                400, "invalid-field");
        assertProblem(post("/api/v1/requests/req-unknown/review?district=" + district, "{\"accept\":true,\"reviewerId\":\"a\"}"),
                404, "not-found");
        assertProblem(http.exchange("/api/v1/menu/items/BAD?district=" + district, org.springframework.http.HttpMethod.PUT,
                        entity("{\"name\":\"x\",\"platform\":\"CARE\",\"minimumSkillLevel\":1,\"expectedMinutes\":60,\"peopleNeeded\":1,\"sla\":{\"REVIEW\":\"two hours\"}}"), String.class),
                400, "invalid-field");

        // The known end: a good order after the bad ones (retried until the tree copy has the station), through the
        // same store, read model and topic.
        ResponseEntity<String> marked = await().atMost(Duration.ofSeconds(30)).until(() -> post(
                "/api/v1/requests?district=" + district, """
                        {"menuItem":"TALK","community":"盘龙社区","channel":"APP","requesterId":"resident-marker"}"""),
                response -> response.getStatusCode().value() == 201);
        String marker = json.readTree(marked.getBody()).get("requestId").asText();
        MarkedWindow.Closed closed = window.closeAt(marker);
        assertThat(closed.storedFor(district, MenuCommands.itemId(district, "BAD"))).as("events the bad orders stored")
                .isEmpty();
        assertThat(closed.publishedFor(district)).as("records the bad orders published").isEmpty();
        JsonNode all = json.valueToTree(http.getForObject("/api/v1/requests?district=" + district, Map.class));
        assertThat(all.get("items").findValuesAsText("requestId")).as("no request but the marker").containsExactly(marker);
        assertThat(http.getForEntity("/api/v1/menu/items/BAD?district=" + district, String.class).getStatusCode().value())
                .isEqualTo(404);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private String action(String requestId, String name) {
        return "/api/v1/requests/" + requestId + "/" + name + "?district=" + district;
    }

    private ResponseEntity<String> post(String path, String body) {
        return http.postForEntity(path, entity(body), String.class);
    }

    private void put(String path, String body) {
        ResponseEntity<String> response = http.exchange(path, org.springframework.http.HttpMethod.PUT, entity(body), String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    }

    private static void ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    }

    private void assertProblem(ResponseEntity<String> response, int status, String type) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getBody()).contains("https://practice.cloud/problems/" + type);
    }

    private static HttpEntity<String> entity(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
