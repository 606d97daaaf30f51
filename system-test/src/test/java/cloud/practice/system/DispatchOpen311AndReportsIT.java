package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Across services, through the gateway only: an order reviewed at its station is dispatched automatically to the
 * volunteer the matching engine proposes (crossing Kafka twice); an integrating system uses Open311 with its
 * api_key; an analyst reads the day's figures, which count what happened.
 */
class DispatchOpen311AndReportsIT {

    static final String DISTRICT = "cq-flows";
    static final String D = "?district=" + DISTRICT;

    @Test
    void shouldDispatchThroughMatchingServeOpen311AndReportIt() throws Exception {
        RunningPlatform.get();
        Api ops = Api.client("local-ops", "local-ops-secret");
        Api.Answer imported = ops.post("/api/v1/org-units/import" + D + "&effectiveDate=2026-01-01", """
                [{"unitId":"center","code":"FL","name":"流程中心","tier":"CENTER"},
                 {"unitId":"i-1","code":"FL-1","name":"流程所","tier":"INSTITUTE","parentId":"center"},
                 {"unitId":"s-1","code":"FL-1-1","name":"流程站","tier":"STATION","parentId":"i-1",
                  "communities":["流程社区"],"location":{"latitude":29.5069,"longitude":106.5107}}]""");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(ops.put("/api/v1/menu/items/CARE-VISIT" + D, """
                {"name":"上门探访","platform":"CARE","minimumSkillLevel":2,"expectedMinutes":60,"peopleNeeded":1}""")
                .status()).isIn(200, 201);

        // A volunteer of the station who can do it, available all week.
        Api.Answer registered = await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/volunteers" + D, """
                {"personal":{"name":"李志愿","phone":"13900001111","birthDate":"1980-05-04"},"homeUnitId":"s-1",
                 "homeLocation":{"latitude":29.508,"longitude":106.512},"skills":[{"platform":"CARE","level":4}],
                 "availability":[%s],"contactConsent":true}""".formatted(Availability.ALL_WEEK)), answer -> answer.status() == 201);
        String volunteerId = registered.json().get("volunteerId").asText();

        // 点单 → 审单 → the match request crosses Kafka to volunteer-service, the proposal comes back: 派单.
        Api.Answer ordered = await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/requests" + D, """
                {"menuItem":"CARE-VISIT","community":"流程社区","channel":"PHONE","requesterId":"resident-flow"}"""),
                answer -> answer.status() == 201);
        String request = "/api/v1/requests/" + ordered.json().get("requestId").asText() + D;
        await().atMost(Duration.ofSeconds(30)).until(() -> ops.get(request).status() == 200);
        long reviewedAt = System.nanoTime();
        assertThat(ops.post(request.replace(D, "/review" + D), "{\"accept\":true,\"reviewerId\":\"local-ops\"}")
                .status()).isEqualTo(200);
        JsonNode dispatched = await().atMost(Duration.ofSeconds(30)).until(() -> ops.get(request).json(),
                view -> "DISPATCHED".equals(view.get("status").asText()));
        System.out.printf("reviewed → dispatched through matching in %d ms%n", (System.nanoTime() - reviewedAt) / 1_000_000);
        assertThat(dispatched.get("offeredTo").toString()).contains(volunteerId);

        // Open311 with the demo hotline's api_key (jurisdiction cq-jiulongpo by default configuration).
        String key = "api_key=demo-hotline:demo-hotline-secret";
        Api none = Api.anonymous();
        assertThat(none.get("/open311/v2/discovery.json").status()).isEqualTo(200);
        Api.Answer services = none.get("/open311/v2/services.json?" + key);
        assertThat(services.status()).as(services.toString()).isEqualTo(200);
        assertThat(none.get("/open311/v2/services.json?api_key=demo-hotline:wrong").status()).isEqualTo(403);

        // An analyst of the demo district reads today's figures; the flows district's are not theirs.
        Api analyst = Api.person("analyst-chen", "practice-demo");
        assertThat(analyst.get("/api/v1/reports/figures" + D).status()).isEqualTo(403);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        Api.Answer csv = await().atMost(Duration.ofSeconds(60)).until(() -> ops.get("/api/v1/reports/figures" + D
                + "&granularity=day&from=" + today + "&to=" + today + "&format=csv"), answer -> answer.status() == 200
                && column(answer.body(), "requests_submitted") >= 1 && column(answer.body(), "volunteers_registered") >= 1);
        assertThat(column(csv.body(), "requests_status_dispatched")).isGreaterThanOrEqualTo(1);
    }

    /** The first data row's value of a CSV column (the district row). */
    static double column(String csv, String name) {
        String[] lines = csv.split("\r?\n");
        if (lines.length < 2) {
            return -1;
        }
        List<String> header = Arrays.asList(lines[0].split(","));
        int index = header.indexOf(name);
        String[] row = lines[1].split(",");
        return index < 0 || index >= row.length || row[index].isBlank() ? -1 : Double.parseDouble(row[index]);
    }

}
