package cloud.practice.hierarchy;

import cloud.practice.hierarchy.tree.DistrictMother;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.TestIdentity;
import com.fasterxml.jackson.databind.JsonNode;
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
        // The people roles (issue 21): a sub-center admin reads the tree like other staff and changes none of it; a
        // grid worker reads it as residents do. Each also with hierarchy:admin, so the policy is what refuses.
        Who subcenterAdmin = user("admin-sc1", Role.SUBCENTER_ADMIN, district, "sc-1");
        Who subcenterAdminWithAdminScope = new Who("sub-center admin holding hierarchy:admin", identity.token(
                "admin-sc1", Role.SUBCENTER_ADMIN.name(), district, "sc-1", Scopes.ALL));
        Who gridWorker = user("grid-1", Role.GRID_WORKER, district, "s-3-2");
        Who gridWorkerWithAdminScope = new Who("grid worker holding hierarchy:admin", identity.token("grid-1",
                Role.GRID_WORKER.name(), district, "s-3-2", Scopes.ALL));

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
        String subcenter = "/api/v1/org-units/sc-1" + d;
        String renameSubcenter = "/api/v1/org-units/sc-1/rename" + d;
        String stationManagers = "/api/v1/org-units/s-3-2/managers" + d;
        String instituteManagers = "/api/v1/org-units/i-3/managers" + d;
        String centerManagers = "/api/v1/org-units/center/managers" + d;
        String subcenterManagers = "/api/v1/org-units/sc-1/managers" + d;

        List<Case> cases = List.of(
                // reading: everyone of the district, nobody else
                new Case(districtAdmin, HttpMethod.GET, unit, null, 200),
                new Case(stationAdmin, HttpMethod.GET, unit, null, 200),
                new Case(neighbourStationAdmin, HttpMethod.GET, unit, null, 200),
                new Case(volunteer, HttpMethod.GET, unit, null, 200),
                new Case(resident, HttpMethod.GET, unit, null, 200),
                new Case(analyst, HttpMethod.GET, "/api/v1/org-units/export" + d, null, 200),
                new Case(readOnlyClient, HttpMethod.GET, unit, null, 200),
                new Case(subcenterAdmin, HttpMethod.GET, unit, null, 200),
                new Case(subcenterAdmin, HttpMethod.GET, "/api/v1/org-units/center/subtree" + d, null, 200),
                new Case(gridWorker, HttpMethod.GET, unit, null, 200),
                new Case(gridWorker, HttpMethod.GET, "/api/v1/org-units/s-3-2/coverage" + d, null, 200),
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
                new Case(subcenterAdmin, HttpMethod.POST, renameSubcenter, renameBody, 403),
                new Case(subcenterAdminWithAdminScope, HttpMethod.POST, renameSubcenter, renameBody, 403),
                new Case(subcenterAdminWithAdminScope, HttpMethod.GET, subcenter, null, 200),
                new Case(gridWorker, HttpMethod.POST, rename, renameBody, 403),
                new Case(gridWorkerWithAdminScope, HttpMethod.POST, rename, renameBody, 403),
                new Case(gridWorkerWithAdminScope, HttpMethod.POST, grids, gridsBody, 403),
                // managers: made by the admins above the unit (the district admin for any unit); nobody makes
                // themselves one, and a unit's own admin does not pick its managers
                new Case(stationAdmin, HttpMethod.POST, stationManagers, manager("acc-m1"), 403),
                new Case(stationAdmin, HttpMethod.POST, stationManagers, manager("admin-s32"), 403),
                new Case(neighbourStationAdmin, HttpMethod.POST, stationManagers, manager("acc-m1"), 403),
                new Case(otherInstituteAdmin, HttpMethod.POST, stationManagers, manager("acc-m1"), 403),
                new Case(instituteAdmin, HttpMethod.POST, stationManagers, manager("admin-i3"), 403),
                new Case(instituteAdmin, HttpMethod.POST, instituteManagers, manager("acc-m1"), 403),
                new Case(subcenterAdminWithAdminScope, HttpMethod.POST, subcenterManagers, manager("acc-m1"), 403),
                new Case(gridWorkerWithAdminScope, HttpMethod.POST, stationManagers, manager("acc-m1"), 403),
                new Case(volunteer, HttpMethod.POST, stationManagers, manager("acc-m1"), 403),
                new Case(foreignAdmin, HttpMethod.POST, stationManagers, manager("acc-m1"), 403),
                new Case(foreignClient, HttpMethod.POST, stationManagers, manager("acc-m1"), 403),
                new Case(instituteAdmin, HttpMethod.POST, stationManagers, manager("acc-m1"), 200),
                new Case(instituteAdmin, HttpMethod.POST, "/api/v1/org-units/p-3/managers" + d, manager("acc-m2"), 200),
                new Case(districtAdmin, HttpMethod.POST, centerManagers, manager("acc-m3"), 200),
                new Case(districtAdmin, HttpMethod.POST, subcenterManagers, manager("acc-m4"), 200),
                new Case(districtAdmin, HttpMethod.POST, centerManagers, manager("admin-center"), 403),
                new Case(ownClient, HttpMethod.POST, stationManagers, manager("acc-m5"), 200),
                new Case(stationAdmin, HttpMethod.DELETE, "/api/v1/org-units/s-3-2/managers/acc-m1" + d, null, 403),
                new Case(subcenterAdminWithAdminScope, HttpMethod.DELETE, "/api/v1/org-units/sc-1/managers/acc-m4" + d,
                        null, 403),
                new Case(instituteAdmin, HttpMethod.DELETE, "/api/v1/org-units/s-3-2/managers/acc-m1" + d, null, 200),
                new Case(districtAdmin, HttpMethod.DELETE, "/api/v1/org-units/sc-1/managers/acc-m4" + d, null, 200),
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

    private static String manager(String userId) {
        return "{\"userId\":\"" + userId + "\"}";
    }

    @Test
    void shouldShowWhoManagesAUnitToTheDistrictsAdminsOnly() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> assigned = http.postForEntity("/api/v1/org-units/s-3-1/managers" + d,
                new HttpEntity<>(manager("acc-seen-by-admins"), headers), String.class);
        assertThat(assigned.getStatusCode().value()).as(assigned.getBody()).isEqualTo(200);

        Who stationAdmin = user("admin-s31", Role.STATION_ADMIN, district, "s-3-1");
        String unit = "/api/v1/org-units/s-3-1" + d;
        await().atMost(Duration.ofSeconds(30)).until(() -> managers(stationAdmin, unit).has("acc-seen-by-admins"));
        for (Who admin : List.of(stationAdmin, user("admin-center", Role.DISTRICT_ADMIN, district, "center"),
                user("admin-i1", Role.INSTITUTE_ADMIN, district, "i-1"),
                new Who("client of the district", identity.token("hotline", "SYSTEM", district, null, Scopes.ALL)))) {
            assertThat(managers(admin, unit).path("acc-seen-by-admins").asText()).as(admin.name())
                    .isEqualTo("STATION_ADMIN");
        }
        for (Who other : List.of(user("admin-sc1", Role.SUBCENTER_ADMIN, district, "sc-1"),
                user("grid-1", Role.GRID_WORKER, district, "s-3-1"), user("resident-1", Role.RESIDENT, district, null),
                user("vol-1", Role.VOLUNTEER, district, null), user("analyst-1", Role.ANALYST, district, "center"))) {
            JsonNode managers = managers(other, unit);
            assertThat(managers.isNull() || managers.isMissingNode()).as("%s sees no managers: %s", other.name(),
                    managers).isTrue();
            for (String list : List.of("/api/v1/org-units" + d + "&size=500", "/api/v1/org-units/i-3/children" + d,
                    "/api/v1/org-units/s-3-1/path" + d, "/api/v1/org-units/i-3/subtree" + d,
                    "/api/v1/org-units/nearest-stations" + d + "&lat=29.5&lon=106.5&limit=50")) {
                assertThat(read(other, list)).as("%s: %s", other.name(), list).doesNotContain("acc-seen-by-admins");
            }
        }
    }

    private JsonNode managers(Who who, String unitPath) throws Exception {
        return json.readTree(read(who, unitPath)).path("managers");
    }

    private String read(Who who, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(who.token());
        ResponseEntity<String> answer = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(answer.getStatusCode().value()).as("%s %s: %s", who.name(), path, answer.getBody()).isEqualTo(200);
        return answer.getBody();
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
