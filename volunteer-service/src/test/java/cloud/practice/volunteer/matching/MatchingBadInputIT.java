package cloud.practice.volunteer.matching;

import cloud.practice.volunteer.support.Http;
import cloud.practice.volunteer.support.PlatformTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The bad-input table of the matching preview ({@code POST /api/v1/matching/previews},
 * {@code GET /api/v1/matching/candidates}): each row a mistaken or hostile request, the status and problem type it
 * must get. A preview changes nothing, and a good preview next to the table answers 200 with candidates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatchingBadInputIT extends PlatformTestBase {

    record Case(String what, Http caller, HttpMethod method, String path, String contentType, String body,
                int status, String type) {
    }

    final String district = newDistrict("mbad");
    final String other = newDistrict("mbad-other");
    Instant[] window;
    Http stationAdmin;

    @BeforeAll
    void districtWithAVolunteer() {
        client();
        treeOf(district);
        treeOf(other);
        window = MatchingSagaIT.saturdayTenToNoon();
        stationAdmin = http.as("admin-pl", "STATION_ADMIN", district, "s-pl");
        register(district, MatchingSagaIT.volunteer("好人", 29.5075, 106.5110, 3));
    }

    List<Case> cases() {
        String post = "/api/v1/matching/previews?district=" + district;
        String get = "/api/v1/matching/candidates?district=" + district + "&platform=CARE&responsibleUnitId=s-pl";
        Http admin = stationAdmin;
        return new ArrayList<>(List.of(
                json("missing platform", admin, post, preview(p -> p.remove("platform")), 400, "invalid-field"),
                json("unknown platform", admin, post, preview(p -> p.put("platform", "FLYING")), 400, "invalid-field"),
                json("level not a number", admin, post, preview(p -> p.put("minimumSkillLevel", "high")), 400, "invalid-field"),
                json("level above 5", admin, post, preview(p -> p.put("minimumSkillLevel", 6)), 400, "invalid-field"),
                json("level 0", admin, post, preview(p -> p.put("minimumSkillLevel", 0)), 400, "invalid-field"),
                json("missing responsible unit", admin, post, preview(p -> p.remove("responsibleUnitId")), 400, "invalid-field"),
                json("responsible unit not an id", admin, post, preview(p -> p.put("responsibleUnitId", "s pl!")), 400, "invalid-field"),
                json("oversized responsible unit", admin, post, preview(p -> p.put("responsibleUnitId", "s".repeat(65))), 400, "invalid-field"),
                json("latitude out of range", admin, post, preview(p -> p.putObject("location").put("latitude", 95).put("longitude", 106.5)), 400, "invalid-field"),
                json("longitude missing", admin, post, preview(p -> p.putObject("location").put("latitude", 29.5)), 400, "invalid-field"),
                json("window without a zone", admin, post, preview(p -> p.put("windowFrom", "2026-06-06T10:00:00")), 400, "invalid-field"),
                json("window end before start", admin, post, preview(p -> p.put("windowTo", window[0].minusSeconds(60).toString())), 400, "invalid-field"),
                json("window start only", admin, post, preview(p -> p.remove("windowTo")), 400, "invalid-field"),
                json("window longer than a week", admin, post, preview(p -> p.put("windowTo", window[0].plusSeconds(8 * 86400).toString())), 400, "invalid-field"),
                json("people needed 0", admin, post, preview(p -> p.put("peopleNeeded", 0)), 400, "invalid-field"),
                json("people needed 1000", admin, post, preview(p -> p.put("peopleNeeded", 1000)), 400, "invalid-field"),
                json("radius 0", admin, post, preview(p -> p.put("radiusKm", 0)), 400, "invalid-field"),
                json("radius 500 km", admin, post, preview(p -> p.put("radiusKm", 500)), 400, "invalid-field"),
                json("limit 0", admin, post, preview(p -> p.put("limit", 0)), 400, "invalid-field"),
                json("unknown reach", admin, post, preview(p -> p.put("reach", "EVERYWHERE")), 400, "invalid-field"),
                json("radius reach without location", admin, post, preview(p -> {
                    p.remove("location");
                    p.put("reach", "RADIUS");
                }), 400, "invalid-field"),
                json("unknown field", admin, post, preview(p -> p.put("colour", "red")), 400, "invalid-field"),
                json("unknown responsible unit", admin, post, preview(p -> p.put("responsibleUnitId", "s-nowhere")), 422, "unknown-unit"),
                json("another district's menu item", admin, post, preview(p -> p.put("menuItemId", other + "/item-care")), 400, "invalid-field"),
                json("menu item id with two districts", admin, post, preview(p -> p.put("menuItemId", district + "/" + district + "/item-care")), 400, "invalid-field"),
                new Case("GET another district's menu item", admin, HttpMethod.GET, get + "&menuItemId=" + other + "/item-care", null, null, 400, "invalid-field"),
                json("malformed JSON", admin, post, "{\"platform\":", 400, "malformed-body"),
                new Case("unsupported media type", admin, HttpMethod.POST, post, "application/xml", "<need/>", 415, "unsupported-media-type"),
                new Case("oversized body", admin, HttpMethod.POST, post, MediaType.APPLICATION_JSON_VALUE,
                        "{\"menuItemId\":\"" + "x".repeat(2_000_000) + "\"}", 413, "payload-too-large"),
                json("missing district", admin, "/api/v1/matching/previews", preview(p -> { }), 400, "invalid-field"),
                json("bad district", admin, "/api/v1/matching/previews?district=Bad District!", preview(p -> { }), 400, "invalid-field"),
                // query-parameter form
                new Case("GET without platform", admin, HttpMethod.GET, "/api/v1/matching/candidates?district=" + district + "&responsibleUnitId=s-pl", null, null, 400, "invalid-field"),
                new Case("GET unknown platform", admin, HttpMethod.GET, get.replace("CARE", "FLYING"), null, null, 400, "invalid-field"),
                new Case("GET latitude without longitude", admin, HttpMethod.GET, get + "&latitude=29.5", null, null, 400, "invalid-field"),
                new Case("GET latitude not a number", admin, HttpMethod.GET, get + "&latitude=north&longitude=106.5", null, null, 400, "invalid-field"),
                new Case("GET longitude out of range", admin, HttpMethod.GET, get + "&latitude=29.5&longitude=200", null, null, 400, "invalid-field"),
                new Case("GET window without a zone", admin, HttpMethod.GET, get + "&windowFrom=2026-06-06T10:00:00&windowTo=2026-06-06T12:00:00", null, null, 400, "invalid-field"),
                new Case("GET window end before start", admin, HttpMethod.GET, get + "&windowFrom=" + window[1] + "&windowTo=" + window[0], null, null, 400, "invalid-field"),
                new Case("GET limit 101", admin, HttpMethod.GET, get + "&limit=101", null, null, 400, "invalid-field"),
                new Case("GET level 9", admin, HttpMethod.GET, get + "&minimumSkillLevel=9", null, null, 400, "invalid-field"),
                new Case("GET unknown responsible unit", admin, HttpMethod.GET, get.replace("s-pl", "s-nowhere"), null, null, 422, "unknown-unit"),
                // callers
                json("another station's admin (the unit answers as unknown)", http.as("admin-yj", "STATION_ADMIN", district, "s-yj"), post, preview(p -> { }), 422, "unknown-unit"),
                json("an admin of another district", http.as("admin-o", "DISTRICT_ADMIN", other, "center"), post, preview(p -> { }), 403, "forbidden"),
                json("an admin of another district naming an unknown unit", http.as("admin-o", "DISTRICT_ADMIN", other, "center"), post, preview(p -> p.put("responsibleUnitId", "s-nowhere")), 403, "forbidden"),
                json("a volunteer", http.as("vol-1", "VOLUNTEER", district, null), post, preview(p -> { }), 403, "forbidden"),
                json("an analyst", http.as("an-1", "ANALYST", district, "center"), post, preview(p -> { }), 403, "forbidden"),
                new Case("GET as a resident (no volunteers:read)", http.as("res-1", "RESIDENT", district, null), HttpMethod.GET, get, null, null, 403, "insufficient-scope")));
    }

    @Test
    void shouldAnswerEveryBadInputWithItsProblemAndChangeNothing() throws Exception {
        String before = state();
        List<Case> cases = cases();
        assertSoftly(softly -> {
            for (Case c : cases) {
                ResponseEntity<String> response = c.caller().exchange(c.method(), c.path(), c.body(), c.contentType());
                softly.assertThat(response.getStatusCode().value()).as("%s: %s", c.what(), response.getBody())
                        .isEqualTo(c.status());
                softly.assertThat(response.getHeaders().getContentType()).as("%s content type", c.what())
                        .hasToString(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                softly.assertThat(problemType(response)).as("%s problem type", c.what())
                        .isEqualTo("https://practice.cloud/problems/" + c.type());
                softly.assertThat(response.getBody()).as("%s leaks no stack trace", c.what())
                        .doesNotContain("Exception").doesNotContain("at cloud.practice");
            }
        });
        assertThat(state()).as("nothing changed").isEqualTo(before);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void shouldPreviewAGoodNeedForTheStationAdminAndTheDistrictAdmin() {
        ResponseEntity<String> ok = stationAdmin.post("/api/v1/matching/previews?district=" + district, preview(p -> { }));
        assertThat(ok.getStatusCode().value()).as(ok.getBody()).isEqualTo(200);
        JsonNode answer = stationAdmin.read(ok);
        assertThat(answer.path("candidates")).hasSize(1);
        assertThat(answer.path("candidates").get(0).path("distanceScore").asDouble()).isPositive();
        ResponseEntity<String> above = http.as("admin-c", "DISTRICT_ADMIN", district, "center")
                .post("/api/v1/matching/previews?district=" + district, preview(p -> { }));
        assertThat(above.getStatusCode().value()).as(above.getBody()).isEqualTo(200);
        assertThat(stationAdmin.read(above).path("candidates")).isEqualTo(answer.path("candidates"));
        // The item as an order carries it (what the console sends), by the same key the matching saga uses.
        ResponseEntity<String> asOrdered = stationAdmin.post("/api/v1/matching/previews?district=" + district,
                preview(p -> p.put("menuItemId", district + "/item-care")));
        assertThat(asOrdered.getStatusCode().value()).as(asOrdered.getBody()).isEqualTo(200);
        assertThat(stationAdmin.read(asOrdered).path("candidates")).isEqualTo(answer.path("candidates"));
    }

    /** A preview appends nothing and publishes nothing. */
    private String state() {
        return mongo.getDb().getCollection("domain_events").countDocuments() + "|"
                + mongo.getDb().getCollection("matching_engagements").countDocuments();
    }

    private String preview(Consumer<ObjectNode> change) {
        ObjectNode body = json.createObjectNode();
        body.put("platform", "CARE").put("menuItemId", "item-care").put("minimumSkillLevel", 2)
                .put("responsibleUnitId", "s-pl").put("windowFrom", window[0].toString())
                .put("windowTo", window[1].toString()).put("peopleNeeded", 1);
        body.putObject("location").put("latitude", 29.5069).put("longitude", 106.5107);
        change.accept(body);
        return body.toString();
    }

    private static Case json(String what, Http caller, String path, String body, int status, String type) {
        return new Case(what, caller, HttpMethod.POST, path, MediaType.APPLICATION_JSON_VALUE, body, status, type);
    }

    private String problemType(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody()).path("type").asText();
        } catch (Exception e) {
            return "unreadable: " + response.getBody();
        }
    }
}
