package cloud.practice.hierarchy;

import cloud.practice.hierarchy.tree.DistrictMother;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.TestIdentity;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import cloud.practice.testing.WithPlatformInfrastructure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * The authorisation matrix of hierarchy-service, called directly (no gateway in front): role × unit scope ×
 * endpoint → allowed or refused, with real tokens validated against the test issuer's JWKS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HierarchyAccessIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @LocalServerPort
    int port;

    final TestIdentity identity = TestIdentity.get();
    final String district = "acc-" + UUID.randomUUID().toString().substring(0, 8);
    final String d = "?district=" + district;

    record Who(String name, String token) {
    }

    record Case(Who who, HttpMethod method, String path, String body, int status) {
    }

    @BeforeAll
    void importTheDistrict() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> imported = http.postForEntity("/api/v1/org-units/import" + d + "&effectiveDate=2026-01-01",
                new HttpEntity<>(DistrictMother.importBody(json, DistrictMother.seedDistrict()), headers), String.class);
        assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> http.getForEntity("/api/v1/org-units/s-3-2" + d,
                String.class).getStatusCode().value() == 200);
    }

    Who user(String name, Role role, String inDistrict, String unit) {
        return new Who(name, identity.token(name, role.name(), inDistrict, unit, Scopes.forRole(role)));
    }

    @Test
    void shouldAllowEachRoleExactlyItsScope() {
        Who districtAdmin = user("admin-center", Role.DISTRICT_ADMIN, district, "center");
        Who instituteAdmin = user("admin-i3", Role.INSTITUTE_ADMIN, district, "i-3");
        Who otherInstituteAdmin = user("admin-i1", Role.INSTITUTE_ADMIN, district, "i-1");
        Who stationAdmin = user("admin-s32", Role.STATION_ADMIN, district, "s-3-2");
        Who neighbourStationAdmin = user("admin-s31", Role.STATION_ADMIN, district, "s-3-1");
        Who volunteer = user("vol-1", Role.VOLUNTEER, district, null);
        Who resident = user("resident-1", Role.RESIDENT, district, null);
        Who analyst = user("analyst-1", Role.ANALYST, district, "center");
        Who foreignAdmin = user("admin-x", Role.DISTRICT_ADMIN, "elsewhere", "center");
        Who foreignClient = new Who("client of elsewhere", identity.token("hotline", "SYSTEM", "elsewhere", null,
                Scopes.ALL));
        Who ownClient = new Who("client of the district", identity.token("hotline", "SYSTEM", district, null,
                Scopes.ALL));
        Who readOnlyClient = new Who("client with hierarchy:read only", identity.token("viewer", "SYSTEM", district,
                null, List.of(Scopes.HIERARCHY_READ)));

        String unit = "/api/v1/org-units/s-3-2" + d;
        String rename = "/api/v1/org-units/s-3-2/rename" + d;
        String renameBody = "{\"name\":\"盘龙新时代文明实践站\"}";
        String move = "/api/v1/org-units/s-3-2/move" + d;
        String moveBody = "{\"parentId\":\"i-1\"}";
        String grids = "/api/v1/org-units/s-3-2/grids" + d;
        String gridsBody = "{\"community\":\"" + DistrictMother.community(3, 2) + "\",\"grids\":[\"一网格\"]}";
        String importPath = "/api/v1/org-units/import" + d;
        String partners = "/api/v1/partners" + d;
        String partnerBody = "{\"type\":\"CIVILIZED_UNIT\",\"name\":\"区文明单位\"}";

        List<Case> cases = List.of(
                // reading: everyone of the district, nobody else
                new Case(districtAdmin, HttpMethod.GET, unit, null, 200),
                new Case(stationAdmin, HttpMethod.GET, unit, null, 200),
                new Case(neighbourStationAdmin, HttpMethod.GET, unit, null, 200),
                new Case(volunteer, HttpMethod.GET, unit, null, 200),
                new Case(resident, HttpMethod.GET, unit, null, 200),
                new Case(analyst, HttpMethod.GET, "/api/v1/org-units/export" + d, null, 200),
                new Case(readOnlyClient, HttpMethod.GET, unit, null, 200),
                new Case(foreignAdmin, HttpMethod.GET, unit, null, 403),
                new Case(foreignClient, HttpMethod.GET, unit, null, 403),
                // changing a station: its admin and the admins above it
                new Case(stationAdmin, HttpMethod.POST, rename, renameBody, 200),
                new Case(instituteAdmin, HttpMethod.POST, rename, renameBody, 200),
                new Case(districtAdmin, HttpMethod.POST, rename, renameBody, 200),
                new Case(ownClient, HttpMethod.POST, rename, renameBody, 200),
                new Case(neighbourStationAdmin, HttpMethod.POST, rename, renameBody, 403),
                new Case(otherInstituteAdmin, HttpMethod.POST, rename, renameBody, 403),
                new Case(foreignAdmin, HttpMethod.POST, rename, renameBody, 403),
                new Case(foreignClient, HttpMethod.POST, rename, renameBody, 403),
                new Case(volunteer, HttpMethod.POST, rename, renameBody, 403),
                new Case(resident, HttpMethod.POST, rename, renameBody, 403),
                new Case(analyst, HttpMethod.POST, rename, renameBody, 403),
                new Case(readOnlyClient, HttpMethod.POST, rename, renameBody, 403),
                // the grids of a community: the admins over the unit that declares it
                new Case(stationAdmin, HttpMethod.POST, grids, gridsBody, 200),
                new Case(instituteAdmin, HttpMethod.POST, grids, gridsBody, 200),
                new Case(neighbourStationAdmin, HttpMethod.POST, grids, gridsBody, 403),
                new Case(volunteer, HttpMethod.POST, grids, gridsBody, 403),
                new Case(analyst, HttpMethod.POST, grids, gridsBody, 403),
                new Case(readOnlyClient, HttpMethod.POST, grids, gridsBody, 403),
                new Case(foreignAdmin, HttpMethod.POST, grids, gridsBody, 403),
                // a move needs both ends in scope
                new Case(instituteAdmin, HttpMethod.POST, move, moveBody, 403),
                new Case(stationAdmin, HttpMethod.POST, move, moveBody, 403),
                // district-wide operations are the district admin's
                new Case(instituteAdmin, HttpMethod.POST, importPath, "[]", 403),
                new Case(instituteAdmin, HttpMethod.POST, partners, partnerBody, 403),
                new Case(districtAdmin, HttpMethod.POST, partners, partnerBody, 201),
                new Case(districtAdmin, HttpMethod.POST, move, moveBody, 200));

        assertSoftly(softly -> {
            for (Case c : cases) {
                HttpHeaders headers = new HttpHeaders();
                headers.setBearerAuth(c.who().token());
                headers.setContentType(MediaType.APPLICATION_JSON);
                ResponseEntity<String> response = http.exchange(c.path(), c.method(),
                        new HttpEntity<>(c.body(), headers), String.class);
                softly.assertThat(response.getStatusCode().value())
                        .as("%s %s %s: %s", c.who().name(), c.method(), c.path(), response.getBody())
                        .isEqualTo(c.status());
            }
        });
        assertThat(cases).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void shouldRefuseRequestsWithoutATokenButServeHealthAndDocs() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/org-units/s-3-2" + d)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.body()).contains("https://practice.cloud/problems/unauthenticated");
        for (String open : List.of("/actuator/health", "/actuator/health/readiness", "/v3/api-docs")) {
            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + open)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as(open).isEqualTo(200);
        }
        HttpResponse<String> undeclared = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/internal/anything"))
                .header("Authorization", "Bearer " + identity.platformToken()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(undeclared.statusCode()).as("paths without a scope rule are closed").isEqualTo(403);
    }
}
