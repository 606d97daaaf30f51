package cloud.practice.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.volunteer.VolunteerAccountLinked;
import cloud.practice.events.volunteer.VolunteerRegistered;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.testing.TestIdentity;
import cloud.practice.testing.TopicReader;
import cloud.practice.volunteer.support.Http;
import cloud.practice.volunteer.support.PlatformTestBase;
import cloud.practice.volunteer.support.Registrations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cloud.practice.volunteer.support.Registrations.uniquePhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * Approval (审核) of people's own applications, through the API: a resident's application is pending and invisible to
 * every other service until the station of its subtree approves it; a refusal's reason reaches the applicant, who may
 * apply again; an application can be withdrawn and its personal data goes. Reviewers out of the subtree see nothing
 * (404 as missing), non-staff are refused (403).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicationIT extends PlatformTestBase {

    final String district = newDistrict("apply");
    final CloudEventCodec codec = new CloudEventCodec();
    Http station;
    Http otherStation;

    @BeforeAll
    void tree() {
        client();
        treeOf(district);
        station = http.as("admin-pl", "STATION_ADMIN", district, "s-pl");
        otherStation = http.as("admin-yj", "STATION_ADMIN", district, "s-yj");
    }

    @Test
    void shouldPublishNothingUntilTheStationApprovesAndThenTheRegistrationAndTheAccountLink() {
        String account = "res-" + UUID.randomUUID();
        Http resident = resident(account);
        ResponseEntity<String> applied = resident.post(volunteers(), Registrations.adult("柳一", uniquePhone(), "s-pl"));
        assertThat(applied.getStatusCode().value()).as(applied.getBody()).isEqualTo(201);
        assertThat(http.read(applied).get("status").asText()).isEqualTo("PENDING");
        String id = http.read(applied).get("volunteerId").asText();

        JsonNode mine = awaitMine(resident, node -> node.get("state").asText().equals("PENDING"));
        assertThat(mine.get("volunteerId").asText()).isEqualTo(id);
        assertThat(http.get("/api/v1/volunteers/" + id + d()).getStatusCode().value())
                .as("an applicant is no volunteer").isEqualTo(404);
        assertThat(http.read(http.get(volunteers())).get("items")).extracting(node -> node.get("volunteerId").asText())
                .doesNotContain(id);

        // Everything appended before a later volunteer's registration is on the topic once that one is.
        String later = register(district, Registrations.adult("柳二", uniquePhone(), "s-pl"));
        TopicReader.read(Context.VOLUNTEER.topic(), record -> later.equals(record.key()), 1, PATIENCE);
        assertThat(TopicReader.all(Context.VOLUNTEER.topic(), record -> id.equals(record.key())))
                .as("nothing of a pending application reaches Kafka").isEmpty();

        JsonNode queue = http.read(station.get("/api/v1/volunteers/applications" + d() + "&status=PENDING"));
        JsonNode listed = find(queue, id);
        assertThat(listed.get("maskedName").asText()).isEqualTo("柳*");
        assertThat(listed.has("personal")).as("lists are masked").isFalse();
        assertThat(listed.get("availability").toString()).as("when the applicant can serve, for the reviewer")
                .isEqualTo("[{\"day\":\"SATURDAY\",\"from\":\"09:00\",\"to\":\"12:00\"}]");
        assertThat(listed.get("unavailableDates").size()).isZero();
        ResponseEntity<String> review = station.get("/api/v1/volunteers/applications/" + id + d());
        JsonNode reviewed = http.read(review);
        assertThat(reviewed.get("personal").get("name").asText()).isEqualTo("柳一");
        assertThat(reviewed.get("accountId").asText()).isEqualTo(account);
        assertThat(listed.get("version")).as("the list and the review show one version").isEqualTo(reviewed.get("version"));

        // Decided on the version the reviewer read (its ETag): the application's version is the record's.
        ResponseEntity<String> approved = station.exchange(HttpMethod.POST, approval(id), Map.of("decision", "APPROVE"),
                MediaType.APPLICATION_JSON_VALUE, Map.of(HttpHeaders.IF_MATCH, review.getHeaders().getETag()));
        assertThat(approved.getStatusCode().value()).as(approved.getBody()).isEqualTo(200);
        assertThat(http.read(approved).get("status").asText()).isEqualTo("APPROVED");
        ResponseEntity<String> again = station.post(approval(id), Map.of("decision", "REFUSE", "reason", "再想想"));
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(409);
        assertThat(type(again)).isEqualTo("already-decided");

        List<ConsumerRecord<String, byte[]>> published = TopicReader.read(Context.VOLUNTEER.topic(),
                record -> id.equals(record.key()), 2, PATIENCE);
        assertThat(published).extracting(record -> codec.decode(record).payload().getClass().getSimpleName())
                .containsExactly(VolunteerRegistered.class.getSimpleName(), VolunteerAccountLinked.class.getSimpleName());
        VolunteerAccountLinked link = (VolunteerAccountLinked) codec.decode(published.get(1)).payload();
        assertThat(link.accountId()).isEqualTo(account);
        assertThat(link.districtId()).isEqualTo(district);

        JsonNode volunteer = awaitVolunteer(district, id, node -> node.has("accountId"));
        assertThat(volunteer.get("accountId").asText()).isEqualTo(account);
        JsonNode registered = awaitMine(resident, node -> node.get("state").asText().equals("REGISTERED")
                && node.has("volunteer"));
        assertThat(registered.get("volunteer").get("personal").get("name").asText()).isEqualTo("柳一");
        ResponseEntity<String> secondApplication = resident.post(volunteers(),
                Registrations.adult("柳一", uniquePhone(), "s-pl"));
        assertThat(type(secondApplication)).as(secondApplication.getBody()).isEqualTo("already-registered");
    }

    @Test
    void shouldShowTheReasonOfARefusalAndLetTheApplicantApplyAgain() {
        Http resident = resident("res-" + UUID.randomUUID());
        String phone = uniquePhone();
        String first = apply(resident, Registrations.adult("柳三", phone, "s-pl"));
        ResponseEntity<String> pendingAgain = resident.post(volunteers(), Registrations.adult("柳三", uniquePhone(),
                "s-pl"));
        assertThat(pendingAgain.getStatusCode().value()).as(pendingAgain.getBody()).isEqualTo(409);
        assertThat(type(pendingAgain)).isEqualTo("application-pending");

        ResponseEntity<String> noReason = station.post(approval(first), Map.of("decision", "REFUSE"));
        assertThat(noReason.getStatusCode().value()).as(noReason.getBody()).isEqualTo(400);
        assertThat(http.read(noReason).get("field").asText()).isEqualTo("reason");
        ResponseEntity<String> refused = station.post(approval(first), Map.of("decision", "REFUSE",
                "reason", "请先参加站点的志愿者培训"));
        assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(200);

        JsonNode mine = awaitMine(resident, node -> node.get("state").asText().equals("REFUSED"));
        assertThat(mine.get("reason").asText()).isEqualTo("请先参加站点的志愿者培训");
        assertThat(mine.get("volunteerId").asText()).isEqualTo(first);

        String second = apply(resident, Registrations.adult("柳三", phone, "s-pl"));
        assertThat(second).isNotEqualTo(first);
        JsonNode pending = awaitMine(resident, node -> node.get("volunteerId").asText().equals(second));
        assertThat(pending.get("state").asText()).isEqualTo("PENDING");
        assertThat(pending.has("reason")).isFalse();
    }

    @Test
    void shouldAnswerOtherSubtreesAsMissingAndRefuseNonStaffWhenDeciding() {
        String account = "res-" + UUID.randomUUID();
        Http resident = resident(account);
        String id = apply(resident, Registrations.adult("柳四", uniquePhone(), "s-pl"));
        awaitJson("/api/v1/volunteers/applications/" + id + d(), node -> true);
        long decisions = appended("VolunteerApplication");

        assertSoftly(softly -> {
            for (String path : List.of(approval(id), "/api/v1/volunteers/applications/" + id + d())) {
                String missingPath = path.replace(id, "vol-missing");
                ResponseEntity<String> existing = path.contains("approval")
                        ? otherStation.post(path, Map.of("decision", "APPROVE")) : otherStation.get(path);
                ResponseEntity<String> missing = path.contains("approval")
                        ? otherStation.post(missingPath, Map.of("decision", "APPROVE")) : otherStation.get(missingPath);
                softly.assertThat(existing.getStatusCode().value()).as("%s: %s", path, existing.getBody())
                        .isEqualTo(404);
                softly.assertThat(shape(existing, id)).as(path).isEqualTo(shape(missing, "vol-missing"));
            }
            softly.assertThat(http.read(otherStation.get("/api/v1/volunteers/applications" + d())).get("items"))
                    .extracting(node -> node.get("volunteerId").asText()).doesNotContain(id);
            Http volunteerCaller = http.as(register(district, Registrations.adult("柳五", uniquePhone(), "s-pl")),
                    "VOLUNTEER", district, null);
            Http analyst = http.as("analyst-1", "ANALYST", district, "center");
            Http subcenter = http.as("sub-1", "SUBCENTER_ADMIN", district, "i-jl");
            for (Http caller : List.of(resident, resident("res-other"), volunteerCaller, analyst, subcenter)) {
                ResponseEntity<String> decided = caller.post(approval(id), Map.of("decision", "APPROVE"));
                softly.assertThat(decided.getStatusCode().value()).as(decided.getBody()).isEqualTo(403);
            }
            for (Http caller : List.of(volunteerCaller, analyst, subcenter)) {
                ResponseEntity<String> listed = caller.get("/api/v1/volunteers/applications" + d());
                softly.assertThat(listed.getStatusCode().value()).as(listed.getBody()).isEqualTo(403);
            }
        });
        assertThat(appended("VolunteerApplication")).as("nobody decided").isEqualTo(decisions);
        assertThat(http.as("admin-jl", "INSTITUTE_ADMIN", district, "i-jl").post(approval(id),
                Map.of("decision", "APPROVE")).getStatusCode().value()).as("the institute above decides").isEqualTo(200);
    }

    @Test
    void shouldEraseTheApplicantsDataWhenTheyWithdrawTheirApplication() {
        String account = "res-" + UUID.randomUUID();
        Http resident = resident(account);
        String phone = uniquePhone();
        LocalDate born = LocalDate.of(1991, 7, 8);
        String idNumber = Registrations.idNumber(born, 588);
        String id = apply(resident, Registrations.registration(Registrations.personal("欧阳柳六", phone, born, idNumber),
                "s-pl"));
        awaitJson("/api/v1/volunteers/applications/" + id + d(), node -> node.has("personal"));
        List<String> secrets = List.of("欧阳柳六", phone, idNumber);
        assertThat(collectionsHolding(secrets)).as("the scan sees the applicant's data").isNotEmpty();

        ResponseEntity<String> byStranger = resident("res-stranger").post("/api/v1/volunteers/" + id + "/erase" + d(),
                null);
        assertThat(byStranger.getStatusCode().value()).as(byStranger.getBody()).isEqualTo(404);
        ResponseEntity<String> withdrawn = resident.post("/api/v1/volunteers/" + id + "/erase" + d(), null);
        assertThat(withdrawn.getStatusCode().value()).as(withdrawn.getBody()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> resident.get("/api/v1/volunteers/me" + d()).getStatusCode().value() == 404);
        await().atMost(PATIENCE).until(() -> collectionsHolding(secrets).isEmpty());
        JsonNode erased = http.read(http.get("/api/v1/volunteers/applications/" + id + d()));
        assertThat(erased.get("status").asText()).isEqualTo("ERASED");
        assertThat(erased.has("maskedName")).isFalse();
        assertThat(erased.get("availability").size()).as("nothing of the applicant is kept").isZero();
        assertThat(station.post(approval(id), Map.of("decision", "APPROVE")).getStatusCode().value())
                .as("an erased application cannot be approved").isEqualTo(409);
        assertThat(http.post(volunteers(), Registrations.registration(Registrations.personal("欧阳柳六", phone, born,
                idNumber), "s-pl")).getStatusCode().value()).as("phone and ID number are free again").isEqualTo(201);
    }

    @Test
    void shouldActOnlyForTheVolunteerTheTokensClaimNames() {
        String id = register(district, Registrations.adult("柳七", uniquePhone(), "s-pl"));
        String other = register(district, Registrations.adult("柳八", uniquePhone(), "s-pl"));
        TestIdentity identity = TestIdentity.get();
        List<String> scopes = cloud.practice.support.security.Scopes.forRole(
                cloud.practice.support.security.Role.VOLUNTEER);
        // The subject names the record, the claim another volunteer: the claim decides.
        Http subjectOnly = http.with("Authorization", "Bearer " + identity.sign(identity.claims(id, "VOLUNTEER",
                district, null, scopes).claim("practice_volunteer", other).build()));
        Http byClaim = http.with("Authorization", "Bearer " + identity.sign(identity.claims("acct-" + UUID.randomUUID(),
                "VOLUNTEER", district, null, scopes).claim("practice_volunteer", id).build()));
        String v = "/api/v1/volunteers/" + id;

        assertSoftly(softly -> {
            softly.assertThat(subjectOnly.get(v + d()).getStatusCode().value()).isEqualTo(404);
            softly.assertThat(subjectOnly.put(v + "/skills" + d(), Map.of("skills", List.of())).getStatusCode()
                    .value()).isEqualTo(404);
            softly.assertThat(subjectOnly.get(v + "/hours" + d()).getStatusCode().value()).isEqualTo(404);
            softly.assertThat(subjectOnly.post(v + "/erase" + d(), null).getStatusCode().value()).isEqualTo(404);
        });
        assertThat(http.read(http.get(v + d())).get("version").asLong()).as("nothing changed").isEqualTo(1);

        JsonNode own = http.read(byClaim.get(v + d()));
        assertThat(own.get("personal").get("name").asText()).isEqualTo("柳七");
        assertThat(byClaim.put(v + "/languages" + d(), Map.of("languages", List.of("en"))).getStatusCode().value())
                .isEqualTo(200);
        JsonNode mine = http.read(byClaim.get("/api/v1/volunteers/me" + d()));
        assertThat(mine.get("state").asText()).isEqualTo("REGISTERED");
        assertThat(mine.get("volunteerId").asText()).isEqualTo(id);
        ResponseEntity<String> applyAgain = byClaim.post(volunteers(), Registrations.adult("柳七", uniquePhone(), "s-pl"));
        assertThat(type(applyAgain)).as(applyAgain.getBody()).isEqualTo("already-registered");
    }

    @Test
    void shouldLetASubcenterAdminReadTheDistrictMaskedButChangeNothing() {
        String id = register(district, Registrations.adult("柳九", uniquePhone(), "s-yj"));
        Http subcenter = http.as("sub-1", "SUBCENTER_ADMIN", district, "i-jl");
        // Even holding the write scope, the policy lets a sub-center change nothing.
        Http subcenterWriting = http.with("Authorization", "Bearer " + TestIdentity.get().token("sub-1",
                "SUBCENTER_ADMIN", district, "i-jl", List.of("volunteers:read", "volunteers:write")));
        String v = "/api/v1/volunteers/" + id;

        JsonNode read = http.read(subcenter.get(v + d()));
        assertThat(read.get("maskedName").asText()).isEqualTo("柳*");
        assertThat(read.has("personal")).as("masked").isFalse();
        assertThat(find(http.read(subcenter.get(volunteers() + "&size=500")), id)).as("the whole district").isNotNull();
        assertSoftly(softly -> {
            softly.assertThat(subcenter.get(v + "/hours" + d()).getStatusCode().value()).isEqualTo(200);
            softly.assertThat(subcenter.get("/api/v1/volunteers/hour-totals" + d()).getStatusCode().value())
                    .isEqualTo(200);
            ResponseEntity<String> byPhone = subcenter.get(volunteers() + "&phone=" + uniquePhone());
            softly.assertThat(byPhone.getStatusCode().value()).as("no look-up by phone").isEqualTo(403);
            softly.assertThat(type(byPhone)).isEqualTo("forbidden");
            for (ResponseEntity<String> change : List.of(
                    subcenterWriting.put(v + "/skills" + d(), Map.of("skills", List.of())),
                    subcenterWriting.post(v + "/pause" + d(), Map.of()),
                    subcenterWriting.post(v + "/deactivate" + d(), Map.of()),
                    subcenterWriting.post(v + "/erase" + d(), null),
                    subcenterWriting.post(v + "/honour-hours" + d(), Map.of("hours", 1, "reason", "x")),
                    subcenterWriting.post(volunteers(), Registrations.adult("柳十", uniquePhone(), "s-pl")),
                    subcenterWriting.get("/api/v1/volunteers/applications" + d()))) {
                softly.assertThat(change.getStatusCode().value()).as(change.getBody()).isEqualTo(403);
                softly.assertThat(type(change)).as(change.getBody()).isEqualTo("forbidden");
            }
        });
        assertThat(http.read(http.get(v + d())).get("version").asLong()).as("nothing changed").isEqualTo(1);
    }

    @Test
    void shouldGiveAGridWorkerNoVolunteerRightsBeyondAResidents() {
        String id = register(district, Registrations.adult("柳十一", uniquePhone(), "s-pl"));
        Http byDefault = http.as("grid-1", "GRID_WORKER", district, "s-pl");
        List<String> readAndWrite = List.of("volunteers:read", "volunteers:write");
        String account = "grid-" + UUID.randomUUID();
        Http withScopes = http.with("Authorization", "Bearer " + TestIdentity.get().token(account, "GRID_WORKER",
                district, "s-pl", readAndWrite));
        assertSoftly(softly -> {
            softly.assertThat(byDefault.get(volunteers()).getStatusCode().value()).isEqualTo(403);
            softly.assertThat(byDefault.post(volunteers(), Registrations.adult("柳十二", uniquePhone(), "s-pl"))
                    .getStatusCode().value()).as("the default scopes hold no volunteer rights").isEqualTo(403);
            for (String path : List.of(volunteers(), "/api/v1/volunteers/applications" + d(),
                    "/api/v1/volunteers/hour-totals" + d())) {
                ResponseEntity<String> answer = withScopes.get(path);
                softly.assertThat(answer.getStatusCode().value()).as("%s: %s", path, answer.getBody()).isEqualTo(403);
                softly.assertThat(type(answer)).as(path).isEqualTo("forbidden");
            }
            softly.assertThat(withScopes.get("/api/v1/volunteers/" + id + d()).getStatusCode().value())
                    .as("someone else's record is out of sight").isEqualTo(404);
            softly.assertThat(withScopes.post("/api/v1/volunteers/" + id + "/pause" + d(), Map.of())
                    .getStatusCode().value()).isEqualTo(404);
        });
        ResponseEntity<String> applied = withScopes.post(volunteers(), Registrations.adult("柳十三", uniquePhone(),
                "s-jly"));
        assertThat(applied.getStatusCode().value()).as(applied.getBody()).isEqualTo(201);
        assertThat(http.read(applied).get("status").asText()).as("like a resident: an application").isEqualTo("PENDING");
    }

    private String apply(Http resident, Map<String, Object> body) {
        ResponseEntity<String> applied = resident.post(volunteers(), body);
        assertThat(applied.getStatusCode().value()).as(applied.getBody()).isEqualTo(201);
        String id = http.read(applied).get("volunteerId").asText();
        awaitMine(resident, node -> node.get("volunteerId").asText().equals(id));
        return id;
    }

    private JsonNode awaitMine(Http person, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(PATIENCE).until(() -> {
            ResponseEntity<String> found = person.get("/api/v1/volunteers/me" + d());
            return found.getStatusCode().value() == 200 ? http.read(found) : null;
        }, node -> node != null && condition.test(node));
    }

    private static JsonNode find(JsonNode page, String id) {
        for (JsonNode item : page.get("items")) {
            if (item.get("volunteerId").asText().equals(id)) {
                return item;
            }
        }
        return null;
    }

    private Http resident(String account) {
        return http.as(account, "RESIDENT", district, null);
    }

    private String type(ResponseEntity<String> answer) {
        String type = http.read(answer).path("type").asText();
        return type.substring(type.lastIndexOf('/') + 1);
    }

    private String shape(ResponseEntity<String> answer, String id) {
        ObjectNode problem = (ObjectNode) http.read(answer);
        problem.remove("instance");
        problem.remove("correlationId");
        return answer.getStatusCode().value() + " " + problem.toString().replace(id, "<id>");
    }

    /** Events whose type name starts so (ITs run one after another, so nothing else appends meanwhile). */
    private long appended(String typePrefix) {
        return mongo.getDb().getCollection("domain_events").countDocuments(
                com.mongodb.client.model.Filters.regex("payloadType", "\\$" + typePrefix));
    }

    private java.util.Set<String> collectionsHolding(List<String> secrets) {
        java.util.Set<String> found = new java.util.TreeSet<>();
        for (String collection : mongo.getDb().listCollectionNames()) {
            for (Document document : mongo.getDb().getCollection(collection).find()) {
                String text = document.toJson();
                if (secrets.stream().anyMatch(text::contains)) {
                    found.add(collection);
                }
            }
        }
        return found;
    }

    private String approval(String id) {
        return "/api/v1/volunteers/" + id + "/approval" + d();
    }

    private String volunteers() {
        return "/api/v1/volunteers" + d();
    }

    private String d() {
        return "?district=" + district;
    }
}
