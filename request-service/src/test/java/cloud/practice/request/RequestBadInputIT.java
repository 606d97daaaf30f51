package cloud.practice.request;

import cloud.practice.request.menu.api.MenuCommands;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.testing.ProblemTable;
import cloud.practice.testing.ProblemTable.Case;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * request-service's bad-input table: every row answers its problem, and afterwards the request, the activity and
 * the menu are exactly as before: in the event store, the read models and on the topic, once a good order made after
 * them has gone all the way through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestBadInputIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    OrgUnitDirectory units;
    @Autowired
    ObjectMapper json;
    @Autowired
    cloud.practice.request.directory.VolunteerDirectory volunteers;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;

    final String district = "rbad-" + UUID.randomUUID().toString().substring(0, 8);
    /** Volunteers of this district who sign up (ids unique per district, as volunteer-service makes them). */
    final String v1 = "v1-" + district;
    final String v2 = "v2-" + district;
    /** v1's own bearer token: self check-in is a person's own. */
    final String v1Token = "Bearer " + TestIdentity.get().token(v1, Role.VOLUNTEER.name(), district, null,
            Scopes.forRole(Role.VOLUNTEER));
    String requestId;
    String activityId;

    @BeforeAll
    void requestAndActivity() throws Exception {
        HierarchyFixture.publishTreeAndAwait(district, units);
        send(HttpMethod.PUT, "/api/v1/menu/items/TALK?district=" + district, """
                {"name":"理论宣讲","platform":"THEORY_LECTURES","minimumSkillLevel":1,"expectedMinutes":60,"peopleNeeded":1,
                 "fields":[{"code":"topic","label":"主题","datatype":"SINGLEVALUELIST","required":true,"order":1,
                            "values":[{"key":"law","name":"法治"},{"key":"history","name":"党史"}]},
                           {"code":"date","label":"日期","datatype":"DATETIME","required":false,"order":2}]}""");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForEntity("/api/v1/menu/items/TALK?district="
                + district, String.class).getStatusCode().is2xxSuccessful());
        ResponseEntity<String> ordered = await().atMost(Duration.ofSeconds(30)).until(() -> send(HttpMethod.POST,
                "/api/v1/requests?district=" + district, order("{\"topic\":\"law\"}")), r -> r.getStatusCode().value() == 201);
        requestId = json.readTree(ordered.getBody()).get("requestId").asText();
        Instant start = Instant.now().plus(Duration.ofDays(3));
        ResponseEntity<String> published = send(HttpMethod.POST, "/api/v1/activities?district=" + district,
                json.writeValueAsString(Map.of("unitId", "s-pl", "platform", "CULTURE", "title", "戏曲进社区",
                        "startsAt", start.toString(), "endsAt", start.plus(Duration.ofHours(2)).toString(),
                        "volunteerCapacity", 1, "residentCapacity", 0)));
        activityId = json.readTree(published.getBody()).get("activityId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.getForEntity("/api/v1/requests/" + requestId
                + "?district=" + district, String.class).getStatusCode().is2xxSuccessful()
                && http.getForEntity("/api/v1/activities/" + activityId + "?district=" + district, String.class)
                .getStatusCode().is2xxSuccessful());
        DirectoryFixture.volunteers(volunteers, district, v1, v2);
        assertThat(send(HttpMethod.POST, "/api/v1/activities/" + activityId + "/sign-ups?district=" + district,
                "{\"participantId\":\"" + v1 + "\",\"role\":\"VOLUNTEER\"}").getStatusCode().value()).isEqualTo(200);
    }

    String order(String answers) {
        return "{\"menuItem\":\"TALK\",\"community\":\"盘龙社区\",\"channel\":\"KIOSK\",\"requesterId\":\"resident-1\","
                + "\"answers\":" + answers + "}";
    }

    List<Case> cases() {
        String d = "?district=" + district;
        String requests = "/api/v1/requests" + d;
        String r = "/api/v1/requests/" + requestId;
        String a = "/api/v1/activities/" + activityId;
        return List.of(
                Case.json("missing requester", HttpMethod.POST, requests, "{\"menuItem\":\"TALK\",\"channel\":\"APP\"}", 400, "invalid-field"),
                Case.json("unknown channel", HttpMethod.POST, requests, "{\"menuItem\":\"TALK\",\"channel\":\"FAX\",\"requesterId\":\"r\"}", 400, "invalid-field"),
                Case.json("coordinates off the globe", HttpMethod.POST, requests, "{\"menuItem\":\"TALK\",\"channel\":\"APP\",\"requesterId\":\"r\",\"location\":{\"latitude\":91,\"longitude\":0}}", 400, "invalid-field"),
                Case.json("time without zone", HttpMethod.POST, requests, "{\"menuItem\":\"TALK\",\"channel\":\"APP\",\"requesterId\":\"r\",\"preferredFrom\":\"2026-12-01T09:00\"}", 400, "invalid-field"),
                Case.json("unknown menu item", HttpMethod.POST, requests, "{\"menuItem\":\"NOPE\",\"community\":\"盘龙社区\",\"channel\":\"APP\",\"requesterId\":\"r\"}", 422, "unknown-menu-item"),
                Case.json("required answer missing", HttpMethod.POST, requests, order("{}"), 400, "invalid-field"),
                Case.json("answer not in the list", HttpMethod.POST, requests, order("{\"topic\":\"cooking\"}"), 400, "invalid-field"),
                Case.json("answer to an unknown field", HttpMethod.POST, requests, order("{\"topic\":\"law\",\"colour\":\"red\"}"), 400, "invalid-field"),
                Case.json("date-time answer without zone", HttpMethod.POST, requests, order("{\"topic\":\"law\",\"date\":\"2026-12-01 09:00\"}"), 400, "invalid-field"),
                Case.json("no station for the community", HttpMethod.POST, requests, "{\"menuItem\":\"TALK\",\"community\":\"月球社区\",\"channel\":\"APP\",\"requesterId\":\"r\",\"answers\":{\"topic\":\"law\"}}", 422, "no-responsible-unit"),
                Case.json("oversized description", HttpMethod.POST, requests, "{\"menuItem\":\"TALK\",\"channel\":\"APP\",\"requesterId\":\"r\",\"description\":\"" + "长".repeat(2001) + "\"}", 400, "invalid-field"),
                Case.json("bad district", HttpMethod.POST, "/api/v1/requests?district=Bad District!", order("{\"topic\":\"law\"}"), 400, "invalid-field"),
                Case.json("missing district", HttpMethod.POST, "/api/v1/requests", order("{\"topic\":\"law\"}"), 400, "invalid-field"),
                Case.json("district given twice", HttpMethod.POST, r + "/review" + d + "&district=" + district, "{\"accept\":true,\"reviewerId\":\"a\"}", 400, "invalid-field"),
                Case.json("bad district on a read", HttpMethod.GET, "/api/v1/menu/items?district=-leading-dash", null, 400, "invalid-field"),
                Case.json("unknown request", HttpMethod.GET, "/api/v1/requests/req-nope" + d, null, 404, "not-found"),
                Case.json("another district's request", HttpMethod.GET, r + "?district=other-district", null, 404, "not-found"),
                Case.json("action on another district's request", HttpMethod.POST, r + "/review?district=other-district", "{\"accept\":true,\"reviewerId\":\"a\"}", 404, "not-found"),
                Case.json("dispatch before review", HttpMethod.POST, r + "/dispatch" + d, "{\"volunteerIds\":[\"v-1\"]}", 409, "illegal-transition"),
                Case.json("accept before dispatch", HttpMethod.POST, r + "/accept" + d, "{\"volunteerId\":\"v-1\"}", 409, "illegal-transition"),
                Case.json("rate before completion", HttpMethod.POST, r + "/rate" + d, "{\"requesterId\":\"resident-1\",\"rating\":5,\"solved\":true}", 409, "illegal-transition"),
                Case.json("rating out of range", HttpMethod.POST, r + "/rate" + d, "{\"requesterId\":\"resident-1\",\"rating\":9,\"solved\":true}", 400, "invalid-field"),
                Case.json("cancel by someone else", HttpMethod.POST, r + "/cancel" + d, "{\"requesterId\":\"resident-2\"}", 403, "not-your-request"),
                Case.json("reject without reason", HttpMethod.POST, r + "/review" + d, "{\"accept\":false,\"reviewerId\":\"a\"}", 400, "invalid-field"),
                Case.json("claim of an unreviewed order", HttpMethod.POST, r + "/claim" + d, "{\"teamId\":\"t-1\",\"leaderId\":\"l-1\"}", 409, "not-open"),
                Case.json("check-in in the future", HttpMethod.POST, r + "/check-in" + d, "{\"volunteerId\":\"v-1\",\"at\":\"2099-01-01T00:00:00Z\"}", 400, "invalid-field"),
                Case.json("sla that is not a duration", HttpMethod.PUT, "/api/v1/menu/items/TALK" + d, "{\"name\":\"x\",\"platform\":\"CARE\",\"minimumSkillLevel\":1,\"expectedMinutes\":60,\"peopleNeeded\":1,\"sla\":{\"REVIEW\":\"soon\"}}", 400, "invalid-field"),
                Case.json("list field without values", HttpMethod.PUT, "/api/v1/menu/items/TALK" + d, "{\"name\":\"x\",\"platform\":\"CARE\",\"minimumSkillLevel\":1,\"expectedMinutes\":60,\"peopleNeeded\":1,\"fields\":[{\"code\":\"t\",\"label\":\"t\",\"datatype\":\"SINGLEVALUELIST\",\"required\":true,\"order\":1}]}", 400, "invalid-field"),
                Case.json("skill level out of range", HttpMethod.PUT, "/api/v1/menu/items/TALK" + d, "{\"name\":\"x\",\"platform\":\"CARE\",\"minimumSkillLevel\":7,\"expectedMinutes\":60,\"peopleNeeded\":1}", 400, "invalid-field"),
                Case.json("activity that ends before it starts", HttpMethod.POST, "/api/v1/activities" + d, "{\"unitId\":\"s-pl\",\"platform\":\"CARE\",\"title\":\"x\",\"startsAt\":\"2027-01-02T00:00:00Z\",\"endsAt\":\"2027-01-01T00:00:00Z\",\"volunteerCapacity\":1,\"residentCapacity\":0}", 400, "invalid-field"),
                Case.json("activity of an unknown unit", HttpMethod.POST, "/api/v1/activities" + d, "{\"unitId\":\"s-nope\",\"platform\":\"CARE\",\"title\":\"x\",\"startsAt\":\"2027-01-01T00:00:00Z\",\"endsAt\":\"2027-01-02T00:00:00Z\",\"volunteerCapacity\":1,\"residentCapacity\":0}", 422, "unknown-unit"),
                Case.json("sign-up when full", HttpMethod.POST, a + "/sign-ups" + d, "{\"participantId\":\"" + v2 + "\",\"role\":\"VOLUNTEER\"}", 409, "activity-full"),
                Case.json("volunteer sign-up of nobody's volunteer", HttpMethod.POST, a + "/sign-ups" + d, "{\"participantId\":\"v-nobody\",\"role\":\"VOLUNTEER\"}", 422, "unknown-volunteer"),
                Case.json("sign-up twice", HttpMethod.POST, a + "/sign-ups" + d, "{\"participantId\":\"" + v1 + "\",\"role\":\"VOLUNTEER\"}", 409, "already-signed-up"),
                Case.json("sign-up with unknown role", HttpMethod.POST, a + "/sign-ups" + d, "{\"participantId\":\"v-3\",\"role\":\"GUEST\"}", 400, "invalid-field"),
                Case.json("check-out without check-in", HttpMethod.POST, a + "/check-out" + d, "{\"participantId\":\"" + v1 + "\"}", 409, "illegal-transition"),
                Case.json("check-in of someone not signed up", HttpMethod.POST, a + "/check-in" + d, "{\"participantId\":\"v-9\"}", 403, "not-signed-up"),
                Case.json("hand check-in with a reason over 200 characters", HttpMethod.POST, a + "/check-in" + d, "{\"participantId\":\"" + v1 + "\",\"reason\":\"" + "因".repeat(201) + "\"}", 400, "invalid-field"),
                Case.json("self check-in without a code", HttpMethod.POST, a + "/self-check-in" + d, "{}", 400, "invalid-field").withHeader(HttpHeaders.AUTHORIZATION, v1Token),
                Case.json("self check-in with a blank code", HttpMethod.POST, a + "/self-check-in" + d, "{\"code\":\"   \"}", 400, "invalid-field").withHeader(HttpHeaders.AUTHORIZATION, v1Token),
                Case.json("self check-in with a code over 200 characters", HttpMethod.POST, a + "/self-check-in" + d, "{\"code\":\"PCI1." + activityId + ".1." + "A".repeat(200) + "\"}", 400, "invalid-field").withHeader(HttpHeaders.AUTHORIZATION, v1Token),
                Case.json("self check-in with a code not in four parts", HttpMethod.POST, a + "/self-check-in" + d, "{\"code\":\"PCI1." + activityId + ".1\"}", 400, "invalid-field").withHeader(HttpHeaders.AUTHORIZATION, v1Token),
                Case.json("self check-in with another activity's code", HttpMethod.POST, a + "/self-check-in" + d, "{\"code\":\"PCI1.act-other.1.AAAAAAAAAAAAAAAAAAAAAA\"}", 422, "check-in-code-invalid").withHeader(HttpHeaders.AUTHORIZATION, v1Token),
                Case.json("stale If-Match", HttpMethod.POST, r + "/review" + d, "{\"accept\":true,\"reviewerId\":\"a\"}", 412, "stale-version")
                        .withHeader(HttpHeaders.IF_MATCH, "\"0\""),
                Case.json("stale If-Match on a menu item", HttpMethod.PUT, "/api/v1/menu/items/TALK" + d, "{\"name\":\"x\",\"platform\":\"CARE\",\"minimumSkillLevel\":1,\"expectedMinutes\":60,\"peopleNeeded\":1}", 412, "stale-version")
                        .withHeader(HttpHeaders.IF_MATCH, "\"0\""),
                Case.json("district default that is not a duration", HttpMethod.PUT, "/api/v1/menu/defaults" + d, "{\"sla\":{\"REVIEW\":\"fast\"}}", 400, "invalid-field"),
                Case.json("malformed JSON", HttpMethod.POST, requests, "{\"menuItem\":", 400, "malformed-body"));
    }

    @Test
    void shouldAnswerEveryBadInputWithItsProblemAndChangeNothing() throws Exception {
        String requestBefore = http.getForObject("/api/v1/requests/" + requestId + "?district=" + district, String.class);
        String activityBefore = http.getForObject("/api/v1/activities/" + activityId + "?district=" + district, String.class);
        String menuBefore = http.getForObject("/api/v1/menu/items?district=" + district, String.class);
        String defaultsBefore = http.getForObject("/api/v1/menu/defaults?district=" + district, String.class);
        int requestsBefore = json.readTree(http.getForObject("/api/v1/requests?district=" + district, String.class))
                .get("total").asInt();
        MarkedWindow window = MarkedWindow.open(eventStore, processing);

        ProblemTable.assertAnswers(http, cases());

        // The known end: a good order after every bad input, through the same store, read models and topic.
        ResponseEntity<String> marked = send(HttpMethod.POST, "/api/v1/requests?district=" + district,
                "{\"menuItem\":\"TALK\",\"community\":\"盘龙社区\",\"channel\":\"KIOSK\",\"requesterId\":\"resident-marker\","
                        + "\"answers\":{\"topic\":\"history\"}}");
        assertThat(marked.getStatusCode().value()).as(marked.getBody()).isEqualTo(201);
        String marker = json.readTree(marked.getBody()).get("requestId").asText();
        MarkedWindow.Closed closed = window.closeAt(marker);
        assertThat(http.getForEntity("/api/v1/requests/" + marker + "?district=" + district, String.class)
                .getStatusCode().value()).as("the marker in the read model").isEqualTo(200);

        assertThat(closed.storedFor(district, requestId, activityId, MenuCommands.itemId(district, "TALK"), district))
                .as("events the bad inputs stored").isEmpty();
        assertThat(closed.publishedFor(district)).as("records the bad inputs published").isEmpty();
        assertThat(http.getForObject("/api/v1/requests/" + requestId + "?district=" + district, String.class))
                .isEqualTo(requestBefore);
        assertThat(http.getForObject("/api/v1/activities/" + activityId + "?district=" + district, String.class))
                .isEqualTo(activityBefore);
        assertThat(http.getForObject("/api/v1/menu/items?district=" + district, String.class)).isEqualTo(menuBefore);
        assertThat(http.getForObject("/api/v1/menu/defaults?district=" + district, String.class)).isEqualTo(defaultsBefore);
        JsonNode all = json.readTree(http.getForObject("/api/v1/requests?district=" + district, String.class));
        assertThat(all.get("total").asInt()).as("no request was created but the marker").isEqualTo(requestsBefore + 1);
    }

    @Test
    void shouldFlagASecondOpenOrderOfTheSameItemAsPossibleDuplicate() throws Exception {
        ResponseEntity<String> again = send(HttpMethod.POST, "/api/v1/requests?district=" + district, order("{\"topic\":\"history\"}"));
        assertThat(again.getStatusCode().value()).isEqualTo(201);
        assertThat(json.readTree(again.getBody()).get("possibleDuplicateOf").asText()).isEqualTo(requestId);
        // shown to the reviewer; and the class's district is settled again before its next test counts requests
        String duplicate = json.readTree(again.getBody()).get("requestId").asText();
        JsonNode view = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> json.readTree(
                http.getForObject("/api/v1/requests/" + duplicate + "?district=" + district, String.class)),
                node -> node.has("possibleDuplicateOf"));
        assertThat(view.get("possibleDuplicateOf").asText()).isEqualTo(requestId);
    }

    private ResponseEntity<String> send(HttpMethod method, String path, String body) {
        return ProblemTable.send(http, method, path, MediaType.APPLICATION_JSON_VALUE, body, Map.of());
    }
}
