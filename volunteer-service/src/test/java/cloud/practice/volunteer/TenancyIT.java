package cloud.practice.volunteer;

import cloud.practice.volunteer.support.Http;
import cloud.practice.volunteer.support.PlatformTestBase;
import cloud.practice.volunteer.support.Registrations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

import static cloud.practice.volunteer.support.Registrations.uniquePhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Tenancy (issue 20, findings 3 and 9): a caller bound to district A addressing district B's volunteers, teams and
 * settings, and callers of one district addressing what is out of their scope. Objects they may not see answer
 * exactly as missing ones (same status, problem type and detail, the id aside); lists and settings of another
 * district are refused; a unit out of the registering caller's scope answers as an unknown unit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenancyIT extends PlatformTestBase {

    final String home = newDistrict("ten-a");
    final String other = newDistrict("ten-b");
    String foreignVolunteer;
    String foreignGrant;
    String foreignTeam;
    String plVolunteer;
    String yjVolunteer;
    Http foreignAdmin;
    Http foreignClient;
    Http foreignVolunteerCaller;

    @BeforeAll
    void twoDistricts() {
        client();
        treeOf(home);
        treeOf(other);
        foreignVolunteer = register(other, Registrations.adult("杨外", uniquePhone(), "s-pl"));
        foreignGrant = http.read(http.post("/api/v1/volunteers/" + foreignVolunteer + "/honour-hours?district=" + other,
                Map.of("hours", 2, "reason", "补录"))).get("grantId").asText();
        foreignTeam = http.read(http.post("/api/v1/teams?district=" + other, Map.of("name", "外区关爱队",
                "unitId", "s-pl", "leaderVolunteerId", foreignVolunteer, "platforms", List.of("CARE"),
                "capacity", 5))).get("teamId").asText();
        awaitJson("/api/v1/teams/" + foreignTeam + "?district=" + other, node -> true);
        awaitJson("/api/v1/volunteers/" + foreignVolunteer + "/honour-hours/" + foreignGrant + "?district=" + other,
                node -> true);
        plVolunteer = register(home, Registrations.adult("周内", uniquePhone(), "s-pl"));
        yjVolunteer = register(home, Registrations.adult("吴内", uniquePhone(), "s-yj"));
        foreignAdmin = http.as("admin-a", "DISTRICT_ADMIN", home, "center");
        foreignClient = http.as("client-a", "SYSTEM", home, null);
        foreignVolunteerCaller = http.as(plVolunteer, "VOLUNTEER", home, null);
    }

    @Test
    void shouldAnswerAnotherDistrictsTeamExactlyAsAMissingOneWhenTheCallerIsBoundToDistrictA() {
        String b = "?district=" + other;
        assertSoftly(softly -> {
            for (Http caller : List.of(foreignAdmin, foreignClient, foreignVolunteerCaller)) {
                for (Call call : teamCalls()) {
                    ResponseEntity<String> existing = call.send(caller, foreignTeam, other);
                    ResponseEntity<String> missing = call.send(caller, "team-missing", other);
                    softly.assertThat(existing.getStatusCode().value()).as("%s: %s", call.what(), existing.getBody())
                            .isEqualTo(404);
                    softly.assertThat(shape(existing, foreignTeam)).as(call.what())
                            .isEqualTo(shape(missing, "team-missing"));
                }
            }
        });
        assertThat(http.read(http.get("/api/v1/teams/" + foreignTeam + b)).get("members")).as("unchanged").hasSize(1);
    }

    @Test
    void shouldRefuseAnotherDistrictsTeamListsAndStarThresholdsToACallerBoundToDistrictA() {
        String b = "?district=" + other;
        assertSoftly(softly -> {
            for (Http caller : List.of(foreignAdmin, foreignClient, foreignVolunteerCaller)) {
                for (String path : List.of("/api/v1/teams" + b, "/api/v1/teams" + b + "&unitId=s-pl",
                        "/api/v1/teams" + b + "&volunteerId=" + foreignVolunteer,
                        "/api/v1/teams" + b + "&includeDissolved=true&platform=CARE",
                        "/api/v1/volunteers/star-levels" + b, "/api/v1/volunteers" + b,
                        "/api/v1/volunteers/hour-totals" + b)) {
                    ResponseEntity<String> answer = caller.get(path);
                    softly.assertThat(answer.getStatusCode().value()).as("%s: %s", path, answer.getBody())
                            .isEqualTo(403);
                    softly.assertThat(answer.getBody()).as(path).contains("/problems/forbidden")
                            .doesNotContain("外区关爱队").doesNotContain(foreignVolunteer);
                }
            }
        });
        assertThat(http.read(http.get("/api/v1/teams?district=" + other)).get("total").asInt())
                .as("the district's own system client still lists them").isEqualTo(1);
    }

    @Test
    void shouldAnswerAnotherDistrictsVolunteerExactlyAsAMissingOneOnEveryVolunteerEndpoint() {
        String b = "?district=" + other;
        assertSoftly(softly -> {
            for (Http caller : List.of(foreignAdmin, foreignClient, foreignVolunteerCaller)) {
                for (Call call : volunteerCalls(foreignGrant)) {
                    ResponseEntity<String> existing = call.send(caller, foreignVolunteer, other);
                    ResponseEntity<String> missing = call.send(caller, "vol-missing", other);
                    softly.assertThat(existing.getStatusCode().value()).as("%s: %s", call.what(), existing.getBody())
                            .isEqualTo(404);
                    softly.assertThat(shape(existing, foreignVolunteer)).as(call.what())
                            .isEqualTo(shape(missing, "vol-missing"));
                }
            }
        });
        JsonNode still = http.read(http.get("/api/v1/volunteers/" + foreignVolunteer + b));
        assertThat(still.get("version").asLong()).as("nothing changed").isEqualTo(1);
        assertThat(still.get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void shouldAnswerAVolunteerOutOfTheCallersScopeExactlyAsAMissingOne() {
        String a = "?district=" + home;
        Http otherStation = http.as("admin-jly", "STATION_ADMIN", home, "s-jly");
        Http otherVolunteer = http.as(yjVolunteer, "VOLUNTEER", home, null);
        assertSoftly(softly -> {
            for (Http caller : List.of(otherStation, otherVolunteer)) {
                for (Call call : volunteerCalls("grant-missing")) {
                    ResponseEntity<String> existing = call.send(caller, plVolunteer, home);
                    ResponseEntity<String> missing = call.send(caller, "vol-missing", home);
                    softly.assertThat(existing.getStatusCode().value()).as("%s: %s", call.what(), existing.getBody())
                            .isEqualTo(404);
                    softly.assertThat(shape(existing, plVolunteer)).as(call.what())
                            .isEqualTo(shape(missing, "vol-missing"));
                }
            }
        });
        assertThat(http.read(http.get("/api/v1/volunteers/" + plVolunteer + a)).get("version").asLong())
                .as("nothing changed").isEqualTo(1);
        ResponseEntity<String> seenButRefused = http.as(plVolunteer, "VOLUNTEER", home, null).post(
                "/api/v1/volunteers/" + plVolunteer + "/deactivate" + a, Map.of());
        assertThat(seenButRefused.getStatusCode().value()).as("one who sees the volunteer may still be refused")
                .isEqualTo(403);
    }

    @Test
    void shouldAnswerAnUnknownAndAnOutOfScopeHomeUnitAlikeWhenRegistering() {
        Http station = http.as("admin-pl", "STATION_ADMIN", home, "s-pl");
        ResponseEntity<String> outOfScope = station.post(volunteers(home), Registrations.adult("甲", uniquePhone(), "s-yj"));
        ResponseEntity<String> unknown = station.post(volunteers(home), Registrations.adult("乙", uniquePhone(), "s-zz"));
        assertThat(outOfScope.getStatusCode().value()).as(outOfScope.getBody()).isEqualTo(422);
        assertThat(shape(outOfScope, "s-yj")).isEqualTo(shape(unknown, "s-zz"));
        assertThat(station.read(outOfScope).get("field").asText()).isEqualTo("homeUnitId");

        ResponseEntity<String> foreignExisting = foreignAdmin.post(volunteers(other),
                Registrations.adult("丙", uniquePhone(), "s-pl"));
        ResponseEntity<String> foreignUnknown = foreignAdmin.post(volunteers(other),
                Registrations.adult("丁", uniquePhone(), "s-zz"));
        assertThat(foreignExisting.getStatusCode().value()).as(foreignExisting.getBody()).isEqualTo(403);
        assertThat(shape(foreignExisting, "s-pl")).isEqualTo(shape(foreignUnknown, "s-zz"));

        ResponseEntity<String> teamOutOfScope = station.post("/api/v1/teams?district=" + home, Map.of("name", "队",
                "unitId", "s-yj", "platforms", List.of("CARE"), "capacity", 5));
        ResponseEntity<String> teamUnknown = station.post("/api/v1/teams?district=" + home, Map.of("name", "队",
                "unitId", "s-zz", "platforms", List.of("CARE"), "capacity", 5));
        assertThat(teamOutOfScope.getStatusCode().value()).as(teamOutOfScope.getBody()).isEqualTo(422);
        assertThat(shape(teamOutOfScope, "s-yj")).isEqualTo(shape(teamUnknown, "s-zz"));

        String preview = "/api/v1/matching/candidates?district=" + other + "&platform=CARE&responsibleUnitId=";
        ResponseEntity<String> previewExisting = foreignAdmin.get(preview + "s-pl");
        ResponseEntity<String> previewUnknown = foreignAdmin.get(preview + "s-zz");
        assertThat(previewExisting.getStatusCode().value()).as(previewExisting.getBody()).isEqualTo(403);
        assertThat(shape(previewExisting, "s-pl")).isEqualTo(shape(previewUnknown, "s-zz"));
    }

    @Test
    void shouldRefuseAPageBeyondTheBoundNamingPageOnEveryList() {
        String tail = "&page=2147483647&size=500";
        assertSoftly(softly -> {
            for (String path : List.of(volunteers(home) + tail, "/api/v1/teams?district=" + home + tail,
                    "/api/v1/volunteers/" + plVolunteer + "/hours/entries?district=" + home + tail)) {
                ResponseEntity<String> answer = http.get(path);
                softly.assertThat(answer.getStatusCode().value()).as("%s: %s", path, answer.getBody()).isEqualTo(400);
                softly.assertThat(answer.getBody()).as(path).contains("\"field\":\"page\"");
            }
        });
    }

    /** What a refusal shows, with the id asked for taken out: status, type, title, detail and properties. */
    private String shape(ResponseEntity<String> answer, String id) {
        ObjectNode problem = (ObjectNode) http.read(answer);
        problem.remove("instance");
        problem.remove("correlationId");
        return answer.getStatusCode().value() + " " + answer.getHeaders().getContentType() + " "
                + problem.toString().replace(id, "<id>");
    }

    record Call(String what, HttpMethod method, String suffix, Object body) {
        ResponseEntity<String> send(Http caller, String id, String district) {
            String path = suffix.replace("{id}", id);
            path += (path.contains("?") ? "&district=" : "?district=") + district;
            return caller.exchange(method, path, body, body == null ? null : MediaType.APPLICATION_JSON_VALUE);
        }
    }

    private List<Call> teamCalls() {
        String t = "/api/v1/teams/{id}";
        return List.of(
                new Call("read", HttpMethod.GET, t, null),
                new Call("join", HttpMethod.POST, t + "/members", Map.of("volunteerId", foreignVolunteer)),
                new Call("join as myself", HttpMethod.POST, t + "/members", Map.of("volunteerId", plVolunteer)),
                new Call("leave", HttpMethod.POST, t + "/members/" + foreignVolunteer + "/leave", null),
                new Call("leave as myself", HttpMethod.POST, t + "/members/" + plVolunteer + "/leave", null),
                new Call("remove", HttpMethod.DELETE, t + "/members/" + foreignVolunteer, null),
                new Call("leader", HttpMethod.PUT, t + "/leader", Map.of("leaderVolunteerId", foreignVolunteer)),
                new Call("dissolve", HttpMethod.POST, t + "/dissolve", Map.of("reason", "x")));
    }

    private static List<Call> volunteerCalls(String grant) {
        String v = "/api/v1/volunteers/{id}";
        return List.of(
                new Call("read", HttpMethod.GET, v, null),
                new Call("personal data", HttpMethod.PUT, v + "/personal-data",
                        Map.of("name", "某人", "phone", uniquePhone(), "birthDate", "1990-05-04")),
                new Call("home unit", HttpMethod.PUT, v + "/home-unit", Map.of("homeUnitId", "s-pl")),
                new Call("skills", HttpMethod.PUT, v + "/skills", Map.of("skills", List.of())),
                new Call("languages", HttpMethod.PUT, v + "/languages", Map.of("languages", List.of("en"))),
                new Call("availability", HttpMethod.PUT, v + "/availability",
                        Map.of("availability", List.of(), "unavailableDates", List.of())),
                new Call("consent", HttpMethod.PUT, v + "/contact-consent", Map.of("contactConsent", false)),
                new Call("pause", HttpMethod.POST, v + "/pause", Map.of()),
                new Call("resume", HttpMethod.POST, v + "/resume", Map.of()),
                new Call("deactivate", HttpMethod.POST, v + "/deactivate", Map.of()),
                new Call("reactivate", HttpMethod.POST, v + "/reactivate", Map.of()),
                new Call("erase", HttpMethod.POST, v + "/erase", null),
                new Call("hours", HttpMethod.GET, v + "/hours", null),
                new Call("entries", HttpMethod.GET, v + "/hours/entries", null),
                new Call("honour audit", HttpMethod.GET, v + "/honour-hours", null),
                new Call("grant", HttpMethod.POST, v + "/honour-hours", Map.of("hours", 1, "reason", "x")),
                new Call("read a grant", HttpMethod.GET, v + "/honour-hours/" + grant, null),
                new Call("revoke", HttpMethod.POST, v + "/honour-hours/" + grant + "/revoke", Map.of("reason", "x")),
                new Call("service record", HttpMethod.GET, v + "/service-record", null),
                new Call("service record csv", HttpMethod.GET, v + "/service-record?format=csv", null));
    }

    private static String volunteers(String district) {
        return "/api/v1/volunteers?district=" + district;
    }
}
