package cloud.practice.volunteer;

import cloud.practice.volunteer.support.Http;
import cloud.practice.volunteer.support.PlatformTestBase;
import cloud.practice.volunteer.support.Registrations;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.ResponseEntity;

import java.time.LocalDate;
import java.util.UUID;

import static cloud.practice.volunteer.support.Registrations.uniquePhone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who registers whom (issue 20, finding 9): residents register themselves only — the registration is linked to
 * their account, one per account — and a resident's registration that collides with a registered phone or ID
 * number gets one refusal that does not say which; staff of the unit's subtree and machine clients register others
 * and are told which field collides.
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
    void shouldLinkAResidentsRegistrationToTheirOwnAccount() {
        String account = "res-" + UUID.randomUUID();
        ResponseEntity<String> created = resident(account).post(volunteers(), Registrations.adult("许二", uniquePhone(),
                "s-yj"));
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        String volunteer = http.read(created).get("volunteerId").asText();

        JsonNode view = awaitVolunteer(district, volunteer, node -> node.has("accountId"));
        assertThat(view.get("accountId").asText()).isEqualTo(account);
        JsonNode masked = http.read(http.as("analyst-1", "ANALYST", district, "center")
                .get("/api/v1/volunteers/" + volunteer + "?district=" + district));
        assertThat(masked.has("accountId")).as("the link is shown with the personal data only").isFalse();
        JsonNode byAdmin = awaitVolunteer(district, register(district, Registrations.adult("许三", uniquePhone(),
                "s-pl")), node -> true);
        assertThat(byAdmin.has("accountId")).as("staff registrations belong to no account").isFalse();
    }

    @Test
    void shouldRefuseASecondRegistrationOfOneResidentAccount() {
        Http resident = resident("res-" + UUID.randomUUID());
        ResponseEntity<String> first = resident.post(volunteers(), Registrations.adult("许四", uniquePhone(), "s-pl"));
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
        long registrations = appended("VolunteerRegistered");

        ResponseEntity<String> second = resident.post(volunteers(), Registrations.adult("许五", uniquePhone(), "s-jly"));

        assertThat(second.getStatusCode().value()).as(second.getBody()).isEqualTo(409);
        assertThat(type(second)).isEqualTo("already-registered");
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
    void shouldRefuseAResidentsCollidingRegistrationWithoutNamingTheField() {
        long registrations = appended("VolunteerRegistered");
        Http resident = resident("res-" + UUID.randomUUID());
        ResponseEntity<String> byPhone = resident.post(volunteers(), Registrations.registration(
                Registrations.personal("许七", takenPhone, BORN, null), "s-pl"));
        ResponseEntity<String> byIdNumber = resident.post(volunteers(), Registrations.registration(
                Registrations.personal("许七", uniquePhone(), BORN, takenIdNumber), "s-pl"));

        assertThat(byPhone.getStatusCode().value()).as(byPhone.getBody()).isEqualTo(409);
        assertThat(type(byPhone)).isEqualTo("registration-refused");
        assertThat(byPhone.getBody()).as("which field matched stays unsaid").isEqualTo(byIdNumber.getBody())
                .doesNotContain("field").doesNotContain("phone").doesNotContain("ID number");
        assertThat(appended("VolunteerRegistered")).isEqualTo(registrations);

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
