package cloud.practice.request;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The staff queue's list (GET /api/v1/requests) narrowed by the store: several statuses at once, platforms, menu items
 * (by code or as orders carry them), channels and the period of submission, newest first, one page read and the
 * total counted; bad filters refused naming the parameter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueFiltersIT {

    static final Duration WITHIN = Duration.ofSeconds(30);

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    final TestIdentity identity = TestIdentity.get();
    final String district = "filters-" + UUID.randomUUID().toString().substring(0, 8);
    final String d = "?district=" + district;
    final String stationAdmin = identity.token("admin-pl", Role.STATION_ADMIN.name(), district, "s-pl",
            Scopes.forRole(Role.STATION_ADMIN));
    final String districtAdmin = identity.token("admin-center", Role.DISTRICT_ADMIN.name(), district, "center",
            Scopes.forRole(Role.DISTRICT_ADMIN));
    /** Oldest first: meal by phone, meal by app, law by app, meal by phone (then reviewed). */
    final List<String> orders = new ArrayList<>();
    Instant beforeTheLast;

    @BeforeAll
    void aStationWithFourOrders() throws Exception {
        HierarchyFixture.publishTree(district);
        item("MEAL", "CARE");
        item("LAW", "LEGAL");
        orders.add(order("MEAL", "PHONE"));
        orders.add(order("MEAL", "APP"));
        orders.add(order("LAW", "APP"));
        beforeTheLast = Instant.now();
        orders.add(order("MEAL", "PHONE"));
        assertThat(send(stationAdmin, HttpMethod.POST, "/api/v1/requests/" + orders.get(3) + "/review" + d,
                "{\"accept\":true,\"reviewerId\":\"admin-pl\"}").getStatusCode().value()).isEqualTo(200);
        await().atMost(WITHIN).until(() -> ids("&status=REVIEWED").contains(orders.get(3)));
    }

    @Test
    void shouldNarrowByStatusesPlatformsItemsChannelsAndPeriodInTheStore() throws Exception {
        assertThat(ids("&status=SUBMITTED,REVIEWED")).containsExactly(orders.get(3), orders.get(2), orders.get(1),
                orders.get(0));
        assertThat(ids("&status=SUBMITTED&status=REVIEWED&channel=PHONE"))
                .containsExactly(orders.get(3), orders.get(0));
        assertThat(ids("&platform=LEGAL")).containsExactly(orders.get(2));
        assertThat(ids("&menuItem=MEAL&channel=APP")).containsExactly(orders.get(1));
        assertThat(ids("&menuItem=" + district + "/LAW")).as("as orders carry it").containsExactly(orders.get(2));
        assertThat(ids("&submittedFrom=" + beforeTheLast)).containsExactly(orders.get(3));
        assertThat(ids("&submittedTo=" + beforeTheLast)).containsExactly(orders.get(2), orders.get(1), orders.get(0));
        assertThat(ids("&status=ACCEPTED")).isEmpty();
    }

    @Test
    void shouldReadOnePageAndCountTheRest() throws Exception {
        JsonNode second = list("&status=SUBMITTED,REVIEWED&size=3&page=1");
        assertThat(second.get("total").asLong()).isEqualTo(4);
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("requestId").asText()).isEqualTo(orders.get(0));
    }

    @Test
    void shouldRefuseBadFiltersNamingThem() {
        for (String[] bad : new String[][]{{"&status=LOST", "status"}, {"&platform=FLYING", "platform"},
                {"&channel=PIGEON", "channel"}, {"&menuItem=" + "x".repeat(40), "menuItem"},
                {"&menuItem=elsewhere/MEAL", "menuItem"}, {"&submittedFrom=2026-03-07T10:00:00", "submittedFrom"}, {"&submittedTo=-1", "submittedTo"},
                {"&submittedFrom=2026-03-07T10:00:00Z&submittedTo=2026-03-07T09:00:00Z", "submittedTo"}}) {
            ResponseEntity<String> refused = send(stationAdmin, HttpMethod.GET, "/api/v1/requests" + d + bad[0], null);
            assertThat(refused.getStatusCode().value()).as(bad[0] + ": " + refused.getBody()).isEqualTo(400);
            assertThat(refused.getBody()).as(bad[0]).contains(bad[1]);
        }
    }

    private List<String> ids(String query) throws Exception {
        List<String> ids = new ArrayList<>();
        list(query).get("items").forEach(item -> ids.add(item.get("requestId").asText()));
        return ids;
    }

    private JsonNode list(String query) throws Exception {
        ResponseEntity<String> listed = send(stationAdmin, HttpMethod.GET, "/api/v1/requests" + d + query, null);
        assertThat(listed.getStatusCode().value()).as(listed.getBody()).isEqualTo(200);
        return json.readTree(listed.getBody());
    }

    private void item(String code, String platform) {
        assertThat(send(districtAdmin, HttpMethod.PUT, "/api/v1/menu/items/" + code + d,
                "{\"name\":\"" + code + "\",\"platform\":\"" + platform + "\",\"minimumSkillLevel\":1,"
                        + "\"expectedMinutes\":60,\"peopleNeeded\":1}").getStatusCode().value()).isIn(200, 201);
        await().atMost(WITHIN).until(() -> send(districtAdmin, HttpMethod.GET, "/api/v1/menu/items/" + code + d, null)
                .getStatusCode().value() == 200);
    }

    /** Ordered at 盘龙 station for a requester of its own, so no order is a possible duplicate of another. */
    private String order(String item, String channel) throws Exception {
        ResponseEntity<String> ordered = send(districtAdmin, HttpMethod.POST, "/api/v1/requests" + d,
                "{\"menuItem\":\"" + item + "\",\"community\":\"盘龙社区\",\"channel\":\"" + channel
                        + "\",\"requesterId\":\"resident-" + UUID.randomUUID().toString().substring(0, 8) + "\"}");
        assertThat(ordered.getStatusCode().value()).as(ordered.getBody()).isEqualTo(201);
        String requestId = json.readTree(ordered.getBody()).get("requestId").asText();
        await().atMost(WITHIN).until(() -> send(districtAdmin, HttpMethod.GET, "/api/v1/requests/" + requestId + d,
                null).getStatusCode().value() == 200);
        return requestId;
    }

    ResponseEntity<String> send(String token, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
