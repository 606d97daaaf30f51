package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An integrating system (the demo district's hotline) on Open311 GeoReport v2 through the gateway, from discovery to
 * a closed request: it finds the endpoint and the services, reads a service definition, posts a request with its
 * api_key, follows it while the station works it through /api/v1, and reads every update — without ever seeing the
 * requester's personal data.
 */
class Open311ThroughThePlatformIT {

    static final String KEY = "api_key=demo-hotline:demo-hotline-secret";
    static final String PHONE = "13755556666";

    @Test
    void shouldCarryAnIntegratorsRequestFromDiscoveryToClosed() throws Exception {
        RunningPlatform.get();
        Api ops = Api.client("local-ops", "local-ops-secret");
        Jiulongpo.ensureTree(ops);
        Api.Answer menu = ops.put("/api/v1/menu/items/O311-REPAIR" + Jiulongpo.D, """
                {"name":"家电维修","platform":"SCIENCE","minimumSkillLevel":1,"expectedMinutes":90,"peopleNeeded":1,
                 "fields":[{"code":"appliance","label":"电器","datatype":"SINGLEVALUELIST","required":true,"order":1,
                            "values":[{"key":"tv","name":"电视"},{"key":"fridge","name":"冰箱"}]}]}""");
        assertThat(menu.status()).as(menu.toString()).isIn(200, 201);
        Api hotline = Api.anonymous();

        // Discovery: no key needed; it names the v2 endpoint and its formats.
        Api.Answer discovery = hotline.get("/open311/v2/discovery.json");
        assertThat(discovery.status()).as(discovery.toString()).isEqualTo(200);
        JsonNode endpoint = discovery.json().get("endpoints").get(0);
        assertThat(endpoint.get("specification").asText()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(endpoint.get("formats").toString()).contains("application/json").contains("text/xml");

        // Services: the menu as Open311 service types, the new one with metadata, and its definition.
        JsonNode service = await().atMost(Duration.ofSeconds(30)).until(() -> find(hotline.get(
                "/open311/v2/services.json?" + KEY).json(), "O311-REPAIR"), found -> found != null);
        assertThat(service.get("service_name").asText()).isEqualTo("家电维修");
        assertThat(service.get("metadata").asBoolean()).isTrue();
        JsonNode definition = hotline.get("/open311/v2/services/O311-REPAIR.json?" + KEY).json();
        assertThat(definition.at("/attributes/0/code").asText()).isEqualTo("appliance");
        assertThat(definition.at("/attributes/0/required").asBoolean()).isTrue();
        assertThat(hotline.get("/open311/v2/services.xml?" + KEY).body()).contains("<service_code>O311-REPAIR</service_code>");

        // A request without its required attribute is refused in Open311's own error format; nothing is created.
        Api.Answer incomplete = hotline.send("POST", "/open311/v2/requests.json", Api.form(Map.of("api_key",
                "demo-hotline:demo-hotline-secret", "service_code", "O311-REPAIR", "address_string", "盘龙社区3栋")),
                "application/x-www-form-urlencoded");
        assertThat(incomplete.status()).as(incomplete.toString()).isEqualTo(400);
        assertThat(incomplete.json().get(0).get("description").asText()).contains("appliance");

        Map<String, String> order = new LinkedHashMap<>();
        order.put("api_key", "demo-hotline:demo-hotline-secret");
        order.put("service_code", "O311-REPAIR");
        order.put("address_string", "盘龙社区3栋2单元");
        order.put("attribute[appliance]", "fridge");
        order.put("description", "冰箱不制冷，老人独居");
        order.put("phone", PHONE);
        order.put("first_name", "建国");
        order.put("last_name", "刘");
        Api.Answer posted = hotline.send("POST", "/open311/v2/requests.json", Api.form(order),
                "application/x-www-form-urlencoded");
        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        String id = posted.json().get(0).get("service_request_id").asText();
        String one = "/open311/v2/requests/" + id + ".json?" + KEY;

        JsonNode open = await().atMost(Duration.ofSeconds(30)).until(() -> hotline.get(one),
                answer -> answer.status() == 200).json().get(0);
        assertThat(open.get("status").asText()).isEqualTo("open");
        assertThat(open.get("agency_responsible").asText()).isEqualTo("盘龙社区新时代文明实践站");
        assertThat(open.get("expected_datetime").asText()).isNotBlank();

        // The station works it through /api/v1 like any other request (matching may already have offered it).
        String path = "/api/v1/requests/" + id;
        assertThat(ops.get(path + Jiulongpo.D).json().get("channel").asText()).isEqualTo("INTEGRATION");
        step(ops, path, "review", "{\"accept\":true,\"reviewerId\":\"admin-station\"}");
        // Dispatch names a registered volunteer of the district; request-service hears of a new one over Kafka (422
        // until then)
        String repairer = await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/volunteers" + Jiulongpo.D, """
                {"personal":{"name":"维修志愿者","phone":"13900003302","birthDate":"1979-06-07"},"homeUnitId":"s-3-2",
                 "skills":[{"platform":"SCIENCE","level":2}],"availability":[],"contactConsent":true}"""),
                answer -> answer.status() == 201).json().get("volunteerId").asText();
        Api.Answer dispatched = await().atMost(Duration.ofSeconds(30)).until(() -> ops.post(path + "/dispatch"
                + Jiulongpo.D, "{\"volunteerIds\":[\"" + repairer + "\"]}"), answer -> answer.status() != 422);
        assertThat(dispatched.status()).as(dispatched.toString()).isIn(200, 409);
        String volunteer = await().atMost(Duration.ofSeconds(30)).until(() -> ops.get(path + Jiulongpo.D).json(),
                view -> view.get("offeredTo").size() > 0).get("offeredTo").get(0).asText();
        for (String step : List.of("accept", "check-in", "check-out", "complete")) {
            step(ops, path, step, "{\"volunteerId\":\"" + volunteer + "\"}");
        }

        JsonNode closed = await().atMost(Duration.ofSeconds(30)).until(() -> hotline.get(one).json().get(0),
                request -> request.get("status").asText().equals("closed"));
        assertThat(closed.get("status_notes").asText()).startsWith("Completed");
        assertThat(hotline.get("/open311/v2/requests.json?" + KEY + "&service_code=O311-REPAIR&status=closed").body())
                .contains(id);

        // Every step as an update, oldest first; the last one closed.
        JsonNode updates = await().atMost(Duration.ofSeconds(30)).until(() -> hotline.get(
                "/open311/v2/servicerequestupdates.json?" + KEY + "&service_request_id=" + id).json(),
                list -> list.size() >= 6 && list.get(list.size() - 1).get("status").asText().equals("closed"));
        List<String> codes = new ArrayList<>();
        updates.forEach(update -> codes.add(update.get("external_status_code").asText()));
        assertThat(codes).startsWith("SUBMITTED").contains("REVIEWED", "DISPATCHED", "ACCEPTED").endsWith("COMPLETED");

        // No answer the integrator received carries the requester's phone number or name.
        String everything = posted.body() + hotline.get(one).body() + updates + hotline.get(
                "/open311/v2/requests/" + id + ".xml?" + KEY).body();
        assertThat(everything).doesNotContain(PHONE).doesNotContain("建国");
    }

    private static void step(Api api, String path, String step, String body) throws Exception {
        Api.Answer answer = await().atMost(Duration.ofSeconds(30)).until(() -> api.post(path + "/" + step + Jiulongpo.D, body),
                a -> a.status() != 404);
        assertThat(answer.status()).as(step + ": " + answer).isEqualTo(200);
    }

    private static JsonNode find(JsonNode services, String code) {
        for (JsonNode service : services) {
            if (service.get("service_code").asText().equals(code)) {
                return service;
            }
        }
        return null;
    }
}
