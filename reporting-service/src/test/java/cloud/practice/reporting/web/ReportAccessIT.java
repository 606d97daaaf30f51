package cloud.practice.reporting.web;

import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.reporting.scenario.EventLog;
import cloud.practice.reporting.scenario.EventPublisher;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.TestIdentity;
import cloud.practice.testing.WithPlatformInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/** Who sees which reports: role × unit scope × district, with real tokens (ReportAccess). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class ReportAccessIT {

    private static final String DISTRICT = "cq-access";
    private static final String FIGURES = "/api/v1/reports/figures?district=" + DISTRICT;

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private KafkaTemplate<String, byte[]> kafka;
    @Autowired
    private CloudEventCodec codec;

    private final TestIdentity identity = TestIdentity.get();

    record Case(String who, String token, HttpMethod method, String path, int status) {
    }

    private String user(String id, Role role, String district, String unit) {
        return identity.token(id, role.name(), district, unit, Scopes.forRole(role));
    }

    @Test
    void shouldScopeReportsToTheCallersDistrictAndSubtree() {
        EventLog log = new EventLog();
        LocalDate start = LocalDate.of(2026, 1, 1);
        log.append(DISTRICT, new OrgUnitEstablished("center", DISTRICT, "C", "中心", OrgTier.CENTER, null, null,
                null, null, Set.of(), List.of(), start), Instant.now());
        log.append(DISTRICT, new OrgUnitEstablished("i-1", DISTRICT, "I1", "一所", OrgTier.INSTITUTE, "center", null,
                null, null, Set.of(), List.of(), start), Instant.now());
        log.append(DISTRICT, new OrgUnitEstablished("i-2", DISTRICT, "I2", "二所", OrgTier.INSTITUTE, "center", null,
                null, null, Set.of(), List.of(), start), Instant.now());
        log.append(DISTRICT, new OrgUnitEstablished("sc-1", DISTRICT, "SC1", "文明实践分中心", OrgTier.SUB_CENTER,
                "center", null, null, null, Set.of(), List.of(), start), Instant.now());
        new EventPublisher(kafka, codec).publish(log.events());
        await().atMost(Duration.ofSeconds(60)).until(() -> rest.getForEntity(FIGURES + "&unit=sc-1", String.class)
                .getStatusCode().value() == 200); // the last unit of the log: all of them are in

        String instituteAdmin = user("admin-i1", Role.INSTITUTE_ADMIN, DISTRICT, "i-1");
        String analyst = user("analyst", Role.ANALYST, DISTRICT, "center");
        // The people roles (issue 21): a sub-center admin reads the whole district like a district-level analyst;
        // a grid worker reads no reports, even with a token that claims reports:read.
        String subcenterAdmin = user("admin-sc1", Role.SUBCENTER_ADMIN, DISTRICT, "sc-1");
        String gridWorkerWithReportsScope = identity.token("grid-1", Role.GRID_WORKER.name(), DISTRICT, "i-1",
                Scopes.ALL);
        List<Case> cases = List.of(
                new Case("district admin", user("admin-c", Role.DISTRICT_ADMIN, DISTRICT, "center"), HttpMethod.GET,
                        FIGURES + "&unit=i-2", 200),
                new Case("institute admin, own unit", instituteAdmin, HttpMethod.GET, FIGURES + "&unit=i-1", 200),
                new Case("institute admin, default = own subtree", instituteAdmin, HttpMethod.GET, FIGURES, 200),
                new Case("institute admin, other institute", instituteAdmin, HttpMethod.GET, FIGURES + "&unit=i-2", 403),
                new Case("analyst", analyst, HttpMethod.GET, FIGURES + "&unit=i-2", 200),
                new Case("analyst of another district", user("analyst-x", Role.ANALYST, "cq-else", "center"),
                        HttpMethod.GET, FIGURES, 403),
                new Case("resident (no reports:read)", user("r-1", Role.RESIDENT, DISTRICT, null), HttpMethod.GET,
                        FIGURES, 403),
                new Case("volunteer (no reports:read)", user("v-1", Role.VOLUNTEER, DISTRICT, null), HttpMethod.GET,
                        FIGURES, 403),
                new Case("institute admin, the tree of the other institute", instituteAdmin, HttpMethod.GET,
                        "/api/v1/reports/units?district=" + DISTRICT + "&unit=i-2", 403),
                new Case("institute admin, the map of the other institute", instituteAdmin, HttpMethod.GET,
                        "/api/v1/reports/open-requests?district=" + DISTRICT + "&unit=i-2", 403),
                new Case("analyst, the tree", analyst, HttpMethod.GET, "/api/v1/reports/units?district=" + DISTRICT, 200),
                new Case("analyst of another district, the map", user("analyst-x", Role.ANALYST, "cq-else", "center"),
                        HttpMethod.GET, "/api/v1/reports/open-requests?district=" + DISTRICT, 403),
                new Case("sub-center admin, another institute", subcenterAdmin, HttpMethod.GET, FIGURES + "&unit=i-2",
                        200),
                new Case("sub-center admin, default = the whole district", subcenterAdmin, HttpMethod.GET, FIGURES,
                        200),
                new Case("sub-center admin, the tree", subcenterAdmin, HttpMethod.GET,
                        "/api/v1/reports/units?district=" + DISTRICT, 200),
                new Case("sub-center admin, the map", subcenterAdmin, HttpMethod.GET,
                        "/api/v1/reports/open-requests?district=" + DISTRICT + "&unit=i-1", 200),
                new Case("sub-center admin of another district",
                        user("admin-sc-x", Role.SUBCENTER_ADMIN, "cq-else", "sc-1"), HttpMethod.GET, FIGURES, 403),
                new Case("sub-center admin rebuilding", subcenterAdmin, HttpMethod.POST,
                        "/api/v1/reports/projections/rebuild", 403),
                new Case("grid worker (no reports:read)", user("grid-1", Role.GRID_WORKER, DISTRICT, "i-1"),
                        HttpMethod.GET, FIGURES + "&unit=i-1", 403),
                new Case("grid worker holding reports:read", gridWorkerWithReportsScope, HttpMethod.GET,
                        FIGURES + "&unit=i-1", 403),
                new Case("grid worker holding reports:read, the map", gridWorkerWithReportsScope, HttpMethod.GET,
                        "/api/v1/reports/open-requests?district=" + DISTRICT, 403),
                new Case("client of the district", identity.token("bi", "SYSTEM", DISTRICT, null, Scopes.ALL),
                        HttpMethod.GET, FIGURES + "&unit=i-2", 200),
                new Case("client of another district", identity.token("bi-x", "SYSTEM", "cq-else", null, Scopes.ALL),
                        HttpMethod.GET, FIGURES, 403),
                // A district the caller may not read answers the same whether it exists or not (issue 20, finding 9).
                new Case("analyst of another district, a district that does not exist",
                        user("analyst-x", Role.ANALYST, "cq-else", "center"), HttpMethod.GET,
                        "/api/v1/reports/figures?district=cq-missing", 403),
                new Case("client of another district, the map of a district that does not exist",
                        identity.token("bi-x", "SYSTEM", "cq-else", null, Scopes.ALL), HttpMethod.GET,
                        "/api/v1/reports/open-requests?district=cq-missing", 403),
                new Case("institute admin, a unit that does not exist (as one of another institute)",
                        instituteAdmin, HttpMethod.GET, FIGURES + "&unit=i-404", 403),
                new Case("district client rebuilding", identity.token("bi", "SYSTEM", DISTRICT, null, Scopes.ALL),
                        HttpMethod.POST, "/api/v1/reports/projections/rebuild", 403),
                new Case("district admin rebuilding", user("admin-c", Role.DISTRICT_ADMIN, DISTRICT, "center"),
                        HttpMethod.POST, "/api/v1/reports/projections/rebuild", 403),
                // The projections' positions count every district's events: platform-wide, not a district's to see.
                new Case("analyst, the projections' status", analyst, HttpMethod.GET, "/api/v1/reports/projections",
                        403),
                new Case("district client, the projections' status",
                        identity.token("bi", "SYSTEM", DISTRICT, null, Scopes.ALL), HttpMethod.GET,
                        "/api/v1/reports/projections", 403),
                new Case("platform client, the projections' status",
                        identity.token("ops", "SYSTEM", null, null, Scopes.ALL), HttpMethod.GET,
                        "/api/v1/reports/projections", 200));
        assertSoftly(softly -> {
            for (Case c : cases) {
                HttpHeaders headers = new HttpHeaders();
                headers.setBearerAuth(c.token());
                var answer = rest.exchange(c.path(), c.method(), new HttpEntity<>(headers), String.class);
                softly.assertThat(answer.getStatusCode().value()).as("%s: %s", c.who(), answer.getBody())
                        .isEqualTo(c.status());
            }
        });
        HttpHeaders asInstituteAdmin = new HttpHeaders();
        asInstituteAdmin.setBearerAuth(instituteAdmin);
        String own = rest.exchange(FIGURES, HttpMethod.GET, new HttpEntity<>(asInstituteAdmin), String.class).getBody();
        assertThat(own).as("without a unit, an institute admin gets their own subtree").contains("i-1")
                .doesNotContain("\"i-2\"");
        String tree = rest.exchange("/api/v1/reports/units?district=" + DISTRICT, HttpMethod.GET,
                new HttpEntity<>(asInstituteAdmin), String.class).getBody();
        assertThat(tree).as("an institute admin's tree starts at their institute").contains("\"unitId\":\"i-1\"")
                .doesNotContain("\"i-2\"").doesNotContain("\"unitId\":\"center\"");
        HttpHeaders asSubcenterAdmin = new HttpHeaders();
        asSubcenterAdmin.setBearerAuth(subcenterAdmin);
        String district = rest.exchange("/api/v1/reports/units?district=" + DISTRICT, HttpMethod.GET,
                new HttpEntity<>(asSubcenterAdmin), String.class).getBody();
        assertThat(district).as("a sub-center admin's tree is the whole district").contains("\"unitId\":\"center\"")
                .contains("\"unitId\":\"i-1\"").contains("\"unitId\":\"i-2\"").contains("\"unitId\":\"sc-1\"");
    }
}
