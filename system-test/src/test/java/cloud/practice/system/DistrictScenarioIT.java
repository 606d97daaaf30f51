package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A district's day through the gateway only, and the reports it implies: requests at three stations of two
 * institutes driven to every end (completed and rated, reopened, rejected, cancelled, left waiting, an escalation
 * when nobody accepts in time that the institute rescues, one that climbs to the center and expires), then a
 * restructuring that takes effect tomorrow — a station moves to the other institute, another merges into a station of
 * the first. The report API must answer exactly what the plan implies, per institute, "as then" (today's tree) and
 * "now" (the tree with the restructuring), in JSON and in CSV.
 *
 * <p>The expected figures are computed here from the plan ({@link Planned}) and the two trees, not read back.
 */
class DistrictScenarioIT {

    static final String DISTRICT = "cq-scenario";
    static final String D = "?district=" + DISTRICT;
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Rates and averages are answered to four decimals. */
    static final double ROUNDING = 0.5e-4 + 1e-12;

    /** How a planned request ends. */
    enum Fate {
        COMPLETED("COMPLETED", 0, true), REOPENED("REOPENED", 0, true), REJECTED("REJECTED", 0, false),
        CANCELLED("CANCELLED", 0, false), WAITING("SUBMITTED", 0, false), OFFERED("DISPATCHED", 0, false),
        RESCUED_AFTER_ESCALATION("COMPLETED", 1, true), EXPIRED_AFTER_ESCALATIONS("EXPIRED", 2, false);

        /** The status the reports count it under (a rated request counts as completed). */
        final String status;
        final int escalations;
        final boolean everCompleted;

        Fate(String status, int escalations, boolean everCompleted) {
            this.status = status;
            this.escalations = escalations;
            this.everCompleted = everCompleted;
        }
    }

    record Planned(String station, String item, String channel, Fate fate, Integer rating) {
    }

    static final List<Planned> PLAN = List.of(
            new Planned("s-e1", "CARE-VISIT", "APP", Fate.COMPLETED, 5),
            new Planned("s-e1", "CARE-VISIT", "PHONE", Fate.REOPENED, 3),
            new Planned("s-e1", "CARE-VISIT", "APP", Fate.REJECTED, null),
            new Planned("s-e1", "ESC-ACCEPT", "APP", Fate.RESCUED_AFTER_ESCALATION, 4),
            new Planned("s-e2", "ESC-REVIEW", "KIOSK", Fate.EXPIRED_AFTER_ESCALATIONS, null),
            new Planned("s-e2", "CARE-VISIT", "GRID_WORKER", Fate.CANCELLED, null),
            new Planned("s-w1", "CARE-VISIT", "APP", Fate.COMPLETED, 5),
            new Planned("s-w1", "CARE-VISIT", "PHONE", Fate.WAITING, null),
            new Planned("s-w1", "CARE-VISIT", "KIOSK", Fate.OFFERED, null));

    static final Map<String, String> COMMUNITY = Map.of("s-e1", "东一社区", "s-e2", "东二社区", "s-w1", "西一社区");

    /** Institute of each station's requests: today's tree ("then") and after tomorrow's move and merge ("now"). */
    static final Map<String, String> THEN = Map.of("s-e1", "i-east", "s-e2", "i-east", "s-w1", "i-west");
    static final Map<String, String> NOW = Map.of("s-e1", "i-east", "s-e2", "i-west", "s-w1", "i-east");
    /** Open stations under each institute in each view (s-w1 closes when it merges into s-e1). */
    static final Map<String, Map<String, Long>> ACTIVE_STATIONS = Map.of(
            "then", Map.of("center", 3L, "i-east", 2L, "i-west", 1L),
            "now", Map.of("center", 2L, "i-east", 1L, "i-west", 1L));

    Api ops;
    /** The registered volunteer of s-e1 and of s-w1: dispatch names registered volunteers of the district only. */
    final Map<String, String> volunteerAt = new java.util.HashMap<>();

    @Test
    void shouldReportWhatTheDayImpliesAsThenAndNow() throws Exception {
        RunningPlatform.get();
        ops = Api.client("local-ops", "local-ops-secret");
        // The day the scenario starts on in the district's zone: a run across midnight still reports one period.
        LocalDate firstDay = LocalDate.now(ZONE);
        buildTheDistrict();

        for (Planned planned : PLAN) {
            drive(planned);
        }

        // Tomorrow (in the district's zone) s-e2 moves to i-west and s-w1 merges into s-e1.
        String tomorrow = LocalDate.now(ZONE).plusDays(1).toString();
        Api.Answer moved = ops.post("/api/v1/org-units/s-e2/move" + D,
                "{\"parentId\":\"i-west\",\"effectiveDate\":\"" + tomorrow + "\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        Api.Answer merged = ops.post("/api/v1/org-units/s-w1/merge" + D,
                "{\"survivorId\":\"s-e1\",\"effectiveDate\":\"" + tomorrow + "\"}");
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);

        String today = LocalDate.now(ZONE).toString();
        String period = "&granularity=year&from=" + firstDay + "&to=" + today;
        for (String view : List.of("then", "now")) {
            for (String unit : List.of("center", "i-east", "i-west")) {
                Map<String, Double> expected = expectedFigures(unit, view);
                String query = "/api/v1/reports/figures" + D + "&unit=" + unit + "&view=" + view
                        + period;
                // The restructuring is the last thing the scenario does: once reporting shows it, it shows the day.
                JsonNode json = await().atMost(Duration.ofSeconds(60)).until(() -> ops.get(query).json(),
                        page -> page.path("items").size() == 1 && matches(figures(page.get("items").get(0)), expected));
                Map<String, Double> answered = figures(json.get("items").get(0));
                Map<String, Double> csv = csvRow(ops.get(query + "&format=csv").body());
                expected.forEach((column, value) -> {
                    if (value.isNaN()) {
                        assertThat(answered).as(view + " " + unit + " json " + column + " not measurable").doesNotContainKey(column);
                        assertThat(csv).as(view + " " + unit + " csv " + column + " not measurable").doesNotContainKey(column);
                    } else {
                        assertThat(answered.get(column)).as(view + " " + unit + " json " + column).isCloseTo(value, within(ROUNDING));
                        assertThat(csv.get(column)).as(view + " " + unit + " csv " + column).isCloseTo(value, within(ROUNDING));
                    }
                });
            }
        }
        // The two views really differ: the figures moved with the stations.
        assertThat(expectedFigures("i-east", "then").get("requests_submitted")).isEqualTo(6.0);
        assertThat(expectedFigures("i-east", "now").get("requests_submitted")).isEqualTo(7.0);
    }

    /** The figures the plan implies for {@code unit} (its subtree) today, keyed by their CSV column names. */
    static Map<String, Double> expectedFigures(String unit, String view) {
        Map<String, String> institute = view.equals("then") ? THEN : NOW;
        List<Planned> mine = PLAN.stream()
                .filter(planned -> unit.equals("center") || unit.equals(institute.get(planned.station()))).toList();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("requests_submitted", (double) mine.size());
        for (String status : List.of("SUBMITTED", "REVIEWED", "DISPATCHED", "ACCEPTED", "IN_SERVICE", "COMPLETED",
                "REOPENED", "REJECTED", "CANCELLED", "EXPIRED")) {
            figures.put("requests_status_" + status.toLowerCase(), count(mine, p -> p.fate().status.equals(status)));
        }
        for (String channel : List.of("APP", "PHONE", "KIOSK", "GRID_WORKER", "INTEGRATION")) {
            figures.put("requests_channel_" + channel.toLowerCase(), count(mine, p -> p.channel().equals(channel)));
        }
        figures.put("requests_platform_care", (double) mine.size());
        figures.put("escalations", (double) mine.stream().mapToInt(p -> p.fate().escalations).sum());
        figures.put("escalated_requests", count(mine, p -> p.fate().escalations > 0));
        figures.put("completion_rate", count(mine, p -> p.fate().status.equals("COMPLETED")) / mine.size());
        List<Integer> ratings = mine.stream().map(Planned::rating).filter(java.util.Objects::nonNull).toList();
        figures.put("ratings", (double) ratings.size());
        // Without ratings (or without completions) the rate is not measurable: an empty field, not zero (NaN here).
        figures.put("average_rating", ratings.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN));
        figures.put("share_rating_4_5", ratings.stream().filter(r -> r >= 4).count() / (double) ratings.size());
        figures.put("reopen_rate", count(mine, p -> p.fate() == Fate.REOPENED) / count(mine, p -> p.fate().everCompleted));
        figures.put("units_station_active", (double) ACTIVE_STATIONS.get(view).get(unit));
        if (unit.equals("center")) {
            figures.put("volunteers_registered", 2.0);
            figures.put("volunteers_skill_care", 2.0);
            figures.put("units_institute_active", 2.0);
        }
        return figures;
    }

    private static double count(List<Planned> planned, Predicate<Planned> which) {
        return planned.stream().filter(which).count();
    }

    private void buildTheDistrict() throws Exception {
        Api.Answer imported = ops.post("/api/v1/org-units/import" + D + "&effectiveDate=2026-01-01", """
                [{"unitId":"center","code":"SC","name":"场景区新时代文明实践中心","tier":"CENTER"},
                 {"unitId":"i-east","code":"SC-E","name":"东街新时代文明实践所","tier":"INSTITUTE","parentId":"center"},
                 {"unitId":"i-west","code":"SC-W","name":"西街新时代文明实践所","tier":"INSTITUTE","parentId":"center"},
                 {"unitId":"s-e1","code":"SC-E-1","name":"东一社区新时代文明实践站","tier":"STATION","parentId":"i-east",
                  "communities":["东一社区"],"location":{"latitude":29.50,"longitude":106.50}},
                 {"unitId":"s-e2","code":"SC-E-2","name":"东二社区新时代文明实践站","tier":"STATION","parentId":"i-east",
                  "communities":["东二社区"],"location":{"latitude":29.51,"longitude":106.52}},
                 {"unitId":"s-w1","code":"SC-W-1","name":"西一社区新时代文明实践站","tier":"STATION","parentId":"i-west",
                  "communities":["西一社区"],"location":{"latitude":29.49,"longitude":106.45}}]""");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        publish("CARE-VISIT", "上门探访", "");
        // Short clocks so that nobody acting in time is seen within the test.
        publish("ESC-ACCEPT", "紧急陪护", ",\"sla\":{\"ACCEPT\":\"PT5S\"}");
        publish("ESC-REVIEW", "紧急送餐", ",\"sla\":{\"REVIEW\":\"PT2S\"}");
        // Two volunteers below the items' skill level: counted by the reports, never proposed by matching, so every
        // dispatch below is the station's own and a reopened request stays reopened.
        for (String station : List.of("s-e1", "s-w1")) {
            Api.Answer registered = await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/volunteers" + D, """
                    {"personal":{"name":"场景志愿者","phone":"1390000222%d","birthDate":"1985-01-02"},"homeUnitId":"%s",
                     "skills":[{"platform":"CARE","level":3}],"availability":[],"contactConsent":true}""".formatted(station.equals("s-e1") ? 1 : 2, station)),
                    answer -> answer.status() == 201 || answer.status() >= 400 && answer.status() != 404);
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            volunteerAt.put(station, registered.json().get("volunteerId").asText());
        }
    }

    private void publish(String code, String name, String extra) throws Exception {
        Api.Answer menu = ops.put("/api/v1/menu/items/" + code + D, """
                {"name":"%s","platform":"CARE","minimumSkillLevel":5,"expectedMinutes":60,"peopleNeeded":1%s}"""
                .formatted(name, extra));
        assertThat(menu.status()).as(menu.toString()).isIn(200, 201);
    }

    /** Orders one planned request at its station's community and drives it to its fate, as the API's users would. */
    private void drive(Planned planned) throws Exception {
        String requester = "resident-" + planned.station() + "-" + planned.fate().name().toLowerCase();
        Api.Answer ordered = await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/requests" + D, """
                {"menuItem":"%s","community":"%s","channel":"%s","requesterId":"%s"}"""
                .formatted(planned.item(), COMMUNITY.get(planned.station()), planned.channel(), requester)),
                answer -> answer.status() != 404 && answer.status() != 422);
        assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
        assertThat(ordered.json().get("responsibleUnitId").asText()).isEqualTo(planned.station());
        String path = "/api/v1/requests/" + ordered.json().get("requestId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> ops.get(path + D).status() == 200);

        switch (planned.fate()) {
            case WAITING -> { }
            case CANCELLED -> step(path, "cancel", "{\"requesterId\":\"" + requester + "\",\"reason\":\"已自行解决\"}");
            case REJECTED -> step(path, "review", "{\"accept\":false,\"reviewerId\":\"admin-e1\",\"reason\":\"不在服务范围\"}");
            case OFFERED -> {
                step(path, "review", "{\"accept\":true,\"reviewerId\":\"admin-w1\"}");
                dispatch(path, volunteerAt.get("s-w1"));
            }
            case COMPLETED, REOPENED -> {
                step(path, "review", "{\"accept\":true,\"reviewerId\":\"admin\"}");
                serve(path, volunteerAt.get(planned.station()));
                rate(path, requester, planned.rating());
                if (planned.fate() == Fate.REOPENED) {
                    step(path, "reopen", "{\"requesterId\":\"" + requester + "\",\"reason\":\"问题没有解决\"}");
                }
            }
            case RESCUED_AFTER_ESCALATION -> {
                step(path, "review", "{\"accept\":true,\"reviewerId\":\"admin-e1\"}");
                dispatch(path, volunteerAt.get("s-w1")); // who does not answer
                // Nobody accepts within five seconds: the request climbs to the institute, which dispatches again.
                JsonNode escalated = await().atMost(Duration.ofSeconds(30)).until(() -> ops.get(path + D).json(),
                        view -> view.get("escalations").asInt() == 1);
                assertThat(escalated.get("unitId").asText()).isEqualTo("i-east");
                assertThat(history(escalated)).containsSubsequence("dispatched", "escalated");
                // The institute's admin dispatches to a volunteer who takes it at once and serves.
                serve(path, volunteerAt.get("s-e1"));
                rate(path, requester, planned.rating());
            }
            case EXPIRED_AFTER_ESCALATIONS -> {
                // Nobody reviews within two seconds, at the station, then at the institute, then at the center.
                JsonNode expired = await().atMost(Duration.ofSeconds(60)).until(() -> ops.get(path + D).json(),
                        view -> view.get("status").asText().equals("EXPIRED"));
                assertThat(expired.get("escalations").asInt()).isEqualTo(2);
                assertThat(history(expired)).containsSubsequence("submitted", "escalated", "escalated", "expired");
            }
        }
        // The request's own view tells a rated request apart from a completed one (the reports count both
        // completed) and shows a reopened one waiting for dispatch again (the reports count it reopened).
        String viewStatus = planned.fate() == Fate.REOPENED ? "REVIEWED"
                : planned.rating() != null && planned.fate().status.equals("COMPLETED") ? "RATED" : planned.fate().status;
        JsonNode view = await().atMost(Duration.ofSeconds(30)).until(() -> ops.get(path + D).json(),
                node -> node.get("status").asText().equals(viewStatus));
        assertThat(view.get("escalations").asInt()).isEqualTo(planned.fate().escalations);
    }

    private void serve(String path, String volunteer) throws Exception {
        dispatch(path, volunteer);
        for (String step : List.of("accept", "check-in", "check-out", "complete")) {
            step(path, step, "{\"volunteerId\":\"" + volunteer + "\"}");
        }
    }

    /** A dispatch by hand; request-service may not have heard of a volunteer registered moments ago (422). */
    private void dispatch(String path, String volunteer) throws Exception {
        Api.Answer answer = await().atMost(Duration.ofSeconds(30)).until(() -> ops.post(path + "/dispatch" + D,
                "{\"volunteerIds\":[\"" + volunteer + "\"]}"), dispatched -> dispatched.status() != 422);
        assertThat(answer.status()).as("dispatch: " + answer).isEqualTo(200);
    }

    private void rate(String path, String requester, int rating) throws Exception {
        step(path, "rate", "{\"requesterId\":\"" + requester + "\",\"rating\":" + rating + ",\"solved\":" + (rating >= 4) + "}");
    }

    private void step(String path, String step, String body) throws Exception {
        Api.Answer answer = ops.post(path + "/" + step + D, body);
        assertThat(answer.status()).as(step + ": " + answer).isEqualTo(200);
    }

    private static List<String> history(JsonNode view) {
        List<String> events = new ArrayList<>();
        view.get("history").forEach(entry -> events.add(entry.get("event").asText()));
        return events;
    }

    /** A figures row of the JSON answer, flattened to the CSV column names compared here (nulls left out). */
    static Map<String, Double> figures(JsonNode row) {
        Map<String, Double> figures = new LinkedHashMap<>() {
            @Override
            public Double put(String key, Double value) {
                return value == null ? null : super.put(key, value);
            }
        };
        JsonNode requests = row.get("requests");
        figures.put("requests_submitted", requests.get("submitted").asDouble());
        requests.get("byStatus").fields().forEachRemaining(e ->
                figures.put("requests_status_" + e.getKey().toLowerCase(), e.getValue().asDouble()));
        requests.get("byChannel").fields().forEachRemaining(e ->
                figures.put("requests_channel_" + e.getKey().toLowerCase(), e.getValue().asDouble()));
        requests.get("byPlatform").fields().forEachRemaining(e ->
                figures.put("requests_platform_" + e.getKey().toLowerCase(), e.getValue().asDouble()));
        figures.put("escalations", row.get("escalations").asDouble());
        figures.put("escalated_requests", row.get("escalatedRequests").asDouble());
        figures.put("completion_rate", number(row.get("completionRate")));
        JsonNode satisfaction = row.get("satisfaction");
        figures.put("ratings", satisfaction.get("rated").asDouble());
        figures.put("average_rating", number(satisfaction.get("averageRating")));
        figures.put("share_rating_4_5", number(satisfaction.get("share4to5")));
        figures.put("reopen_rate", number(satisfaction.get("reopenRate")));
        figures.put("units_station_active", row.at("/unitsByTierAndStatus/STATION/ACTIVE").asDouble());
        figures.put("units_institute_active", row.at("/unitsByTierAndStatus/INSTITUTE/ACTIVE").asDouble());
        figures.put("volunteers_registered", row.at("/volunteers/registered").asDouble());
        figures.put("volunteers_skill_care", row.at("/volunteers/bySkill/CARE").asDouble());
        return figures;
    }

    private static Double number(JsonNode node) {
        return node == null || node.isNull() ? null : node.asDouble();
    }

    private static boolean matches(Map<String, Double> actual, Map<String, Double> expected) {
        return expected.entrySet().stream().allMatch(e -> e.getValue().isNaN() ? !actual.containsKey(e.getKey())
                : actual.containsKey(e.getKey()) && Math.abs(actual.get(e.getKey()) - e.getValue()) <= ROUNDING);
    }

    /** The single data row of a CSV answer, by column name (empty fields left out). */
    static Map<String, Double> csvRow(String csv) {
        String[] lines = csv.split("\r?\n");
        assertThat(lines).as(csv).hasSize(2);
        String[] header = lines[0].split(",", -1);
        String[] row = lines[1].split(",", -1);
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            if (i < row.length && !row[i].isBlank() && row[i].matches("-?[0-9.E]+")) {
                values.put(header[i], Double.parseDouble(row[i]));
            }
        }
        return values;
    }
}
