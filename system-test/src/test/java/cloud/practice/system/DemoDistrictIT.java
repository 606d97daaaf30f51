package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./platform up --demo} loads a district shaped like the seed's through the gateway only; here a small one
 * (60 volunteers, 48 earlier requests over four months with their histories, 36 of today) into its own district,
 * then counted back through the API and the reports. Then a second, smaller district with the same seed, so the same
 * local ids (units, partners, pairings, menu codes): it loads beside the first and leaves the first's figures as they
 * were — the suite runs with two districts loaded.
 */
class DemoDistrictIT {

    static final String D = "?district=cq-demo";
    static final String ARGUMENTS = "--district cq-demo --seed 7 --volunteers 60 --requests 36 --history 48 --months 4";
    static final String SECOND = "cq-dadukou";
    static final String SECOND_ARGUMENTS = "--district " + SECOND + " --seed 7 --volunteers 20 --requests 9 --history 12"
            + " --months 2";

    @Test
    void shouldLoadASeedShapedDistrictThroughThePublicApi() throws Exception {
        RunningPlatform platform = RunningPlatform.get();
        platform.loadDemo(ARGUMENTS);
        assertThat(RunningPlatform.output("up")).contains("demo district cq-demo: {units=185")
                .contains("pastRequests=48");
        Api ops = Api.client("local-ops", "local-ops-secret");

        assertThat(ops.get("/api/v1/org-units" + D + "&tier=STATION&size=1").json().get("total").asInt()).isEqualTo(149);
        assertThat(ops.get("/api/v1/org-units" + D + "&tier=INSTITUTE&size=1").json().get("total").asInt()).isEqualTo(13);
        assertThat(ops.get("/api/v1/org-units" + D + "&tier=SUB_CENTER&size=1").json().get("total").asInt()).isEqualTo(9);
        assertThat(ops.get("/api/v1/pairings" + D).json().get("total").asInt()).isEqualTo(6);
        // Each town declares one community no station serves yet; every community has its grids (six where a station
        // serves, four where none does): 149 × 6 + 13 × 4 grids, 894 of them covered.
        JsonNode coverage = ops.get("/api/v1/org-units/center/coverage" + D).json();
        assertThat(coverage.get("uncovered")).hasSize(13);
        assertThat(coverage.get("uncoveredGrids")).hasSize(13 * 4);
        String thisYear = "/api/v1/reports/figures" + D + "&granularity=year&from="
                + LocalDate.now(ZoneId.of("Asia/Shanghai")).withDayOfYear(1) + "&to=" + LocalDate.now(ZoneId.of("Asia/Shanghai"));
        JsonNode reported = await().atMost(Duration.ofSeconds(60)).until(() -> ops.get(thisYear).json()
                .at("/items/0/coverage"), figures -> figures.path("grids").asLong() == 149 * 6 + 13 * 4);
        assertThat(reported.get("gridsCovered").asLong()).isEqualTo(149 * 6);
        assertThat(reported.get("uncovered").asLong()).isEqualTo(13);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                ops.get("/api/v1/volunteers" + D + "&size=1").json().get("total").asInt() == 60);
        assertThat(ops.get("/api/v1/activities" + D).json().get("total").asInt()).isEqualTo(26);

        JsonNode requests = await().atMost(Duration.ofSeconds(30)).until(() ->
                ops.get("/api/v1/requests" + D + "&size=500").json(), page -> page.get("total").asInt() == 84);
        Set<String> statuses = new HashSet<>();
        Set<String> events = new HashSet<>();
        requests.get("items").forEach(item -> {
            statuses.add(item.get("status").asText());
            item.path("history").forEach(step -> events.add(step.get("event").asText()));
        });
        assertThat(statuses).as("every state of the loop is represented")
                .contains("SUBMITTED", "REJECTED", "CANCELLED", "COMPLETED", "RATED", "EXPIRED")
                .containsAnyOf("REVIEWED", "DISPATCHED", "ACCEPTED");
        assertThat(events).contains("reopened", "accepted", "checked-in", "rated", "escalated", "expired");

        // The reports see the months: every request counted in the month it was submitted, most of them in the past.
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String months = "/api/v1/reports/figures" + D + "&granularity=month&from=" + today.minusMonths(6).withDayOfMonth(1)
                + "&to=" + today;
        JsonNode figures = await().atMost(Duration.ofSeconds(60)).until(() -> ops.get(months).json(),
                page -> submitted(page) == 84);
        long pastMonths = 0;
        for (JsonNode month : figures.get("items")) {
            if (month.at("/requests/submitted").asLong() > 0 && !month.get("to").asText().equals(today.toString())) {
                pastMonths++;
            }
        }
        assertThat(pastMonths).as("months before this one with requests").isGreaterThanOrEqualTo(3);

        platform.loadDemo(ARGUMENTS);
        assertThat(RunningPlatform.output("up")).as("loading twice changes nothing")
                .contains("already has its center: nothing loaded");

        // A second district with the same local ids, beside the first: it loads, and the first's figures stay.
        String first = ops.get(thisYear).json().get("items").get(0).toString();
        JsonNode firstStable = stable(ops.get(thisYear).json());
        long start = System.nanoTime();
        platform.loadDemo(SECOND_ARGUMENTS);
        System.out.printf("second demo district %s loaded in %.1f s%n", SECOND, (System.nanoTime() - start) / 1e9);
        assertThat(RunningPlatform.output("up")).contains("demo district " + SECOND + ": {units=185")
                .contains("pairings=6").contains("pastRequests=12");
        String d2 = "?district=" + SECOND;
        assertThat(ops.get("/api/v1/pairings" + d2).json().get("total").asInt()).isEqualTo(6);
        assertThat(ops.get("/api/v1/pairings" + D).json().get("total").asInt()).isEqualTo(6);
        assertThat(ops.get("/api/v1/pairings/pairing-1" + d2).json().get("districtId").asText()).isEqualTo(SECOND);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                ops.get("/api/v1/volunteers" + d2 + "&size=1").json().get("total").asInt() == 20);
        assertThat(ops.get("/api/v1/volunteers" + D + "&size=1").json().get("total").asInt()).isEqualTo(60);
        assertThat(ops.get("/api/v1/requests" + D + "&size=1").json().get("total").asInt()).isEqualTo(84);
        String secondYear = thisYear.replace(D, d2);
        await().atMost(Duration.ofSeconds(60)).until(() -> ops.get(secondYear).json().at("/items/0/requests/submitted")
                .asLong() == 21);
        assertThat(stable(ops.get(thisYear).json())).as("the first district's figures after the second loaded (before: "
                + first + ")").isEqualTo(firstStable);
    }

    /**
     * The figures of a district that change only with what is loaded into it, not with time (SLA clocks escalate
     * the demo's short-clocked requests while it runs): requests submitted, volunteers, units and coverage.
     */
    private static JsonNode stable(JsonNode figures) {
        JsonNode row = figures.get("items").get(0);
        com.fasterxml.jackson.databind.node.ObjectNode stable = Api.JSON.createObjectNode();
        stable.set("submitted", row.at("/requests/submitted"));
        stable.set("byChannel", row.at("/requests/byChannel"));
        stable.set("volunteers", row.get("volunteers"));
        stable.set("units", row.get("unitsByTierAndStatus"));
        stable.set("coverage", row.get("coverage"));
        return stable;
    }

    private static long submitted(JsonNode page) {
        long total = 0;
        for (JsonNode month : page.get("items")) {
            total += month.at("/requests/submitted").asLong();
        }
        return total;
    }
}
