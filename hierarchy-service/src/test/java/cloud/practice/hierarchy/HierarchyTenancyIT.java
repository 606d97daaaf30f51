package cloud.practice.hierarchy;

import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.ProblemTable;
import cloud.practice.testing.TestIdentity;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two districts side by side: the ids a client chooses (partners, pairings) are the district's own, so a second
 * district can use the same ones, nothing tells a caller which ids exist elsewhere, and a duplicate inside one
 * district is a 409 however fresh the read model is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class HierarchyTenancyIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    EventProcessingConfiguration processing;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String districtA = "ten-a-" + suffix;
    final String districtB = "ten-b-" + suffix;

    @Test
    void shouldLetTwoDistrictsUseTheSamePartnerAndPairingIds() throws Exception {
        importSmallTree(districtA);
        importSmallTree(districtB);

        for (String district : new String[] {districtA, districtB}) {
            assertThat(post(district, "/api/v1/partners", partner("partner-1")).getStatusCode().value())
                    .as("partner-1 in %s", district).isEqualTo(201);
        }
        awaitPartner(districtA, "partner-1");
        awaitPartner(districtB, "partner-1");
        for (String district : new String[] {districtA, districtB}) {
            assertThat(post(district, "/api/v1/pairings", pairing("pairing-1", "partner-1")).getStatusCode().value())
                    .as("pairing-1 in %s", district).isEqualTo(201);
        }

        for (String district : new String[] {districtA, districtB}) {
            await().atMost(Duration.ofSeconds(30)).until(() -> http.getForEntity("/api/v1/pairings/pairing-1?district="
                    + district, String.class).getStatusCode().value() == 200);
            JsonNode pairing = json.readTree(http.getForObject("/api/v1/pairings/pairing-1?district=" + district,
                    String.class));
            assertThat(pairing.get("pairingId").asText()).isEqualTo("pairing-1");
            assertThat(pairing.get("districtId").asText()).isEqualTo(district);
            assertThat(pairing.get("partnerId").asText()).isEqualTo("partner-1");
            JsonNode partners = json.readTree(http.getForObject("/api/v1/partners?district=" + district, String.class));
            assertThat(partners.get("total").asInt()).isEqualTo(1);
            assertThat(partners.get("items").get(0).get("partnerId").asText()).isEqualTo("partner-1");
            assertThat(partners.get("items").get(0).get("districtId").asText()).isEqualTo(district);
        }

        // The same id twice inside one district is still a conflict, never a server error.
        ResponseEntity<String> partnerAgain = post(districtA, "/api/v1/partners", partner("partner-1"));
        assertThat(partnerAgain.getStatusCode().value()).as(partnerAgain.getBody()).isEqualTo(409);
        assertThat(ProblemTable.problemType(partnerAgain)).endsWith("/partner-exists");
        ResponseEntity<String> pairingAgain = post(districtA, "/api/v1/pairings", pairing("pairing-1", "partner-1"));
        assertThat(pairingAgain.getStatusCode().value()).as(pairingAgain.getBody()).isEqualTo(409);
        assertThat(ProblemTable.problemType(pairingAgain)).endsWith("/pairing-exists");
    }

    @Test
    void shouldAnswerConflictNotServerErrorForADuplicateIdTheReadModelHasNotSeenYet() throws Exception {
        String district = "ten-c-" + suffix;
        importSmallTree(district);
        assertThat(post(district, "/api/v1/partners", partner("partner-seen")).getStatusCode().value()).isEqualTo(201);
        awaitPartner(district, "partner-seen");

        // With the read model held still, only the event store knows what was just created.
        EventProcessor view = processing.eventProcessor("pairing-view").orElseThrow();
        view.shutDown();
        try {
            assertThat(post(district, "/api/v1/partners", partner("partner-fresh")).getStatusCode().value())
                    .isEqualTo(201);
            ResponseEntity<String> partnerAgain = post(district, "/api/v1/partners", partner("partner-fresh"));
            assertThat(partnerAgain.getStatusCode().value()).as(partnerAgain.getBody()).isEqualTo(409);
            assertThat(ProblemTable.problemType(partnerAgain)).endsWith("/partner-exists");

            assertThat(post(district, "/api/v1/pairings", pairing("pairing-fresh", "partner-seen")).getStatusCode()
                    .value()).isEqualTo(201);
            ResponseEntity<String> pairingAgain = post(district, "/api/v1/pairings",
                    pairing("pairing-fresh", "partner-seen"));
            assertThat(pairingAgain.getStatusCode().value()).as(pairingAgain.getBody()).isEqualTo(409);
            assertThat(ProblemTable.problemType(pairingAgain)).endsWith("/pairing-exists");
        } finally {
            view.start();
        }
    }

    @Test
    void shouldAnswerAnotherDistrictsPairingExactlyLikeAMissingOne() throws Exception {
        importSmallTree(districtA);
        importSmallTree(districtB);
        assertThat(post(districtB, "/api/v1/partners", partner("partner-b")).getStatusCode().value()).isEqualTo(201);
        awaitPartner(districtB, "partner-b");
        assertThat(post(districtB, "/api/v1/pairings", pairing("pairing-b", "partner-b")).getStatusCode().value())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForEntity("/api/v1/pairings/pairing-b?district="
                + districtB, String.class).getStatusCode().value() == 200);

        // An admin of district A names B's pairing (and a pairing nobody has) in A's paths.
        String adminOfA = TestIdentity.get().token("admin-a", Role.DISTRICT_ADMIN.name(), districtA, "center",
                Scopes.forRole(Role.DISTRICT_ADMIN));
        for (String[] call : new String[][] {
                {"GET", "/api/v1/pairings/%s?district=" + districtA, null},
                {"POST", "/api/v1/pairings/%s/end?district=" + districtA, "{\"reason\":\"x\"}"},
                {"POST", "/api/v1/pairings/%s/activities?district=" + districtA,
                        "{\"stationId\":\"s-1\",\"title\":\"x\",\"heldOn\":\"2026-03-01\"}"}}) {
            ResponseEntity<String> existing = exchange(adminOfA, call[0], call[1].formatted("pairing-b"), call[2]);
            ResponseEntity<String> missing = exchange(adminOfA, call[0], call[1].formatted("pairing-nowhere"), call[2]);
            assertThat(existing.getStatusCode().value()).as("%s %s", call[0], call[1]).isEqualTo(404)
                    .isEqualTo(missing.getStatusCode().value());
            assertThat(ProblemTable.problemType(existing)).isEqualTo(ProblemTable.problemType(missing));
        }
        // B's pairing is untouched.
        JsonNode pairing = json.readTree(http.getForObject("/api/v1/pairings/pairing-b?district=" + districtB,
                String.class));
        assertThat(pairing.get("activities")).isEmpty();
        assertThat(pairing.get("endDate").isNull()).isTrue();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void importSmallTree(String district) {
        ResponseEntity<String> imported = post(district, "/api/v1/org-units/import", """
                [{"unitId":"center","code":"C","name":"中心","tier":"CENTER"},
                 {"unitId":"i-1","code":"I1","name":"所","tier":"INSTITUTE","parentId":"center"},
                 {"unitId":"s-1","code":"S1","name":"站","tier":"STATION","parentId":"i-1"}]""",
                "&effectiveDate=2026-01-01");
        assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForEntity("/api/v1/org-units/s-1?district="
                + district, String.class).getStatusCode().is2xxSuccessful());
    }

    private void awaitPartner(String district, String partnerId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForObject("/api/v1/partners?district=" + district,
                String.class).contains("\"" + partnerId + "\""));
    }

    private static String partner(String partnerId) {
        return "{\"partnerId\":\"" + partnerId + "\",\"type\":\"CIVILIZED_UNIT\",\"name\":\"区税务局\"}";
    }

    private static String pairing(String pairingId, String partnerId) {
        return "{\"pairingId\":\"" + pairingId + "\",\"partnerId\":\"" + partnerId + "\",\"stationIds\":[\"s-1\"],"
                + "\"model\":\"ORGANISATION_PAIRING\",\"activitiesPerQuarter\":2,\"startDate\":\"2026-02-01\"}";
    }

    private ResponseEntity<String> post(String district, String path, String body) {
        return post(district, path, body, "");
    }

    private ResponseEntity<String> post(String district, String path, String body, String query) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path + "?district=" + district + query, new HttpEntity<>(body, headers),
                String.class);
    }

    private ResponseEntity<String> exchange(String token, String method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.valueOf(method), new HttpEntity<>(body, headers), String.class);
    }
}
