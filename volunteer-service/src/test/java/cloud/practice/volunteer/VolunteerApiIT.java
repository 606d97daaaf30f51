package cloud.practice.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.volunteer.StarLevelReached;
import cloud.practice.events.volunteer.StarLevelWithdrawn;
import cloud.practice.events.volunteer.TeamMemberLeft;
import cloud.practice.events.volunteer.VolunteerRegistered;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.web.ApiFormats;
import cloud.practice.testing.TopicReader;
import cloud.practice.volunteer.support.Http;
import cloud.practice.volunteer.support.PlatformTestBase;
import cloud.practice.volunteer.support.Registrations;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;

import static cloud.practice.volunteer.support.Registrations.uniquePhone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry, teams and honour hours over HTTP against real Kafka and MongoDB: what a district's admins and
 * volunteers do, what is published (masked), who may do what.
 */
class VolunteerApiIT extends PlatformTestBase {

    private final CloudEventCodec codec = new CloudEventCodec();

    @Test
    void shouldRegisterAndChangeEveryPartOfAVolunteerAndPublishOnlyMaskedData() {
        String district = newDistrict("api");
        treeOf(district);
        String phone = uniquePhone();
        LocalDate born = LocalDate.of(1990, 5, 4);
        String idNumber = Registrations.idNumber(born, 123);
        Map<String, Object> body = Registrations.registration(
                Registrations.personal("张小明", phone, born, idNumber), "s-pl");
        String key = "register-" + UUID.randomUUID();

        ResponseEntity<String> first = http.with("Idempotency-Key", key).post(volunteers(district), body);
        ResponseEntity<String> replay = http.with("Idempotency-Key", key).post(volunteers(district), body);
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
        assertThat(replay.getStatusCode().value()).isEqualTo(201);
        assertThat(replay.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(first.getHeaders().getETag()).isEqualTo("\"1\"");
        String id = http.read(first).get("volunteerId").asText();

        JsonNode view = awaitVolunteer(district, id, node -> true);
        assertThat(view.get("maskedName").asText()).isEqualTo("张*明");
        assertThat(view.get("approximateLocation").get("latitude").asDouble()).isEqualTo(29.51);
        assertThat(view.get("personal").get("name").asText()).isEqualTo("张小明");
        assertThat(view.get("personal").get("phone").asText()).isEqualTo(phone);
        assertThat(view.get("personal").get("maskedIdNumber").asText()).startsWith("5001").endsWith(idNumber.substring(14))
                .contains("**********");

        String path = "/api/v1/volunteers/" + id;
        ResponseEntity<String> skills = http.with(HttpHeaders.IF_MATCH, "\"1\"").put(path + "/skills?district=" + district,
                Map.of("skills", List.of(Map.of("platform", "LEGAL", "level", 4))));
        assertThat(skills.getStatusCode().value()).as(skills.getBody()).isEqualTo(200);
        assertThat(skills.getHeaders().getETag()).isEqualTo("\"2\"");
        ResponseEntity<String> stale = http.with(HttpHeaders.IF_MATCH, "\"1\"").put(path + "/skills?district=" + district,
                Map.of("skills", List.of()));
        assertThat(stale.getStatusCode().value()).isEqualTo(412);
        assertThat(http.read(stale).get("type").asText()).endsWith("/stale-version");

        ok(http.put(path + "/languages?district=" + district, Map.of("languages", List.of("zh-CN", "en"))));
        ok(http.put(path + "/availability?district=" + district, Map.of(
                "availability", List.of(Map.of("day", "SUNDAY", "from", "14:00", "to", "17:30")),
                "unavailableDates", List.of("2026-05-01", "2026-04-04"))));
        ok(http.put(path + "/contact-consent?district=" + district, Map.of("contactConsent", false)));
        ok(http.put(path + "/home-unit?district=" + district, Map.of("homeUnitId", "s-jly")));
        ok(http.post(path + "/pause?district=" + district, Map.of("reason", "考试周")));
        ok(http.post(path + "/resume?district=" + district, Map.of()));
        ok(http.post(path + "/deactivate?district=" + district, Map.of("reason", "搬离本区")));
        ResponseEntity<String> reactivated = http.post(path + "/reactivate?district=" + district, Map.of());
        ok(reactivated);
        assertThat(reactivated.getHeaders().getETag()).isEqualTo("\"10\"");

        JsonNode changed = awaitVolunteer(district, id, node -> node.get("version").asLong() == 10);
        assertThat(changed.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(changed.get("homeUnitId").asText()).isEqualTo("s-jly");
        assertThat(changed.has("approximateLocation")).as("a home unit given without a location clears it").isFalse();
        assertThat(changed.get("skills").get(0).get("platform").asText()).isEqualTo("LEGAL");
        assertThat(changed.get("languages")).hasSize(2);
        assertThat(changed.get("unavailableDates").get(0).asText()).isEqualTo("2026-04-04");
        assertThat(changed.get("contactConsent").asBoolean()).isFalse();

        assertThat(total(volunteers(district) + "&platform=LEGAL&minLevel=4")).isEqualTo(1);
        assertThat(total(volunteers(district) + "&platform=LEGAL&minLevel=5")).isZero();
        assertThat(total(volunteers(district) + "&phone=" + phone)).isEqualTo(1);
        assertThat(total(volunteers(district) + "&homeUnitId=s-pl")).isZero();
        assertThat(http.read(http.get(volunteers(district) + "&language=en")).get("items").get(0).has("personal"))
                .as("lists never carry personal data").isFalse();

        List<ConsumerRecord<String, byte[]>> published = TopicReader.read(Context.VOLUNTEER.topic(),
                record -> id.equals(record.key()), 10, Duration.ofSeconds(60));
        assertThat(published.stream().map(record -> codec.decode(record).payload().getClass().getSimpleName()))
                .containsExactly("VolunteerRegistered", "VolunteerSkillsChanged", "VolunteerLanguagesChanged",
                        "VolunteerAvailabilityChanged", "VolunteerAvailabilityChanged", "VolunteerHomeUnitChanged",
                        "VolunteerStatusChanged", "VolunteerStatusChanged", "VolunteerStatusChanged",
                        "VolunteerStatusChanged");
        assertThat(codec.decode(published.get(0)).payload()).isInstanceOfSatisfying(VolunteerRegistered.class,
                registered -> assertThat(registered.maskedName()).isEqualTo("张*明"));
        assertThat(published).allSatisfy(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .doesNotContain("张小明").doesNotContain(phone).doesNotContain(idNumber).doesNotContain("1990-05-04")
                .doesNotContain("29.506912"));
    }

    @Test
    void shouldLetOnlyOneOfTwoConcurrentRegistrationsWithOnePhoneNumberSucceed() throws Exception {
        String district = newDistrict("dup");
        treeOf(district);
        String phone = uniquePhone();
        CompletableFuture<ResponseEntity<String>> first = CompletableFuture.supplyAsync(() ->
                http.post(volunteers(district), Registrations.adult("王一", phone, "s-pl")));
        CompletableFuture<ResponseEntity<String>> second = CompletableFuture.supplyAsync(() ->
                http.post(volunteers(district), Registrations.adult("王二", phone, "s-jly")));

        List<ResponseEntity<String>> answers = List.of(first.get(), second.get());
        assertThat(answers).extracting(answer -> answer.getStatusCode().value()).containsExactlyInAnyOrder(201, 409);
        ResponseEntity<String> refused = answers.stream().filter(a -> a.getStatusCode().value() == 409).findFirst()
                .orElseThrow();
        assertThat(http.read(refused).get("type").asText()).endsWith("/duplicate-volunteer");
        assertThat(http.read(refused).get("field").asText()).isEqualTo("phone");
        assertThat(http.post(volunteers(newDistrictWithTree()), Registrations.adult("王三", phone, "s-pl"))
                .getStatusCode().value()).as("another district may have the same phone").isEqualTo(201);
    }

    @Test
    void shouldRunATeamFromFormationToDissolution() {
        String district = newDistrict("team");
        treeOf(district);
        String leader = register(district, Registrations.adult("赵队长", uniquePhone(), "s-pl"));
        String a = register(district, Registrations.adult("钱一", uniquePhone(), "s-pl"));
        String b = register(district, Registrations.adult("孙二", uniquePhone(), "s-jly"));
        String c = register(district, Registrations.adult("李三", uniquePhone(), "s-pl"));
        Http stationAdmin = http.as("admin-pl", "STATION_ADMIN", district, "s-pl");

        ResponseEntity<String> formed = stationAdmin.post("/api/v1/teams?district=" + district, Map.of(
                "name", "盘龙社区关爱服务队", "unitId", "s-pl", "leaderVolunteerId", leader,
                "platforms", List.of("CARE", "HEALTH_SPORTS"), "capacity", 3));
        assertThat(formed.getStatusCode().value()).as(formed.getBody()).isEqualTo(201);
        String team = http.read(formed).get("teamId").asText();
        String teamPath = "/api/v1/teams/" + team;
        awaitJson(teamPath + "?district=" + district, node -> node.get("members").size() == 1);

        ok(http.as(a, "VOLUNTEER", district, null).post(teamPath + "/members?district=" + district,
                Map.of("volunteerId", a)));
        ok(http.as(leader, "TEAM_LEADER", district, null).post(teamPath + "/members?district=" + district,
                Map.of("volunteerId", b)));
        ResponseEntity<String> full = http.post(teamPath + "/members?district=" + district, Map.of("volunteerId", c));
        assertThat(full.getStatusCode().value()).isEqualTo(409);
        assertThat(http.read(full).get("type").asText()).endsWith("/team-full");
        assertThat(http.as(c, "VOLUNTEER", district, null).post(teamPath + "/members?district=" + district,
                Map.of("volunteerId", b)).getStatusCode().value()).as("not for someone else").isEqualTo(403);

        ResponseEntity<String> second = http.post("/api/v1/teams?district=" + district, Map.of("name", "九龙文艺队",
                "unitId", "i-jl", "platforms", List.of("CULTURE"), "capacity", 10));
        String team2 = http.read(second).get("teamId").asText();
        awaitJson("/api/v1/teams/" + team2 + "?district=" + district, node -> true);
        ok(http.post("/api/v1/teams/" + team2 + "/members?district=" + district, Map.of("volunteerId", a)));
        awaitJson("/api/v1/teams?district=" + district + "&volunteerId=" + a, node -> node.get("total").asInt() == 2);

        ok(http.as(leader, "TEAM_LEADER", district, null).post(teamPath + "/members/" + leader + "/leave?district="
                + district, null));
        ok(stationAdmin.delete(teamPath + "/members/" + b + "?district=" + district));
        JsonNode view = awaitJson(teamPath + "?district=" + district, node -> node.get("members").size() == 1);
        assertThat(view.get("leaderVolunteerId").isNull()).isTrue();
        ok(stationAdmin.put(teamPath + "/leader?district=" + district, Map.of("leaderVolunteerId", a)));
        ok(stationAdmin.post(teamPath + "/dissolve?district=" + district, Map.of("reason", "并入九龙文艺队")));
        ResponseEntity<String> afterwards = http.post(teamPath + "/members?district=" + district,
                Map.of("volunteerId", c));
        assertThat(http.read(afterwards).get("type").asText()).endsWith("/team-dissolved");
        JsonNode dissolved = awaitJson(teamPath + "?district=" + district,
                node -> node.get("status").asText().equals("DISSOLVED"));
        assertThat(dissolved.get("leaderVolunteerId").asText()).isEqualTo(a);
        assertThat(total("/api/v1/teams?district=" + district)).as("dissolved teams are not listed").isEqualTo(1);

        List<DomainEvent> events = TopicReader.read(Context.VOLUNTEER.topic(), record -> team.equals(record.key()), 9,
                        Duration.ofSeconds(60)).stream().map(record -> codec.decode(record).payload()).toList();
        assertThat(events.stream().map(event -> event.getClass().getSimpleName())).containsExactly("TeamFormed",
                "TeamMemberJoined", "TeamMemberJoined", "TeamMemberJoined", "TeamMemberLeft", "TeamLeaderChanged",
                "TeamMemberLeft", "TeamLeaderChanged", "TeamDissolved");
        assertThat(events).filteredOn(TeamMemberLeft.class::isInstance).map(TeamMemberLeft.class::cast)
                .extracting(TeamMemberLeft::removedBy).containsExactly(null, "admin-pl");
    }

    @Test
    void shouldScopeAccessToTheCallersOwnProfileAndUnitSubtree() {
        String district = newDistrict("acl");
        treeOf(district);
        String pl = register(district, Registrations.adult("周一", uniquePhone(), "s-pl"));
        String yj = register(district, Registrations.adult("吴二", uniquePhone(), "s-yj"));
        String plPath = "/api/v1/volunteers/" + pl + "?district=" + district;

        JsonNode own = http.read(http.as(pl, "VOLUNTEER", district, null).get(plPath));
        assertThat(own.get("personal").get("name").asText()).isEqualTo("周一");
        assertThat(status(http.as(yj, "VOLUNTEER", district, null).get(plPath)))
                .as("out of sight answers as missing").isEqualTo(404);
        assertThat(status(http.as("admin-jly", "STATION_ADMIN", district, "s-jly").get(plPath))).isEqualTo(404);
        assertThat(http.read(http.as("admin-jl", "INSTITUTE_ADMIN", district, "i-jl").get(plPath)).has("personal"))
                .isTrue();
        assertThat(http.read(http.as("analyst-1", "ANALYST", district, null).get(plPath)).has("personal")).isFalse();
        assertThat(status(http.as("admin-x", "DISTRICT_ADMIN", "other-district", "center").get(plPath)))
                .as("another district's admin").isEqualTo(404);

        JsonNode scoped = http.read(http.as("admin-pl", "STATION_ADMIN", district, "s-pl").get(volunteers(district)));
        assertThat(StreamSupport.stream(scoped.get("items").spliterator(), false)
                .map(item -> item.get("volunteerId").asText())).containsExactly(pl);
        assertThat(status(http.as(pl, "VOLUNTEER", district, null).get(volunteers(district)))).isEqualTo(403);
        assertThat(status(http.as(pl, "VOLUNTEER", district, null).post("/api/v1/volunteers/" + pl
                + "/honour-hours?district=" + district, Map.of("hours", 10, "reason", "自己给自己")))).isEqualTo(403);
        assertThat(status(http.as(pl, "VOLUNTEER", district, null).post("/api/v1/volunteers/" + pl
                + "/deactivate?district=" + district, Map.of()))).as("deactivation is for admins").isEqualTo(403);
        ResponseEntity<String> incomplete = http.as("admin-pl", "STATION_ADMIN", district, null).get(plPath);
        assertThat(status(incomplete)).isEqualTo(401);
        assertThat(http.read(incomplete).get("type").asText()).endsWith("/unauthenticated");
    }

    @Test
    void shouldGrantAndRevokeHonourHoursWithAnAuditTrailAndStarLevels() {
        String district = newDistrict("honour");
        treeOf(district);
        Http districtAdmin = http.as("admin-zhang", "DISTRICT_ADMIN", district, "center");
        JsonNode defaults = http.read(districtAdmin.get("/api/v1/volunteers/star-levels?district=" + district));
        assertThat(defaults.get("configured").asBoolean()).isFalse();
        assertThat(defaults.has("changedBy") || defaults.has("changedAt")).as("nobody set the defaults").isFalse();
        assertThat(status(http.as("admin-pl", "STATION_ADMIN", district, "s-pl").put(
                "/api/v1/volunteers/star-levels?district=" + district,
                Map.of("thresholds", List.of(1, 2, 3, 4, 5))))).isEqualTo(403);
        ok(districtAdmin.put("/api/v1/volunteers/star-levels?district=" + district,
                Map.of("thresholds", List.of(1, 2, 3, 4, 5))));
        JsonNode configured = awaitJson("/api/v1/volunteers/star-levels?district=" + district,
                node -> node.get("configured").asBoolean());
        assertThat(configured.get("changedBy").asText()).isEqualTo("admin-zhang");
        assertThat(configured.get("thresholds")).extracting(JsonNode::asInt).containsExactly(1, 2, 3, 4, 5);
        String id = register(district, Registrations.adult("郑小红", uniquePhone(), "s-pl"));
        String base = "/api/v1/volunteers/" + id;

        ResponseEntity<String> granted = districtAdmin.post(base + "/honour-hours?district=" + district,
                Map.of("hours", 1.5, "reason", "2019年抗洪抢险志愿服务补录", "reference", "区志办〔2020〕3号"));
        assertThat(granted.getStatusCode().value()).as(granted.getBody()).isEqualTo(201);
        assertThat(granted.getHeaders().getLocation().getPath()).startsWith(base + "/honour-hours/grant-");
        assertThat(http.read(granted).get("halfHours").asInt()).isEqualTo(3);
        String second = http.read(districtAdmin.post(base + "/honour-hours?district=" + district,
                Map.of("hours", 1, "reason", "疫情防控志愿服务补录"))).get("grantId").asText();
        ok(http.as("auditor-li", "DISTRICT_ADMIN", district, "center").post(base + "/honour-hours/" + second
                + "/revoke?district=" + district, Map.of("reason", "与活动记录重复")));
        ResponseEntity<String> again = districtAdmin.post(base + "/honour-hours/" + second + "/revoke?district="
                + district, Map.of("reason", "again"));
        assertThat(http.read(again).get("type").asText()).endsWith("/already-revoked");

        JsonNode ledger = awaitJson(base + "/hours?district=" + district, node -> node.get("starHistory").size() == 3);
        assertThat(ledger.get("honourHours").asDouble()).isEqualTo(1.5);
        assertThat(ledger.get("stars").asInt()).isEqualTo(1);
        assertThat(ledger.get("nextStarAtHours").asInt()).isEqualTo(2);
        JsonNode audit = http.read(http.get(base + "/honour-hours?district=" + district));
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).get("grantedBy").asText()).isEqualTo("admin-zhang");
        assertThat(audit.get(0).get("reference").asText()).isEqualTo("区志办〔2020〕3号");
        assertThat(audit.get(1).get("revoked").asBoolean()).isTrue();
        assertThat(audit.get(1).get("revokedBy").asText()).isEqualTo("auditor-li");
        assertThat(audit.get(1).get("revocationReason").asText()).isEqualTo("与活动记录重复");

        List<DomainEvent> stars = TopicReader.read(Context.VOLUNTEER.topic(),
                        record -> ("hours-" + id).equals(record.key()), 6, Duration.ofSeconds(60)).stream()
                .map(record -> codec.decode(record).payload()).toList();
        assertThat(stars).filteredOn(StarLevelReached.class::isInstance).map(StarLevelReached.class::cast)
                .extracting(StarLevelReached::stars).containsExactly(1, 2);
        assertThat(stars).filteredOn(StarLevelWithdrawn.class::isInstance).map(StarLevelWithdrawn.class::cast)
                .extracting(StarLevelWithdrawn::stars).containsExactly(1);

        JsonNode record = http.read(http.get(base + "/service-record?district=" + district));
        assertThat(record.get("totals").get("honourHours").asDouble()).isEqualTo(1.5);
        assertThat(record.get("maskedName").asText()).isEqualTo("郑*红");
        ResponseEntity<String> csv = http.get(base + "/service-record?district=" + district + "&format=csv");
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getBody()).startsWith("volunteerId,entryId,kind,date").contains("HONOUR")
                .contains("TOTAL").contains("区志办〔2020〕3号");
    }

    @Test
    void shouldDescribeTheApiWithItsBearerTokenScheme() {
        JsonNode docs = http.read(http.get("/v3/api-docs"));
        assertThat(docs.get("paths").has("/api/v1/volunteers/{volunteerId}/honour-hours")).isTrue();
        assertThat(docs.get("paths").has("/api/v1/teams/{teamId}/members")).isTrue();
        assertThat(docs.get("paths").get("/api/v1/volunteers").get("post").get("parameters").toString())
                .contains("Idempotency-Key").doesNotContain("\"caller\"");
        assertThat(docs.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        // The district is resolved, not bound, yet documented as the query parameter it is
        JsonNode join = docs.at("/paths/~1api~1v1~1teams~1{teamId}~1members/post");
        assertThat(join.get("parameters")).filteredOn(parameter -> parameter.get("name").asText().equals("district"))
                .singleElement().satisfies(parameter -> {
                    assertThat(parameter.get("in").asText()).isEqualTo("query");
                    assertThat(parameter.get("required").asBoolean()).isTrue();
                    assertThat(parameter.at("/schema/pattern").asText()).isEqualTo(ApiFormats.DISTRICT);
                });
        // Answers are typed: the generated clients know their fields
        assertThat(join.at("/responses/200/content/*~1*/schema/$ref").asText()).endsWith("/TeamChanged");
        assertThat(docs.at("/paths/~1api~1v1~1volunteers/post/responses/201/content/*~1*/schema/$ref").asText())
                .endsWith("/RegistrationCreated");
        assertThat(docs.at("/components/schemas/RegistrationCreated/properties").fieldNames())
                .toIterable().containsExactlyInAnyOrder("volunteerId", "districtId", "version", "status");
        assertThat(docs.get("security").toString()).contains("bearer");
    }

    private String newDistrictWithTree() {
        String district = newDistrict("dup2");
        treeOf(district);
        return district;
    }

    private long total(String path) {
        return http.read(http.get(path)).get("total").asLong();
    }

    private static String volunteers(String district) {
        return "/api/v1/volunteers?district=" + district;
    }

    private static int status(ResponseEntity<String> response) {
        return response.getStatusCode().value();
    }

    private static void ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    }
}
