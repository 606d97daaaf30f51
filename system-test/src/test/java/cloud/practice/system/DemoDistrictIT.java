package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./platform up --demo} loads a district shaped like the seed's through the gateway only; here a small one
 * (60 volunteers, 36 requests) into its own district, then counted back through the API.
 */
class DemoDistrictIT {

    static final String D = "?district=cq-demo";

    @Test
    void shouldLoadASeedShapedDistrictThroughThePublicApi() throws Exception {
        RunningPlatform platform = RunningPlatform.get();
        platform.loadDemo("--district cq-demo --seed 7 --volunteers 60 --requests 36");
        assertThat(RunningPlatform.output("up")).contains("demo district cq-demo: {units=185");
        Api ops = Api.client("local-ops", "local-ops-secret");

        assertThat(ops.get("/api/v1/org-units" + D + "&tier=STATION&size=1").json().get("total").asInt()).isEqualTo(149);
        assertThat(ops.get("/api/v1/org-units" + D + "&tier=INSTITUTE&size=1").json().get("total").asInt()).isEqualTo(13);
        assertThat(ops.get("/api/v1/org-units" + D + "&tier=SUB_CENTER&size=1").json().get("total").asInt()).isEqualTo(9);
        assertThat(ops.get("/api/v1/pairings" + D).json()).hasSize(6);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                ops.get("/api/v1/volunteers" + D + "&size=1").json().get("total").asInt() == 60);
        assertThat(ops.get("/api/v1/activities" + D).json()).hasSize(26);

        JsonNode requests = await().atMost(Duration.ofSeconds(30)).until(() ->
                ops.get("/api/v1/requests" + D + "&size=500").json(), page -> page.get("total").asInt() == 36);
        Set<String> statuses = new HashSet<>();
        Set<String> events = new HashSet<>();
        requests.get("items").forEach(item -> {
            statuses.add(item.get("status").asText());
            item.path("history").forEach(step -> events.add(step.get("event").asText()));
        });
        assertThat(statuses).as("every state of the loop is represented")
                .contains("SUBMITTED", "REJECTED", "CANCELLED", "COMPLETED", "RATED")
                .containsAnyOf("REVIEWED", "DISPATCHED", "ACCEPTED");
        assertThat(events).contains("reopened", "accepted", "checked-in", "rated");

        platform.loadDemo("--district cq-demo --seed 7 --volunteers 60 --requests 36");
        assertThat(RunningPlatform.output("up")).as("loading twice changes nothing")
                .contains("already has its center: nothing loaded");
    }
}
