package cloud.practice.request;

import cloud.practice.request.activity.checkin.CheckInCodes;
import cloud.practice.request.activity.checkin.CheckInSecret;
import cloud.practice.request.activity.checkin.CheckInSettings;
import cloud.practice.request.directory.VolunteerDirectory;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.testing.TestIdentity;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * QR self check-in (issue 27) over HTTP with people's own tokens: staff fetch the activity's current code (never
 * cached; others refused as for any management of it), a volunteer checks in with one scan and out with the next, a
 * resident checks in once; another activity's code, a forged one and an expired one change nothing; a hand
 * check-in's reason is kept; every replica signs with the one secret generated and kept in MongoDB. Windows are
 * 5 s here, and no secret is configured: the service generates one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "practice.request.check-in.window=5s")
@WithPlatformInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActivitySelfCheckInIT {

    static final Duration WINDOW = Duration.ofSeconds(5);

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    VolunteerDirectory volunteers;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    OrgUnitDirectory units;
    @Autowired
    MongoClient mongoClient;

    final TestIdentity identity = TestIdentity.get();
    final String district = "qr-" + UUID.randomUUID().toString().substring(0, 8);
    final String d = "?district=" + district;
    final String v1 = "v1-" + district;
    final String v2 = "v2-" + district;

    final String system = identity.token("ops", "SYSTEM", district, null, Scopes.ALL);
    final String stationAdmin = staff("admin-pl", Role.STATION_ADMIN, "s-pl", district);
    /** v1's person: an account of their own, v1 by the volunteer claim. */
    final String volunteerOne = volunteerAccount("acct-" + UUID.randomUUID(), v1);
    final String volunteerTwo = volunteerAccount("acct-" + UUID.randomUUID(), v2);
    final String residentWang = resident("resident-wang");

    @BeforeAll
    void aDistrictWithVolunteers() {
        HierarchyFixture.publishTreeAndAwait(district, units);
        DirectoryFixture.volunteers(volunteers, district, v1, v2);
    }

    @Test
    void shouldShowTheCodeOnlyToThoseWhoManageTheActivityAndNeverLetItBeCached() throws Exception {
        String activity = activity();
        ResponseEntity<String> answer = send(stationAdmin, HttpMethod.GET, code(activity), null);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        assertThat(answer.getHeaders().getCacheControl()).contains("no-store");
        JsonNode code = read(answer);
        assertThat(code.get("activityId").asText()).isEqualTo(activity);
        assertThat(code.get("code").asText()).matches("PCI1\\." + activity + "\\.[0-9]+\\.[A-Za-z0-9_-]{22}");
        Instant issuedAt = Instant.parse(code.get("issuedAt").asText());
        Instant refreshAt = Instant.parse(code.get("refreshAt").asText());
        Instant expiresAt = Instant.parse(code.get("expiresAt").asText());
        assertThat(Duration.between(issuedAt, refreshAt)).isPositive().isLessThanOrEqualTo(WINDOW);
        assertThat(Duration.between(refreshAt, expiresAt)).isEqualTo(WINDOW);
        long window = Long.parseLong(code.get("code").asText().split("\\.")[2]);
        assertThat(refreshAt).isEqualTo(Instant.ofEpochSecond((window + 1) * WINDOW.toSeconds()));

        assertThat(send(residentWang, HttpMethod.GET, code(activity), null).getStatusCode().value()).isEqualTo(403);
        assertThat(send(volunteerOne, HttpMethod.GET, code(activity), null).getStatusCode().value()).isEqualTo(403);
        String otherDistrict = "qro-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send(staff("admin-pl", Role.STATION_ADMIN, "s-pl", otherDistrict), HttpMethod.GET,
                "/api/v1/activities/" + activity + "/check-in-code?district=" + district, null)
                .getStatusCode().value()).as("another district's staff").isEqualTo(404);
        assertThat(send(stationAdmin, HttpMethod.GET, code("act-nope"), null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void shouldCheckAVolunteerInAndOutWithTwoScansAndAResidentInWithOne() throws Exception {
        String activity = activity();
        signUp(activity, v1, "VOLUNTEER");
        signUp(activity, "resident-wang", "RESIDENT");

        JsonNode in = read(assertStatus(scan(volunteerOne, activity, currentCode(activity)), 200));
        assertThat(in.get("participantId").asText()).isEqualTo(v1);
        assertThat(in.get("role").asText()).isEqualTo("VOLUNTEER");
        assertThat(in.get("action").asText()).isEqualTo("CHECKED_IN");
        JsonNode out = read(assertStatus(scan(volunteerOne, activity, currentCode(activity)), 200));
        assertThat(out.get("action").asText()).isEqualTo("CHECKED_OUT");
        assertThat(Instant.parse(out.get("at").asText())).isAfter(Instant.parse(in.get("at").asText()));
        assertProblem(scan(volunteerOne, activity, currentCode(activity)), 409, "already-checked-out");

        JsonNode resident = read(assertStatus(scan(residentWang, activity, currentCode(activity)), 200));
        assertThat(resident.get("participantId").asText()).isEqualTo("resident-wang");
        assertThat(resident.get("role").asText()).isEqualTo("RESIDENT");
        assertThat(resident.get("action").asText()).isEqualTo("CHECKED_IN");
        assertProblem(scan(residentWang, activity, currentCode(activity)), 409, "already-checked-in");

        // staff and machine clients check people in by hand; a person without a place has none to check in to
        assertProblem(scan(stationAdmin, activity, currentCode(activity)), 403, "forbidden");
        assertProblem(scan(system, activity, currentCode(activity)), 403, "forbidden");
        assertProblem(scan(resident("resident-zhao"), activity, currentCode(activity)), 403, "not-signed-up");

        JsonNode view = await().atMost(Duration.ofSeconds(20)).until(() -> view(activity),
                node -> node.path("checkedOut").has(v1) && node.path("checkedIn").has("resident-wang"));
        assertThat(Instant.parse(view.get("checkedIn").get(v1).asText())).isEqualTo(in.get("at").asText());
        assertThat(Instant.parse(view.get("checkedOut").get(v1).asText())).isEqualTo(out.get("at").asText());
        assertThat(view.get("checkInMethods").get(v1).asText()).isEqualTo("QR_CODE");
        assertThat(view.get("checkInMethods").get("resident-wang").asText()).isEqualTo("QR_CODE");
        assertThat(view.get("checkInReasons").size()).isZero();
    }

    @Test
    void shouldRefuseAnotherActivitysCodeAForgedOneAndAnExpiredOneAndChangeNothing() throws Exception {
        String activity = activity();
        String other = activity();
        signUp(activity, v2, "VOLUNTEER");
        signUp(activity, "resident-li", "RESIDENT");

        assertProblem(scan(volunteerTwo, activity, currentCode(other)), 422, "check-in-code-invalid");
        String genuine = currentCode(activity);
        String forged = genuine.substring(0, genuine.length() - 2) + (genuine.endsWith("AA") ? "BB" : "AA");
        assertProblem(scan(volunteerTwo, activity, forged), 422, "check-in-code-invalid");
        // signed with the secret the service generated (read from its database), for a window to come
        assertProblem(scan(volunteerTwo, activity, codeAt(activity, WINDOW.multipliedBy(2))), 422,
                "check-in-code-invalid");
        // and for the window before the previous one: a true code, expired (so the service signs with that secret)
        ResponseEntity<String> expired = scan(volunteerTwo, activity, codeAt(activity, WINDOW.multipliedBy(-2)));
        assertProblem(expired, 422, "check-in-code-expired");
        assertThat(read(expired).get("detail").asText()).contains("expired").contains("scan the code shown now");

        // the known end: a good scan after the refused ones
        assertStatus(scan(resident("resident-li"), activity, currentCode(activity)), 200);
        JsonNode view = await().atMost(Duration.ofSeconds(20)).until(() -> view(activity),
                node -> node.path("checkedIn").has("resident-li"));
        assertThat(view.get("checkedIn").has(v2)).as(view.toString()).isFalse();
        assertThat(view.get("checkInMethods").has(v2)).isFalse();
        assertThat(view.get("checkedOut").size()).isZero();
        assertThat(view(other).get("checkedIn").size()).isZero();
    }

    @Test
    void shouldKeepTheReasonOfAHandCheckIn() throws Exception {
        String activity = activity();
        signUp(activity, "resident-sun", "RESIDENT");
        signUp(activity, "resident-zhou", "RESIDENT");
        assertStatus(send(stationAdmin, HttpMethod.POST, "/api/v1/activities/" + activity + "/check-in" + d,
                "{\"participantId\":\"resident-sun\",\"reason\":\"  手机没电，现场登记  \"}"), 200);
        assertStatus(send(stationAdmin, HttpMethod.POST, "/api/v1/activities/" + activity + "/check-in" + d,
                "{\"participantId\":\"resident-zhou\",\"reason\":\"   \"}"), 200);
        JsonNode view = await().atMost(Duration.ofSeconds(20)).until(() -> view(activity),
                node -> node.path("checkedIn").size() == 2);
        assertThat(view.get("checkInMethods").get("resident-sun").asText()).isEqualTo("STAFF");
        assertThat(view.get("checkInMethods").get("resident-zhou").asText()).isEqualTo("STAFF");
        assertThat(view.get("checkInReasons").get("resident-sun").asText()).isEqualTo("手机没电，现场登记");
        assertThat(view.get("checkInReasons").has("resident-zhou")).as("a blank reason is none").isFalse();
    }

    @Test
    void shouldRefuseCodesOnceTheActivityIsClosed() throws Exception {
        String activity = activity();
        signUp(activity, "resident-qian", "RESIDENT");
        String valid = currentCode(activity);
        JsonNode closed = read(assertStatus(send(system, HttpMethod.POST, "/api/v1/activities/" + activity + "/close" + d,
                "{\"summary\":\"结束\"}"), 200));
        assertThat(closed).isEqualTo(json.readTree("{\"activityId\":\"" + activity + "\",\"closed\":true}"));
        assertProblem(scan(resident("resident-qian"), activity, valid), 409, "activity-closed");
        await().atMost(Duration.ofSeconds(20)).until(() -> view(activity).path("closed").asBoolean());
        assertProblem(send(stationAdmin, HttpMethod.GET, code(activity), null), 409, "activity-closed");
    }

    /** Replicas starting together on an empty database end with one secret: whichever insert won, read back. */
    @Test
    void shouldGenerateOneSecretForEveryReplicaOfADatabase() throws Exception {
        MongoTemplate fresh = new MongoTemplate(mongoClient, "qr_" + UUID.randomUUID().toString()
                .replace("-", "").substring(0, 12));
        CheckInSettings unconfigured = new CheckInSettings(WINDOW, null);
        Clock fixed = Clock.fixed(Instant.parse("2027-03-01T08:00:00Z"), java.time.ZoneOffset.UTC);
        List<CheckInCodes> replicas = List.of(
                new CheckInCodes(new CheckInSecret(unconfigured, fresh), unconfigured, fixed),
                new CheckInCodes(new CheckInSecret(unconfigured, fresh), unconfigured, fixed));
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<String>> issued = replicas.stream().map(codes -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return codes.issue(district, "act-1").code();
        })).toList();
        start.countDown();
        assertThat(issued.get(0).get()).isEqualTo(issued.get(1).get());
        assertThat(fresh.getCollection("request_secrets").countDocuments()).isEqualTo(1);
        CheckInCodes later = new CheckInCodes(new CheckInSecret(unconfigured, fresh), unconfigured, fixed);
        assertThat(later.issue(district, "act-1").code()).as("a replica started later").isEqualTo(issued.get(0).get());
        assertThat(later.verify(district, "act-1", issued.get(1).get())).isEqualTo(CheckInCodes.Verdict.VALID);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A code of the activity signed with the service's stored secret, for the window {@code shift} away from now. */
    String codeAt(String activity, Duration shift) {
        CheckInSettings unconfigured = new CheckInSettings(WINDOW, null);
        return new CheckInCodes(new CheckInSecret(unconfigured, mongo), unconfigured,
                Clock.offset(Clock.systemUTC(), shift)).issue(district, activity).code();
    }

    String currentCode(String activity) {
        return read(assertStatus(send(stationAdmin, HttpMethod.GET, code(activity), null), 200)).get("code").asText();
    }

    String code(String activity) {
        return "/api/v1/activities/" + activity + "/check-in-code" + d;
    }

    ResponseEntity<String> scan(String token, String activity, String code) {
        return send(token, HttpMethod.POST, "/api/v1/activities/" + activity + "/self-check-in" + d,
                "{\"code\":\"" + code + "\"}");
    }

    String activity() {
        ResponseEntity<String> answer = assertStatus(send(system, HttpMethod.POST, "/api/v1/activities" + d,
                "{\"unitId\":\"s-pl\",\"platform\":\"CARE\",\"title\":\"义诊\",\"place\":\"活动室\","
                        + "\"startsAt\":\"2030-01-01T09:00:00+08:00\",\"endsAt\":\"2030-01-01T11:00:00+08:00\","
                        + "\"volunteerCapacity\":5,\"residentCapacity\":20}"), 201);
        String activityId = read(answer).get("activityId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> send(system, HttpMethod.GET, "/api/v1/activities/"
                + activityId + d, null).getStatusCode().value() == 200);
        return activityId;
    }

    void signUp(String activity, String participantId, String role) {
        assertStatus(send(system, HttpMethod.POST, "/api/v1/activities/" + activity + "/sign-ups" + d,
                "{\"participantId\":\"" + participantId + "\",\"role\":\"" + role + "\"}"), 200);
    }

    JsonNode view(String activity) {
        return read(send(system, HttpMethod.GET, "/api/v1/activities/" + activity + d, null));
    }

    String staff(String id, Role role, String unit, String ofDistrict) {
        return identity.token(id, role.name(), ofDistrict, unit, Scopes.forRole(role));
    }

    String resident(String account) {
        return identity.token(account, Role.RESIDENT.name(), district, null, Scopes.forRole(Role.RESIDENT));
    }

    String volunteerAccount(String account, String volunteerId) {
        return identity.sign(identity.claims(account, Role.VOLUNTEER.name(), district, null,
                Scopes.forRole(Role.VOLUNTEER)).claim("practice_volunteer", volunteerId).build());
    }

    ResponseEntity<String> assertStatus(ResponseEntity<String> answer, int status) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
        return answer;
    }

    void assertProblem(ResponseEntity<String> answer, int status, String type) {
        assertStatus(answer, status);
        assertThat(read(answer).path("type").asText()).as(answer.getBody()).endsWith("/" + type);
    }

    JsonNode read(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody() == null ? "{}" : response.getBody());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    ResponseEntity<String> send(String token, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }
}
