package cloud.practice.request;

import cloud.practice.request.directory.PairingDirectory;
import cloud.practice.request.directory.VolunteerDirectory;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.testing.TestIdentity;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * Issue 20 over HTTP with two districts side by side: every id a command names is resolved inside the command's
 * district (findings 2 and 4: dispatch, claims, team offers, pairings), another district's request or activity
 * answers exactly like a missing one (finding 9), and paging is bounded (finding 8).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestTenancyIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    OrgUnitDirectory units;
    @Autowired
    ObjectMapper json;
    @Autowired
    VolunteerDirectory volunteers;
    @Autowired
    PairingDirectory pairings;

    final TestIdentity identity = TestIdentity.get();
    final String a = "tena-" + UUID.randomUUID().toString().substring(0, 8);
    final String b = "tenb-" + UUID.randomUUID().toString().substring(0, 8);

    // Volunteer and team ids are unique per district, as volunteer-service makes them.
    final String leader = "leader-" + a;
    final String member = "member-" + a;
    final String outsider = "outsider-" + a;
    final String paused = "paused-" + a;
    final String team = "team-" + a;
    final String dissolved = "gone-" + a;
    final String volunteerOfB = "vol-" + b;
    final String leaderOfB = "leader-" + b;
    final String teamOfB = "team-" + b;

    final String systemOfA = identity.token("ops-a", "SYSTEM", a, null, Scopes.ALL);
    final String systemOfB = identity.token("ops-b", "SYSTEM", b, null, Scopes.ALL);

    String requestOfB;
    String activityOfB;

    @BeforeAll
    void twoDistricts() throws Exception {
        for (String district : List.of(a, b)) {
            HierarchyFixture.publishTreeAndAwait(district, units);
            String token = district.equals(a) ? systemOfA : systemOfB;
            assertThat(send(token, HttpMethod.PUT, "/api/v1/menu/items/HELP?district=" + district,
                    "{\"name\":\"助老\",\"platform\":\"CARE\",\"minimumSkillLevel\":1,\"expectedMinutes\":60,\"peopleNeeded\":1}")
                    .getStatusCode().value()).isIn(200, 201);
        }
        DirectoryFixture.volunteers(volunteers, a, leader, member, outsider);
        DirectoryFixture.pausedVolunteer(volunteers, a, paused);
        DirectoryFixture.team(volunteers, a, team, leader, member);
        DirectoryFixture.dissolvedTeam(volunteers, a, dissolved, leader);
        DirectoryFixture.volunteers(volunteers, b, volunteerOfB, leaderOfB);
        DirectoryFixture.team(volunteers, b, teamOfB, leaderOfB);
        DirectoryFixture.pairing(pairings, a, "pairing-run-" + a, false);
        DirectoryFixture.pairing(pairings, a, "pairing-end-" + a, true);
        DirectoryFixture.pairing(pairings, b, "pairing-" + b, false);

        requestOfB = reviewedRequest(b, systemOfB);
        activityOfB = published(b, systemOfB, null);
    }

    // ------------------------------------------------------------------------------------- finding 2: dispatch

    @Test
    void shouldRefuseADispatchNamingIdsOutsideTheDistrictOrUnusable() throws Exception {
        String request = reviewedRequest(a, systemOfA);
        String dispatch = "/api/v1/requests/" + request + "/dispatch?district=" + a;
        record Refused(String body, String type, String field) {
        }
        List<Refused> refusals = List.of(
                new Refused(volunteersBody(volunteerOfB), "unknown-volunteer", "volunteerIds[0]"),
                new Refused(volunteersBody(outsider, "vol-nobody-" + a), "unknown-volunteer", "volunteerIds[1]"),
                new Refused(volunteersBody(paused), "volunteer-not-active", "volunteerIds[0]"),
                new Refused("{\"teamId\":\"" + teamOfB + "\"}", "unknown-team", "teamId"),
                new Refused("{\"teamId\":\"team-nobody-" + a + "\"}", "unknown-team", "teamId"),
                new Refused("{\"teamId\":\"" + dissolved + "\"}", "unknown-team", "teamId"));
        assertSoftly(softly -> {
            for (Refused refused : refusals) {
                ResponseEntity<String> answer = send(systemOfA, HttpMethod.POST, dispatch, refused.body());
                softly.assertThat(answer.getStatusCode().value()).as(refused.body() + " → " + answer.getBody()).isEqualTo(422);
                JsonNode problem = read(answer);
                softly.assertThat(problem.path("type").asText()).as(refused.body()).endsWith("/" + refused.type());
                softly.assertThat(problem.path("field").asText()).as(refused.body()).isEqualTo(refused.field());
                // Ids not known (yet) may be retried; a known volunteer who is not active may not.
                softly.assertThat(problem.path("retryable").asBoolean()).as(refused.body())
                        .isEqualTo(!refused.type().equals("volunteer-not-active"));
            }
        });
        // Nothing was recorded: the one dispatch that is allowed is the request's first.
        assertThat(send(systemOfA, HttpMethod.POST, dispatch, volunteersBody(outsider, member)).getStatusCode().value())
                .isEqualTo(200);
        JsonNode view = view(a, systemOfA, request, "DISPATCHED");
        assertThat(view.get("history").findValuesAsText("event")).containsOnlyOnce("dispatched");
        assertThat(view.get("offeredTo")).extracting(JsonNode::asText).containsExactly(outsider, member);
    }

    @Test
    void shouldRefuseAnActivityNamingAPairingOutsideTheDistrictOrEnded() throws Exception {
        for (String pairing : List.of("pairing-" + b, "pairing-end-" + a, "pairing-nobody-" + a)) {
            ResponseEntity<String> answer = send(systemOfA, HttpMethod.POST, "/api/v1/activities?district=" + a,
                    activityBody(pairing));
            assertThat(answer.getStatusCode().value()).as(pairing + " → " + answer.getBody()).isEqualTo(422);
            assertThat(read(answer).path("type").asText()).endsWith("/unknown-pairing");
            assertThat(read(answer).path("field").asText()).isEqualTo("pairingId");
        }
        String activity = published(a, systemOfA, "pairing-run-" + a);
        assertThat(activity).startsWith("act-");
    }

    // ------------------------------------------------------------------------------ finding 4: claims, team offers

    @Test
    void shouldLetOnlyTheLeaderOfAnActiveTeamOfTheDistrictClaim() throws Exception {
        String request = reviewedRequest(a, systemOfA);
        String claim = "/api/v1/requests/" + request + "/claim?district=" + a;
        ResponseEntity<String> byMember = send(volunteer(member), HttpMethod.POST, claim, claimBody(team, member));
        assertThat(byMember.getStatusCode().value()).as(byMember.getBody()).isEqualTo(403);
        assertThat(read(byMember).path("type").asText()).endsWith("/not-team-leader");
        ResponseEntity<String> byOutsider = send(volunteer(outsider), HttpMethod.POST, claim, claimBody(team, outsider));
        assertThat(byOutsider.getStatusCode().value()).as(byOutsider.getBody()).isEqualTo(403);
        for (String unknown : List.of("team-nobody-" + a, dissolved, teamOfB)) {
            ResponseEntity<String> answer = send(systemOfA, HttpMethod.POST, claim,
                    claimBody(unknown, unknown.equals(teamOfB) ? leaderOfB : leader));
            assertThat(answer.getStatusCode().value()).as(unknown + " → " + answer.getBody()).isEqualTo(422);
            assertThat(read(answer).path("field").asText()).isEqualTo("teamId");
        }
        ResponseEntity<String> byLeader = send(volunteer(leader), HttpMethod.POST, claim, claimBody(team, leader));
        assertThat(byLeader.getStatusCode().value()).as(byLeader.getBody()).isEqualTo(200);
        JsonNode view = view(a, systemOfA, request, "ACCEPTED");
        assertThat(view.get("volunteerId").asText()).isEqualTo(leader);
        assertThat(view.get("history").findValuesAsText("event")).containsOnlyOnce("accepted");
    }

    @Test
    void shouldLetOnlyMembersOfTheOfferedTeamAccept() throws Exception {
        String request = reviewedRequest(a, systemOfA);
        assertThat(send(systemOfA, HttpMethod.POST, "/api/v1/requests/" + request + "/dispatch?district=" + a,
                "{\"teamId\":\"" + team + "\"}").getStatusCode().value()).isEqualTo(200);
        String accept = "/api/v1/requests/" + request + "/accept?district=" + a;
        ResponseEntity<String> byOutsider = send(volunteer(outsider), HttpMethod.POST, accept, volunteerBody(outsider));
        assertThat(byOutsider.getStatusCode().value()).as(byOutsider.getBody()).isEqualTo(403);
        assertThat(read(byOutsider).path("type").asText()).endsWith("/not-offered");
        ResponseEntity<String> byMember = send(volunteer(member), HttpMethod.POST, accept, volunteerBody(member));
        assertThat(byMember.getStatusCode().value()).as(byMember.getBody()).isEqualTo(200);
        assertThat(view(a, systemOfA, request, "ACCEPTED").get("volunteerId").asText()).isEqualTo(member);
    }

    // ------------------------------------------------------------------------------ finding 9: existence oracles

    @Test
    void shouldAnswerAnotherDistrictsRequestExactlyLikeAMissingOne() {
        String missing = "req-" + UUID.randomUUID();
        List<String> callers = List.of(systemOfA, identity.token("resident-a", Role.RESIDENT.name(), a, null,
                        Scopes.forRole(Role.RESIDENT)), identity.token("admin-a", Role.STATION_ADMIN.name(), a, "s-pl",
                        Scopes.forRole(Role.STATION_ADMIN)), identity.token("center-a", Role.DISTRICT_ADMIN.name(), a,
                        "center", Scopes.forRole(Role.DISTRICT_ADMIN)), volunteer(outsider));
        String[][] actions = {{"GET", "", null}, {"POST", "/review", "{\"accept\":true,\"reviewerId\":\"admin-a\"}"},
                {"POST", "/dispatch", volunteersBody(outsider)}, {"POST", "/accept", volunteerBody(outsider)},
                {"POST", "/decline", volunteerBody(outsider)}, {"POST", "/claim", claimBody(team, leader)},
                {"POST", "/check-in", volunteerBody(outsider)}, {"POST", "/check-out", volunteerBody(outsider)},
                {"POST", "/complete", volunteerBody(outsider)},
                {"POST", "/rate", "{\"requesterId\":\"resident-a\",\"rating\":5,\"solved\":true}"},
                {"POST", "/reopen", "{\"requesterId\":\"resident-a\",\"reason\":\"x\"}"},
                {"POST", "/cancel", "{\"requesterId\":\"resident-a\",\"reason\":\"x\"}"}};
        assertSoftly(softly -> {
            for (String caller : callers) {
                for (String[] action : actions) {
                    // addressed in the other district, and under the caller's own district
                    for (String district : List.of(b, a)) {
                        ResponseEntity<String> existing = send(caller, HttpMethod.valueOf(action[0]),
                                "/api/v1/requests/" + requestOfB + action[1] + "?district=" + district, action[2]);
                        ResponseEntity<String> absent = send(caller, HttpMethod.valueOf(action[0]),
                                "/api/v1/requests/" + missing + action[1] + "?district=" + district, action[2]);
                        String what = action[0] + " " + action[1] + " in " + district + " by " + caller.hashCode();
                        softly.assertThat(existing.getStatusCode().value()).as(what + ": " + existing.getBody())
                                .isEqualTo(404).isEqualTo(absent.getStatusCode().value());
                        softly.assertThat(type(existing)).as(what).isEqualTo(type(absent)).endsWith("/not-found");
                    }
                }
            }
        });
        // and the request of B is untouched
        assertThat(view(b, systemOfB, requestOfB, "REVIEWED").get("history").findValuesAsText("event"))
                .doesNotContain("dispatched", "accepted", "cancelled");
    }

    @Test
    void shouldAnswerAnotherDistrictsActivityExactlyLikeAMissingOne() {
        String missing = "act-" + UUID.randomUUID();
        List<String> callers = List.of(systemOfA, identity.token("resident-a", Role.RESIDENT.name(), a, null,
                Scopes.forRole(Role.RESIDENT)), identity.token("center-a", Role.DISTRICT_ADMIN.name(), a, "center",
                Scopes.forRole(Role.DISTRICT_ADMIN)));
        String[][] actions = {{"GET", "", null},
                {"POST", "/sign-ups", "{\"participantId\":\"resident-a\",\"role\":\"RESIDENT\"}"},
                {"POST", "/sign-ups/resident-a/cancel", null}, {"POST", "/check-in", "{\"participantId\":\"resident-a\"}"},
                {"POST", "/check-out", "{\"participantId\":\"resident-a\"}"}, {"POST", "/close", "{\"summary\":\"x\"}"}};
        assertSoftly(softly -> {
            for (String caller : callers) {
                for (String[] action : actions) {
                    for (String district : List.of(b, a)) {
                        ResponseEntity<String> existing = send(caller, HttpMethod.valueOf(action[0]),
                                "/api/v1/activities/" + activityOfB + action[1] + "?district=" + district, action[2]);
                        ResponseEntity<String> absent = send(caller, HttpMethod.valueOf(action[0]),
                                "/api/v1/activities/" + missing + action[1] + "?district=" + district, action[2]);
                        String what = action[0] + " " + action[1] + " in " + district + " by " + caller.hashCode();
                        softly.assertThat(existing.getStatusCode().value()).as(what + ": " + existing.getBody())
                                .isEqualTo(404).isEqualTo(absent.getStatusCode().value());
                        softly.assertThat(type(existing)).as(what).isEqualTo(type(absent)).endsWith("/not-found");
                    }
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------- finding 8: paging

    @Test
    void shouldRefusePagesPastTheBoundNamingThePage() throws Exception {
        for (String list : List.of("/api/v1/requests", "/api/v1/activities")) {
            ResponseEntity<String> answer = send(systemOfA, HttpMethod.GET, list + "?district=" + a
                    + "&page=2147483647&size=500", null);
            assertThat(answer.getStatusCode().value()).as(list + ": " + answer.getBody()).isEqualTo(400);
            JsonNode problem = read(answer);
            List<String> fields = new java.util.ArrayList<>(problem.findValuesAsText("field"));
            assertThat(fields).as(list + ": " + answer.getBody()).containsOnly("page");
        }
    }

    @Test
    void shouldPageTheActivities() throws Exception {
        String district = "tenp-" + UUID.randomUUID().toString().substring(0, 8);
        String token = identity.token("ops-p", "SYSTEM", district, null, Scopes.ALL);
        HierarchyFixture.publishTree(district);
        for (int i = 0; i < 3; i++) {
            published(district, token, null);
        }
        JsonNode first = await().atMost(Duration.ofSeconds(20)).until(() -> read(send(token, HttpMethod.GET,
                "/api/v1/activities?district=" + district + "&size=2", null)), page -> page.path("total").asInt() == 3);
        assertThat(first.get("items")).hasSize(2);
        JsonNode second = read(send(token, HttpMethod.GET, "/api/v1/activities?district=" + district + "&page=1&size=2",
                null));
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("activityId").asText())
                .isNotIn(first.get("items").findValuesAsText("activityId"));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    String volunteer(String id) {
        return identity.token(id, Role.VOLUNTEER.name(), a, null, Scopes.forRole(Role.VOLUNTEER));
    }

    static String volunteersBody(String... ids) {
        return "{\"volunteerIds\":[" + String.join(",", List.of(ids).stream().map(id -> "\"" + id + "\"").toList()) + "]}";
    }

    static String volunteerBody(String id) {
        return "{\"volunteerId\":\"" + id + "\"}";
    }

    static String claimBody(String teamId, String leaderId) {
        return "{\"teamId\":\"" + teamId + "\",\"leaderId\":\"" + leaderId + "\"}";
    }

    static String activityBody(String pairingId) {
        return "{\"unitId\":\"s-pl\",\"platform\":\"CARE\",\"title\":\"义诊\",\"place\":\"盘龙社区活动室\","
                + "\"startsAt\":\"2030-01-01T09:00:00+08:00\",\"endsAt\":\"2030-01-01T11:00:00+08:00\","
                + "\"volunteerCapacity\":5,\"residentCapacity\":20"
                + (pairingId == null ? "" : ",\"pairingId\":\"" + pairingId + "\"") + "}";
    }

    /** An order of the district, reviewed, visible in the read model. */
    String reviewedRequest(String district, String token) throws Exception {
        ResponseEntity<String> ordered = await().atMost(Duration.ofSeconds(30)).until(() -> send(token,
                HttpMethod.POST, "/api/v1/requests?district=" + district, "{\"menuItem\":\"HELP\",\"community\":\"盘龙社区\","
                        + "\"channel\":\"APP\",\"requesterId\":\"resident-a\",\"description\":\"帮忙买菜\"}"),
                response -> response.getStatusCode().value() == 201);
        String requestId = read(ordered).get("requestId").asText();
        assertThat(send(token, HttpMethod.POST, "/api/v1/requests/" + requestId + "/review?district=" + district,
                "{\"accept\":true,\"reviewerId\":\"admin-pl\"}").getStatusCode().value()).isEqualTo(200);
        view(district, token, requestId, "REVIEWED");
        return requestId;
    }

    String published(String district, String token, String pairingId) throws Exception {
        ResponseEntity<String> answer = await().atMost(Duration.ofSeconds(30)).until(() -> send(token,
                HttpMethod.POST, "/api/v1/activities?district=" + district, activityBody(pairingId)),
                response -> response.getStatusCode().value() == 201);
        String activityId = read(answer).get("activityId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> send(token, HttpMethod.GET, "/api/v1/activities/"
                + activityId + "?district=" + district, null).getStatusCode().value() == 200);
        return activityId;
    }

    JsonNode view(String district, String token, String requestId, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> read(send(token, HttpMethod.GET,
                "/api/v1/requests/" + requestId + "?district=" + district, null)),
                node -> status.equals(node.path("status").asText()));
    }

    JsonNode read(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody() == null ? "{}" : response.getBody());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    String type(ResponseEntity<String> response) {
        return read(response).path("type").asText();
    }

    ResponseEntity<String> send(String token, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
