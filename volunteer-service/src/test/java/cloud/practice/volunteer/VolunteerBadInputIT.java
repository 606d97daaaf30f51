package cloud.practice.volunteer;

import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.Context;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.TestIdentity;
import cloud.practice.testing.TopicReader;
import cloud.practice.volunteer.support.PlatformTestBase;
import cloud.practice.volunteer.support.Registrations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static cloud.practice.volunteer.support.Registrations.uniquePhone;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * The bad-input table of volunteer-service: each row is a hostile or mistaken request, the status and problem type
 * it must get; afterwards nothing changed: no event appended, the volunteer, team, hours and lists of both districts
 * and their records on Kafka as before. "Afterwards" is a known point, a good change made after the table and seen
 * through the store, every processor and the topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolunteerBadInputIT extends PlatformTestBase {

    record Case(String what, HttpMethod method, String path, String contentType, String body,
                Map<String, String> headers, int status, String type) {
    }

    final TestIdentity identity = TestIdentity.get();
    final String district = newDistrict("bad");
    final String other = newDistrict("bad-other");
    String volunteer;
    String second;
    String secondPhone;
    String volunteerPhone;
    String foreigner;
    String leader;
    String fullTeam;
    String foreignTeam;
    String idempotencyKey;
    String linkedAccount;
    /** The volunteers registered as markers (in the other district). */
    final Set<String> markers = new HashSet<>();

    @Autowired
    EventProcessingConfiguration processing;

    @BeforeAll
    void districtWithVolunteersAndTeams() {
        client();
        treeOf(district);
        treeOf(other);
        volunteerPhone = uniquePhone();
        idempotencyKey = "key-" + UUID.randomUUID();
        ResponseEntity<String> created = http.with("Idempotency-Key", idempotencyKey).post(volunteers(),
                Registrations.adult("蒋一", volunteerPhone, "s-pl"));
        volunteer = http.read(created).get("volunteerId").asText();
        awaitVolunteer(district, volunteer, node -> true);
        secondPhone = uniquePhone();
        second = register(district, Registrations.adult("沈二", secondPhone, "s-pl"));
        leader = register(district, Registrations.adult("韩三", uniquePhone(), "s-pl"));
        linkedAccount = "acct-" + UUID.randomUUID();
        Map<String, Object> linked = Registrations.adult("秦五", uniquePhone(), "s-pl");
        linked.put("accountId", linkedAccount);
        linked.put("consent", Map.of("method", "IN_PERSON", "recordedAt", "2026-03-01T10:00:00+08:00"));
        register(district, linked);
        foreigner = register(other, Registrations.adult("杨四", uniquePhone(), "s-pl"));
        fullTeam = http.read(http.post("/api/v1/teams?district=" + district, Map.of("name", "满员队", "unitId", "s-pl",
                "leaderVolunteerId", leader, "platforms", List.of("CARE"), "capacity", 1))).get("teamId").asText();
        foreignTeam = http.read(http.post("/api/v1/teams?district=" + other, Map.of("name", "外区队", "unitId", "s-pl",
                "platforms", List.of("CARE"), "capacity", 5))).get("teamId").asText();
        awaitJson("/api/v1/teams/" + fullTeam + "?district=" + district, node -> true);
        awaitJson("/api/v1/teams/" + foreignTeam + "?district=" + other, node -> true);
    }

    List<Case> cases() {
        String d = "?district=" + district;
        String reg = volunteers();
        String v = "/api/v1/volunteers/" + volunteer;
        String t = "/api/v1/teams";
        LocalDate born = LocalDate.of(1990, 5, 4);
        String minor = LocalDate.now().minusYears(16).toString();
        String child = LocalDate.now().minusYears(12).toString();
        return new ArrayList<>(List.of(
                // registration
                json("missing name", HttpMethod.POST, reg, registration(r -> personal(r).remove("name")), 400, "invalid-field"),
                json("wrong type", HttpMethod.POST, reg, registration(r -> ((ObjectNode) r.withArray("skills").get(0)).put("level", "high")), 400, "invalid-field"),
                json("unknown enum", HttpMethod.POST, reg, registration(r -> ((ObjectNode) r.withArray("skills").get(0)).put("platform", "FLYING")), 400, "invalid-field"),
                json("unknown field", HttpMethod.POST, reg, registration(r -> r.put("colour", "red")), 400, "invalid-field"),
                json("oversized name", HttpMethod.POST, reg, registration(r -> personal(r).put("name", "长".repeat(51))), 400, "invalid-field"),
                json("invalid coordinates", HttpMethod.POST, reg, registration(r -> r.putObject("homeLocation").put("latitude", 95).put("longitude", 106.5)), 400, "invalid-field"),
                json("consent time without zone", HttpMethod.POST, reg, registration(r -> {
                    personal(r).put("birthDate", minor);
                    personal(r).putObject("guardian").put("name", "某某").put("phone", "13700001111").put("relation", "父亲")
                            .put("consentedAt", "2026-03-01T10:00:00");
                }), 400, "invalid-field"),
                json("birth date with a time", HttpMethod.POST, reg, registration(r -> personal(r).put("birthDate", "1990-05-04T00:00:00+08:00")), 400, "invalid-field"),
                json("phone not a mobile number", HttpMethod.POST, reg, registration(r -> personal(r).put("phone", "12345")), 400, "invalid-field"),
                json("ID number with a wrong check character", HttpMethod.POST, reg, registration(r -> personal(r).put("idNumber", wrongCheck(Registrations.idNumber(born, 1)))), 400, "invalid-field"),
                json("ID number of another birth date", HttpMethod.POST, reg, registration(r -> personal(r).put("idNumber", Registrations.idNumber(born.plusDays(1), 1))), 400, "invalid-field"),
                json("missing consent", HttpMethod.POST, reg, registration(r -> r.remove("contactConsent")), 400, "invalid-field"),
                json("two skills on one platform", HttpMethod.POST, reg, registration(r -> r.withArray("skills").addObject().put("platform", "CARE").put("level", 1)), 400, "invalid-field"),
                json("slot ending before it starts", HttpMethod.POST, reg, registration(r -> ((ObjectNode) r.withArray("availability").get(0)).put("to", "08:00")), 400, "invalid-field"),
                json("language not a tag", HttpMethod.POST, reg, registration(r -> r.withArray("languages").add("Chinese!")), 400, "invalid-field"),
                json("too young", HttpMethod.POST, reg, registration(r -> personal(r).put("birthDate", child)), 422, "too-young"),
                json("minor without guardian", HttpMethod.POST, reg, registration(r -> personal(r).put("birthDate", minor)), 422, "guardian-consent-required"),
                json("unknown home unit", HttpMethod.POST, reg, registration(r -> r.put("homeUnitId", "s-nowhere")), 422, "unknown-unit"),
                json("a point as home unit", HttpMethod.POST, reg, registration(r -> r.put("homeUnitId", "p-lib")), 422, "unit-tier"),
                json("a closed station as home unit", HttpMethod.POST, reg, registration(r -> r.put("homeUnitId", "s-closed")), 422, "unit-not-active"),
                json("duplicate phone", HttpMethod.POST, reg, registration(r -> personal(r).put("phone", volunteerPhone)), 409, "duplicate-volunteer"),
                json("missing district", HttpMethod.POST, "/api/v1/volunteers", registration(r -> { }), 400, "invalid-field"),
                json("bad district", HttpMethod.POST, "/api/v1/volunteers?district=Bad District!", registration(r -> { }), 400, "invalid-field"),
                json("malformed JSON", HttpMethod.POST, reg, "{\"personal\":", 400, "malformed-body"),
                new Case("unsupported media type", HttpMethod.POST, reg, "application/xml", "<volunteer/>", Map.of(), 415, "unsupported-media-type"),
                new Case("oversized body", HttpMethod.POST, reg, MediaType.APPLICATION_JSON_VALUE,
                        "{\"languages\":[" + "\"zh-CN\",".repeat(150_000) + "\"zh-CN\"]}", Map.of(), 413, "payload-too-large"),
                new Case("replayed idempotency key with another body", HttpMethod.POST, reg, MediaType.APPLICATION_JSON_VALUE,
                        registration(r -> personal(r).put("name", "别人")), Map.of("Idempotency-Key", idempotencyKey), 422, "idempotency-key-reused"),
                new Case("bad idempotency key", HttpMethod.POST, reg, MediaType.APPLICATION_JSON_VALUE,
                        registration(r -> { }), Map.of("Idempotency-Key", "has spaces"), 400, "invalid-field"),
                // account links (staff) and applications
                json("account without consent", HttpMethod.POST, reg, registration(r -> r.put("accountId", "acct-1")), 400, "invalid-field"),
                json("consent without account", HttpMethod.POST, reg, registration(r -> r.putObject("consent").put("method", "PAPER_FORM")
                        .put("recordedAt", "2026-03-01T10:00:00+08:00")), 400, "invalid-field"),
                json("consent by an unknown method", HttpMethod.POST, reg, registration(r -> {
                    r.put("accountId", "acct-1");
                    r.putObject("consent").put("method", "TELEPATHY").put("recordedAt", "2026-03-01T10:00:00+08:00");
                }), 400, "invalid-field"),
                json("consent recorded in the future", HttpMethod.POST, reg, registration(r -> {
                    r.put("accountId", "acct-1");
                    r.putObject("consent").put("method", "IN_PERSON").put("recordedAt", "2099-03-01T10:00:00+08:00");
                }), 400, "invalid-field"),
                json("consent time without zone", HttpMethod.POST, reg, registration(r -> {
                    r.put("accountId", "acct-1");
                    r.putObject("consent").put("method", "PHONE").put("recordedAt", "2026-03-01T10:00:00");
                }), 400, "invalid-field"),
                json("link an account that holds a volunteer", HttpMethod.POST, reg, registration(r -> {
                    r.put("accountId", linkedAccount);
                    r.putObject("consent").put("method", "PAPER_FORM").put("recordedAt", "2026-03-01T10:00:00+08:00");
                }), 409, "already-registered"),
                new Case("a resident naming an account", HttpMethod.POST, reg, MediaType.APPLICATION_JSON_VALUE,
                        registration(r -> r.put("accountId", "acct-someone")),
                        bearer(identity.token("res-2", "RESIDENT", district, null, Scopes.forRole(Role.RESIDENT))),
                        400, "invalid-field"),
                json("decide a staff-registered volunteer", HttpMethod.POST, v + "/approval" + d, "{\"decision\":\"APPROVE\"}", 404, "not-found"),
                json("decide an unknown application", HttpMethod.POST, "/api/v1/volunteers/vol-nobody/approval" + d, "{\"decision\":\"APPROVE\"}", 404, "not-found"),
                json("decide without a decision", HttpMethod.POST, v + "/approval" + d, "{\"reason\":\"x\"}", 400, "invalid-field"),
                json("an unknown decision", HttpMethod.POST, v + "/approval" + d, "{\"decision\":\"MAYBE\"}", 400, "invalid-field"),
                json("a reason over 500 characters", HttpMethod.POST, v + "/approval" + d, "{\"decision\":\"REFUSE\",\"reason\":\"" + "因".repeat(501) + "\"}", 400, "invalid-field"),
                json("unknown application status in a filter", HttpMethod.GET, "/api/v1/volunteers/applications" + d + "&status=MAYBE", null, 400, "invalid-field"),
                json("applications page beyond the bound", HttpMethod.GET, "/api/v1/volunteers/applications" + d + "&page=2147483647&size=500", null, 400, "invalid-field"),
                new Case("a volunteer reviewing applications", HttpMethod.GET, "/api/v1/volunteers/applications" + d, null, null,
                        bearer(identity.token(volunteer, "VOLUNTEER", district, null, Scopes.forRole(Role.VOLUNTEER))), 403, "forbidden"),
                new Case("a machine client's own registration", HttpMethod.GET, "/api/v1/volunteers/me" + d, null, null,
                        Map.of(), 403, "forbidden"),
                new Case("a resident without a registration", HttpMethod.GET, "/api/v1/volunteers/me" + d, null, null,
                        bearer(identity.token("res-3", "RESIDENT", district, null, Scopes.forRole(Role.RESIDENT))), 404, "not-found"),
                // reads
                json("unknown volunteer", HttpMethod.GET, "/api/v1/volunteers/vol-nobody" + d, null, 404, "not-found"),
                json("another district's volunteer", HttpMethod.GET, "/api/v1/volunteers/" + foreigner + d, null, 404, "not-found"),
                json("injection-like id", HttpMethod.GET, "/api/v1/volunteers/$where" + d, null, 400, "invalid-field"),
                json("page size too large", HttpMethod.GET, reg + "&size=1000", null, 400, "invalid-field"),
                json("page beyond the bound", HttpMethod.GET, reg + "&page=2147483647&size=500", null, 400, "invalid-field"),
                json("team page beyond the bound", HttpMethod.GET, t + d + "&page=2147483647&size=500", null, 400, "invalid-field"),
                json("entries page beyond the bound", HttpMethod.GET, v + "/hours/entries" + d + "&page=100001", null, 400, "invalid-field"),
                json("skill level out of range in a filter", HttpMethod.GET, reg + "&platform=CARE&minLevel=9", null, 400, "invalid-field"),
                json("unknown status in a filter", HttpMethod.GET, reg + "&status=SLEEPING", null, 400, "invalid-field"),
                json("service record as XML", HttpMethod.GET, v + "/service-record" + d + "&format=xml", null, 400, "invalid-field"),
                json("service record by week", HttpMethod.GET, v + "/service-record" + d + "&period=WEEK", null, 400, "invalid-field"),
                json("service record ending before it starts", HttpMethod.GET, v + "/service-record" + d + "&from=2026-03-01&to=2026-02-01", null, 400, "invalid-field"),
                json("totals from a date with a time", HttpMethod.GET, "/api/v1/volunteers/hour-totals" + d + "&from=2026-03-01T00:00", null, 400, "invalid-field"),
                json("totals from yesterday", HttpMethod.GET, "/api/v1/volunteers/hour-totals" + d + "&from=yesterday", null, 400, "invalid-field"),
                // changes
                json("skill level 6", HttpMethod.PUT, v + "/skills" + d, "{\"skills\":[{\"platform\":\"CARE\",\"level\":6}]}", 400, "invalid-field"),
                new Case("stale If-Match", HttpMethod.PUT, v + "/skills" + d, MediaType.APPLICATION_JSON_VALUE,
                        "{\"skills\":[]}", Map.of(HttpHeaders.IF_MATCH, "\"0\""), 412, "stale-version"),
                new Case("If-Match not yet reached", HttpMethod.PUT, v + "/skills" + d, MediaType.APPLICATION_JSON_VALUE,
                        "{\"skills\":[]}", Map.of(HttpHeaders.IF_MATCH, "\"99\""), 412, "stale-version"),
                new Case("garbage If-Match", HttpMethod.PUT, v + "/skills" + d, MediaType.APPLICATION_JSON_VALUE,
                        "{\"skills\":[]}", Map.of(HttpHeaders.IF_MATCH, "yesterday"), 400, "invalid-field"),
                json("resume an active volunteer", HttpMethod.POST, v + "/resume" + d, "{}", 409, "illegal-transition"),
                json("reactivate an active volunteer", HttpMethod.POST, v + "/reactivate" + d, "{}", 409, "illegal-transition"),
                json("move home to a closed station", HttpMethod.PUT, v + "/home-unit" + d, "{\"homeUnitId\":\"s-closed\"}", 422, "unit-not-active"),
                json("erase another district's volunteer", HttpMethod.POST, "/api/v1/volunteers/" + foreigner + "/erase" + d, null, 404, "not-found"),
                json("take another volunteer's phone", HttpMethod.PUT, v + "/personal-data" + d,
                        "{\"name\":\"蒋一\",\"phone\":\"" + secondPhone + "\",\"birthDate\":\"1990-05-04\"}", 409, "duplicate-volunteer"),
                json("honour hours not in half-hour steps", HttpMethod.POST, v + "/honour-hours" + d, "{\"hours\":0.3,\"reason\":\"x\"}", 400, "invalid-field"),
                json("honour hours not a half-hour multiple", HttpMethod.POST, v + "/honour-hours" + d, "{\"hours\":1.25,\"reason\":\"x\"}", 400, "invalid-field"),
                json("honour hours without reason", HttpMethod.POST, v + "/honour-hours" + d, "{\"hours\":2}", 400, "invalid-field"),
                json("honour hours for another district's volunteer", HttpMethod.POST, "/api/v1/volunteers/" + foreigner + "/honour-hours" + d,
                        "{\"hours\":2,\"reason\":\"x\"}", 404, "not-found"),
                json("revoke an unknown grant", HttpMethod.POST, v + "/honour-hours/grant-nothing/revoke" + d, "{\"reason\":\"x\"}", 404, "not-found"),
                json("star thresholds not increasing", HttpMethod.PUT, "/api/v1/volunteers/star-levels" + d, "{\"thresholds\":[100,300,300,1000,1500]}", 400, "invalid-field"),
                json("four star thresholds", HttpMethod.PUT, "/api/v1/volunteers/star-levels" + d, "{\"thresholds\":[100,300,600,1000]}", 400, "invalid-field"),
                // teams
                json("team under an unknown unit", HttpMethod.POST, t + d, "{\"name\":\"队\",\"unitId\":\"s-nowhere\",\"platforms\":[\"CARE\"],\"capacity\":5}", 422, "unknown-unit"),
                json("team under a closed unit", HttpMethod.POST, t + d, "{\"name\":\"队\",\"unitId\":\"s-closed\",\"platforms\":[\"CARE\"],\"capacity\":5}", 422, "unit-not-active"),
                json("team without room", HttpMethod.POST, t + d, "{\"name\":\"队\",\"unitId\":\"s-pl\",\"platforms\":[\"CARE\"],\"capacity\":0}", 400, "invalid-field"),
                json("team serving no platform", HttpMethod.POST, t + d, "{\"name\":\"队\",\"unitId\":\"s-pl\",\"platforms\":[],\"capacity\":5}", 400, "invalid-field"),
                json("team with an unknown leader", HttpMethod.POST, t + d, "{\"name\":\"队\",\"unitId\":\"s-pl\",\"leaderVolunteerId\":\"vol-nobody\",\"platforms\":[\"CARE\"],\"capacity\":5}", 422, "unknown-volunteer"),
                json("join a full team", HttpMethod.POST, t + "/" + fullTeam + "/members" + d, "{\"volunteerId\":\"" + second + "\"}", 409, "team-full"),
                json("join twice", HttpMethod.POST, t + "/" + fullTeam + "/members" + d, "{\"volunteerId\":\"" + leader + "\"}", 409, "already-member"),
                json("join with another district's volunteer", HttpMethod.POST, t + "/" + fullTeam + "/members" + d, "{\"volunteerId\":\"" + foreigner + "\"}", 422, "unknown-volunteer"),
                json("leave without being a member", HttpMethod.POST, t + "/" + fullTeam + "/members/" + second + "/leave" + d, null, 409, "not-a-member"),
                json("lead without being a member", HttpMethod.PUT, t + "/" + fullTeam + "/leader" + d, "{\"leaderVolunteerId\":\"" + second + "\"}", 409, "not-a-member"),
                json("another district's team", HttpMethod.GET, t + "/" + foreignTeam + d, null, 404, "not-found"),
                // callers
                new Case("unknown role", HttpMethod.GET, v + d, null, null,
                        bearer(identity.token("u1", "KING", district, null, Scopes.ALL)), 401, "unauthenticated"),
                new Case("expired token", HttpMethod.GET, v + d, null, null, bearer(identity.sign(identity.claims(
                        "u1", "SYSTEM", null, null, Scopes.ALL).expirationTime(java.util.Date.from(
                        java.time.Instant.now().minusSeconds(120))).build())), 401, "unauthenticated"),
                new Case("token for another audience", HttpMethod.GET, v + d, null, null, bearer(identity.sign(
                        identity.claims("u1", "SYSTEM", null, null, Scopes.ALL).audience("someone-else").build())),
                        401, "unauthenticated"),
                new Case("token signed by a foreign key", HttpMethod.GET, v + d, null, null, bearer(
                        identity.signWithForeignKey(identity.claims("u1", "SYSTEM", null, null, Scopes.ALL).build())),
                        401, "unauthenticated"),
                new Case("not a token", HttpMethod.GET, v + d, null, null, Map.of("Authorization", "Bearer not.a.jwt"),
                        401, "unauthenticated"),
                new Case("token without the write scope", HttpMethod.PUT, v + "/skills" + d,
                        MediaType.APPLICATION_JSON_VALUE, "{\"skills\":[]}", bearer(identity.token("u1", "SYSTEM",
                        null, null, List.of(Scopes.VOLUNTEERS_READ))), 403, "insufficient-scope"),
                new Case("another district's machine client", HttpMethod.GET, v + d, null, null, bearer(
                        identity.token("c1", "SYSTEM", "elsewhere", null, Scopes.ALL)), 404, "not-found"),
                new Case("another district's admin reading a team", HttpMethod.GET, t + "/" + fullTeam + d, null, null,
                        bearer(identity.token("a1", "DISTRICT_ADMIN", other, "center", Scopes.ALL)), 404, "not-found"),
                new Case("another district's admin listing teams", HttpMethod.GET, t + d, null, null,
                        bearer(identity.token("a1", "DISTRICT_ADMIN", other, "center", Scopes.ALL)), 403, "forbidden"),
                new Case("another district's admin reading star thresholds", HttpMethod.GET,
                        "/api/v1/volunteers/star-levels" + d, null, null,
                        bearer(identity.token("a1", "DISTRICT_ADMIN", other, "center", Scopes.ALL)), 403, "forbidden"),
                new Case("another station's admin reading a volunteer", HttpMethod.GET, v + d, null, null,
                        bearer(identity.token("a2", "STATION_ADMIN", district, "s-yj", Scopes.ALL)), 404, "not-found"),
                new Case("another station's admin registering at a unit out of scope", HttpMethod.POST, reg,
                        MediaType.APPLICATION_JSON_VALUE, registration(r -> { }),
                        bearer(identity.token("a2", "STATION_ADMIN", district, "s-yj", Scopes.ALL)), 422, "unknown-unit"),
                new Case("a resident registering with a taken phone", HttpMethod.POST, reg,
                        MediaType.APPLICATION_JSON_VALUE, registration(r -> personal(r).put("phone", volunteerPhone)),
                        bearer(identity.token("res-1", "RESIDENT", district, null, Scopes.forRole(Role.RESIDENT))),
                        409, "registration-refused"),
                new Case("volunteer changing someone else (out of sight: as missing)", HttpMethod.PUT, v + "/skills" + d, MediaType.APPLICATION_JSON_VALUE,
                        "{\"skills\":[]}", bearer(identity.token(second, "VOLUNTEER", district, null,
                        Scopes.forRole(Role.VOLUNTEER))), 404, "not-found"),
                new Case("volunteer granting honour hours", HttpMethod.POST, v + "/honour-hours" + d, MediaType.APPLICATION_JSON_VALUE,
                        "{\"hours\":2,\"reason\":\"x\"}", bearer(identity.token(volunteer, "VOLUNTEER", district, null,
                        Scopes.forRole(Role.VOLUNTEER))), 403, "forbidden")));
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    @Test
    void shouldAnswerEveryBadInputWithItsProblemAndChangeNothing() {
        // A good change just before the table and one just after it, each waited for in the event store, in every
        // event processor (read models, the Kafka relay) and on the topic: whatever the table got appended lies
        // after the first and has been projected and published by the time the second is through.
        Marker opening = marker("标记一");
        String before = readModels();
        List<String> publishedBefore = published();
        List<Case> cases = cases();
        assertSoftly(softly -> {
            for (Case c : cases) {
                ResponseEntity<String> response = http.exchange(c.method(), c.path(), c.body(), c.contentType(),
                        c.headers());
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
        Marker closing = marker("标记二");
        List<String> appended = appendedAfter(opening, closing);
        String after = readModels();
        List<String> publishedAfter = published();
        assertSoftly(softly -> {
            softly.assertThat(appended).as("events the table appended").isEmpty();
            softly.assertThat(after).as("the read models").isEqualTo(before);
            softly.assertThat(publishedAfter).as("the districts' events on Kafka").isEqualTo(publishedBefore);
        });
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
    }

    /** What the table must not change: what the API shows of both districts' volunteers, teams, hours and stars. */
    private String readModels() {
        return http.get("/api/v1/volunteers/" + volunteer + "?district=" + district).getBody() + "\n"
                + http.get("/api/v1/volunteers/" + volunteer + "/hours?district=" + district).getBody() + "\n"
                + http.get("/api/v1/teams/" + fullTeam + "?district=" + district).getBody() + "\n"
                + http.get(volunteers()).getBody() + "\n"
                + http.get("/api/v1/volunteers/star-levels?district=" + district).getBody() + "\n"
                + http.get("/api/v1/volunteers/" + foreigner + "?district=" + other).getBody() + "\n"
                + http.get("/api/v1/volunteers/" + foreigner + "/hours?district=" + other).getBody() + "\n"
                + http.get("/api/v1/teams/" + foreignTeam + "?district=" + other).getBody();
    }

    // ------------------------------------------------------------------ the table's known end: marker changes

    /** A volunteer registered as a marker, and the global index of its last event in the store. */
    record Marker(String volunteerId, long position) {
    }

    /**
     * Registers a volunteer in the other district (whose list the table's checks leave out) and waits until the
     * registration is in the read model (as {@code register} does), every event processor has passed its events
     * (single-segment processors handle events in store order, so also everything before them) and it is on the
     * topic.
     */
    private Marker marker(String name) {
        String id = register(other, Registrations.adult(name, uniquePhone(), "s-pl"));
        markers.add(id);
        long position = events().find(eq("aggregateIdentifier", id)).sort(descending("_id")).first().getLong("_id");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(processing.eventProcessors().values())
                .filteredOn(StreamingEventProcessor.class::isInstance)
                .isNotEmpty()
                .allSatisfy(processor -> assertThat(((StreamingEventProcessor) processor).processingStatus().values())
                        .as("segments of %s", processor.getName()).isNotEmpty()
                        .allSatisfy(segment -> assertThat(segment.getCurrentPosition().orElse(-1))
                                .as("%s at the marker", processor.getName()).isGreaterThanOrEqualTo(position))));
        TopicReader.read(Context.VOLUNTEER.topic(), record -> id.equals(record.key()), 1, PATIENCE);
        return new Marker(id, position);
    }

    /** Events appended after {@code opening}, other than the {@code closing} marker's own. */
    private List<String> appendedAfter(Marker opening, Marker closing) {
        List<String> appended = new ArrayList<>();
        events().find(and(gt("_id", opening.position()), ne("aggregateIdentifier", closing.volunteerId())))
                .sort(ascending("_id"))
                .forEach(event -> appended.add(event.getString("payloadType") + " of "
                        + event.getString("aggregateIdentifier")));
        return appended;
    }

    private MongoCollection<Document> events() {
        return mongo.getDb().getCollection("domain_events");
    }

    /** The records on the topic of every district the table names, but the markers', by type, key and event id. */
    private List<String> published() {
        Set<String> named = Set.of(district, other, "Bad District!");
        return TopicReader.all(Context.VOLUNTEER.topic(), record -> !markers.contains(record.key())
                        && named.contains(TopicReader.header(record, "ce_" + CloudEventAttributes.DISTRICT)))
                .stream()
                .map(record -> TopicReader.header(record, "ce_type") + " " + record.key() + " "
                        + TopicReader.header(record, "ce_id"))
                .sorted()
                .toList();
    }

    private String volunteers() {
        return "/api/v1/volunteers?district=" + district;
    }

    private String registration(Consumer<ObjectNode> change) {
        ObjectNode body = json.valueToTree(Registrations.adult("新人", uniquePhone(), "s-pl"));
        change.accept(body);
        return body.toString();
    }

    private static ObjectNode personal(ObjectNode registration) {
        return (ObjectNode) registration.get("personal");
    }

    private static String wrongCheck(String idNumber) {
        char check = idNumber.charAt(17);
        return idNumber.substring(0, 17) + (check == '0' ? '1' : '0');
    }

    private static Case json(String what, HttpMethod method, String path, String body, int status, String type) {
        return new Case(what, method, path, body == null ? null : MediaType.APPLICATION_JSON_VALUE, body, Map.of(),
                status, type);
    }

    private String problemType(ResponseEntity<String> response) {
        try {
            JsonNode problem = json.readTree(response.getBody());
            return problem.path("type").asText();
        } catch (Exception e) {
            return "unreadable: " + response.getBody();
        }
    }
}
