package cloud.practice.request;

import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.TestIdentity;
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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * Checked locations (issue 27) over HTTP against the real broker and store: the district's location rule (default
 * 500 m, FLAG) is read by the district and set by its admins only, bad values changing nothing; a volunteer checking
 * in and out with their own token far from the request is flagged in the history (and on the request topic) under
 * FLAG, and refused with the request unchanged under REFUSE.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckedLocationsIT {

    static final Duration WITHIN = Duration.ofSeconds(30);
    static final String FLAGGED = "location-flagged";
    /** Where the orders are: station s-pl's own point (盘龙社区). */
    static final double LAT = 29.5069;
    static final double LON = 106.5107;

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
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    /** Keeps the default rule (500 m, FLAG). */
    final String flagging = "locf-" + suffix;
    /** Set to REFUSE by its district admin. */
    final String refusing = "locr-" + suffix;
    /** Only its rule is read and set. */
    final String ruled = "locs-" + suffix;

    @BeforeAll
    void districtsWithAMenuAndAVolunteer() {
        for (String district : List.of(flagging, refusing)) {
            HierarchyFixture.publishTree(district);
            DirectoryFixture.volunteers(volunteers, district, volunteerOf(district));
            assertThat(send(admin(district), HttpMethod.PUT, "/api/v1/menu/items/HELP?district=" + district,
                    "{\"name\":\"助老\",\"platform\":\"CARE\",\"minimumSkillLevel\":1,\"expectedMinutes\":60,"
                            + "\"peopleNeeded\":1}").getStatusCode().value()).isIn(200, 201);
            await().atMost(WITHIN).until(() -> send(resident(district), HttpMethod.GET,
                    "/api/v1/menu/items/HELP?district=" + district, null).getStatusCode().value() == 200);
        }
    }

    @Test
    void shouldAnswerTheDefaultRuleAndLetOnlyTheDistrictsAdminsChangeIt() throws Exception {
        String rule = "/api/v1/menu/defaults/location-rule?district=" + ruled;
        String station = token("admin-pl", Role.STATION_ADMIN, ruled, "s-pl");
        ResponseEntity<String> initial = send(station, HttpMethod.GET, rule, null);
        assertThat(initial.getStatusCode().value()).as(initial.getBody()).isEqualTo(200);
        assertThat(json.readTree(initial.getBody())).isEqualTo(json.readTree("{\"limitMeters\":500,\"beyond\":\"FLAG\"}"));

        MarkedWindow window = MarkedWindow.open(eventStore, processing);
        Map<String, String> refused = Map.of(
                "a station admin", station,
                "a volunteer", token("v-" + ruled, Role.VOLUNTEER, ruled, null),
                "another district's admin", token("admin-center", Role.DISTRICT_ADMIN, "elsewhere", "center"));
        Map<String, String> bad = Map.of(
                "{\"limitMeters\":49}", "limitMeters",
                "{\"limitMeters\":50001,\"beyond\":\"FLAG\"}", "limitMeters",
                "{\"limitMeters\":\"far\"}", "limitMeters",
                "{\"limitMeters\":800,\"beyond\":\"MAYBE\"}", "beyond");
        assertSoftly(softly -> {
            refused.forEach((who, token) -> {
                ResponseEntity<String> answer = send(token, HttpMethod.PUT, rule, "{\"limitMeters\":800,\"beyond\":\"REFUSE\"}");
                softly.assertThat(answer.getStatusCode().value()).as("%s: %s", who, answer.getBody()).isEqualTo(403);
            });
            bad.forEach((body, field) -> {
                ResponseEntity<String> answer = send(admin(ruled), HttpMethod.PUT, rule, body);
                softly.assertThat(answer.getStatusCode().value()).as("%s: %s", body, answer.getBody()).isEqualTo(400);
                softly.assertThat(answer.getBody()).as(body).contains("https://practice.cloud/problems/invalid-field")
                        .contains("\"field\":\"" + field + "\"");
            });
        });
        MarkedWindow.Closed closed = window.closeAt(order(flagging));
        assertThat(closed.storedFor(ruled, ruled)).as("events the refused and bad calls stored").isEmpty();
        assertThat(send(station, HttpMethod.GET, rule, null).getBody()).isEqualTo(initial.getBody());

        ResponseEntity<String> set = send(admin(ruled), HttpMethod.PUT, rule, "{\"limitMeters\":800,\"beyond\":\"REFUSE\"}");
        assertThat(set.getStatusCode().value()).as(set.getBody()).isEqualTo(200);
        assertThat(json.readTree(set.getBody())).isEqualTo(json.readTree("{\"limitMeters\":800,\"beyond\":\"REFUSE\"}"));
        await().atMost(WITHIN).until(() -> json.readTree(send(station, HttpMethod.GET, rule, null).getBody())
                .get("limitMeters").asInt() == 800);
        assertThat(json.readTree(send(station, HttpMethod.GET, rule, null).getBody()).get("beyond").asText())
                .isEqualTo("REFUSE");

        // a field left out takes its default; the district's systems may set it too
        String system = identity.token("hotline", Role.SYSTEM.name(), ruled, null, Scopes.forRole(Role.SYSTEM));
        ResponseEntity<String> defaults = send(system, HttpMethod.PUT, rule, "{\"limitMeters\":1500}");
        assertThat(defaults.getStatusCode().value()).as(defaults.getBody()).isEqualTo(200);
        JsonNode wider = json.readTree("{\"limitMeters\":1500,\"beyond\":\"FLAG\"}");
        await().atMost(WITHIN).until(() -> json.readTree(send(station, HttpMethod.GET, rule, null).getBody()),
                wider::equals);
    }

    @Test
    void shouldShowAFarCheckInAndCheckOutAsFlaggedInTheHistoryUnderFlag() throws Exception {
        String requestId = acceptedOrder(flagging);
        String volunteer = token(volunteerOf(flagging), Role.VOLUNTEER, flagging, null);
        String action = "/api/v1/requests/" + requestId;
        MarkedWindow window = MarkedWindow.open(eventStore, processing);

        ok(send(volunteer, HttpMethod.POST, action + "/check-in?district=" + flagging, volunteerAction(flagging, 1240)));
        MarkedWindow.Closed closed = window.closeAt(order(flagging));
        assertThat(closed.storedFor(flagging, requestId))
                .containsExactly("RequestCheckedIn " + requestId, "RequestLocationFlagged " + requestId);
        assertThat(closed.publishedFor(flagging)).as("the flag is published after the check-in")
                .containsSubsequence("RequestCheckedIn " + requestId, "RequestLocationFlagged " + requestId);

        JsonNode view = json.readTree(view(resident(flagging), flagging, requestId).getBody());
        assertThat(view.get("status").asText()).isEqualTo("IN_SERVICE");
        assertThat(events(view)).as("the requester reads the flag in the history too")
                .containsSubsequence("checked-in", FLAGGED);
        JsonNode flag = last(view);
        assertThat(flag.get("event").asText()).isEqualTo(FLAGGED);
        assertThat(flag.get("by").asText()).isEqualTo(volunteerOf(flagging));
        assertThat(flag.get("detail").asText()).isEqualTo("check-in 1240 m from the request (limit 500 m)");

        // within the limit the check-out is not flagged; a far one is
        ok(send(volunteer, HttpMethod.POST, action + "/check-out?district=" + flagging, volunteerAction(flagging, 2600)));
        JsonNode out = await().atMost(WITHIN).until(() -> json.readTree(view(admin(flagging), flagging, requestId).getBody()),
                node -> events(node).contains("checked-out") && events(node).stream().filter(FLAGGED::equals).count() == 2);
        assertThat(last(out).get("detail").asText()).isEqualTo("check-out 2600 m from the request (limit 500 m)");

        String near = acceptedOrder(flagging);
        ok(send(volunteer, HttpMethod.POST, "/api/v1/requests/" + near + "/check-in?district=" + flagging,
                volunteerAction(flagging, 300)));
        ok(send(volunteer, HttpMethod.POST, "/api/v1/requests/" + near + "/check-out?district=" + flagging,
                "{\"volunteerId\":\"" + volunteerOf(flagging) + "\"}"));
        JsonNode served = await().atMost(WITHIN).until(() -> json.readTree(view(admin(flagging), flagging, near).getBody()),
                node -> events(node).contains("checked-out"));
        assertThat(events(served)).as("near, or without a location: no flag").doesNotContain(FLAGGED);
    }

    @Test
    void shouldRefuseAFarCheckInUnderRefuseAndLeaveTheRequestUnchanged() throws Exception {
        String rule = "/api/v1/menu/defaults/location-rule?district=" + refusing;
        ok(send(admin(refusing), HttpMethod.PUT, rule, "{\"beyond\":\"REFUSE\"}"));
        await().atMost(WITHIN).until(() -> json.readTree(send(resident(refusing), HttpMethod.GET, rule, null)
                .getBody()).get("beyond").asText().equals("REFUSE"));
        String requestId = acceptedOrder(refusing);
        String volunteer = token(volunteerOf(refusing), Role.VOLUNTEER, refusing, null);
        String checkIn = "/api/v1/requests/" + requestId + "/check-in?district=" + refusing;
        String before = view(admin(refusing), refusing, requestId).getBody();
        MarkedWindow window = MarkedWindow.open(eventStore, processing);

        ResponseEntity<String> far = send(volunteer, HttpMethod.POST, checkIn, volunteerAction(refusing, 501));
        assertThat(far.getStatusCode().value()).as(far.getBody()).isEqualTo(422);
        assertThat(far.getBody()).contains("https://practice.cloud/problems/too-far-from-the-request")
                .contains("\"field\":\"location\"");

        MarkedWindow.Closed closed = window.closeAt(order(refusing));
        assertThat(closed.storedFor(refusing, requestId)).as("events the refused check-in stored").isEmpty();
        assertThat(closed.publishedFor(refusing)).as("records the refused check-in published").isEmpty();
        assertThat(view(admin(refusing), refusing, requestId).getBody()).isEqualTo(before);

        ok(send(volunteer, HttpMethod.POST, checkIn, volunteerAction(refusing, 450)));
        JsonNode in = await().atMost(WITHIN).until(() -> json.readTree(view(admin(refusing), refusing, requestId).getBody()),
                node -> node.get("status").asText().equals("IN_SERVICE"));
        assertThat(events(in)).doesNotContain(FLAGGED);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private String token(String user, Role role, String district, String unit) {
        return identity.token(user, role.name(), district, unit, Scopes.forRole(role));
    }

    private String admin(String district) {
        return token("admin-center", Role.DISTRICT_ADMIN, district, "center");
    }

    private String resident(String district) {
        return token("resident-alice", Role.RESIDENT, district, null);
    }

    private static String volunteerOf(String district) {
        return "v1-" + district;
    }

    /** The volunteer's action reported {@code metres} due north of the order's location. */
    private String volunteerAction(String district, int metres) throws Exception {
        double latitude = LAT + Math.toDegrees(metres / 6_371_008.8);
        return json.writeValueAsString(Map.of("volunteerId", volunteerOf(district),
                "location", Map.of("latitude", latitude, "longitude", LON)));
    }

    /** Alice's order at station s-pl's point, once the read model shows it. */
    private String order(String district) throws Exception {
        ResponseEntity<String> ordered = await().atMost(WITHIN).until(() -> send(resident(district), HttpMethod.POST,
                "/api/v1/requests?district=" + district, "{\"menuItem\":\"HELP\",\"community\":\"盘龙社区\","
                        + "\"location\":{\"latitude\":" + LAT + ",\"longitude\":" + LON + "},\"channel\":\"APP\","
                        + "\"requesterId\":\"resident-alice\",\"description\":\"帮忙买菜\"}"),
                response -> response.getStatusCode().value() == 201);
        return json.readTree(ordered.getBody()).get("requestId").asText();
    }

    /** An order reviewed, dispatched to the district's volunteer and accepted by them with their own token. */
    private String acceptedOrder(String district) throws Exception {
        String requestId = order(district);
        String action = "/api/v1/requests/" + requestId;
        String station = token("admin-pl", Role.STATION_ADMIN, district, "s-pl");
        await().atMost(WITHIN).until(() -> view(station, district, requestId).getStatusCode().value() == 200
                && json.readTree(view(station, district, requestId).getBody()).hasNonNull("clockStage"));
        ok(send(station, HttpMethod.POST, action + "/review?district=" + district,
                "{\"accept\":true,\"reviewerId\":\"admin-pl\"}"));
        ok(send(station, HttpMethod.POST, action + "/dispatch?district=" + district,
                "{\"volunteerIds\":[\"" + volunteerOf(district) + "\"]}"));
        String volunteer = token(volunteerOf(district), Role.VOLUNTEER, district, null);
        await().atMost(WITHIN).until(() -> view(volunteer, district, requestId).getStatusCode().value() == 200);
        ok(send(volunteer, HttpMethod.POST, action + "/accept?district=" + district,
                "{\"volunteerId\":\"" + volunteerOf(district) + "\"}"));
        await().atMost(WITHIN).until(() -> json.readTree(view(station, district, requestId).getBody()).get("status").asText()
                .equals("ACCEPTED"));
        return requestId;
    }

    private ResponseEntity<String> view(String token, String district, String requestId) {
        return send(token, HttpMethod.GET, "/api/v1/requests/" + requestId + "?district=" + district, null);
    }

    private ResponseEntity<String> send(String token, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
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
}
