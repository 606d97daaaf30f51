package cloud.practice.request;

import cloud.practice.events.Context;
import cloud.practice.request.lifecycle.api.RequestCommands.AddStaffNoteCommand;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.TestIdentity;
import cloud.practice.testing.TopicReader;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * Staff notes on an order (issue 23, the console's order page) over HTTP against the real broker and store: a note
 * joins the history as {@code noted-by-staff} with its author, time and text, for staff only, and never reaches the
 * request topic; bad texts change nothing; whoever may not review the order may not note it, answered as review
 * answers them; closed orders take notes; If-Match holds as on every action.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffNotesIT {

    static final Duration WITHIN = Duration.ofSeconds(30);
    static final String NOTED = "noted-by-staff";

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

    final TestIdentity identity = TestIdentity.get();
    final String district = "note-" + UUID.randomUUID().toString().substring(0, 8);
    final String d = "?district=" + district;
    /** A volunteer registered in this district (ids unique per district, as volunteer-service makes them). */
    final String v1 = "v1-" + district;

    final String alice = token("resident-alice", Role.RESIDENT, district, null);
    final String bob = token("resident-bob", Role.RESIDENT, district, null);
    final String volunteer = token(v1, Role.VOLUNTEER, district, null);
    final String stationAdmin = token("admin-pl", Role.STATION_ADMIN, district, "s-pl");
    final String otherStationAdmin = token("admin-jly", Role.STATION_ADMIN, district, "s-jly");
    final String instituteAdmin = token("admin-jl", Role.INSTITUTE_ADMIN, district, "i-jl");
    final String districtAdmin = token("admin-center", Role.DISTRICT_ADMIN, district, "center");
    final String legalSubCenter = token("admin-law", Role.SUBCENTER_ADMIN, district, "sc-law");
    final String foreignAdmin = token("admin-pl", Role.STATION_ADMIN, "elsewhere", "s-pl");

    String token(String user, Role role, String inDistrict, String unit) {
        return identity.token(user, role.name(), inDistrict, unit, Scopes.forRole(role));
    }

    @BeforeAll
    void aDistrictWithAMenuAndAVolunteer() {
        HierarchyFixture.publishTree(district);
        DirectoryFixture.volunteers(volunteers, district, v1);
        assertThat(send(districtAdmin, HttpMethod.PUT, "/api/v1/menu/items/HELP" + d,
                "{\"name\":\"助老\",\"platform\":\"CARE\",\"minimumSkillLevel\":1,\"expectedMinutes\":60,\"peopleNeeded\":1}")
                .getStatusCode().value()).isIn(200, 201);
        await().atMost(WITHIN).until(() -> send(alice, HttpMethod.GET, "/api/v1/menu/items/HELP" + d, null)
                .getStatusCode().value() == 200);
    }

    @Test
    void shouldShowANoteInTheHistoryWithItsAuthorAndTimeToStaffOnlyAndNeverPublishIt() throws Exception {
        String requestId = aliceOrders();
        String before = view(stationAdmin, requestId).getHeaders().getETag();
        String mark = UUID.randomUUID().toString();
        String text = "已电话联系家属张先生（13900001111），周三上午方便 " + mark;
        MarkedWindow window = MarkedWindow.open(eventStore, processing);
        Instant sent = Instant.now();

        ResponseEntity<String> noted = note(stationAdmin, requestId, json.writeValueAsString(
                Map.of("text", "\u3000 " + text + " \n")));
        assertThat(noted.getStatusCode().value()).as(noted.getBody()).isEqualTo(200);
        assertThat(json.readTree(noted.getBody()).get("requestId").asText()).isEqualTo(requestId);
        Instant answered = Instant.now();

        // The known end: another order after the note, through the same store, read models and topic.
        MarkedWindow.Closed closed = window.closeAt(order("resident-marker", districtAdmin));
        assertThat(closed.storedFor(district, requestId)).containsExactly("StaffNoteAdded " + requestId);
        assertThat(closed.publishedFor(district)).as("records the note published").isEmpty();
        byte[] secret = mark.getBytes(StandardCharsets.US_ASCII); // found however the Chinese were encoded
        assertThat(TopicReader.all(Context.REQUEST.topic(), record -> contains(record.value(), secret)))
                .as("records on the request topic carrying the note's text").isEmpty();

        ResponseEntity<String> read = view(stationAdmin, requestId);
        JsonNode entry = last(json.readTree(read.getBody()));
        assertThat(entry.get("event").asText()).isEqualTo(NOTED);
        assertThat(entry.get("by").asText()).as("the author: the caller's account").isEqualTo("admin-pl");
        assertThat(entry.get("detail").asText()).as("the text, trimmed").isEqualTo(text);
        assertThat(Instant.parse(entry.get("at").asText())).isBetween(sent.minusSeconds(1), answered.plusSeconds(1));
        assertThat(version(read.getHeaders().getETag())).as("the ETag moved on").isGreaterThan(version(before));
        assertThat(events(json.readTree(view(instituteAdmin, requestId).getBody()))).as("staff above see it")
                .contains(NOTED);

        ResponseEntity<String> requester = view(alice, requestId);
        assertThat(requester.getStatusCode().value()).isEqualTo(200);
        assertThat(events(json.readTree(requester.getBody()))).as("the requester does not see staff notes")
                .doesNotContain(NOTED).contains("submitted");
        assertThat(requester.getBody()).doesNotContain(text);
        assertThat(requester.getHeaders().getETag()).isEqualTo(read.getHeaders().getETag());
    }

    @Test
    void shouldRefuseATextThatIsMissingBlankOrTooLongNamingItAndChangeNothing() throws Exception {
        String requestId = aliceOrders();
        String before = view(stationAdmin, requestId).getBody();
        String longest = "记".repeat(AddStaffNoteCommand.MAX_CHARACTERS);
        MarkedWindow window = MarkedWindow.open(eventStore, processing);

        Map<String, String> bad = Map.of(
                "no text", "{}",
                "text null", "{\"text\":null}",
                "empty", "{\"text\":\"\"}",
                "spaces and a newline", "{\"text\":\"   \\n \"}",
                "ideographic spaces only", "{\"text\":\"\u3000\u3000\"}",
                "501 characters", json.writeValueAsString(Map.of("text", longest + "记")),
                "501 characters within spaces", json.writeValueAsString(Map.of("text", " " + longest + "。 ")));
        assertSoftly(softly -> bad.forEach((what, body) -> {
            ResponseEntity<String> answer = note(stationAdmin, requestId, body);
            softly.assertThat(answer.getStatusCode().value()).as("%s: %s", what, answer.getBody()).isEqualTo(400);
            softly.assertThat(answer.getBody()).as(what).contains("https://practice.cloud/problems/invalid-field")
                    .contains("\"field\":\"text\"");
        }));

        MarkedWindow.Closed closed = window.closeAt(order("resident-marker", districtAdmin));
        assertThat(closed.storedFor(district, requestId)).as("events the bad notes stored").isEmpty();
        assertThat(closed.publishedFor(district)).as("records the bad notes published").isEmpty();
        assertThat(view(stationAdmin, requestId).getBody()).isEqualTo(before);

        // the longest note, once trimmed, is taken
        ResponseEntity<String> fits = note(stationAdmin, requestId, json.writeValueAsString(
                Map.of("text", "  " + longest + "\u3000")));
        assertThat(fits.getStatusCode().value()).as(fits.getBody()).isEqualTo(200);
        JsonNode entry = await().atMost(WITHIN).until(() -> last(json.readTree(view(stationAdmin, requestId)
                .getBody())), last -> last.get("event").asText().equals(NOTED));
        assertThat(entry.get("detail").asText()).isEqualTo(longest);
    }

    @Test
    void shouldLetOnlyThoseWhoMayReviewTheOrderNoteItAnsweringTheOthersAsReviewDoes() throws Exception {
        String requestId = aliceOrders();
        record Refused(String who, String token, int status) {
        }
        List<Refused> refused = List.of(
                new Refused("another station's admin", otherStationAdmin, 404),
                new Refused("a sub-center admin of another platform", legalSubCenter, 404),
                new Refused("an admin of another district", foreignAdmin, 404),
                new Refused("the requester", alice, 403),
                new Refused("another resident", bob, 404),
                new Refused("a volunteer not offered the order", volunteer, 404));
        MarkedWindow window = MarkedWindow.open(eventStore, processing);
        assertSoftly(softly -> {
            for (Refused caller : refused) {
                ResponseEntity<String> review = send(caller.token(), HttpMethod.POST,
                        "/api/v1/requests/" + requestId + "/review" + d, "{\"accept\":false,\"reviewerId\":\"x\","
                                + "\"reason\":\"x\"}");
                ResponseEntity<String> note = note(caller.token(), requestId, "{\"text\":\"想看看\"}");
                softly.assertThat(note.getStatusCode().value()).as("%s: %s", caller.who(), note.getBody())
                        .isEqualTo(caller.status()).isEqualTo(review.getStatusCode().value());
            }
        });
        MarkedWindow.Closed closed = window.closeAt(order("resident-marker", districtAdmin));
        assertThat(closed.storedFor(district, requestId)).as("events the refused calls stored").isEmpty();

        String districtSystem = identity.token("hotline", Role.SYSTEM.name(), district, null,
                Scopes.forRole(Role.SYSTEM));
        for (String[] allowed : new String[][] {{stationAdmin, "admin-pl"}, {instituteAdmin, "admin-jl"},
                {districtAdmin, "admin-center"}, {districtSystem, "hotline"}}) {
            ResponseEntity<String> note = note(allowed[0], requestId, "{\"text\":\"" + allowed[1] + " 看过\"}");
            assertThat(note.getStatusCode().value()).as(allowed[1] + ": " + note.getBody()).isEqualTo(200);
        }
        JsonNode view = await().atMost(WITHIN).until(() -> json.readTree(view(stationAdmin, requestId).getBody()),
                node -> events(node).stream().filter(NOTED::equals).count() == 4);
        assertThat(StreamSupport.stream(view.get("history").spliterator(), false)
                .filter(entry -> entry.get("event").asText().equals(NOTED)).map(entry -> entry.get("by").asText()))
                .containsExactly("admin-pl", "admin-jl", "admin-center", "hotline");
    }

    @Test
    void shouldTakeNotesOnCompletedAndCancelledOrders() throws Exception {
        String served = aliceOrders();
        String action = "/api/v1/requests/" + served;
        ok(send(stationAdmin, HttpMethod.POST, action + "/review" + d, "{\"accept\":true,\"reviewerId\":\"admin-pl\"}"));
        ok(send(stationAdmin, HttpMethod.POST, action + "/dispatch" + d, "{\"volunteerIds\":[\"" + v1 + "\"]}"));
        // offered, the volunteer may read the order: refused as review refuses them, 403
        await().atMost(WITHIN).until(() -> view(volunteer, served).getStatusCode().value() == 200);
        assertThat(send(volunteer, HttpMethod.POST, action + "/review" + d, "{\"accept\":true,\"reviewerId\":\"x\"}")
                .getStatusCode().value()).isEqualTo(403);
        assertThat(note(volunteer, served, "{\"text\":\"我来\"}").getStatusCode().value()).isEqualTo(403);
        for (String step : List.of("accept", "check-in", "check-out", "complete")) {
            ok(send(volunteer, HttpMethod.POST, action + "/" + step + d, "{\"volunteerId\":\"" + v1 + "\"}"));
        }
        await().atMost(WITHIN).until(() -> json.readTree(view(stationAdmin, served).getBody()).get("status").asText()
                .equals("COMPLETED"));
        ok(note(stationAdmin, served, "{\"text\":\"回访：老人很满意，希望下次还是这位志愿者\"}"));
        JsonNode completed = await().atMost(WITHIN).until(() -> json.readTree(view(stationAdmin, served).getBody()),
                node -> events(node).contains(NOTED));
        assertThat(completed.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(last(completed).get("detail").asText()).isEqualTo("回访：老人很满意，希望下次还是这位志愿者");
        assertThat(json.readTree(view(volunteer, served).getBody()).get("history").toString())
                .as("volunteers do not see staff notes").doesNotContain(NOTED);

        String cancelled = aliceOrders();
        ok(send(alice, HttpMethod.POST, "/api/v1/requests/" + cancelled + "/cancel" + d,
                "{\"requesterId\":\"resident-alice\",\"reason\":\"家人陪同了\"}"));
        await().atMost(WITHIN).until(() -> json.readTree(view(stationAdmin, cancelled).getBody()).get("status")
                .asText().equals("CANCELLED"));
        ok(note(stationAdmin, cancelled, "{\"text\":\"居民来电取消，已核实\"}"));
        JsonNode afterCancel = await().atMost(WITHIN).until(() -> json.readTree(view(stationAdmin, cancelled)
                .getBody()), node -> events(node).contains(NOTED));
        assertThat(afterCancel.get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void shouldRefuseANoteWithAStaleIfMatch() throws Exception {
        String requestId = aliceOrders();
        String first = view(stationAdmin, requestId).getHeaders().getETag();
        ok(note(stationAdmin, requestId, "{\"text\":\"第一条\"}", first));
        String second = await().atMost(WITHIN).until(() -> view(stationAdmin, requestId).getHeaders().getETag(),
                etag -> version(etag) > version(first));

        ResponseEntity<String> stale = note(stationAdmin, requestId, "{\"text\":\"过时的\"}", first);
        assertThat(stale.getStatusCode().value()).as(stale.getBody()).isEqualTo(412);
        assertThat(stale.getBody()).contains("https://practice.cloud/problems/stale-version");

        ok(note(stationAdmin, requestId, "{\"text\":\"第二条\"}", second));
        JsonNode view = await().atMost(WITHIN).until(() -> json.readTree(view(stationAdmin, requestId).getBody()),
                node -> events(node).stream().filter(NOTED::equals).count() == 2);
        assertThat(view.get("history").findValuesAsText("detail")).contains("第一条", "第二条")
                .doesNotContain("过时的");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** Alice's order at 盘龙社区 (station s-pl), once the read model shows it whole (its review clock running). */
    private String aliceOrders() throws Exception {
        String requestId = order("resident-alice", alice);
        await().atMost(WITHIN).until(() -> {
            ResponseEntity<String> read = view(stationAdmin, requestId);
            return read.getStatusCode().value() == 200 && json.readTree(read.getBody()).hasNonNull("clockStage");
        });
        return requestId;
    }

    private String order(String requester, String token) throws Exception {
        ResponseEntity<String> ordered = await().atMost(WITHIN).until(() -> send(token, HttpMethod.POST,
                "/api/v1/requests" + d, "{\"menuItem\":\"HELP\",\"community\":\"盘龙社区\",\"channel\":\"APP\","
                        + "\"requesterId\":\"" + requester + "\",\"description\":\"帮忙买菜\"}"),
                response -> response.getStatusCode().value() == 201);
        return json.readTree(ordered.getBody()).get("requestId").asText();
    }

    private ResponseEntity<String> view(String token, String requestId) {
        return send(token, HttpMethod.GET, "/api/v1/requests/" + requestId + d, null);
    }

    private ResponseEntity<String> note(String token, String requestId, String body) {
        return note(token, requestId, body, null);
    }

    private ResponseEntity<String> note(String token, String requestId, String body, String ifMatch) {
        HttpHeaders headers = headers(token);
        if (ifMatch != null) {
            headers.setIfMatch(ifMatch);
        }
        return http.exchange("/api/v1/requests/" + requestId + "/notes" + d, HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> send(String token, HttpMethod method, String path, String body) {
        return http.exchange(path, method, new HttpEntity<>(body, headers(token)), String.class);
    }

    private static HttpHeaders headers(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private static void ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    }

    private static List<String> events(JsonNode view) {
        return view.get("history").findValuesAsText("event");
    }

    private static JsonNode last(JsonNode view) {
        JsonNode history = view.get("history");
        return history.get(history.size() - 1);
    }

    private static long version(String etag) {
        return Long.parseLong(etag.replace("\"", ""));
    }

    private static boolean contains(byte[] value, byte[] part) {
        outer:
        for (int i = 0; value != null && i + part.length <= value.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (value[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
