package cloud.practice.hierarchy;

import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.Context;
import cloud.practice.hierarchy.tree.DistrictMother;
import cloud.practice.hierarchy.tree.api.UnitSpec;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.testing.TopicReader;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A district shaped like the seed — 1 center, 9 sub-centers, 13 institutes, 149 stations, 13 points — imported,
 * queried now and as it was before a move and a merge, paired with a partner, with its events on Kafka.
 * Everything through the HTTP API against real Kafka and a real MongoDB-wire server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class HierarchyApiIT {

    static final int UNITS = 1 + 9 + 13 + 149 + 13;

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    final String district = "jlp-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void shouldImportQueryMoveMergeAndPairASeedShapedDistrict() throws Exception {
        // Import the whole tree (rows in any order), then once more: nothing changes.
        JsonNode imported = post("/api/v1/org-units/import?district=" + district + "&effectiveDate=2026-01-01",
                units(DistrictMother.seedDistrict()), 200);
        assertThat(imported.get("established").asInt()).isEqualTo(UNITS);
        JsonNode again = post("/api/v1/org-units/import?district=" + district + "&effectiveDate=2026-01-01",
                units(DistrictMother.seedDistrict()), 200);
        assertThat(again.get("established").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(UNITS);
        awaitTotal("", UNITS);

        // The tree now.
        assertThat(get("/api/v1/org-units/center/children?district=" + district)).hasSize(9 + 13);
        assertThat(get("/api/v1/org-units/i-3/children?district=" + district)).hasSize(12 + 1);
        assertThat(ids(get("/api/v1/org-units/s-3-2/path?district=" + district))).containsExactly("center", "i-3", "s-3-2");
        assertThat(get("/api/v1/org-units/center/subtree?district=" + district + "&depth=1")).hasSize(1 + 22);
        assertThat(get("/api/v1/org-units?district=" + district + "&tier=STATION&size=500").get("total").asInt())
                .isEqualTo(149);
        assertThat(get("/api/v1/org-units?district=" + district + "&name=九龙文明实践所").get("items").get(0).get("unitId")
                .asText()).isEqualTo("i-3");
        JsonNode nearest = get("/api/v1/org-units/nearest-stations?district=" + district + "&lat=29.5&lon=106.5&limit=3");
        assertThat(nearest).hasSize(3);
        assertThat(nearest.get(0).get("distanceKm").asDouble()).isLessThanOrEqualTo(nearest.get(2).get("distanceKm").asDouble());
        JsonNode coverage = get("/api/v1/org-units/i-1/coverage?district=" + district);
        assertThat(coverage.get("uncovered")).extracting(JsonNode::asText).containsExactly(DistrictMother.community(1, 13));

        // Grids: institute 1 registers the grids of its uncovered community, station s-1-1 those of its own; the
        // coverage counts the station's as covered. A later list replaces an earlier one from its date on.
        String uncoveredCommunity = DistrictMother.community(1, 13);
        post("/api/v1/org-units/i-1/grids?district=" + district, """
                {"community":"%s","grids":["一网格","二网格"],"effectiveDate":"2026-01-01"}""".formatted(uncoveredCommunity), 200);
        JsonNode registered = post("/api/v1/org-units/s-1-1/grids?district=" + district, """
                {"community":"%s","grids":[" 一网格","二网格","三网格"],"effectiveDate":"2026-01-01"}"""
                .formatted(DistrictMother.community(1, 1)), 200);
        assertThat(registered.get("grids")).extracting(JsonNode::asText).containsExactly("一网格", "二网格", "三网格");
        post("/api/v1/org-units/s-1-1/grids?district=" + district, """
                {"community":"%s","grids":["一网格"],"effectiveDate":"2026-02-01"}"""
                .formatted(DistrictMother.community(1, 1)), 200);
        JsonNode january = await().atMost(Duration.ofSeconds(10)).until(
                () -> get("/api/v1/org-units/i-1/coverage?district=" + district + "&asOf=2026-01-15"),
                answer -> answer.get("grids").size() == 2);
        assertThat(january.get("uncoveredGrids")).extracting(JsonNode::asText)
                .containsExactly(uncoveredCommunity + " 一网格", uncoveredCommunity + " 二网格");
        assertThat(january.get("gridRatio").asDouble()).isEqualTo(3 / 5.0);
        JsonNode february = await().atMost(Duration.ofSeconds(10)).until(
                () -> get("/api/v1/org-units/i-1/coverage?district=" + district + "&asOf=2026-02-15"),
                answer -> answer.get("grids").get(DistrictMother.community(1, 1)).size() == 1);
        assertThat(february.get("gridRatio").asDouble()).isEqualTo(1 / 3.0);
        post("/api/v1/org-units/s-1-1/grids?district=" + district, """
                {"community":"%s","grids":["一网格"]}""".formatted(DistrictMother.community(1, 2)), 422);

        // Move s-1-1 to institute 2 from 1 March; merge institute 13 into 12 from 1 May.
        ResponseEntity<String> unit = http.getForEntity("/api/v1/org-units/s-1-1?district=" + district, String.class);
        String etag = unit.getHeaders().getETag();
        ResponseEntity<String> moved = exchange(HttpMethod.POST, "/api/v1/org-units/s-1-1/move?district=" + district,
                Map.of("parentId", "i-2", "effectiveDate", "2026-03-01"),
                Map.of(HttpHeaders.IF_MATCH, etag, "X-Correlation-Id", "move-" + district));
        assertThat(moved.getHeaders().getFirst("X-Correlation-Id")).isEqualTo("move-" + district);
        assertThat(moved.getStatusCode().value()).isEqualTo(200);
        assertThat(moved.getHeaders().getETag()).isNotEqualTo(etag);
        ResponseEntity<String> stale = exchange(HttpMethod.POST, "/api/v1/org-units/s-1-1/rename?district=" + district,
                Map.of("name", "改名"), Map.of(HttpHeaders.IF_MATCH, etag));
        assertThat(stale.getStatusCode().value()).isEqualTo(412);
        post("/api/v1/org-units/i-13/merge?district=" + district,
                json.writeValueAsString(Map.of("survivorId", "i-12", "effectiveDate", "2026-05-01")), 200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/api/v1/org-units/i-13?district=" + district).get("status").asText()).isEqualTo("CLOSED"));
        // Now: s-1-1 under i-2; i-12 has its own 11 stations and point plus i-13's.
        assertThat(ids(get("/api/v1/org-units/s-1-1/path?district=" + district))).containsExactly("center", "i-2", "s-1-1");
        assertThat(get("/api/v1/org-units/i-12/children?district=" + district)).hasSize(2 * (11 + 1));
        // As it was on 15 February: the original tree.
        assertThat(ids(get("/api/v1/org-units/s-1-1/path?district=" + district + "&asOf=2026-02-15")))
                .containsExactly("center", "i-1", "s-1-1");
        assertThat(get("/api/v1/org-units/i-12/children?district=" + district + "&asOf=2026-02-15")).hasSize(11 + 1);
        assertThat(get("/api/v1/org-units/i-13?district=" + district + "&asOf=2026-04-30").get("status").asText())
                .isEqualTo("ACTIVE");
        // Between the move and the merge.
        assertThat(get("/api/v1/org-units/i-1/children?district=" + district + "&asOf=2026-04-01")).hasSize(11 + 1);

        // Export as it was, in CSV, equals the import format.
        ResponseEntity<String> csv = http.getForEntity("/api/v1/org-units/export?district=" + district
                + "&format=csv&asOf=2026-02-15", String.class);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getBody().lines().count()).isEqualTo(1 + UNITS);
        assertThat(csv.getBody().lines().findFirst().orElseThrow()).startsWith("unitId,code,name,tier,parentId");

        // Pairing: a partner paired with two stations, one activity; health shows the rest.
        post("/api/v1/partners?district=" + district, json.writeValueAsString(Map.of("partnerId", "p-jlp-tax",
                "type", "CIVILIZED_UNIT", "name", "区税务局", "contact", "023-68781234")), 201);
        post("/api/v1/partners?district=" + district, json.writeValueAsString(Map.of("partnerId", "p-idle",
                "type", "VOLUNTEER_ORGANISATION", "name", "蓝天救援队")), 201);
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/v1/partners?district=" + district)
                .get("total").asInt() == 2);
        post("/api/v1/pairings?district=" + district, json.writeValueAsString(Map.of("pairingId", "pair-1",
                "partnerId", "p-jlp-tax", "stationIds", List.of("s-2-1", "s-2-2"), "model", "ORGANISATION_PAIRING",
                "activitiesPerQuarter", 2, "startDate", "2026-01-10")), 201);
        await().atMost(Duration.ofSeconds(20)).until(() -> http.getForEntity("/api/v1/pairings/pair-1?district="
                + district, String.class).getStatusCode().is2xxSuccessful());
        post("/api/v1/pairings/pair-1/activities?district=" + district, json.writeValueAsString(Map.of(
                "stationId", "s-2-1", "title", "税法进社区", "heldOn", "2026-11-01")), 200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode health = get("/api/v1/pairings/health?district=" + district + "&unitId=i-2&inactiveDays=90");
            assertThat(health.get("runningPairings").asInt()).isEqualTo(1);
            assertThat(health.get("pairedStations").asInt()).isEqualTo(2);
            assertThat(health.get("stations").asInt()).isEqualTo(12 + 1);
            assertThat(health.get("partnersWithoutPairing")).extracting(JsonNode::asText).containsExactly("p-idle");
            assertThat(health.get("dormantPairings")).isEmpty();
        });
        JsonNode laterHealth = get("/api/v1/pairings/health?district=" + district
                + "&unitId=i-2&inactiveDays=30&asOf=2027-01-15");
        assertThat(laterHealth.get("dormantPairings").get(0).get("pairingId").asText()).isEqualTo("pair-1");

        // Every change is on Kafka as a valid CloudEvent of this district, in one ordered stream.
        CloudEventCodec codec = new CloudEventCodec();
        Predicate<ConsumerRecord<String, byte[]>> ours = record -> district.equals(
                TopicReader.header(record, "ce_" + CloudEventAttributes.DISTRICT));
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(Context.HIERARCHY.topic(), ours,
                UNITS + 2 + 2 + 1 + 1 + 3, Duration.ofSeconds(60));
        Map<String, Long> byType = records.stream().map(codec::decode)
                .collect(Collectors.groupingBy(event -> event.payload().getClass().getSimpleName(),
                        LinkedHashMap::new, Collectors.counting()));
        assertThat(byType).containsEntry("OrgUnitEstablished", (long) UNITS).containsEntry("OrgUnitMoved", 1L)
                .containsEntry("OrgUnitMerged", 1L).containsEntry("PartnerRegistered", 2L)
                .containsEntry("PairingFormed", 1L).containsEntry("PairingActivityRecorded", 1L)
                .containsEntry("CommunityGridsDefined", 3L);
        assertThat(records.stream().map(codec::decode).filter(event -> event.payload() instanceof
                cloud.practice.events.hierarchy.OrgUnitMoved).map(InboundEvent::correlationId))
                .as("the caller's correlation id reaches the event on Kafka").containsExactly("move-" + district);
        List<Long> treeSequences = records.stream().map(codec::decode)
                .filter(event -> event.subject().equals(district)).map(InboundEvent::sequence).toList();
        assertThat(treeSequences).isSorted().doesNotHaveDuplicates();
        assertThat(records.stream().map(record -> new String(record.value())).filter(v -> v.contains("68781234")))
                .as("raw phone numbers never leave the service").isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    String units(List<UnitSpec> specs) throws Exception {
        return DistrictMother.importBody(json, specs);
    }

    void awaitTotal(String filter, int total) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                get("/api/v1/org-units?district=" + district + "&size=1" + filter).get("total").asInt() == total);
    }

    JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode().value()).as("GET %s: %s", path, response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    JsonNode post(String path, String body, int expectedStatus) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
        assertThat(response.getStatusCode().value()).as("POST %s: %s", path, response.getBody()).isEqualTo(expectedStatus);
        return response.getBody() == null ? null : json.readTree(response.getBody());
    }

    ResponseEntity<String> exchange(HttpMethod method, String path, Object body, Map<String, String> extraHeaders)
            throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        extraHeaders.forEach(headers::set);
        return http.exchange(path, method, new HttpEntity<>(json.writeValueAsString(body), headers), String.class);
    }

    static List<String> ids(JsonNode units) {
        return StreamSupport.stream(units.spliterator(), false).map(unit -> unit.get("unitId").asText()).toList();
    }
}
