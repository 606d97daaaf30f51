package cloud.practice.request;

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
 * request-service's authorisation matrix, called directly with real tokens: residents see and change only their own
 * requests, volunteers act only as themselves, a station admin only on its station's requests, machine clients only
 * in their district, and nobody without the scope.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestAccessIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    OrgUnitDirectory units;
    @Autowired
    ObjectMapper json;
    @Autowired
    cloud.practice.request.directory.VolunteerDirectory volunteers;

    final TestIdentity identity = TestIdentity.get();
    final String district = "racc-" + UUID.randomUUID().toString().substring(0, 8);
    final String d = "?district=" + district;

    record Who(String name, String token) {
    }

    /** {@code eventually}: the answer depends on the read model catching up with the previous step. */
    record Case(Who who, HttpMethod method, String path, String body, int status, boolean eventually) {
        Case(Who who, HttpMethod method, String path, String body, int status) {
            this(who, method, path, body, status, false);
        }
    }

    Who user(String id, Role role, String unit) {
        return new Who(id + " (" + role + ")", identity.token(id, role.name(), district, unit, Scopes.forRole(role)));
    }

    final Who alice = user("resident-alice", Role.RESIDENT, null);
    final Who bob = user("resident-bob", Role.RESIDENT, null);
    /** Volunteers registered in this district (ids unique per district, as volunteer-service makes them). */
    final String v1 = "v1-" + district;
    final String v2 = "v2-" + district;
    final Who volunteer1 = user(v1, Role.VOLUNTEER, null);
    final Who volunteer2 = user(v2, Role.VOLUNTEER, null);
    final Who stationAdmin = user("admin-pl", Role.STATION_ADMIN, "s-pl");
    final Who otherStationAdmin = user("admin-jly", Role.STATION_ADMIN, "s-jly");
    final Who instituteAdmin = user("admin-jl", Role.INSTITUTE_ADMIN, "i-jl");
    final Who districtAdmin = user("admin-center", Role.DISTRICT_ADMIN, "center");
    final Who analyst = user("analyst-1", Role.ANALYST, "center");
    final Who foreignClient = new Who("client of elsewhere", identity.token("hotline", "SYSTEM", "elsewhere", null,
            Scopes.ALL));
    final Who readOnlyClient = new Who("client with requests:read", identity.token("viewer", "SYSTEM", district, null,
            List.of(Scopes.REQUESTS_READ)));

    String aliceRequest;

    @BeforeAll
    void aDistrictWithAMenuAndAResidentsRequest() throws Exception {
        HierarchyFixture.publishTreeAndAwait(district, units);
        DirectoryFixture.volunteers(volunteers, district, v1, v2);
        assertThat(send(districtAdmin, HttpMethod.PUT, "/api/v1/menu/items/HELP" + d,
                "{\"name\":\"助老\",\"platform\":\"CARE\",\"minimumSkillLevel\":1,\"expectedMinutes\":60,\"peopleNeeded\":1}")
                .getStatusCode().value()).isIn(200, 201);
        await().atMost(Duration.ofSeconds(30)).until(() -> send(alice, HttpMethod.GET, "/api/v1/menu/items/HELP" + d,
                null).getStatusCode().value() == 200);
        ResponseEntity<String> ordered = await().atMost(Duration.ofSeconds(30)).until(() -> send(alice,
                HttpMethod.POST, "/api/v1/requests" + d, order("resident-alice")),
                response -> response.getStatusCode().value() == 201);
        aliceRequest = json.readTree(ordered.getBody()).get("requestId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> send(alice, HttpMethod.GET,
                "/api/v1/requests/" + aliceRequest + d, null).getStatusCode().value() == 200);
    }

    static String order(String requester) {
        return "{\"menuItem\":\"HELP\",\"community\":\"盘龙社区\",\"channel\":\"APP\",\"requesterId\":\"" + requester
                + "\",\"description\":\"帮忙买菜\"}";
    }

    @Test
    void shouldAllowEachRoleExactlyItsShare() throws Exception {
        String request = "/api/v1/requests/" + aliceRequest + d;
        String action = "/api/v1/requests/" + aliceRequest;
        List<Case> cases = List.of(
                // ordering: as oneself, or by staff and clients of the district
                new Case(bob, HttpMethod.POST, "/api/v1/requests" + d, order("resident-alice"), 403),
                new Case(analyst, HttpMethod.POST, "/api/v1/requests" + d, order("analyst-1"), 403),
                new Case(foreignClient, HttpMethod.POST, "/api/v1/requests" + d, order("resident-carol"), 403),
                new Case(readOnlyClient, HttpMethod.POST, "/api/v1/requests" + d, order("resident-carol"), 403),
                // reading one request; one the caller may not read answers 404 exactly like a missing id
                new Case(alice, HttpMethod.GET, request, null, 200),
                new Case(bob, HttpMethod.GET, request, null, 404),
                new Case(volunteer1, HttpMethod.GET, request, null, 404),
                new Case(stationAdmin, HttpMethod.GET, request, null, 200),
                new Case(instituteAdmin, HttpMethod.GET, request, null, 200),
                new Case(otherStationAdmin, HttpMethod.GET, request, null, 404),
                new Case(analyst, HttpMethod.GET, request, null, 200),
                new Case(readOnlyClient, HttpMethod.GET, request, null, 200),
                new Case(foreignClient, HttpMethod.GET, request, null, 404),
                // listing: residents their own, admins their subtree
                new Case(bob, HttpMethod.GET, "/api/v1/requests" + d + "&requesterId=resident-alice", null, 403),
                new Case(otherStationAdmin, HttpMethod.GET, "/api/v1/requests" + d + "&unitId=s-pl", null, 403),
                new Case(stationAdmin, HttpMethod.GET, "/api/v1/requests" + d + "&unitId=s-pl", null, 200),
                // reviewing: the admins over the responsible station, as themselves
                new Case(otherStationAdmin, HttpMethod.POST, action + "/review" + d,
                        "{\"accept\":true,\"reviewerId\":\"admin-jly\"}", 404),
                new Case(alice, HttpMethod.POST, action + "/review" + d,
                        "{\"accept\":true,\"reviewerId\":\"resident-alice\"}", 403),
                new Case(stationAdmin, HttpMethod.POST, action + "/review" + d,
                        "{\"accept\":true,\"reviewerId\":\"admin-center\"}", 403),
                new Case(stationAdmin, HttpMethod.POST, action + "/review" + d,
                        "{\"accept\":true,\"reviewerId\":\"admin-pl\"}", 200),
                new Case(otherStationAdmin, HttpMethod.POST, action + "/dispatch" + d,
                        "{\"volunteerIds\":[\"" + v1 + "\",\"" + v2 + "\"]}", 404),
                new Case(stationAdmin, HttpMethod.POST, action + "/dispatch" + d,
                        "{\"volunteerIds\":[\"" + v1 + "\",\"" + v2 + "\"]}", 200),
                // the offered volunteers may read it now; each accepts only as themselves
                new Case(volunteer1, HttpMethod.GET, request, null, 200, true),
                new Case(volunteer2, HttpMethod.POST, action + "/accept" + d, "{\"volunteerId\":\"" + v1 + "\"}", 403),
                new Case(alice, HttpMethod.POST, action + "/accept" + d, "{\"volunteerId\":\"" + v1 + "\"}", 403),
                new Case(volunteer1, HttpMethod.POST, action + "/accept" + d, "{\"volunteerId\":\"" + v1 + "\"}", 200),
                new Case(volunteer2, HttpMethod.POST, action + "/check-in" + d, "{\"volunteerId\":\"" + v1 + "\"}", 403),
                new Case(volunteer1, HttpMethod.POST, action + "/check-in" + d, "{\"volunteerId\":\"" + v1 + "\"}", 200),
                new Case(volunteer1, HttpMethod.POST, action + "/check-out" + d, "{\"volunteerId\":\"" + v1 + "\"}", 200),
                new Case(volunteer1, HttpMethod.POST, action + "/complete" + d, "{\"volunteerId\":\"" + v1 + "\"}", 200),
                // only the requester rates
                new Case(bob, HttpMethod.POST, action + "/rate" + d,
                        "{\"requesterId\":\"resident-alice\",\"rating\":5,\"solved\":true}", 404),
                new Case(stationAdmin, HttpMethod.POST, action + "/rate" + d,
                        "{\"requesterId\":\"resident-alice\",\"rating\":5,\"solved\":true}", 403),
                new Case(alice, HttpMethod.POST, action + "/rate" + d,
                        "{\"requesterId\":\"resident-alice\",\"rating\":5,\"solved\":true}", 200),
                // the menu is the district admin's
                new Case(stationAdmin, HttpMethod.PUT, "/api/v1/menu/items/OTHER" + d,
                        "{\"name\":\"其他\",\"platform\":\"CARE\",\"minimumSkillLevel\":1,\"expectedMinutes\":60,\"peopleNeeded\":1}", 403),
                new Case(alice, HttpMethod.GET, "/api/v1/menu/items" + d, null, 200),
                new Case(foreignClient, HttpMethod.GET, "/api/v1/menu/items" + d, null, 403),
                // activities: published by the unit's admins
                new Case(otherStationAdmin, HttpMethod.POST, "/api/v1/activities" + d, activity(), 403),
                new Case(volunteer1, HttpMethod.POST, "/api/v1/activities" + d, activity(), 403),
                new Case(stationAdmin, HttpMethod.POST, "/api/v1/activities" + d, activity(), 201));

        assertSoftly(softly -> {
            for (Case c : cases) {
                ResponseEntity<String> response = c.eventually()
                        ? await().atMost(Duration.ofSeconds(10)).until(() -> send(c.who(), c.method(), c.path(),
                        c.body()), answer -> answer.getStatusCode().value() == c.status())
                        : send(c.who(), c.method(), c.path(), c.body());
                softly.assertThat(response.getStatusCode().value())
                        .as("%s %s %s: %s", c.who().name(), c.method(), c.path(), response.getBody())
                        .isEqualTo(c.status());
            }
        });
        // a resident's list holds only their own requests whatever they ask for
        JsonNode own = json.readTree(send(alice, HttpMethod.GET, "/api/v1/requests" + d, null).getBody());
        assertThat(own.get("items")).isNotEmpty()
                .allSatisfy(item -> assertThat(item.get("requesterId").asText()).isEqualTo("resident-alice"));
        JsonNode bobs = json.readTree(send(bob, HttpMethod.GET, "/api/v1/requests" + d, null).getBody());
        assertThat(bobs.get("items")).isEmpty();
    }

    static String activity() {
        return "{\"unitId\":\"s-pl\",\"platform\":\"CARE\",\"title\":\"义诊\",\"place\":\"盘龙社区活动室\","
                + "\"startsAt\":\"2030-01-01T09:00:00+08:00\",\"endsAt\":\"2030-01-01T11:00:00+08:00\","
                + "\"volunteerCapacity\":5,\"residentCapacity\":20}";
    }

    ResponseEntity<String> send(Who who, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(who.token());
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
