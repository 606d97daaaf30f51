package cloud.practice.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A district holding one of each kind of object, seeded through the public API by the platform-wide operator client,
 * so that sweeps generated from the OpenAPI documents ({@link TenancyMatrixIT}, {@link HostileInputIT}) can name a
 * real object wherever a parameter or field refers to one: which names refer to which kind is {@link #KIND} and
 * {@link #kind}.
 */
final class OneOfEachKind {

    /**
     * Parameter and body field names that refer to an existing object of a kind. Judgement calls, on purpose not
     * references: {@code requesterId}, {@code reviewerId} and {@code participantId} name people, who are not
     * registered anywhere the services could resolve them (residents have no registry); {@code userId} names an
     * account of the identity provider.
     */
    static final Map<String, String> KIND = Map.ofEntries(
            Map.entry("unitId", "station"), Map.entry("homeUnitId", "station"), Map.entry("stationId", "station"),
            Map.entry("stationIds", "station"), Map.entry("unit", "station"), Map.entry("survivorId", "station"),
            Map.entry("responsibleUnitId", "station"),
            Map.entry("parentId", "institute"),
            Map.entry("volunteerId", "volunteer"), Map.entry("volunteerIds", "volunteer"),
            Map.entry("leaderId", "volunteer"), Map.entry("leaderVolunteerId", "volunteer"),
            Map.entry("teamId", "team"), Map.entry("partnerId", "partner"), Map.entry("pairingId", "pairing"),
            Map.entry("requestId", "request"), Map.entry("service_request_id", "request"),
            Map.entry("activityId", "activity"), Map.entry("grantId", "grant"),
            Map.entry("menuItem", "menu"), Map.entry("service_code", "menu"));

    /** A call of the seeding that was refused, and its answer. */
    record Refusal(String call, String answer) {
    }

    /** The objects of one district, by kind; {@code refusals}: seeding calls refused (a local id taken). */
    record District(String id, Map<String, String> objects, List<Refusal> refusals) {
        String of(String kind) {
            return objects.get(kind);
        }
    }

    private OneOfEachKind() {
    }

    /** The kind of object a parameter or field of this path names, or null when it names none. */
    static String kind(String name, String template) {
        if (name.equals("file")) {
            return template.contains("/requests/") ? "request" : template.contains("/services/") ? "menu" : null;
        }
        if (name.equals("participantId") && template.contains("/sign-ups/")) {
            return "volunteer"; // in a path: the sign-up of that participant (the volunteer signed up to the activity)
        }
        if (name.equals("code")) {
            return template.startsWith("/api/v1/menu/") ? "menu" : null; // elsewhere: a unit's code, not a reference
        }
        if (name.equals("unitId") && template.startsWith("/api/v1/org-units/{unitId}")) {
            return "station";
        }
        return KIND.get(name);
    }

    /**
     * One of each kind of object in {@code district}, whose tree (with {@code station} under {@code institute},
     * covering {@code community}) must exist: a menu item, partners and pairings with the local ids every seeded
     * district uses ({@code partner-1}, {@code pairing-1}) and one of the district's own ({@code partner-<suffix>},
     * {@code pairing-<suffix>}: those named as "the" partner and pairing when both were made), a volunteer with a
     * {@code platform} skill of {@code level}, a team it leads, a reviewed request, a second request offered to the
     * volunteer, an activity with the volunteer signed up, and an honour-hours grant.
     *
     * @param name  how the district's objects are named (渝中, 九龙坡, …)
     * @param phone the volunteer's number is {@code 1390000<phone>} (numbers are unique within a district)
     */
    static District seed(Api ops, String district, String suffix, String name, String station, String institute,
                         String community, String platform, int level, int phone) throws Exception {
        String d = "?district=" + district;
        Map<String, String> objects = new LinkedHashMap<>();
        List<Refusal> refusals = new ArrayList<>();
        objects.put("station", station);
        objects.put("institute", institute);
        String menu = suffix.toUpperCase() + "-MATRIX";
        // A skill level nobody has: matching proposes no one, so the request stays reviewed and waits for a dispatch
        Api.Answer item = ops.put("/api/v1/menu/items/" + menu + d, """
                {"name":"%s矩阵服务","platform":"%s","minimumSkillLevel":5,"expectedMinutes":60,"peopleNeeded":1}"""
                .formatted(name, platform));
        assertThat(item.status()).as(item.toString()).isIn(200, 201);
        objects.put("menu", menu);

        for (String partner : List.of("partner-1", "partner-" + suffix)) {
            Api.Answer registered = ops.post("/api/v1/partners" + d, """
                    {"partnerId":"%s","type":"CIVILIZED_UNIT","name":"%s单位"}""".formatted(partner, partner));
            if (registered.status() == 201) {
                objects.put("partner", partner);
            } else {
                refusals.add(new Refusal("POST /api/v1/partners" + d + " " + partner, registered.status() + " "
                        + abbreviate(registered.body())));
            }
        }
        String ownPartner = "partner-" + suffix;
        for (String pairing : List.of("pairing-1", "pairing-" + suffix)) {
            Api.Answer formed = await().atMost(Duration.ofSeconds(30)).until(() -> ops.post("/api/v1/pairings" + d, """
                    {"pairingId":"%s","partnerId":"%s","stationIds":["%s"],"model":"ORGANISATION_PAIRING",
                     "activitiesPerQuarter":2,"startDate":"2026-01-01"}""".formatted(pairing, ownPartner, station)),
                    answer -> answer.status() != 422 || !answer.body().contains("/unknown-"));
            if (formed.status() == 201) {
                objects.put("pairing", pairing);
            } else {
                refusals.add(new Refusal("POST /api/v1/pairings" + d + " " + pairing, formed.status() + " "
                        + abbreviate(formed.body())));
            }
        }

        String volunteer = await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/volunteers" + d, """
                {"personal":{"name":"矩阵志愿者","phone":"1390000%04d","birthDate":"1985-01-02"},"homeUnitId":"%s",
                 "skills":[{"platform":"%s","level":%d}],"availability":[],"contactConsent":true}"""
                .formatted(phone, station, platform, level)),
                answer -> answer.status() == 201).json().get("volunteerId").asText();
        objects.put("volunteer", volunteer);
        Api.Answer team = await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/teams" + d, """
                {"name":"%s矩阵队","unitId":"%s","leaderVolunteerId":"%s","platforms":["%s"],"capacity":5}"""
                .formatted(name, station, volunteer, platform)),
                answer -> answer.status() == 201);
        objects.put("team", team.json().get("teamId").asText());

        Api.Answer ordered = await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/requests" + d, """
                {"menuItem":"%s","community":"%s","channel":"PHONE","requesterId":"resident-matrix-%s"}"""
                .formatted(menu, community, suffix)), answer -> answer.status() == 201);
        String request = ordered.json().get("requestId").asText();
        objects.put("request", request);
        await().atMost(Duration.ofSeconds(30)).until(() -> ops.get("/api/v1/requests/" + request + d).status() == 200);
        Api.Answer reviewed = ops.post("/api/v1/requests/" + request + "/review" + d,
                "{\"accept\":true,\"reviewerId\":\"admin-" + suffix + "\"}");
        assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(200);

        // a second request, offered to the volunteer
        Api.Answer second = ops.post("/api/v1/requests" + d, """
                {"menuItem":"%s","community":"%s","channel":"PHONE","requesterId":"resident-matrix-%s"}"""
                .formatted(menu, community, suffix));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        String offered = second.json().get("requestId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> ops.get("/api/v1/requests/" + offered + d).status() == 200);
        assertThat(ops.post("/api/v1/requests/" + offered + "/review" + d, "{\"accept\":true,\"reviewerId\":\"admin-"
                + suffix + "\"}").status()).isEqualTo(200);
        Api.Answer dispatched = await().atMost(Duration.ofSeconds(30)).until(() -> ops.post("/api/v1/requests/" + offered
                + "/dispatch" + d, "{\"volunteerIds\":[\"" + volunteer + "\"]}"), answer -> answer.status() != 422);
        assertThat(dispatched.status()).as(dispatched.toString()).isEqualTo(200);
        objects.put("offeredRequest", offered);

        String pairing = objects.get("pairing");
        Api.Answer published = await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/activities" + d, """
                {"unitId":"%s","platform":"%s","title":"矩阵活动","place":"活动室","startsAt":"2030-10-01T09:00:00Z",
                 "endsAt":"2030-10-01T11:00:00Z","volunteerCapacity":5,"residentCapacity":5%s}"""
                .formatted(station, platform, pairing == null ? "" : ",\"pairingId\":\"" + pairing + "\"")),
                answer -> answer.status() != 422 || !answer.body().contains("retry"));
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        String activity = published.json().get("activityId").asText();
        objects.put("activity", activity);
        await().atMost(Duration.ofSeconds(30)).until(() -> ops.get("/api/v1/activities/" + activity + d).status() == 200);
        Api.Answer signedUp = await().atMost(Duration.ofSeconds(30)).until(() -> ops.post("/api/v1/activities/"
                + activity + "/sign-ups" + d, "{\"participantId\":\"" + volunteer + "\",\"role\":\"VOLUNTEER\"}"),
                answer -> answer.status() != 422);
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(200);

        Api.Answer granted = await().atMost(Duration.ofSeconds(30)).until(() -> ops.post("/api/v1/volunteers/" + volunteer
                + "/honour-hours" + d, "{\"hours\":2,\"reason\":\"矩阵\"}"), answer -> answer.status() != 404);
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
        objects.put("grant", granted.json().path("grantId").asText());
        return new District(district, objects, List.copyOf(refusals));
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
