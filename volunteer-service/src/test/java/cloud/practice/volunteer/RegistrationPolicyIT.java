package cloud.practice.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.volunteer.VolunteerAccountLinked;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.testing.TopicReader;
import cloud.practice.volunteer.support.Http;
import cloud.practice.volunteer.support.PlatformTestBase;
import cloud.practice.volunteer.support.Registrations;
import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cloud.practice.volunteer.support.Registrations.uniquePhone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who registers whom (issue 20, finding 9; issue 21): residents apply for themselves only — one application or
 * volunteer per account — and an application that collides with a registered phone or ID number gets one refusal
 * that does not say which; staff of the unit's subtree and machine clients register others at once, are told which
 * field collides, and may link the person's account with the consent they recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationPolicyIT extends PlatformTestBase {

    static final LocalDate BORN = LocalDate.of(1990, 5, 4);

    final String district = newDistrict("reg");
    String takenPhone;
    String takenIdNumber;

    @BeforeAll
    void aRegisteredVolunteer() {
        client();
        treeOf(district);
        takenPhone = uniquePhone();
        takenIdNumber = Registrations.idNumber(BORN, 701);
        register(district, Registrations.registration(Registrations.personal("许一", takenPhone, BORN, takenIdNumber),
                "s-pl"));
    }

    @Test
    void shouldLinkTheAccountAndRecordTheConsentWhenStaffRegisterSomeoneWithTheirConsent() {
        String account = "acct-" + UUID.randomUUID();
        Http admin = http.as("admin-pl", "STATION_ADMIN", district, "s-pl");
        ResponseEntity<String> created = admin.post(volunteers(), linked(Registrations.adult("许二", uniquePhone(),
                "s-pl"), account));
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        assertThat(http.read(created).has("status")).as("a registration, no application: no status").isFalse();
        String volunteer = http.read(created).get("volunteerId").asText();

        JsonNode view = awaitVolunteer(district, volunteer, node -> node.has("accountId"));
        assertThat(view.get("accountId").asText()).isEqualTo(account);
        assertThat(view.get("status").asText()).as("registered at once, no approval").isEqualTo("ACTIVE");
        JsonNode masked = http.read(http.as("analyst-1", "ANALYST", district, "center")
                .get("/api/v1/volunteers/" + volunteer + "?district=" + district));
        assertThat(masked.has("accountId")).as("the link is shown with the personal data only").isFalse();
        JsonNode byAdmin = awaitVolunteer(district, register(district, Registrations.adult("许三", uniquePhone(),
                "s-pl")), node -> true);
        assertThat(byAdmin.has("accountId")).as("staff registrations without consent belong to no account").isFalse();

        Document consent = mongo.getDb().getCollection("domain_events").find(new Document("aggregateIdentifier",
                volunteer).append("payloadType", "cloud.practice.volunteer.registry.api.VolunteerInternalEvents$"
                + "AccountLinkConsentRecorded")).first();
        assertThat(consent).as("the consent is recorded").isNotNull();
        assertThat(payload(consent)).contains("\"recordedBy\":\"admin-pl\"").contains("PAPER_FORM");
        CloudEventCodec codec = new CloudEventCodec();
        VolunteerAccountLinked link = (VolunteerAccountLinked) codec.decode(TopicReader.read(
                Context.VOLUNTEER.topic(), record -> volunteer.equals(record.key())
                        && codec.decode(record).payload() instanceof VolunteerAccountLinked, 1, PATIENCE)
                .get(0)).payload();
        assertThat(link.accountId()).isEqualTo(account);

        ResponseEntity<String> applying = resident(account).post(volunteers(), Registrations.adult("许二",
                uniquePhone(), "s-pl"));
        assertThat(type(applying)).as(applying.getBody()).isEqualTo("already-registered");
        ResponseEntity<String> linkedTwice = admin.post(volunteers(), linked(Registrations.adult("许二",
                uniquePhone(), "s-pl"), account));
        assertThat(linkedTwice.getStatusCode().value()).as(linkedTwice.getBody()).isEqualTo(409);
        assertThat(type(linkedTwice)).isEqualTo("already-registered");
    }

    @Test
    void shouldRefuseASecondApplicationAndAStaffLinkWhileAnApplicationIsPending() {
        String account = "res-" + UUID.randomUUID();
        Http resident = resident(account);
        ResponseEntity<String> first = resident.post(volunteers(), Registrations.adult("许四", uniquePhone(), "s-pl"));
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
        awaitJson("/api/v1/volunteers/applications/" + http.read(first).get("volunteerId").asText() + "?district="
                + district, node -> true);
        long applications = appended("VolunteerApplied");
        long registrations = appended("VolunteerRegistered");

        ResponseEntity<String> second = resident.post(volunteers(), Registrations.adult("许五", uniquePhone(), "s-jly"));
        ResponseEntity<String> byStaff = http.post(volunteers(), linked(Registrations.adult("许五", uniquePhone(),
                "s-jly"), account));

        for (ResponseEntity<String> refused : List.of(second, byStaff)) {
            assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(409);
            assertThat(type(refused)).isEqualTo("application-pending");
        }
        assertThat(appended("VolunteerApplied")).isEqualTo(applications);
        assertThat(appended("VolunteerRegistered")).isEqualTo(registrations);
    }

    @Test
    void shouldRefuseAVolunteerRegisteringASecondRecordForThemselves() {
        String volunteer = register(district, Registrations.adult("许六", uniquePhone(), "s-pl"));
        ResponseEntity<String> again = http.as(volunteer, "VOLUNTEER", district, null).post(volunteers(),
                Registrations.adult("许六", uniquePhone(), "s-pl"));
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(409);
        assertThat(type(again)).isEqualTo("already-registered");
    }

    @Test
    void shouldRefuseAResidentsCollidingApplicationWithoutNamingTheField() {
        long applications = appended("VolunteerApplied");
        Http resident = resident("res-" + UUID.randomUUID());
        ResponseEntity<String> byPhone = resident.post(volunteers(), Registrations.registration(
                Registrations.personal("许七", takenPhone, BORN, null), "s-pl"));
        ResponseEntity<String> byIdNumber = resident.post(volunteers(), Registrations.registration(
                Registrations.personal("许七", uniquePhone(), BORN, takenIdNumber), "s-pl"));

        assertThat(byPhone.getStatusCode().value()).as(byPhone.getBody()).isEqualTo(409);
        assertThat(type(byPhone)).isEqualTo("registration-refused");
        assertThat(byPhone.getBody()).as("which field matched stays unsaid").isEqualTo(byIdNumber.getBody())
                .doesNotContain("field").doesNotContain("phone").doesNotContain("ID number");
        assertThat(appended("VolunteerApplied")).isEqualTo(applications);

        ResponseEntity<String> fresh = resident.post(volunteers(), Registrations.registration(
                Registrations.personal("许七", uniquePhone(), BORN, null), "s-pl"));
        assertThat(fresh.getStatusCode().value()).as("a refused attempt does not use up the account")
                .isEqualTo(201);
    }

    @Test
    void shouldNameTheCollidingFieldWhenStaffOrTheSystemRegister() {
        ResponseEntity<String> byAdmin = http.as("admin-pl", "STATION_ADMIN", district, "s-pl").post(volunteers(),
                Registrations.registration(Registrations.personal("许八", takenPhone, BORN, null), "s-pl"));
        ResponseEntity<String> bySystem = http.post(volunteers(), Registrations.registration(
                Registrations.personal("许八", uniquePhone(), BORN, takenIdNumber), "s-pl"));

        assertThat(byAdmin.getStatusCode().value()).as(byAdmin.getBody()).isEqualTo(409);
        assertThat(type(byAdmin)).isEqualTo("duplicate-volunteer");
        assertThat(http.read(byAdmin).get("field").asText()).isEqualTo("phone");
        assertThat(type(bySystem)).isEqualTo("duplicate-volunteer");
        assertThat(http.read(bySystem).get("field").asText()).isEqualTo("idNumber");
    }

    /** A registration linking the person's account, with the consent staff recorded on paper. */
    private static Map<String, Object> linked(Map<String, Object> registration, String account) {
        registration.put("accountId", account);
        registration.put("consent", Map.of("method", "PAPER_FORM", "recordedAt", "2026-03-01T10:00:00+08:00"));
        return registration;
    }

    private static String payload(Document event) {
        return event.get("payload") instanceof org.bson.types.Binary binary
                ? new String(binary.getData(), StandardCharsets.UTF_8) : String.valueOf(event.get("payload"));
    }

    private Http resident(String account) {
        return http.as(account, "RESIDENT", district, null);
    }

    private String type(ResponseEntity<String> answer) {
        String type = http.read(answer).path("type").asText();
        return type.substring(type.lastIndexOf('/') + 1);
    }

    /** Events of a type in the store (ITs run one after another, so nothing else appends meanwhile). */
    private long appended(String type) {
        return mongo.getDb().getCollection("domain_events").countDocuments(
                com.mongodb.client.model.Filters.regex("payloadType", type + "$"));
    }

    private String volunteers() {
        return "/api/v1/volunteers?district=" + district;
    }
}
