package cloud.practice.request;

import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.TestIdentity;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A district bringing its earlier records: past requests imported with their whole history over HTTP against real
 * Kafka and MongoDB — each step at its own time, escalations climbing the tree copy, the live rules applied — and
 * every malformed or rule-breaking history refused with a problem while nothing is recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class RequestHistoryIT {

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

    final String district = "hist-" + UUID.randomUUID().toString().substring(0, 8);
    /** A volunteer of this district, deactivated since: a past step needs them known here, not active today. */
    final String v1 = "v1-" + district;
    final Instant t = Instant.now().minus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);

    String at(long minutes) {
        return "\"" + t.plus(Duration.ofMinutes(minutes)) + "\"";
    }

    String history(String steps) {
        return """
                {"order":{"menuItem":"CARE-VISIT","community":"盘龙社区","channel":"PHONE","requesterId":"resident-7",
                          "contact":"13812345678"},
                 "submittedAt":%s,"steps":[%s]}""".formatted(at(0), steps);
    }

    @Test
    void shouldImportPastRequestsAtTheirOwnTimes() throws Exception {
        prepare();
        ResponseEntity<String> served = await().atMost(Duration.ofSeconds(30)).until(() -> post(history("""
                {"action":"review","at":%s,"accept":true,"reviewerId":"admin-pl"},
                {"action":"dispatch","at":%s,"volunteerIds":["V1"]},
                {"action":"accept","at":%s,"volunteerId":"V1"},
                {"action":"check-in","at":%s,"volunteerId":"V1"},
                {"action":"check-out","at":%s,"volunteerId":"V1","comment":"已陪同复诊"},
                {"action":"complete","at":%s,"volunteerId":"V1"},
                {"action":"rate","at":%s,"rating":5,"solved":true,"comment":"很好"}""".replace("V1", v1).formatted(at(20), at(30), at(35),
                at(60), at(180), at(181), at(600)))), response -> response.getStatusCode().value() != 422);
        assertThat(served.getStatusCode().value()).as(served.getBody()).isEqualTo(201);
        JsonNode view = view(json.readTree(served.getBody()).get("requestId").asText(), "RATED");
        assertThat(Instant.parse(view.get("submittedAt").asText())).isEqualTo(t);
        assertThat(Instant.parse(view.get("completedAt").asText())).isEqualTo(t.plus(Duration.ofMinutes(181)));
        assertThat(view.get("history").findValuesAsText("event")).containsExactly("submitted", "reviewed",
                "dispatched", "accepted", "checked-in", "checked-out", "noted", "completed", "rated");
        assertThat(view.get("history").findValuesAsText("at").get(1)).isEqualTo(t.plus(Duration.ofMinutes(20)).toString());
        assertThat(view.get("channel").asText()).isEqualTo("PHONE");

        // Nobody reviewed it in time, at the station, the institute or the center: it expired then, not now.
        ResponseEntity<String> expired = post(history("""
                {"action":"escalate","at":%s},{"action":"escalate","at":%s},{"action":"escalate","at":%s}"""
                .formatted(at(121), at(242), at(363))));
        assertThat(expired.getStatusCode().value()).as(expired.getBody()).isEqualTo(201);
        JsonNode climbed = view(json.readTree(expired.getBody()).get("requestId").asText(), "EXPIRED");
        assertThat(climbed.get("escalations").asInt()).isEqualTo(2);
        assertThat(climbed.get("history").findValuesAsText("event"))
                .containsExactly("submitted", "escalated", "escalated", "expired");
    }

    @Test
    void shouldRefuseBadHistoriesAndRecordNothing() throws Exception {
        prepare();
        // Ready once one history goes through: a finished one, whose review clock (due 90 days ago) is not running
        // and climbing the tree while the window below is open.
        ResponseEntity<String> ready = await().atMost(Duration.ofSeconds(30)).until(() -> post(history(
                "{\"action\":\"cancel\",\"at\":" + at(5) + ",\"reason\":\"已自行解决\"}")),
                response -> response.getStatusCode().value() == 201);
        String readyId = json.readTree(ready.getBody()).get("requestId").asText();
        MarkedWindow window = MarkedWindow.open(eventStore, processing);

        String future = "\"" + Instant.now().plus(Duration.ofDays(1)) + "\"";
        List<String[]> bad = List.of(
                new String[]{"400", "invalid-field", history("{\"action\":\"review\",\"at\":" + future
                        + ",\"accept\":true,\"reviewerId\":\"a\"}")},
                new String[]{"400", "invalid-field", history("{\"action\":\"review\",\"at\":" + at(30)
                        + ",\"accept\":true,\"reviewerId\":\"a\"},{\"action\":\"dispatch\",\"at\":" + at(10)
                        + ",\"volunteerIds\":[\"v-1\"]}")},
                new String[]{"400", "invalid-field", history("{\"action\":\"review\",\"at\":" + at(30) + "}")},
                new String[]{"400", "invalid-field", history("{\"action\":\"dispatch\",\"at\":" + at(30) + ",\"volunteerIds\":[]}")},
                new String[]{"400", null, history("{\"action\":\"teleport\",\"at\":" + at(30) + "}")},
                new String[]{"400", null, history("{\"action\":\"rate\",\"at\":" + at(30) + ",\"rating\":9}")},
                new String[]{"400", null, history("{\"at\":" + at(30) + "}")},
                new String[]{"400", "invalid-field", history("").replace(at(0), future)},
                new String[]{"409", "illegal-transition", history("{\"action\":\"review\",\"at\":" + at(30)
                        + ",\"accept\":true,\"reviewerId\":\"a\"},{\"action\":\"accept\",\"at\":" + at(40)
                        + ",\"volunteerId\":\"v-1\"}")},
                new String[]{"422", "unknown-menu-item", history("").replace("CARE-VISIT", "NOT-ON-MENU")},
                new String[]{"422", "unknown-volunteer", history("{\"action\":\"review\",\"at\":" + at(30)
                        + ",\"accept\":true,\"reviewerId\":\"a\"},{\"action\":\"dispatch\",\"at\":" + at(40)
                        + ",\"volunteerIds\":[\"v-of-nobody\"]}")});
        for (String[] row : bad) {
            ResponseEntity<String> answer = post(row[2]);
            assertThat(answer.getStatusCode().value()).as(row[2] + " → " + answer.getBody()).isEqualTo(Integer.parseInt(row[0]));
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            if (row[1] != null) {
                assertThat(json.readTree(answer.getBody()).get("type").asText()).endsWith("/" + row[1]);
            }
        }
        assertThat(json.readTree(post(bad.get(8)[2]).getBody()).get("detail").asText()).startsWith("steps[1]: ");

        // Only the district's own systems bring in history: a person, even its district admin, is refused.
        HttpHeaders admin = headers();
        admin.setBearerAuth(TestIdentity.get().token("admin-d", Role.DISTRICT_ADMIN.name(), district, "center",
                Scopes.forRole(Role.DISTRICT_ADMIN)));
        assertThat(http.postForEntity("/api/v1/requests/history?district=" + district,
                new HttpEntity<>(history(""), admin), String.class).getStatusCode().value()).isEqualTo(403);

        // The known end: a good import after every refused one, through the same store, read model and topic.
        ResponseEntity<String> marked = post(history(""));
        assertThat(marked.getStatusCode().value()).as(marked.getBody()).isEqualTo(201);
        String marker = json.readTree(marked.getBody()).get("requestId").asText();
        MarkedWindow.Closed closed = window.closeAt(marker);
        assertThat(closed.storedFor(district)).as("events the refused histories stored").isEmpty();
        assertThat(closed.publishedFor(district)).as("records the refused histories published").isEmpty();
        assertThat(json.readTree(http.getForObject("/api/v1/requests?district=" + district, String.class)).get("items")
                .findValuesAsText("requestId")).as("no request recorded but the marker")
                .containsExactlyInAnyOrder(readyId, marker);
    }

    private void prepare() {
        HierarchyFixture.publishTree(district);
        DirectoryFixture.pausedVolunteer(volunteers, district, v1);
        HttpHeaders headers = headers();
        http.exchange("/api/v1/menu/items/CARE-VISIT?district=" + district, org.springframework.http.HttpMethod.PUT,
                new HttpEntity<>("""
                        {"name":"上门探访","platform":"CARE","minimumSkillLevel":2,"expectedMinutes":60,"peopleNeeded":1}""",
                        headers), String.class);
    }

    private JsonNode view(String requestId, String status) {
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> json.readTree(http.getForObject(
                "/api/v1/requests/" + requestId + "?district=" + district, String.class)),
                node -> node.get("status").asText().equals(status));
    }

    private ResponseEntity<String> post(String body) {
        return http.postForEntity("/api/v1/requests/history?district=" + district, new HttpEntity<>(body, headers()),
                String.class);
    }

    private static HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }
}
