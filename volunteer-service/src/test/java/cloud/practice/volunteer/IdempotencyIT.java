package cloud.practice.volunteer;

import cloud.practice.volunteer.support.Http;
import cloud.practice.volunteer.support.PlatformTestBase;
import cloud.practice.volunteer.support.Registrations;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cloud.practice.volunteer.support.Registrations.uniquePhone;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency keys (issue 20, finding 5) as volunteer-service uses them: the access check runs before any replay, so
 * a key another caller used — even one with the same user id in another district, or the same person after their
 * scope changed — gets that caller's own answer, never the first caller's 201; and a key used for another resource
 * (honour hours for another volunteer) creates that resource instead of replaying the first.
 */
class IdempotencyIT extends PlatformTestBase {

    @Test
    void shouldCheckAccessBeforeReplayingWhenAnotherCallerSendsTheSameKeyAndBody() {
        String home = newDistrict("idem-a");
        String elsewhere = newDistrict("idem-b");
        treeOf(home);
        treeOf(elsewhere);
        String target = register(home, Registrations.adult("林一", uniquePhone(), "s-pl"));
        Http admin = http.as("admin-x", "DISTRICT_ADMIN", home, "center");
        Http sameIdElsewhere = http.as("admin-x", "DISTRICT_ADMIN", elsewhere, "center");
        Http sameIdNarrowed = http.as("admin-x", "STATION_ADMIN", home, "s-yj");
        Http anotherAdmin = http.as("admin-y", "DISTRICT_ADMIN", elsewhere, "center");

        String registerKey = "reg-" + UUID.randomUUID();
        Map<String, Object> registration = Registrations.adult("林二", uniquePhone(), "s-pl");
        String registerPath = "/api/v1/volunteers?district=" + home;
        ResponseEntity<String> first = admin.with("Idempotency-Key", registerKey).post(registerPath, registration);
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
        ResponseEntity<String> replay = admin.with("Idempotency-Key", registerKey).post(registerPath, registration);
        assertThat(replay.getHeaders().getFirst("Idempotent-Replayed")).as("the same caller replays").isEqualTo("true");
        long registrations = appended("VolunteerRegistered");
        assertNotReplayed(sameIdElsewhere.with("Idempotency-Key", registerKey).post(registerPath, registration), 403);
        assertNotReplayed(anotherAdmin.with("Idempotency-Key", registerKey).post(registerPath, registration), 403);
        assertNotReplayed(sameIdNarrowed.with("Idempotency-Key", registerKey).post(registerPath, registration), 422);

        String teamKey = "team-" + UUID.randomUUID();
        Map<String, Object> team = Map.of("name", "林荫服务队", "unitId", "s-pl", "platforms", List.of("CARE"),
                "capacity", 5);
        String teamPath = "/api/v1/teams?district=" + home;
        ResponseEntity<String> formed = admin.with("Idempotency-Key", teamKey).post(teamPath, team);
        assertThat(formed.getStatusCode().value()).as(formed.getBody()).isEqualTo(201);
        long teams = appended("TeamFormed");
        assertNotReplayed(sameIdElsewhere.with("Idempotency-Key", teamKey).post(teamPath, team), 403);
        assertNotReplayed(sameIdNarrowed.with("Idempotency-Key", teamKey).post(teamPath, team), 422);

        String grantKey = "grant-" + UUID.randomUUID();
        Map<String, Object> grant = Map.of("hours", 2, "reason", "补录");
        String grantPath = "/api/v1/volunteers/" + target + "/honour-hours?district=" + home;
        ResponseEntity<String> granted = admin.with("Idempotency-Key", grantKey).post(grantPath, grant);
        assertThat(granted.getStatusCode().value()).as(granted.getBody()).isEqualTo(201);
        assertNotReplayed(sameIdElsewhere.with("Idempotency-Key", grantKey).post(grantPath, grant), 404);
        assertNotReplayed(sameIdNarrowed.with("Idempotency-Key", grantKey).post(grantPath, grant), 404);

        assertThat(appended("VolunteerRegistered")).as("no registration after the first").isEqualTo(registrations);
        assertThat(appended("TeamFormed")).as("no team after the first").isEqualTo(teams);
        assertThat(grantsIn("hours-" + target)).as("one grant").isEqualTo(1);
    }

    /** Events of a type in the store (ITs run one after another, so nothing else appends meanwhile). */
    private long appended(String type) {
        return mongo.getDb().getCollection("domain_events").countDocuments(regex("payloadType", type + "$"));
    }

    /** Grants appended to a ledger (the event store is written before the 201, so this needs no waiting). */
    private long grantsIn(String ledger) {
        return mongo.getDb().getCollection("domain_events").countDocuments(and(eq("aggregateIdentifier", ledger),
                regex("payloadType", "HonourHoursGranted$")));
    }

    @Test
    void shouldGrantAgainWhenTheSameKeyNamesAnotherVolunteer() {
        String district = newDistrict("idem-path");
        treeOf(district);
        String first = register(district, Registrations.adult("何一", uniquePhone(), "s-pl"));
        String second = register(district, Registrations.adult("何二", uniquePhone(), "s-pl"));
        Http admin = http.as("admin-h", "DISTRICT_ADMIN", district, "center").with("Idempotency-Key",
                "honour-" + UUID.randomUUID());
        Map<String, Object> grant = Map.of("hours", 3, "reason", "抗洪补录");

        ResponseEntity<String> toFirst = admin.post(grantPath(first, district), grant);
        ResponseEntity<String> toSecond = admin.post(grantPath(second, district), grant);

        assertThat(toFirst.getStatusCode().value()).as(toFirst.getBody()).isEqualTo(201);
        assertThat(toSecond.getStatusCode().value()).as(toSecond.getBody()).isEqualTo(201);
        assertThat(toSecond.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(http.read(toSecond).get("volunteerId").asText()).isEqualTo(second);
        awaitJson("/api/v1/volunteers/" + first + "/hours?district=" + district,
                node -> node.get("honourHours").asDouble() == 3.0);
        awaitJson("/api/v1/volunteers/" + second + "/hours?district=" + district,
                node -> node.get("honourHours").asDouble() == 3.0);
        assertThat(grantsIn("hours-" + second)).as("the second volunteer's ledger holds its own grant").isEqualTo(1);
        assertThat(grantsIn("hours-" + first)).isEqualTo(1);
    }

    private static String grantPath(String volunteer, String district) {
        return "/api/v1/volunteers/" + volunteer + "/honour-hours?district=" + district;
    }

    private void assertNotReplayed(ResponseEntity<String> answer, int status) {
        assertThat(answer.getHeaders().getFirst("Idempotent-Replayed")).as(answer.getBody()).isNull();
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
    }
}
