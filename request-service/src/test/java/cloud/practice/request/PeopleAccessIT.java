package cloud.practice.request;

import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.events.volunteer.VolunteerStatusChanged;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * Issue 21 over HTTP with real tokens: volunteers named by the token's volunteer claim (never its subject, an opaque
 * account id), dispatch, accept, claim and sign-up refused for volunteers who are not active in the district, grid
 * workers keying orders for residents (recorded as keyedBy with channel GRID_WORKER), and sub-center admins handling
 * their platform's requests and activities across the district and nothing else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeopleAccessIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    OrgUnitDirectory units;
    @Autowired
    ObjectMapper json;
    @Autowired
    VolunteerDirectory volunteers;

    final TestIdentity identity = TestIdentity.get();
    final String district = "ppl-" + UUID.randomUUID().toString().substring(0, 8);
    final String other = "pplo-" + UUID.randomUUID().toString().substring(0, 8);
    final String d = "?district=" + district;

    // Registry ids, unique per district as volunteer-service makes them.
    final String v1 = "v1-" + district;
    final String v2 = "v2-" + district;
    final String v3 = "v3-" + district;
    final String paused = "paused-" + district;
    final String deactivated = "deact-" + district;
    final String erased = "erased-" + district;
    final String back = "back-" + district;
    final String pausedLeader = "pleader-" + district;
    final String pausedTeam = "pteam-" + district;
    final String ofOther = "vol-" + other;

    final String system = identity.token("ops", "SYSTEM", district, null, Scopes.ALL);
    final String stationAdmin = staff("admin-pl", Role.STATION_ADMIN, "s-pl");
    final String gridWorker = staff("grid-7", Role.GRID_WORKER, "s-pl");
    final String otherGridWorker = staff("grid-8", Role.GRID_WORKER, "s-pl");
    final String subCenterAdmin = staff("admin-law", Role.SUBCENTER_ADMIN, "sc-law");
    /** A SUBCENTER_ADMIN token naming a unit that is no sub-center: it runs no platform. */
    final String misplacedSubCenterAdmin = staff("admin-odd", Role.SUBCENTER_ADMIN, "s-pl");
    final String resident = identity.token("resident-zhang", Role.RESIDENT.name(), district, null,
            Scopes.forRole(Role.RESIDENT));

    @BeforeAll
    void aDistrictWithVolunteersInEveryStanding() {
        HierarchyFixture.publishTreeAndAwait(district, units);
        for (String[] item : new String[][]{{"HELP", "CARE"}, {"LAW", "LEGAL"}}) {
            assertThat(send(system, HttpMethod.PUT, "/api/v1/menu/items/" + item[0] + d, "{\"name\":\"" + item[0]
                    + "\",\"platform\":\"" + item[1] + "\",\"minimumSkillLevel\":1,\"expectedMinutes\":60,"
                    + "\"peopleNeeded\":1}").getStatusCode().value()).isIn(200, 201);
        }
        DirectoryFixture.volunteers(volunteers, district, v1, v2, v3);
        DirectoryFixture.volunteerHistory(volunteers, district, paused, "PAUSED", status(paused, VolunteerStatus.PAUSED));
        DirectoryFixture.volunteerHistory(volunteers, district, deactivated, "DEACTIVATED",
                status(deactivated, VolunteerStatus.DEACTIVATED));
        DirectoryFixture.volunteerHistory(volunteers, district, erased, "ERASED",
                new VolunteerErased(erased, district, Instant.parse("2026-02-01T00:00:00Z")));
        DirectoryFixture.volunteerHistory(volunteers, district, back, "ACTIVE", status(back, VolunteerStatus.PAUSED),
                status(back, VolunteerStatus.ACTIVE));
        DirectoryFixture.volunteerHistory(volunteers, district, pausedLeader, "PAUSED",
                status(pausedLeader, VolunteerStatus.PAUSED));
        DirectoryFixture.team(volunteers, district, pausedTeam, pausedLeader);
        DirectoryFixture.volunteers(volunteers, other, ofOther);
    }

    // ------------------------------------------------------------------ volunteers who are not active take no work

    @Test
    void shouldRefuseToDispatchToVolunteersNotActiveInTheDistrictAndSaySo() {
        String request = reviewed("HELP");
        String dispatch = "/api/v1/requests/" + request + "/dispatch" + d;
        record Refused(String volunteer, String type, String status, boolean retryable) {
        }
        List<Refused> refusals = List.of(new Refused(paused, "volunteer-not-active", "PAUSED", false),
                new Refused(deactivated, "volunteer-not-active", "DEACTIVATED", false),
                new Refused(erased, "volunteer-not-active", "ERASED", false),
                new Refused(ofOther, "unknown-volunteer", null, true),
                new Refused("vol-nobody-" + district, "unknown-volunteer", null, true));
        assertSoftly(softly -> {
            for (Refused refused : refusals) {
                ResponseEntity<String> answer = send(stationAdmin, HttpMethod.POST, dispatch,
                        "{\"volunteerIds\":[\"" + v1 + "\",\"" + refused.volunteer() + "\"]}");
                JsonNode problem = read(answer);
                softly.assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(422);
                softly.assertThat(problem.path("type").asText()).as(answer.getBody()).endsWith("/" + refused.type());
                softly.assertThat(problem.path("field").asText()).as(answer.getBody()).isEqualTo("volunteerIds[1]");
                softly.assertThat(problem.path("retryable").asBoolean()).as(answer.getBody())
                        .isEqualTo(refused.retryable());
                if (refused.status() != null) {
                    softly.assertThat(problem.path("status").asText()).as(answer.getBody()).isEqualTo(refused.status());
                }
            }
        });
        // a volunteer active again after a pause is offered work
        assertThat(send(stationAdmin, HttpMethod.POST, dispatch, "{\"volunteerIds\":[\"" + back + "\"]}")
                .getStatusCode().value()).isEqualTo(200);
        assertThat(view(system, request, "DISPATCHED").get("offeredTo")).extracting(JsonNode::asText)
                .containsExactly(back);
    }

    @Test
    void shouldRefuseAnAcceptByAVolunteerPausedSinceTheOffer() {
        String late = "late-" + district;
        DirectoryFixture.volunteers(volunteers, district, late);
        String request = reviewed("HELP");
        assertThat(send(system, HttpMethod.POST, "/api/v1/requests/" + request + "/dispatch" + d,
                "{\"volunteerIds\":[\"" + late + "\",\"" + v2 + "\"]}").getStatusCode().value()).isEqualTo(200);
        view(system, request, "DISPATCHED");
        DirectoryFixture.volunteerHistory(volunteers, district, late, "PAUSED", status(late, VolunteerStatus.PAUSED));

        ResponseEntity<String> refused = send(volunteer(late), HttpMethod.POST, "/api/v1/requests/" + request
                + "/accept" + d, "{\"volunteerId\":\"" + late + "\"}");
        assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(422);
        assertThat(read(refused).path("type").asText()).endsWith("/volunteer-not-active");
        assertThat(read(refused).path("field").asText()).isEqualTo("volunteerId");
        assertThat(send(volunteer(v2), HttpMethod.POST, "/api/v1/requests/" + request + "/accept" + d,
                "{\"volunteerId\":\"" + v2 + "\"}").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAClaimByAPausedLeaderAndASignUpByAPausedVolunteer() {
        String request = reviewed("HELP");
        ResponseEntity<String> claim = send(volunteer(pausedLeader), HttpMethod.POST, "/api/v1/requests/" + request
                + "/claim" + d, "{\"teamId\":\"" + pausedTeam + "\",\"leaderId\":\"" + pausedLeader + "\"}");
        assertThat(claim.getStatusCode().value()).as(claim.getBody()).isEqualTo(422);
        assertThat(read(claim).path("type").asText()).endsWith("/volunteer-not-active");
        assertThat(read(claim).path("field").asText()).isEqualTo("leaderId");

        String activity = activity(system, "CARE", 201);
        ResponseEntity<String> signUp = send(volunteer(paused), HttpMethod.POST, "/api/v1/activities/" + activity
                + "/sign-ups" + d, "{\"participantId\":\"" + paused + "\",\"role\":\"VOLUNTEER\"}");
        assertThat(signUp.getStatusCode().value()).as(signUp.getBody()).isEqualTo(422);
        assertThat(read(signUp).path("type").asText()).endsWith("/volunteer-not-active");
        assertThat(read(signUp).path("field").asText()).isEqualTo("participantId");
    }

    // ------------------------------------------------------------------ the volunteer is the token's claim

    @Test
    void shouldKnowAVolunteerByTheTokensVolunteerClaimNotBySubject() throws Exception {
        String request = reviewed("HELP");
        assertThat(send(system, HttpMethod.POST, "/api/v1/requests/" + request + "/dispatch" + d,
                "{\"volunteerIds\":[\"" + v1 + "\",\"" + v3 + "\"]}").getStatusCode().value()).isEqualTo(200);
        view(system, request, "DISPATCHED");
        // v1's person logs in with an account id of their own; the token names v1 by its volunteer claim
        String account = volunteerAccount("acct-" + UUID.randomUUID(), v1);
        // a token whose subject is v2's registry id but whose claim names v3: it is v3, never v2
        String notV2 = volunteerAccount(v2, v3);

        ResponseEntity<String> asV2 = send(notV2, HttpMethod.POST, "/api/v1/requests/" + request + "/accept" + d,
                "{\"volunteerId\":\"" + v2 + "\"}");
        assertThat(asV2.getStatusCode().value()).as(asV2.getBody()).isEqualTo(403);
        assertThat(send(notV2, HttpMethod.GET, "/api/v1/requests" + d + "&volunteerId=" + v2, null)
                .getStatusCode().value()).isEqualTo(403);

        assertThat(send(account, HttpMethod.GET, "/api/v1/requests/" + request + d, null).getStatusCode().value())
                .isEqualTo(200);
        JsonNode offers = read(send(account, HttpMethod.GET, "/api/v1/requests" + d, null));
        assertThat(offers.get("items").findValuesAsText("requestId")).contains(request);
        ResponseEntity<String> accepted = send(account, HttpMethod.POST, "/api/v1/requests/" + request + "/accept" + d,
                "{\"volunteerId\":\"" + v1 + "\"}");
        assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(200);
        assertThat(view(account, request, "ACCEPTED").get("volunteerId").asText()).isEqualTo(v1);

        // an activity place: a volunteer's by the claim, a resident's by the account
        String activity = activity(system, "CARE", 201);
        String signUps = "/api/v1/activities/" + activity + "/sign-ups" + d;
        assertThat(send(account, HttpMethod.POST, signUps, "{\"participantId\":\"" + v1 + "\",\"role\":\"VOLUNTEER\"}")
                .getStatusCode().value()).isEqualTo(200);
        assertThat(send(notV2, HttpMethod.POST, signUps, "{\"participantId\":\"" + v2 + "\",\"role\":\"VOLUNTEER\"}")
                .getStatusCode().value()).isEqualTo(403);
        assertThat(send(resident, HttpMethod.POST, signUps,
                "{\"participantId\":\"resident-zhang\",\"role\":\"VOLUNTEER\"}").getStatusCode().value()).isEqualTo(403);
        assertThat(send(resident, HttpMethod.POST, signUps,
                "{\"participantId\":\"resident-zhang\",\"role\":\"RESIDENT\"}").getStatusCode().value()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ grid workers key orders for residents

    @Test
    void shouldRecordTheGridWorkerWhoKeyedAnOrderAndShowItToStaffOnly() throws Exception {
        ResponseEntity<String> keyed = send(gridWorker, HttpMethod.POST, "/api/v1/requests" + d,
                order("HELP", "GRID_WORKER", "resident-zhang", "13812345678"));
        assertThat(keyed.getStatusCode().value()).as(keyed.getBody()).isEqualTo(201);
        String request = read(keyed).get("requestId").asText();

        JsonNode seenByGridWorker = view(gridWorker, request, "SUBMITTED");
        assertThat(seenByGridWorker.get("keyedBy").asText()).isEqualTo("grid-7");
        assertThat(seenByGridWorker.get("channel").asText()).isEqualTo("GRID_WORKER");
        assertThat(seenByGridWorker.get("requesterId").asText()).isEqualTo("resident-zhang");
        assertThat(seenByGridWorker.get("maskedContact").asText()).isEqualTo("138*****678");
        assertThat(view(stationAdmin, request, "SUBMITTED").get("keyedBy").asText()).isEqualTo("grid-7");
        JsonNode seenByResident = view(resident, request, "SUBMITTED");
        assertThat(seenByResident.path("keyedBy").isNull() || seenByResident.path("keyedBy").isMissingNode())
                .as(seenByResident.toString()).isTrue();
        assertThat(seenByResident.get("channel").asText()).isEqualTo("GRID_WORKER");

        // the grid worker lists what it keyed, and nothing else
        String byResident = read(send(resident, HttpMethod.POST, "/api/v1/requests" + d,
                order("LAW", "APP", "resident-zhang", null))).get("requestId").asText();
        view(system, byResident, "SUBMITTED");
        JsonNode listed = read(send(gridWorker, HttpMethod.GET, "/api/v1/requests" + d, null));
        assertThat(listed.get("items").findValuesAsText("requestId")).contains(request).doesNotContain(byResident);
        assertThat(listed.get("items").findValuesAsText("keyedBy")).containsOnly("grid-7");
        assertThat(send(gridWorker, HttpMethod.GET, "/api/v1/requests/" + byResident + d, null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(send(otherGridWorker, HttpMethod.GET, "/api/v1/requests/" + request + d, null)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(send(gridWorker, HttpMethod.GET, "/api/v1/requests" + d + "&volunteerId=" + v1, null)
                .getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void shouldLetAGridWorkerNeitherReviewNorDispatch() {
        String request = read(send(gridWorker, HttpMethod.POST, "/api/v1/requests" + d,
                order("HELP", "GRID_WORKER", "resident-li", null))).get("requestId").asText();
        view(gridWorker, request, "SUBMITTED");
        assertThat(send(gridWorker, HttpMethod.POST, "/api/v1/requests/" + request + "/review" + d,
                "{\"accept\":true,\"reviewerId\":\"grid-7\"}").getStatusCode().value()).isEqualTo(403);
        assertThat(send(system, HttpMethod.POST, "/api/v1/requests/" + request + "/review" + d,
                "{\"accept\":true,\"reviewerId\":\"admin-pl\"}").getStatusCode().value()).isEqualTo(200);
        view(gridWorker, request, "REVIEWED");
        assertThat(send(gridWorker, HttpMethod.POST, "/api/v1/requests/" + request + "/dispatch" + d,
                "{\"volunteerIds\":[\"" + v1 + "\"]}").getStatusCode().value()).isEqualTo(403);
        assertThat(send(gridWorker, HttpMethod.POST, "/api/v1/requests/" + request + "/cancel" + d,
                "{\"requesterId\":\"resident-li\",\"reason\":\"x\"}").getStatusCode().value()).isEqualTo(403);
        assertThat(view(system, request, "REVIEWED").get("history").findValuesAsText("event"))
                .doesNotContain("dispatched", "cancelled");
    }

    @Test
    void shouldOpenChannelGridWorkerOnlyToGridWorkersAndTheDistrictsStaff() throws Exception {
        ResponseEntity<String> otherChannel = send(gridWorker, HttpMethod.POST, "/api/v1/requests" + d,
                order("HELP", "APP", "resident-zhang", null));
        assertThat(otherChannel.getStatusCode().value()).as(otherChannel.getBody()).isEqualTo(422);
        assertThat(read(otherChannel).path("type").asText()).endsWith("/channel-not-allowed");
        assertThat(read(otherChannel).path("field").asText()).isEqualTo("channel");

        ResponseEntity<String> residentClaims = send(resident, HttpMethod.POST, "/api/v1/requests" + d,
                order("HELP", "GRID_WORKER", "resident-zhang", null));
        assertThat(residentClaims.getStatusCode().value()).as(residentClaims.getBody()).isEqualTo(422);
        assertThat(read(residentClaims).path("type").asText()).endsWith("/channel-not-allowed");
        ResponseEntity<String> bodySaysKeyedBy = send(gridWorker, HttpMethod.POST, "/api/v1/requests" + d,
                order("HELP", "GRID_WORKER", "resident-zhang", null).replace("}", ",\"keyedBy\":\"grid-8\"}"));
        assertThat(bodySaysKeyedBy.getStatusCode().value()).as(bodySaysKeyedBy.getBody()).isEqualTo(400);
        assertThat(send(staff("analyst-1", Role.ANALYST, "center"), HttpMethod.POST, "/api/v1/requests" + d,
                order("HELP", "GRID_WORKER", "resident-zhang", null)).getStatusCode().value()).isEqualTo(403);
        assertThat(send(subCenterAdmin, HttpMethod.POST, "/api/v1/requests" + d,
                order("LAW", "PHONE", "resident-zhang", null)).getStatusCode().value()).isEqualTo(403);

        // a station keying a grid worker's order (as it keys phone orders) is recorded as the one who keyed it
        ResponseEntity<String> byStation = send(stationAdmin, HttpMethod.POST, "/api/v1/requests" + d,
                order("HELP", "GRID_WORKER", "resident-wang", null));
        assertThat(byStation.getStatusCode().value()).as(byStation.getBody()).isEqualTo(201);
        assertThat(view(stationAdmin, read(byStation).get("requestId").asText(), "SUBMITTED").get("keyedBy").asText())
                .isEqualTo("admin-pl");
    }

    // ------------------------------------------------------------------ sub-centers run their platforms

    @Test
    void shouldLetASubCenterAdminHandleItsPlatformsRequestsAcrossTheDistrictAndNoOthers() throws Exception {
        String law = submitted("LAW");
        String help = submitted("HELP");
        await().atMost(Duration.ofSeconds(30)).until(() -> send(subCenterAdmin, HttpMethod.GET,
                "/api/v1/requests/" + law + d, null).getStatusCode().value() == 200);
        assertSoftly(softly -> {
            softly.assertThat(send(subCenterAdmin, HttpMethod.GET, "/api/v1/requests/" + help + d, null)
                    .getStatusCode().value()).isEqualTo(404);
            softly.assertThat(send(subCenterAdmin, HttpMethod.POST, "/api/v1/requests/" + help + "/review" + d,
                    "{\"accept\":true,\"reviewerId\":\"admin-law\"}").getStatusCode().value()).isEqualTo(404);
            softly.assertThat(send(misplacedSubCenterAdmin, HttpMethod.GET, "/api/v1/requests/" + law + d, null)
                    .getStatusCode().value()).isEqualTo(404);
        });
        assertThat(send(subCenterAdmin, HttpMethod.POST, "/api/v1/requests/" + law + "/review" + d,
                "{\"accept\":true,\"reviewerId\":\"admin-law\"}").getStatusCode().value()).isEqualTo(200);
        view(subCenterAdmin, law, "REVIEWED");
        ResponseEntity<String> dispatched = send(subCenterAdmin, HttpMethod.POST, "/api/v1/requests/" + law
                + "/dispatch" + d, "{\"volunteerIds\":[\"" + v3 + "\"]}");
        assertThat(dispatched.getStatusCode().value()).as(dispatched.getBody()).isEqualTo(200);
        assertThat(view(subCenterAdmin, law, "DISPATCHED").get("offeredTo")).extracting(JsonNode::asText)
                .containsExactly(v3);

        JsonNode listed = read(send(subCenterAdmin, HttpMethod.GET, "/api/v1/requests" + d, null));
        assertThat(listed.get("items").findValuesAsText("requestId")).contains(law).doesNotContain(help);
        assertThat(listed.get("items").findValuesAsText("platform")).containsOnly("LEGAL");
        assertThat(read(send(misplacedSubCenterAdmin, HttpMethod.GET, "/api/v1/requests" + d, null)).get("items"))
                .isEmpty();

        // activities: its platform's, at any unit of the district
        String legal = activity(subCenterAdmin, "LEGAL", 201);
        activity(subCenterAdmin, "CARE", 403);
        await().atMost(Duration.ofSeconds(20)).until(() -> send(subCenterAdmin, HttpMethod.GET, "/api/v1/activities/"
                + legal + d, null).getStatusCode().value() == 200);
        assertThat(send(subCenterAdmin, HttpMethod.POST, "/api/v1/activities/" + legal + "/close" + d,
                "{\"summary\":\"完成\"}").getStatusCode().value()).isEqualTo(200);
        String care = activity(system, "CARE", 201);
        await().atMost(Duration.ofSeconds(20)).until(() -> send(subCenterAdmin, HttpMethod.GET, "/api/v1/activities/"
                + care + d, null).getStatusCode().value() == 200);
        assertThat(send(subCenterAdmin, HttpMethod.POST, "/api/v1/activities/" + care + "/close" + d,
                "{\"summary\":\"x\"}").getStatusCode().value()).isEqualTo(403);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    String staff(String id, Role role, String unit) {
        return identity.token(id, role.name(), district, unit, Scopes.forRole(role));
    }

    String volunteer(String id) {
        return identity.token(id, Role.VOLUNTEER.name(), district, null, Scopes.forRole(Role.VOLUNTEER));
    }

    /** A volunteer's token as the issuer makes it for a person: subject {@code account}, volunteer claim {@code volunteerId}. */
    String volunteerAccount(String account, String volunteerId) {
        return identity.sign(identity.claims(account, Role.VOLUNTEER.name(), district, null,
                Scopes.forRole(Role.VOLUNTEER)).claim("practice_volunteer", volunteerId).build());
    }

    VolunteerStatusChanged status(String volunteerId, VolunteerStatus status) {
        return new VolunteerStatusChanged(volunteerId, district, status, null);
    }

    static String order(String item, String channel, String requester, String contact) {
        return "{\"menuItem\":\"" + item + "\",\"community\":\"盘龙社区\",\"channel\":\"" + channel
                + "\",\"requesterId\":\"" + requester + "\"" + (contact == null ? "" : ",\"contact\":\"" + contact + "\"")
                + ",\"description\":\"帮忙\"}";
    }

    /** A request of the item ordered by a machine client, visible in the read model. */
    String submitted(String item) {
        ResponseEntity<String> ordered = await().atMost(Duration.ofSeconds(30)).until(() -> send(system,
                HttpMethod.POST, "/api/v1/requests" + d, order(item, "PHONE", "resident-" + UUID.randomUUID()
                        .toString().substring(0, 8), null)), response -> response.getStatusCode().value() == 201);
        String requestId = read(ordered).get("requestId").asText();
        view(system, requestId, "SUBMITTED");
        return requestId;
    }

    String reviewed(String item) {
        String requestId = submitted(item);
        assertThat(send(system, HttpMethod.POST, "/api/v1/requests/" + requestId + "/review" + d,
                "{\"accept\":true,\"reviewerId\":\"admin-pl\"}").getStatusCode().value()).isEqualTo(200);
        view(system, requestId, "REVIEWED");
        return requestId;
    }

    String activity(String token, String platform, int status) {
        ResponseEntity<String> answer = send(token, HttpMethod.POST, "/api/v1/activities" + d,
                "{\"unitId\":\"s-pl\",\"platform\":\"" + platform + "\",\"title\":\"活动\",\"place\":\"活动室\","
                        + "\"startsAt\":\"2030-01-01T09:00:00+08:00\",\"endsAt\":\"2030-01-01T11:00:00+08:00\","
                        + "\"volunteerCapacity\":5,\"residentCapacity\":20}");
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        if (status != 201) {
            return null;
        }
        String activityId = read(answer).get("activityId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> send(system, HttpMethod.GET, "/api/v1/activities/"
                + activityId + d, null).getStatusCode().value() == 200);
        return activityId;
    }

    JsonNode view(String token, String requestId, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> read(send(token, HttpMethod.GET,
                "/api/v1/requests/" + requestId + d, null)), node -> status.equals(node.path("status").asText()));
    }

    JsonNode read(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody() == null ? "{}" : response.getBody());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    ResponseEntity<String> send(String token, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
