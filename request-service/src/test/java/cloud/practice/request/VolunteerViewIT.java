package cloud.practice.request;

import cloud.practice.events.ServicePlatform;
import cloud.practice.request.directory.VolunteerDirectory;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * Issue 22's volunteers' pages over HTTP with people's tokens: where to go and whom to call (address, contact, the
 * precise location) only for the assigned volunteer while ACCEPTED or IN_SERVICE, in single reads and in lists; and
 * what a team leader's teams may claim ({@code claimable=true}): REVIEWED requests of the team's platforms at its
 * unit or below, in the caller's district only, claimable as listed, refused to everyone else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolunteerViewIT {

    static final String ADDRESS = "盘龙大道1号3单元502";
    static final String CONTACT = "13812345678";
    static final double LATITUDE = 29.50712;
    static final double LONGITUDE = 106.51087;

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    VolunteerDirectory volunteers;

    final TestIdentity identity = TestIdentity.get();
    final String district = "vv-" + UUID.randomUUID().toString().substring(0, 8);
    final String other = "vvo-" + UUID.randomUUID().toString().substring(0, 8);
    final String d = "?district=" + district;

    final String v1 = "v1-" + district;
    final String v2 = "v2-" + district;
    final String leader = "lead-" + district;
    final String member = "mem-" + district;
    final String team = "team-" + district;
    final String leaderOfOther = "lead-" + other;
    final String teamOfOther = "team-" + other;

    final String system = identity.token("ops", "SYSTEM", district, null, Scopes.ALL);
    final String systemOfOther = identity.token("ops", "SYSTEM", other, null, Scopes.ALL);
    final String stationAdmin = identity.token("admin-pl", Role.STATION_ADMIN.name(), district, "s-pl",
            Scopes.forRole(Role.STATION_ADMIN));
    final String requester = "resident-" + district;

    @BeforeAll
    void aDistrictWithATeamOfStationSPlForCare() {
        for (String each : List.of(district, other)) {
            HierarchyFixture.publishTree(each);
            String admin = each.equals(district) ? system : systemOfOther;
            for (String[] item : new String[][]{{"HELP", "CARE"}, {"LAW", "LEGAL"}}) {
                assertThat(send(admin, HttpMethod.PUT, "/api/v1/menu/items/" + item[0] + "?district=" + each,
                        "{\"name\":\"" + item[0] + "\",\"platform\":\"" + item[1] + "\",\"minimumSkillLevel\":1,"
                                + "\"expectedMinutes\":60,\"peopleNeeded\":1,\"fields\":[{\"code\":\"need\",\"label\":\"需要\","
                                + "\"datatype\":\"STRING\",\"required\":false,\"order\":1}]}").getStatusCode().value())
                        .isIn(200, 201);
            }
        }
        DirectoryFixture.volunteers(volunteers, district, v1, v2, leader, member);
        DirectoryFixture.team(volunteers, district, team, "s-pl", Set.of(ServicePlatform.CARE), leader, member);
        DirectoryFixture.volunteers(volunteers, other, leaderOfOther);
        DirectoryFixture.team(volunteers, other, teamOfOther, "s-pl", Set.of(ServicePlatform.CARE), leaderOfOther);
    }

    // ------------------------------------------------------------------ the address only while assigned

    @Test
    void shouldShowAddressContactAndPreciseLocationOnlyToTheAssignedVolunteerWhileServing() {
        String request = reviewed(district, system, "HELP", "盘龙社区");
        assertThat(send(stationAdmin, HttpMethod.POST, path(request, "/dispatch"),
                "{\"volunteerIds\":[\"" + v1 + "\",\"" + v2 + "\"]}").getStatusCode().value()).isEqualTo(200);
        view(system, request, "DISPATCHED");

        // offered, not yet accepted: what the item is, where roughly, not the door nor the phone
        assertWithheld("offered, single read", read(send(volunteer(v1), HttpMethod.GET, path(request, ""), null)));
        assertWithheld("offered, in the list", listed(volunteer(v1), "", request));
        // those who handle or ordered it see it whole
        assertDisclosed("the station", read(send(stationAdmin, HttpMethod.GET, path(request, ""), null)));
        assertDisclosed("the requester", read(send(resident(), HttpMethod.GET, path(request, ""), null)));

        assertThat(send(volunteer(v1), HttpMethod.POST, path(request, "/accept"),
                "{\"volunteerId\":\"" + v1 + "\"}").getStatusCode().value()).isEqualTo(200);
        assertDisclosed("assigned, ACCEPTED", view(volunteer(v1), request, "ACCEPTED"));
        assertDisclosed("assigned, ACCEPTED, in the list", listed(volunteer(v1), "", request));
        assertWithheld("offered, another volunteer accepted", read(send(volunteer(v2), HttpMethod.GET,
                path(request, ""), null)));

        assertThat(send(volunteer(v1), HttpMethod.POST, path(request, "/check-in"),
                "{\"volunteerId\":\"" + v1 + "\"}").getStatusCode().value()).isEqualTo(200);
        assertDisclosed("assigned, IN_SERVICE", view(volunteer(v1), request, "IN_SERVICE"));

        assertThat(send(volunteer(v1), HttpMethod.POST, path(request, "/check-out"),
                "{\"volunteerId\":\"" + v1 + "\"}").getStatusCode().value()).isEqualTo(200);
        assertWithheld("checked out, SERVED", view(volunteer(v1), request, "SERVED"));
        assertWithheld("checked out, SERVED, in the list", listed(volunteer(v1), "", request));
        assertDisclosed("the station after the visit", read(send(stationAdmin, HttpMethod.GET, path(request, ""), null)));
    }

    // ------------------------------------------------------------------ what a team may claim (抢单)

    @Test
    void shouldListToATeamLeaderWhatTheirTeamMayClaimAndLetThemClaimIt() {
        String care = reviewed(district, system, "HELP", "盘龙社区");            // CARE at s-pl: the team's
        String law = reviewed(district, system, "LAW", "盘龙社区");              // LEGAL: not the team's platform
        String elsewhere = reviewed(district, system, "HELP", "九龙园社区");      // CARE at s-jly: not below s-pl
        String unreviewed = submitted(district, system, "HELP", "盘龙社区");      // not waiting for dispatch
        String ofOther = reviewed(other, systemOfOther, "HELP", "盘龙社区");     // another district's

        List<String> listed = claimable(leader(leader), "");
        assertThat(listed).contains(care).doesNotContain(law, elsewhere, unreviewed, ofOther);
        assertWithheld("claimable, in the list", listed(leader(leader), "&claimable=true", care));
        // the same filters narrow it: s-jly's queue has none of the team's
        assertThat(claimable(leader(leader), "&unitId=s-jly")).isEmpty();
        assertThat(claimable(leader(leader), "&status=DISPATCHED")).isEmpty();
        // the leader reads what their team may claim, without the door and phone; not what it may not
        assertWithheld("claimable, single read", read(send(leader(leader), HttpMethod.GET, path(care, ""), null)));
        assertThat(send(leader(leader), HttpMethod.GET, path(law, ""), null).getStatusCode().value()).isEqualTo(404);
        // another district's leader never sees this district's requests, and this leader none of theirs
        assertThat(claimable(leader(leaderOfOther), "", other)).contains(ofOther).doesNotContain(care);
        assertThat(send(leader(leader), HttpMethod.GET, "/api/v1/requests?district=" + other + "&claimable=true",
                null).getStatusCode().value()).isEqualTo(403);

        // what is listed can be claimed; what is not, cannot
        ResponseEntity<String> refused = send(leader(leader), HttpMethod.POST, path(law, "/claim"), claim(team, leader));
        assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(422);
        assertThat(read(refused).path("type").asText()).endsWith("/outside-team-remit");
        assertThat(read(refused).path("field").asText()).isEqualTo("teamId");
        ResponseEntity<String> claimed = send(leader(leader), HttpMethod.POST, path(care, "/claim"), claim(team, leader));
        assertThat(claimed.getStatusCode().value()).as(claimed.getBody()).isEqualTo(200);
        assertDisclosed("the claiming leader, ACCEPTED", view(leader(leader), care, "ACCEPTED"));
        assertThat(claimable(leader(leader), "")).doesNotContain(care);
    }

    @Test
    void shouldRefuseTheClaimableListToEveryoneButTeamLeaders() {
        String claimable = "/api/v1/requests" + d + "&claimable=true";
        assertSoftly(softly -> {
            for (var caller : List.of(List.of("a volunteer leading no team", volunteer(v1)),
                    List.of("a team member", volunteer(member)),
                    List.of("a TEAM_LEADER token of a volunteer leading no team", leader(v2)),
                    List.of("a resident", resident()),
                    List.of("a station admin", stationAdmin),
                    List.of("a machine client", system))) {
                ResponseEntity<String> answer = send(caller.get(1), HttpMethod.GET, claimable, null);
                softly.assertThat(answer.getStatusCode().value()).as(caller.get(0) + ": " + answer.getBody())
                        .isEqualTo(403);
            }
            ResponseEntity<String> mixed = send(leader(leader), HttpMethod.GET, claimable + "&volunteerId=" + leader,
                    null);
            softly.assertThat(mixed.getStatusCode().value()).as(mixed.getBody()).isEqualTo(400);
            softly.assertThat(read(mixed).path("field").asText()).as(mixed.getBody()).isEqualTo("volunteerId");
            ResponseEntity<String> ofRequester = send(leader(leader), HttpMethod.GET, claimable + "&requesterId="
                    + requester, null);
            softly.assertThat(ofRequester.getStatusCode().value()).as(ofRequester.getBody()).isEqualTo(400);
            softly.assertThat(read(ofRequester).path("field").asText()).isEqualTo("requesterId");
        });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static void assertWithheld(String when, JsonNode view) {
        assertSoftly(softly -> {
            softly.assertThat(view.path("address").isMissingNode() || view.path("address").isNull())
                    .as(when + ": address in " + view).isTrue();
            softly.assertThat(view.path("maskedContact").isMissingNode() || view.path("maskedContact").isNull())
                    .as(when + ": contact in " + view).isTrue();
            softly.assertThat(view.path("location").path("latitude").asDouble()).as(when).isEqualTo(29.507);
            softly.assertThat(view.path("location").path("longitude").asDouble()).as(when).isEqualTo(106.511);
            // what a volunteer needs to decide stays
            softly.assertThat(view.path("menuItemId").asText()).as(when).isNotEmpty();
            softly.assertThat(view.path("platform").asText()).as(when).isNotEmpty();
            softly.assertThat(view.path("unitId").asText()).as(when).isNotEmpty();
            softly.assertThat(view.path("grid").asText()).as(when).isEqualTo("盘龙社区第3网格");
            softly.assertThat(view.path("preferredFrom").asText()).as(when).isNotEmpty();
            softly.assertThat(view.path("answers").path("need").asText()).as(when).isEqualTo("轮椅");
        });
    }

    static void assertDisclosed(String when, JsonNode view) {
        assertSoftly(softly -> {
            softly.assertThat(view.path("address").asText()).as(when + ": " + view).isEqualTo(ADDRESS);
            softly.assertThat(view.path("maskedContact").asText()).as(when).isEqualTo("138*****678");
            softly.assertThat(view.path("location").path("latitude").asDouble()).as(when).isEqualTo(LATITUDE);
            softly.assertThat(view.path("location").path("longitude").asDouble()).as(when).isEqualTo(LONGITUDE);
        });
    }

    String path(String requestId, String action) {
        return "/api/v1/requests/" + requestId + action + d;
    }

    static String claim(String teamId, String leaderId) {
        return "{\"teamId\":\"" + teamId + "\",\"leaderId\":\"" + leaderId + "\"}";
    }

    String volunteer(String id) {
        return identity.token(id, Role.VOLUNTEER.name(), district, null, Scopes.forRole(Role.VOLUNTEER));
    }

    String leader(String id) {
        String of = id.endsWith(other) ? other : district;
        return identity.token(id, Role.TEAM_LEADER.name(), of, null, Scopes.forRole(Role.TEAM_LEADER));
    }

    String resident() {
        return identity.token(requester, Role.RESIDENT.name(), district, null, Scopes.forRole(Role.RESIDENT));
    }

    /** The view of one request as it appears in the caller's list ({@code query} appended to the district). */
    JsonNode listed(String token, String query, String requestId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode item : read(send(token, HttpMethod.GET, "/api/v1/requests" + d + query, null)).path("items")) {
                if (item.path("requestId").asText().equals(requestId)) {
                    return item;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    List<String> claimable(String token, String query) {
        return claimable(token, query, district);
    }

    List<String> claimable(String token, String query, String of) {
        ResponseEntity<String> answer = send(token, HttpMethod.GET, "/api/v1/requests?district=" + of
                + "&claimable=true&size=500" + query, null);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        read(answer).path("items").forEach(item -> ids.add(item.path("requestId").asText()));
        return ids;
    }

    String order(String item, String community) {
        return "{\"menuItem\":\"" + item + "\",\"community\":\"" + community + "\",\"channel\":\"PHONE\","
                + "\"requesterId\":\"" + requester + "\",\"contact\":\"" + CONTACT + "\",\"address\":\"" + ADDRESS
                + "\",\"grid\":\"盘龙社区第3网格\",\"location\":{\"latitude\":" + LATITUDE + ",\"longitude\":"
                + LONGITUDE + "},\"preferredFrom\":\"2030-01-01T01:00:00Z\",\"preferredTo\":\"2030-01-01T03:00:00Z\","
                + "\"description\":\"需要帮忙\",\"answers\":{\"need\":\"轮椅\"}}";
    }

    /** A request of the item in the community's station, ordered by a machine client, visible in the read model. */
    String submitted(String of, String token, String item, String community) {
        ResponseEntity<String> ordered = await().atMost(Duration.ofSeconds(30)).until(() -> send(token,
                HttpMethod.POST, "/api/v1/requests?district=" + of, order(item, community)),
                response -> response.getStatusCode().value() == 201);
        String requestId = read(ordered).get("requestId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> send(token, HttpMethod.GET, "/api/v1/requests/" + requestId
                + "?district=" + of, null).getStatusCode().value() == 200);
        return requestId;
    }

    String reviewed(String of, String token, String item, String community) {
        String requestId = submitted(of, token, item, community);
        assertThat(send(token, HttpMethod.POST, "/api/v1/requests/" + requestId + "/review?district=" + of,
                "{\"accept\":true,\"reviewerId\":\"admin-pl\"}").getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> read(send(token, HttpMethod.GET, "/api/v1/requests/"
                + requestId + "?district=" + of, null)).path("status").asText().equals("REVIEWED"));
        return requestId;
    }

    JsonNode view(String token, String requestId, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> read(send(token, HttpMethod.GET,
                path(requestId, ""), null)), node -> status.equals(node.path("status").asText()));
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
