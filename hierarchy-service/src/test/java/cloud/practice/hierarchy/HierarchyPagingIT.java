package cloud.practice.hierarchy;

import cloud.practice.testing.ProblemTable;
import cloud.practice.testing.ProblemTable.Case;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every list of hierarchy-service is a bounded page: far pages are a 400 naming {@code page}, never an overflow. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class HierarchyPagingIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    final String district = "page-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void shouldRefusePagesBeyondTheBoundNamingPage() throws Exception {
        String d = "?district=" + district;
        List<String> lists = List.of("/api/v1/org-units", "/api/v1/partners", "/api/v1/pairings");
        List<Case> cases = new java.util.ArrayList<>();
        for (String list : lists) {
            cases.add(Case.json(list + " at the last int page", HttpMethod.GET, list + d + "&page=2147483647&size=500",
                    null, 400, "invalid-field"));
            cases.add(Case.json(list + " past the page bound", HttpMethod.GET, list + d + "&page=100001", null, 400,
                    "invalid-field"));
            cases.add(Case.json(list + " with a negative page", HttpMethod.GET, list + d + "&page=-1", null, 400,
                    "invalid-field"));
            cases.add(Case.json(list + " with a page too large", HttpMethod.GET, list + d + "&size=501", null, 400,
                    "invalid-field"));
        }
        ProblemTable.assertAnswers(http, cases);
        for (String list : lists) {
            ResponseEntity<String> overflow = http.getForEntity(list + d + "&page=2147483647&size=500", String.class);
            assertThat(overflow.getBody()).as(list).contains("\"page\"");
        }
    }

    @Test
    void shouldPagePartnersAndPairingsLikeTheUnits() throws Exception {
        post("/api/v1/org-units/import?district=" + district + "&effectiveDate=2026-01-01", """
                [{"unitId":"center","code":"C","name":"中心","tier":"CENTER"},
                 {"unitId":"i-1","code":"I1","name":"所","tier":"INSTITUTE","parentId":"center"},
                 {"unitId":"s-1","code":"S1","name":"站","tier":"STATION","parentId":"i-1"}]""");
        for (String partner : List.of("p-c", "p-a", "p-b")) {
            post("/api/v1/partners?district=" + district,
                    "{\"partnerId\":\"" + partner + "\",\"type\":\"CIVILIZED_UNIT\",\"name\":\"单位\"}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/partners?district=" + district)
                .path("total").asInt() == 3 && http.getForEntity("/api/v1/org-units/s-1?district=" + district,
                String.class).getStatusCode().is2xxSuccessful());
        for (String pairing : List.of("pair-2", "pair-1", "pair-3")) {
            post("/api/v1/pairings?district=" + district, "{\"pairingId\":\"" + pairing + "\",\"partnerId\":\"p-a\","
                    + "\"stationIds\":[\"s-1\"],\"model\":\"ORGANISATION_PAIRING\",\"activitiesPerQuarter\":1,"
                    + "\"startDate\":\"2026-02-01\"}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/pairings?district=" + district)
                .path("total").asInt() == 3);

        JsonNode partners = get("/api/v1/partners?district=" + district + "&page=1&size=2");
        assertThat(partners.get("page").asInt()).isEqualTo(1);
        assertThat(partners.get("size").asInt()).isEqualTo(2);
        assertThat(partners.get("total").asInt()).isEqualTo(3);
        assertThat(partners.get("items")).extracting(p -> p.get("partnerId").asText()).containsExactly("p-c");
        assertThat(get("/api/v1/partners?district=" + district + "&size=2").get("items"))
                .extracting(p -> p.get("partnerId").asText()).containsExactly("p-a", "p-b");

        JsonNode pairings = get("/api/v1/pairings?district=" + district + "&page=0&size=2&partnerId=p-a");
        assertThat(pairings.get("total").asInt()).isEqualTo(3);
        assertThat(pairings.get("items")).extracting(p -> p.get("pairingId").asText())
                .containsExactly("pair-1", "pair-2");
        assertThat(get("/api/v1/pairings?district=" + district + "&page=5&size=2").get("items")).isEmpty();
        assertThat(get("/api/v1/pairings?district=" + district + "&partnerId=p-b").get("total").asInt()).isZero();
    }

    private JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode().value()).as("GET %s: %s", path, response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    private void post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as("POST %s: %s", path, response.getBody()).isTrue();
    }
}
