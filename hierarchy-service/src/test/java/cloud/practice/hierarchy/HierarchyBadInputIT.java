package cloud.practice.hierarchy;

import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.testing.ProblemTable;
import cloud.practice.testing.ProblemTable.Case;
import cloud.practice.testing.TopicReader;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * The bad-input table of hierarchy-service: each row is a hostile or mistaken request, the status and problem type
 * it must get, and afterwards nothing changed: no event appended, the district's read models (its export, every
 * unit's version and managers, its partners and pairings) and its records on Kafka as before. "Afterwards" is a known
 * point, a good change made after the table and seen through the store, every processor and the topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HierarchyBadInputIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;

    static final Duration PATIENCE = Duration.ofSeconds(30);

    final String district = "bad-" + UUID.randomUUID().toString().substring(0, 8);
    /** The markers' own district, so that the table's district can be compared as it was. */
    final String markerDistrict = district + "-marker";

    @BeforeAll
    void smallDistrict() {
        String units = """
                [{"unitId":"center","code":"C","name":"中心","tier":"CENTER"},
                 {"unitId":"i-1","code":"I1","name":"九龙文明实践所","tier":"INSTITUTE","parentId":"center"},
                 {"unitId":"s-1","code":"S1","name":"盘龙站","tier":"STATION","parentId":"i-1","communities":["盘龙社区"]},
                 {"unitId":"s-2","code":"S2","name":"九龙园站","tier":"STATION","parentId":"i-1"}]""";
        ResponseEntity<String> imported = send(HttpMethod.POST, "/api/v1/org-units/import?district=" + district
                + "&effectiveDate=2026-01-01", MediaType.APPLICATION_JSON_VALUE, units, Map.of());
        assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> export().contains("九龙园站"));
        ResponseEntity<String> manager = send(HttpMethod.POST, "/api/v1/org-units/s-1/managers?district=" + district,
                MediaType.APPLICATION_JSON_VALUE, "{\"userId\":\"" + MANAGER + "\"}", Map.of());
        assertThat(manager.getStatusCode().value()).as(manager.getBody()).isEqualTo(200);
    }

    /** The manager of s-1 the table's rows run into. */
    static final String MANAGER = "acc-5d0c1f7a-2b3e-4c9d-8e1f-6a7b8c9d0e1f";

    record Named(String field, Case c) {
    }

    private static Named named(String field, Case c) {
        return new Named(field, c);
    }

    /** Bad manager assignments and revocations: each must name its field (what the issuer would grant from). */
    List<Named> managerCases() {
        String d = "?district=" + district;
        String assign = "/api/v1/org-units/s-1/managers" + d;
        return List.of(
                named("userId", json("manager id with a space", HttpMethod.POST, assign, "{\"userId\":\"wang wei\"}", 400, "invalid-field")),
                named("userId", json("manager id like markup", HttpMethod.POST, assign, "{\"userId\":\"<script>\"}", 400, "invalid-field")),
                named("userId", json("manager id too long", HttpMethod.POST, assign, "{\"userId\":\"acc-" + "a".repeat(61) + "\"}", 400, "invalid-field")),
                named("userId", json("manager id missing", HttpMethod.POST, assign, "{\"role\":\"STATION_ADMIN\"}", 400, "invalid-field")),
                named("userId", json("manager id blank", HttpMethod.POST, assign, "{\"userId\":\"\"}", 400, "invalid-field")),
                named("userId", json("manager id not a string", HttpMethod.POST, assign, "{\"userId\":{\"$ne\":null}}", 400, "invalid-field")),
                named("role", json("manager role that is no admin role", HttpMethod.POST, assign, "{\"userId\":\"acc-new\",\"role\":\"VOLUNTEER\"}", 400, "invalid-field")),
                named("role", json("manager role ANALYST", HttpMethod.POST, assign, "{\"userId\":\"acc-new\",\"role\":\"ANALYST\"}", 400, "invalid-field")),
                named("role", json("manager role in another spelling", HttpMethod.POST, assign, "{\"userId\":\"acc-new\",\"role\":\"SUB_CENTER_ADMIN\"}", 400, "invalid-field")),
                named("role", json("manager role that does not fit", HttpMethod.POST, assign, "{\"userId\":\"acc-new\",\"role\":\"DISTRICT_ADMIN\"}", 422, "role-does-not-fit")),
                named("effectiveDate", json("manager assigned from a future date", HttpMethod.POST, assign, "{\"userId\":\"acc-new\",\"effectiveDate\":\"" + java.time.LocalDate.now().plusDays(2) + "\"}", 400, "invalid-field")),
                named("userId", json("the same manager twice", HttpMethod.POST, assign, "{\"userId\":\"" + MANAGER + "\"}", 409, "already-manager")),
                named("userId", json("the same manager twice, role named", HttpMethod.POST, assign, "{\"userId\":\"" + MANAGER + "\",\"role\":\"STATION_ADMIN\"}", 409, "already-manager")),
                named("unitId", json("manager of an unknown unit", HttpMethod.POST, "/api/v1/org-units/s-99/managers" + d, "{\"userId\":\"acc-new\"}", 404, "not-found")),
                named("userId", json("revoke someone who is no manager", HttpMethod.DELETE, "/api/v1/org-units/s-2/managers/" + MANAGER + d, null, 404, "not-found")),
                named("userId", json("revoke an id too long", HttpMethod.DELETE, "/api/v1/org-units/s-1/managers/" + "a".repeat(65) + d, null, 400, "invalid-field")),
                named("userId", json("revoke an id with a plus", HttpMethod.DELETE, "/api/v1/org-units/s-1/managers/a+b" + d, null, 400, "invalid-field")));
    }

    List<Case> cases() {
        String d = "?district=" + district;
        String establish = "/api/v1/org-units" + d;
        String valid = "{\"code\":\"S9\",\"name\":\"新站\",\"tier\":\"STATION\",\"parentId\":\"i-1\"}";
        List<Case> cases = new ArrayList<>(List.of(
                json("missing name", HttpMethod.POST, establish, "{\"code\":\"S9\",\"tier\":\"STATION\",\"parentId\":\"i-1\"}", 400, "invalid-field"),
                json("wrong type", HttpMethod.POST, establish, "{\"code\":\"S9\",\"name\":\"x\",\"tier\":5,\"parentId\":\"i-1\"}", 400, "invalid-field"),
                json("unknown enum", HttpMethod.POST, establish, "{\"code\":\"S9\",\"name\":\"x\",\"tier\":\"VILLAGE\",\"parentId\":\"i-1\"}", 400, "invalid-field"),
                json("unknown field", HttpMethod.POST, establish, "{\"code\":\"S9\",\"name\":\"x\",\"tier\":\"STATION\",\"parentId\":\"i-1\",\"colour\":\"red\"}", 400, "invalid-field"),
                json("oversized string", HttpMethod.POST, establish, "{\"code\":\"S9\",\"name\":\"" + "长".repeat(101) + "\",\"tier\":\"STATION\",\"parentId\":\"i-1\"}", 400, "invalid-field"),
                json("invalid coordinates", HttpMethod.POST, establish, "{\"code\":\"S9\",\"name\":\"x\",\"tier\":\"STATION\",\"parentId\":\"i-1\",\"location\":{\"latitude\":95,\"longitude\":106.5}}", 400, "invalid-field"),
                json("invalid date", HttpMethod.POST, establish, "{\"code\":\"S9\",\"name\":\"x\",\"tier\":\"STATION\",\"parentId\":\"i-1\",\"effectiveDate\":\"2026-13-01\"}", 400, "invalid-field"),
                json("date with time and zone where a date is due", HttpMethod.POST, establish, "{\"code\":\"S9\",\"name\":\"x\",\"tier\":\"STATION\",\"parentId\":\"i-1\",\"effectiveDate\":\"2026-03-01T00:00:00+08:00\"}", 400, "invalid-field"),
                json("far-future effective date", HttpMethod.POST, establish, "{\"code\":\"S9\",\"name\":\"x\",\"tier\":\"STATION\",\"parentId\":\"i-1\",\"effectiveDate\":\"2099-01-01\"}", 400, "invalid-field"),
                json("malformed JSON", HttpMethod.POST, establish, "{\"code\":", 400, "malformed-body"),
                json("injection-like id", HttpMethod.POST, establish, "{\"unitId\":\"$where\",\"code\":\"S9\",\"name\":\"x\",\"tier\":\"STATION\",\"parentId\":\"i-1\"}", 400, "invalid-field"),
                json("unknown parent", HttpMethod.POST, establish, "{\"code\":\"S9\",\"name\":\"x\",\"tier\":\"STATION\",\"parentId\":\"i-99\"}", 422, "unknown-parent"),
                json("tier placement", HttpMethod.POST, establish, "{\"code\":\"S9\",\"name\":\"x\",\"tier\":\"STATION\",\"parentId\":\"center\"}", 422, "tier-placement"),
                json("duplicate code", HttpMethod.POST, establish, "{\"code\":\"S1\",\"name\":\"x\",\"tier\":\"STATION\",\"parentId\":\"i-1\"}", 409, "duplicate-code"),
                json("covered community", HttpMethod.POST, establish, "{\"code\":\"S9\",\"name\":\"x\",\"tier\":\"STATION\",\"parentId\":\"i-1\",\"communities\":[\"盘龙社区\"]}", 409, "community-covered"),
                json("second center", HttpMethod.POST, establish, "{\"code\":\"C2\",\"name\":\"x\",\"tier\":\"CENTER\"}", 409, "center-exists"),
                json("bad district", HttpMethod.POST, "/api/v1/org-units?district=Bad District!", valid, 400, "invalid-field"),
                json("missing district", HttpMethod.POST, "/api/v1/org-units", valid, 400, "invalid-field"),
                json("unknown unit", HttpMethod.GET, "/api/v1/org-units/s-99" + d, null, 404, "not-found"),
                json("another district's unit", HttpMethod.GET, "/api/v1/org-units/s-1?district=other-district", null, 404, "not-found"),
                json("rename unknown unit", HttpMethod.POST, "/api/v1/org-units/s-99/rename" + d, "{\"name\":\"x\"}", 404, "not-found"),
                json("move into own subtree", HttpMethod.POST, "/api/v1/org-units/i-1/move" + d, "{\"parentId\":\"s-1\"}", 422, "cycle"),
                json("move a station under the center", HttpMethod.POST, "/api/v1/org-units/s-1/move" + d, "{\"parentId\":\"center\"}", 422, "tier-placement"),
                json("close with open children", HttpMethod.POST, "/api/v1/org-units/i-1/close" + d, "{\"reason\":\"x\"}", 422, "has-open-children"),
                json("reactivate an active unit", HttpMethod.POST, "/api/v1/org-units/s-1/reactivate" + d, "{}", 409, "illegal-transition"),
                json("change effective before the last change", HttpMethod.POST, "/api/v1/org-units/s-1/rename" + d, "{\"name\":\"x\",\"effectiveDate\":\"2025-06-01\"}", 422, "effective-date-before-last-change"),
                json("grids of a community the unit does not declare", HttpMethod.POST, "/api/v1/org-units/s-1/grids" + d, "{\"community\":\"别的社区\",\"grids\":[\"一网格\"]}", 422, "community-not-declared"),
                json("the same grid twice", HttpMethod.POST, "/api/v1/org-units/s-1/grids" + d, "{\"community\":\"盘龙社区\",\"grids\":[\"一网格\",\" 一网格\"]}", 400, "invalid-field"),
                json("grids missing", HttpMethod.POST, "/api/v1/org-units/s-1/grids" + d, "{\"community\":\"盘龙社区\"}", 400, "invalid-field"),
                json("a blank grid", HttpMethod.POST, "/api/v1/org-units/s-1/grids" + d, "{\"community\":\"盘龙社区\",\"grids\":[\" \"]}", 400, "invalid-field"),
                json("grids of an unknown unit", HttpMethod.POST, "/api/v1/org-units/s-99/grids" + d, "{\"community\":\"盘龙社区\",\"grids\":[\"一网格\"]}", 404, "not-found"),
                json("merge into itself", HttpMethod.POST, "/api/v1/org-units/s-1/merge" + d, "{\"survivorId\":\"s-1\"}", 422, "merge-into-itself"),
                json("split everything", HttpMethod.POST, "/api/v1/org-units/s-1/split" + d, "{\"code\":\"S3\",\"name\":\"x\",\"communities\":[\"盘龙社区\"]}", 422, "split-everything"),
                json("nearest with a non-number", HttpMethod.GET, "/api/v1/org-units/nearest-stations" + d + "&lat=abc&lon=106", null, 400, "invalid-field"),
                json("nearest off the globe", HttpMethod.GET, "/api/v1/org-units/nearest-stations" + d + "&lat=91&lon=106", null, 400, "invalid-field"),
                json("asOf not a date", HttpMethod.GET, "/api/v1/org-units/s-1" + d + "&asOf=yesterday", null, 400, "invalid-field"),
                json("page size too large", HttpMethod.GET, "/api/v1/org-units" + d + "&size=100000", null, 400, "invalid-field"),
                json("pairing with unknown partner", HttpMethod.POST, "/api/v1/pairings" + d, "{\"partnerId\":\"nobody\",\"stationIds\":[\"s-1\"],\"model\":\"ORGANISATION_PAIRING\",\"activitiesPerQuarter\":1,\"startDate\":\"2026-02-01\"}", 422, "unknown-partner"),
                json("pairing with no stations", HttpMethod.POST, "/api/v1/pairings" + d, "{\"partnerId\":\"nobody\",\"stationIds\":[],\"model\":\"ORGANISATION_PAIRING\",\"activitiesPerQuarter\":1,\"startDate\":\"2026-02-01\"}", 400, "invalid-field"),
                json("partner with unknown type", HttpMethod.POST, "/api/v1/partners" + d, "{\"type\":\"FRIENDS\",\"name\":\"x\"}", 400, "invalid-field"),
                json("health of an unknown unit", HttpMethod.GET, "/api/v1/pairings/health" + d + "&unitId=nowhere", null, 404, "not-found"),
                new Case("stale If-Match", HttpMethod.POST, "/api/v1/org-units/s-1/rename" + d, MediaType.APPLICATION_JSON_VALUE,
                        "{\"name\":\"x\"}", Map.of(HttpHeaders.IF_MATCH, "\"99\""), 412, "stale-version"),
                new Case("garbage If-Match", HttpMethod.POST, "/api/v1/org-units/s-1/rename" + d, MediaType.APPLICATION_JSON_VALUE,
                        "{\"name\":\"x\"}", Map.of(HttpHeaders.IF_MATCH, "yesterday"), 400, "invalid-field"),
                new Case("bad idempotency key", HttpMethod.POST, establish, MediaType.APPLICATION_JSON_VALUE, valid,
                        Map.of("Idempotency-Key", "has spaces in it"), 400, "invalid-field"),
                new Case("CSV with bad rows", HttpMethod.POST, "/api/v1/org-units/import" + d, "text/csv",
                        "unitId,code,name,tier,parentId,divisionCode,address,latitude,longitude,contact,openingHours,platforms,communities\r\n"
                                + "s-7,S7,七站,STATION,i-1,,,north,106.5,,,,\r\n"
                                + "s-8,S8,八站,HAMLET,i-1,,,,,,,,\r\n", Map.of(), 422, "import-invalid"),
                new Case("CSV without header", HttpMethod.POST, "/api/v1/org-units/import" + d, "text/csv",
                        "s-7,S7,七站,STATION,i-1\r\n", Map.of(), 400, "malformed-body"),
                new Case("unsupported media type", HttpMethod.POST, establish, "application/xml", "<unit/>", Map.of(),
                        415, "unsupported-media-type"),
                new Case("oversized body", HttpMethod.POST, "/api/v1/org-units/import" + d, MediaType.APPLICATION_JSON_VALUE,
                        "[" + "{\"unitId\":\"x\"},".repeat(300_000) + "{}]", Map.of(), 413, "payload-too-large")));
        managerCases().forEach(named -> cases.add(named.c()));
        return cases;
    }

    @Test
    void shouldAnswerEveryBadInputWithItsProblemAndChangeNothing() throws Exception {
        // A good change just before the table and one just after it, each waited for in the event store, in every
        // event processor (read models, the Kafka relay) and on the topic: whatever the table got appended lies
        // between them and has been projected and published by the time the closing one is through.
        Marker opening = marker(HttpMethod.POST, "/api/v1/org-units?district=" + markerDistrict,
                "{\"unitId\":\"center\",\"code\":\"C\",\"name\":\"标记中心\",\"tier\":\"CENTER\"}", "标记中心");
        LocalDate asOf = LocalDate.now(ZoneId.of("Asia/Shanghai")); // both reads of the tree as of one day
        String before = readModels(asOf);
        List<String> publishedBefore = published();

        ProblemTable.assertAnswers(http, cases());

        Marker closing = marker(HttpMethod.POST, "/api/v1/org-units/center/rename?district=" + markerDistrict,
                "{\"name\":\"标记中心二\"}", "标记中心二");
        List<String> appended = appendedBetween(opening, closing);
        String after = readModels(asOf);
        List<String> publishedAfter = published();
        assertSoftly(softly -> {
            softly.assertThat(appended).as("events the table appended").isEmpty();
            softly.assertThat(after).as("the district's read models").isEqualTo(before);
            softly.assertThat(publishedAfter).as("the district's events on Kafka").isEqualTo(publishedBefore);
        });
    }

    @Test
    void shouldNameTheFieldOfEveryRefusedManagerChange() throws Exception {
        for (Named named : managerCases()) {
            Case c = named.c();
            ResponseEntity<String> answer = send(c.method(), c.path(), c.contentType(), c.body(), c.headers());
            JsonNode problem = json.readTree(answer.getBody());
            String field = problem.path("field").asText(problem.path("errors").path(0).path("field").asText());
            assertThat(field).as("%s: %s", c.what(), answer.getBody()).isEqualTo(named.field());
        }
    }

    @Test
    void shouldReplayAnIdempotentCreateAndRefuseTheKeyForAnotherBody() {
        String key = "create-" + UUID.randomUUID();
        String body = "{\"unitId\":\"s-idem\",\"code\":\"SI\",\"name\":\"幂等站\",\"tier\":\"STATION\",\"parentId\":\"i-1\"}";
        ResponseEntity<String> first = send(HttpMethod.POST, "/api/v1/org-units?district=" + district,
                MediaType.APPLICATION_JSON_VALUE, body, Map.of("Idempotency-Key", key));
        ResponseEntity<String> replay = send(HttpMethod.POST, "/api/v1/org-units?district=" + district,
                MediaType.APPLICATION_JSON_VALUE, body, Map.of("Idempotency-Key", key));
        ResponseEntity<String> reused = send(HttpMethod.POST, "/api/v1/org-units?district=" + district,
                MediaType.APPLICATION_JSON_VALUE, body.replace("幂等站", "别的站"), Map.of("Idempotency-Key", key));

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(replay.getStatusCode().value()).isEqualTo(201);
        assertThat(replay.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(reused.getStatusCode().value()).isEqualTo(422);
        assertThat(problemType(reused)).endsWith("/idempotency-key-reused");
    }

    private Case json(String what, HttpMethod method, String path, String body, int status, String type) {
        return Case.json(what, method, path, body, status, type);
    }

    private String problemType(ResponseEntity<String> response) {
        return ProblemTable.problemType(response);
    }

    private String export() {
        return http.getForObject("/api/v1/org-units/export?district=" + district + "&format=csv", String.class);
    }

    // ------------------------------------------------------------------ the table's known end: marker changes

    /** A good change and its event, seen through in the store, every processor and on the topic. */
    record Marker(TrackingToken token, String eventId) {
    }

    /**
     * Sends a good change in the marker district and waits until its event is in the store, every event processor
     * has passed it (single-segment processors handle events in store order, so also everything before it), the
     * read model shows {@code visible} and the event is on the topic.
     */
    private Marker marker(HttpMethod method, String path, String body, String visible) throws InterruptedException {
        TrackingToken head = eventStore.createHeadToken();
        ResponseEntity<String> answer = send(method, path, MediaType.APPLICATION_JSON_VALUE, body, Map.of());
        assertThat(answer.getStatusCode().is2xxSuccessful()).as("marker %s: %s", path, answer.getBody()).isTrue();
        List<TrackedEventMessage<?>> read = readUntil(head, this::ofMarkerDistrict);
        TrackedEventMessage<?> event = read.get(read.size() - 1);
        long position = event.trackingToken().position().orElseThrow();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(processing.eventProcessors().values())
                .filteredOn(StreamingEventProcessor.class::isInstance)
                .isNotEmpty()
                .allSatisfy(processor -> assertThat(((StreamingEventProcessor) processor).processingStatus().values())
                        .as("segments of %s", processor.getName()).isNotEmpty()
                        .allSatisfy(segment -> assertThat(segment.getCurrentPosition().orElse(-1))
                                .as("%s at the marker", processor.getName()).isGreaterThanOrEqualTo(position))));
        assertThat(http.getForObject("/api/v1/org-units/center?district=" + markerDistrict, String.class))
                .as("the marker in the read model").contains(visible);
        TopicReader.read(Context.HIERARCHY.topic(),
                record -> event.getIdentifier().equals(TopicReader.header(record, "ce_id")), 1, PATIENCE);
        return new Marker(event.trackingToken(), event.getIdentifier());
    }

    /** Events appended after {@code opening} up to {@code closing}, other than the markers' own. */
    private List<String> appendedBetween(Marker opening, Marker closing) throws InterruptedException {
        return readUntil(opening.token(), event -> event.getIdentifier().equals(closing.eventId())).stream()
                .filter(event -> !ofMarkerDistrict(event))
                .map(event -> event.getPayloadType().getSimpleName() + " of " + (event instanceof DomainEventMessage<?>
                        domain ? domain.getAggregateIdentifier() : "no aggregate"))
                .toList();
    }

    /** The store's events after {@code from}, up to and including the first that is {@code last}. */
    private List<TrackedEventMessage<?>> readUntil(TrackingToken from, Predicate<TrackedEventMessage<?>> last)
            throws InterruptedException {
        List<TrackedEventMessage<?>> read = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(from)) {
            while (read.isEmpty() || !last.test(read.get(read.size() - 1))) {
                assertThat(events.hasNextAvailable((int) PATIENCE.toSeconds(), TimeUnit.SECONDS))
                        .as("the event store reaches the marker after %s event(s)", read.size()).isTrue();
                read.add(events.nextAvailable());
            }
        }
        return read;
    }

    private boolean ofMarkerDistrict(TrackedEventMessage<?> event) {
        return event.getPayload() instanceof DomainEvent payload && markerDistrict.equals(payload.districtId());
    }

    /** What the API shows of the district: its tree with every unit's version and managers, and its pairings. */
    private String readModels(LocalDate asOf) {
        StringBuilder shown = new StringBuilder();
        for (String path : List.of("/api/v1/org-units/export?format=csv&", "/api/v1/org-units/center?",
                "/api/v1/org-units/i-1?", "/api/v1/org-units/s-1?", "/api/v1/org-units/s-2?",
                "/api/v1/org-units/s-1/coverage?")) {
            shown.append(http.getForObject(path + "asOf=" + asOf + "&district=" + district, String.class)).append('\n');
        }
        for (String path : List.of("/api/v1/partners", "/api/v1/pairings")) {
            shown.append(http.getForObject(path + "?district=" + district, String.class)).append('\n');
        }
        return shown.toString();
    }

    /** The records on the topic of every district the table names, by type, key and event id. */
    private List<String> published() {
        Set<String> named = Set.of(district, "other-district", "Bad District!");
        return TopicReader.all(Context.HIERARCHY.topic(),
                        record -> named.contains(TopicReader.header(record, "ce_" + CloudEventAttributes.DISTRICT)))
                .stream()
                .map(record -> TopicReader.header(record, "ce_type") + " " + record.key() + " "
                        + TopicReader.header(record, "ce_id"))
                .sorted()
                .toList();
    }

    private ResponseEntity<String> send(HttpMethod method, String path, String contentType, String body,
                                        Map<String, String> extraHeaders) {
        return ProblemTable.send(http, method, path, contentType, body, extraHeaders);
    }
}
