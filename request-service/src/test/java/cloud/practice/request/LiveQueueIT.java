package cloud.practice.request;

import cloud.practice.request.live.LiveStreams;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.TestIdentity;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The staff console's live queue (ADR 0018) against the real broker and store: {@code ready} first, then each change of
 * a request in the caller's subtree as the read model shows it — not another station's — a later change with a higher
 * sequence, keep-alive comments, the list's refusals before any stream starts, and the replica's stream limit; a
 * staff note, which never reaches Kafka, too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "practice.live-queue.keep-alive=300ms",
        "practice.live-queue.max-streams=" + LiveQueueIT.MAX_STREAMS})
@WithPlatformInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveQueueIT {

    static final int MAX_STREAMS = 4;
    static final Duration WITHIN = Duration.ofSeconds(30);

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    LiveStreams streams;
    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    final TestIdentity identity = TestIdentity.get();
    final String district = "live-" + UUID.randomUUID().toString().substring(0, 8);
    final String d = "?district=" + district;

    final String stationAdmin = token("admin-pl", Role.STATION_ADMIN, district, "s-pl");
    final String otherStationAdmin = token("admin-jly", Role.STATION_ADMIN, district, "s-jly");
    final String instituteAdmin = token("admin-jl", Role.INSTITUTE_ADMIN, district, "i-jl");
    final String districtAdmin = token("admin-center", Role.DISTRICT_ADMIN, district, "center");
    final String resident = token("resident-live", Role.RESIDENT, district, null);
    final String foreignAdmin = token("admin-pl", Role.STATION_ADMIN, "elsewhere", "s-pl");

    String token(String user, Role role, String inDistrict, String unit) {
        return identity.token(user, role.name(), inDistrict, unit, Scopes.forRole(role));
    }

    @BeforeAll
    void aDistrictWithAMenu() {
        HierarchyFixture.publishTree(district);
        assertThat(send(districtAdmin, HttpMethod.PUT, "/api/v1/menu/items/HELP" + d,
                "{\"name\":\"助老\",\"platform\":\"CARE\",\"minimumSkillLevel\":1,\"expectedMinutes\":60,\"peopleNeeded\":1}")
                .getStatusCode().value()).isIn(200, 201);
        await().atMost(WITHIN).until(() -> send(resident, HttpMethod.GET, "/api/v1/menu/items/HELP" + d, null)
                .getStatusCode().value() == 200);
    }

    @Test
    void shouldStreamChangesInTheStationsSubtreeOnlyOnceTheReadModelShowsThem() throws Exception {
        try (LiveClient station = stream("&unitId=s-pl", stationAdmin);
             LiveClient institute = stream("", instituteAdmin)) {
            LiveClient.Event ready = station.nextEvent(WITHIN);
            assertThat(ready.name()).isEqualTo("ready");
            assertThat(Instant.parse(json.readTree(ready.data()).get("at").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(institute.nextEvent(WITHIN).name()).isEqualTo("ready");

            // Another station's order first, and through to the streams (the institute's shows it) ...
            String elsewhere = order("九龙园社区", "resident-jly");
            LiveClient.Event seenAbove = institute.nextEvent(WITHIN);
            assertThat(seenAbove.id()).startsWith(elsewhere + ":");
            // ... then one at the admin's station: the station's first event is this one, never the other.
            String here = order("盘龙社区", "resident-pl");
            LiveClient.Event placed = station.nextEvent(WITHIN);
            assertThat(placed.name()).isEqualTo("request");
            assertThat(placed.id()).startsWith(here + ":");
            JsonNode view = json.readTree(placed.data());
            assertThat(view.get("requestId").asText()).isEqualTo(here);
            assertThat(view.get("unitId").asText()).isEqualTo("s-pl");
            assertThat(view.get("status").asText()).isEqualTo("SUBMITTED");
            long placedAt = sequence(placed);
            assertThat(view.get("appliedSequence").asLong()).as("the read model had applied it")
                    .isGreaterThanOrEqualTo(placedAt);
            assertThat(view.get("keyedBy").asText()).as("staff see who keyed it, as on GET /requests/{id}")
                    .isEqualTo("admin-center");

            assertThat(send(stationAdmin, HttpMethod.POST, "/api/v1/requests/" + here + "/review" + d,
                    "{\"accept\":true,\"reviewerId\":\"admin-pl\"}").getStatusCode().value()).isEqualTo(200);
            LiveClient.Event reviewed = station.nextEvent(WITHIN);
            assertThat(reviewed.id()).startsWith(here + ":");
            assertThat(sequence(reviewed)).isGreaterThan(placedAt);
            JsonNode after = json.readTree(reviewed.data());
            assertThat(after.get("status").asText()).isEqualTo("REVIEWED");
            assertThat(after.get("appliedSequence").asLong()).isGreaterThanOrEqualTo(sequence(reviewed));
            // exactly what GET /requests/{id} shows this caller at that version
            JsonNode single = json.readTree(send(stationAdmin, HttpMethod.GET, "/api/v1/requests/" + here + d, null)
                    .getBody());
            assertThat(after.get("requestId")).isEqualTo(single.get("requestId"));
            assertThat(after.get("location")).isEqualTo(single.get("location"));
            assertThat(after.get("maskedContact")).isEqualTo(single.get("maskedContact"));
        }
    }

    /**
     * A staff note is the whole of its command and never reaches Kafka: the replica's reader of its own event store
     * brings it to the streams, as the request now is (the note in its history, for staff).
     */
    @Test
    void shouldStreamAStaffNoteThoughItIsNeverPublished() throws Exception {
        try (LiveClient station = stream("&unitId=s-pl", stationAdmin)) {
            assertThat(station.nextEvent(WITHIN).name()).isEqualTo("ready");
            String here = order("盘龙社区", "resident-noted");
            LiveClient.Event placed = nextOf(station, here);
            ResponseEntity<String> noted = send(stationAdmin, HttpMethod.POST, "/api/v1/requests/" + here + "/notes" + d,
                    "{\"text\":\"已联系家属，周三上午上门\"}");
            assertThat(noted.getStatusCode().value()).as(noted.getBody()).isEqualTo(200);

            LiveClient.Event note = nextOf(station, here);
            assertThat(note.name()).isEqualTo("request");
            assertThat(sequence(note)).isGreaterThan(sequence(placed));
            JsonNode view = json.readTree(note.data());
            assertThat(view.get("appliedSequence").asLong()).isGreaterThanOrEqualTo(sequence(note));
            JsonNode last = view.get("history").get(view.get("history").size() - 1);
            assertThat(last.get("event").asText()).isEqualTo("noted-by-staff");
            assertThat(last.get("by").asText()).isEqualTo("admin-pl");
            assertThat(last.get("detail").asText()).isEqualTo("已联系家属，周三上午上门");
        }
    }

    /** The next event of this request (an earlier test's order may still be climbing the tree meanwhile). */
    private static LiveClient.Event nextOf(LiveClient stream, String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (true) {
            LiveClient.Event event = stream.nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event.id() != null && event.id().startsWith(requestId + ":")) {
                return event;
            }
        }
    }

    /** An order escalated to the institute leaves the station's queue: the station is told it left, nothing more. */
    @Test
    void shouldTellTheStationAnOrderEscalatedAboveItLeftItsQueue() throws Exception {
        assertThat(send(districtAdmin, HttpMethod.PUT, "/api/v1/menu/items/URGENT" + d,
                "{\"name\":\"紧急助老\",\"platform\":\"CARE\",\"minimumSkillLevel\":1,\"expectedMinutes\":30,"
                        + "\"peopleNeeded\":1,\"sla\":{\"REVIEW\":\"PT2S\"}}").getStatusCode().value()).isIn(200, 201);
        await().atMost(WITHIN).until(() -> send(resident, HttpMethod.GET, "/api/v1/menu/items/URGENT" + d, null)
                .getStatusCode().value() == 200);
        try (LiveClient station = stream("&unitId=s-pl", stationAdmin)) {
            assertThat(station.nextEvent(WITHIN).name()).isEqualTo("ready");
            String urgent = order("盘龙社区", "resident-pl", "URGENT");
            LiveClient.Event event = station.nextEvent(WITHIN);
            long seen = -1;
            while (event.name().equals("request")) {
                assertThat(event.id()).startsWith(urgent + ":");
                seen = sequence(event);
                event = station.nextEvent(WITHIN);
            }
            assertThat(seen).as("the station saw the order before it left").isNotNegative();
            assertThat(event.name()).isEqualTo("left");
            assertThat(event.id()).startsWith(urgent + ":");
            assertThat(sequence(event)).isGreaterThan(seen);
            JsonNode left = json.readTree(event.data());
            assertThat(left.get("requestId").asText()).isEqualTo(urgent);
            assertThat(left.get("sequence").asLong()).isEqualTo(sequence(event));
            assertThat(left.has("unitId")).as("nothing of the request as it is now").isFalse();
            assertThat(send(stationAdmin, HttpMethod.GET, "/api/v1/requests/" + urgent + d, null)
                    .getStatusCode().value()).as("the station may no longer read it").isEqualTo(404);
        }
    }

    @Test
    void shouldKeepTheStreamAliveWithComments() throws Exception {
        try (LiveClient station = stream("", stationAdmin)) {
            assertThat(station.nextEvent(WITHIN).name()).isEqualTo("ready");
            LiveClient.Event keepAlive = station.next(WITHIN);
            assertThat(keepAlive.comment()).isTrue();
            assertThat(keepAlive.data()).isEqualTo("keep-alive");
        }
    }

    /** What shutdown, a slow client and the longest duration do: the server completes the response; no error. */
    @Test
    void shouldEndAStreamTheServerClosesAsACompleteResponse() throws Exception {
        try (LiveClient station = stream("", stationAdmin)) {
            assertThat(station.nextEvent(WITHIN).name()).isEqualTo("ready");
            streams.closeAll();
            LiveClient.Event last = station.next(WITHIN);
            while (last.comment()) {
                last = station.next(WITHIN);
            }
            assertThat(LiveClient.ended(last)).as("the response ends, the client reconnects").isTrue();
            assertThat(station.failure()).as("ended cleanly, not cut").isNull();
        }
    }

    /** Refused exactly as GET /requests?district=&unitId= refuses the same caller: a problem, no stream. */
    @Test
    void shouldRefuseWhomTheListRefusesBeforeAnyStreamStarts() throws Exception {
        record Refusal(String who, String token, String query, int status, String type) {
        }
        List<Refusal> refusals = List.of(
                new Refusal("another station's admin", otherStationAdmin, d + "&unitId=s-pl", 403, "forbidden"),
                new Refusal("an admin of another district", foreignAdmin, d + "&unitId=s-pl", 403, "forbidden"),
                new Refusal("an admin naming a unit of another district", stationAdmin,
                        "?district=elsewhere&unitId=s-pl", 403, "forbidden"));
        // A system may list any unit: of one the district does not have, the list is merely empty; a stream of it
        // would stay open on nothing.
        String districtSystem = identity.token("hotline", Role.SYSTEM.name(), district, null, Scopes.forRole(Role.SYSTEM));
        try (LiveClient live = LiveClient.open(port, d + "&unitId=s-nowhere", districtSystem)) {
            assertThat(live.status()).as(live.body()).isEqualTo(404);
            assertThat(live.body()).contains("not-found");
        }
        for (Refusal refusal : refusals) {
            ResponseEntity<String> list = send(refusal.token(), HttpMethod.GET, "/api/v1/requests" + refusal.query(),
                    null);
            try (LiveClient live = LiveClient.open(port, refusal.query(), refusal.token())) {
                assertThat(live.status()).as(refusal.who()).isEqualTo(refusal.status())
                        .isEqualTo(list.getStatusCode().value());
                assertThat(live.header("Content-Type")).as(refusal.who()).startsWith("application/problem+json");
                assertThat(json.readTree(live.body()).get("type").asText()).as(refusal.who())
                        .endsWith("/" + refusal.type());
            }
        }
        // A resident lists only their own requests; following a queue is refused as others' requests are.
        assertThat(send(resident, HttpMethod.GET, "/api/v1/requests" + d + "&requesterId=resident-other", null)
                .getStatusCode().value()).isEqualTo(403);
        try (LiveClient live = LiveClient.open(port, d + "&unitId=s-pl", resident)) {
            assertThat(live.status()).isEqualTo(403);
            assertThat(json.readTree(live.body()).get("type").asText()).endsWith("/forbidden");
        }
        try (LiveClient live = LiveClient.open(port, d, null)) {
            assertThat(live.status()).as("no token").isEqualTo(401);
        }
        for (String[] bad : new String[][] {{"?district=Not%20A%20District", "district"},
                {d + "&unitId=%3Cscript%3E", "unitId"}, {"", "district"}}) {
            try (LiveClient live = LiveClient.open(port, bad[0], stationAdmin)) {
                assertThat(live.status()).as(bad[0]).isEqualTo(400);
                assertThat(live.body()).as(bad[0]).contains("\"" + bad[1] + "\"");
            }
        }
    }

    @Test
    void shouldRefuseStreamsBeyondTheReplicasLimitWith503() throws Exception {
        // Streams of other tests end when their clients leave (noticed at the next keep-alive).
        await().atMost(WITHIN).until(() -> streams.openStreams() == 0);
        List<LiveClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_STREAMS; i++) {
                LiveClient client = stream("", districtAdmin);
                assertThat(client.nextEvent(WITHIN).name()).isEqualTo("ready");
                open.add(client);
            }
            assertThat(meters.get("practice.request.live.streams").gauge().value()).isEqualTo(MAX_STREAMS);
            try (LiveClient refused = LiveClient.open(port, d, districtAdmin)) {
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isNotBlank();
                assertThat(json.readTree(refused.body()).get("type").asText()).endsWith("/too-many-streams");
            }
            open.remove(0).close();
            await().atMost(WITHIN).until(() -> streams.openStreams() == MAX_STREAMS - 1);
            LiveClient again = stream("", districtAdmin);
            open.add(again);
            assertThat(again.nextEvent(WITHIN).name()).isEqualTo("ready");
        } finally {
            for (LiveClient client : open) {
                client.close();
            }
        }
    }

    /** A stream once the replica's reader has its place on the topic (it answers 503 stream-unavailable before). */
    private LiveClient stream(String query, String token) throws Exception {
        return await().atMost(WITHIN).until(() -> LiveClient.open(port, d + query, token), client -> {
            if (client.status() == 503 && client.body().contains("stream-unavailable")) {
                return false;
            }
            assertThat(client.status()).as(client.body()).isEqualTo(200);
            assertThat(client.header("Content-Type")).startsWith("text/event-stream");
            return true;
        });
    }

    private static long sequence(LiveClient.Event event) {
        return Long.parseLong(event.id().substring(event.id().lastIndexOf(':') + 1));
    }

    private String order(String community, String requester) throws Exception {
        return order(community, requester, "HELP");
    }

    private String order(String community, String requester, String item) throws Exception {
        ResponseEntity<String> ordered = send(districtAdmin, HttpMethod.POST, "/api/v1/requests" + d,
                "{\"menuItem\":\"" + item + "\",\"community\":\"" + community + "\",\"channel\":\"PHONE\",\"requesterId\":\""
                        + requester + "\",\"contact\":\"13812345678\",\"address\":\"2-1-1\",\"description\":\"帮忙买菜\"}");
        assertThat(ordered.getStatusCode().value()).as(ordered.getBody()).isEqualTo(201);
        return json.readTree(ordered.getBody()).get("requestId").asText();
    }

    ResponseEntity<String> send(String token, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
