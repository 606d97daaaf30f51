package cloud.practice.request;

import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An activity fills to capacity exactly under concurrent sign-ups; attendance and closing work as published. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class ActivityCapacityIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    cloud.practice.request.directory.VolunteerDirectory volunteers;

    final String district = "act-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void shouldFillToCapacityExactlyUnderConcurrentSignUps() throws Exception {
        HierarchyFixture.publishTree(district);
        Instant start = Instant.now().plus(Duration.ofDays(2));
        String publish = json.writeValueAsString(Map.of("unitId", "s-pl", "platform", "CIVILIZATION",
                "title", "社区垃圾分类宣传", "place", "盘龙广场", "startsAt", start.toString(),
                "endsAt", start.plus(Duration.ofHours(2)).toString(), "volunteerCapacity", 10, "residentCapacity", 0));
        ResponseEntity<String> created = await().atMost(Duration.ofSeconds(30))
                .until(() -> post("/api/v1/activities?district=" + district, publish), r -> r.getStatusCode().value() == 201);
        String activityId = json.readTree(created.getBody()).get("activityId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.getForEntity("/api/v1/activities/" + activityId
                + "?district=" + district, String.class).getStatusCode().is2xxSuccessful());

        String[] volunteerIds = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "v" + i + "-" + district)
                .toArray(String[]::new);
        DirectoryFixture.volunteers(volunteers, district, volunteerIds);

        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<ResponseEntity<String>>> signUps = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String volunteer = volunteerIds[i];
            signUps.add(pool.submit(() -> post("/api/v1/activities/" + activityId + "/sign-ups?district=" + district,
                    "{\"participantId\":\"" + volunteer + "\",\"role\":\"VOLUNTEER\"}")));
        }
        List<ResponseEntity<String>> answers = new ArrayList<>();
        for (Future<ResponseEntity<String>> signUp : signUps) {
            answers.add(signUp.get());
        }
        pool.shutdown();

        Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(r -> r.getStatusCode().value(),
                Collectors.counting()));
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(200, 10L, 409, 20L));
        assertThat(answers.stream().filter(r -> r.getStatusCode().value() == 409))
                .allMatch(r -> r.getBody().contains("activity-full"));
        JsonNode view = await().atMost(Duration.ofSeconds(20)).until(() -> json.readTree(http.getForObject(
                "/api/v1/activities/" + activityId + "?district=" + district, String.class)),
                node -> node.get("participants").size() == 10);
        assertThat(view.get("participants").size()).isEqualTo(10);
    }

    @Test
    void shouldShowWhoCheckedInAndWhoCheckedOutWithTheirTimes() throws Exception {
        HierarchyFixture.publishTree(district);
        Instant start = Instant.now().plus(Duration.ofDays(1));
        String publish = json.writeValueAsString(Map.of("unitId", "s-pl", "platform", "CIVILIZATION",
                "title", "文明交通劝导", "place", "盘龙路口", "startsAt", start.toString(),
                "endsAt", start.plus(Duration.ofHours(2)).toString(), "volunteerCapacity", 2, "residentCapacity", 1));
        ResponseEntity<String> created = await().atMost(Duration.ofSeconds(30))
                .until(() -> post("/api/v1/activities?district=" + district, publish), r -> r.getStatusCode().value() == 201);
        assertThat(json.readTree(created.getBody()).size()).as(created.getBody()).isEqualTo(1);
        String activity = "/api/v1/activities/" + json.readTree(created.getBody()).get("activityId").asText();
        String d = "?district=" + district;
        DirectoryFixture.volunteers(volunteers, district, "va-" + district, "vb-" + district);
        // Attendance is recorded as it happened, never in the future (the sign-ups are still open here).
        Instant cameAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String activityId = json.readTree(created.getBody()).get("activityId").asText();
        // each answer as the API documents it: the places left of the participant's role, then who was recorded
        for (String[] signUp : new String[][] {{"va-" + district, "VOLUNTEER", "1"}, {"vb-" + district, "VOLUNTEER", "0"},
                {"res-" + district, "RESIDENT", "0"}}) {
            ResponseEntity<String> signed = await().atMost(Duration.ofSeconds(20)).until(() -> post(activity
                    + "/sign-ups" + d, "{\"participantId\":\"" + signUp[0] + "\",\"role\":\"" + signUp[1] + "\"}"),
                    r -> r.getStatusCode().value() != 404);
            assertThat(signed.getStatusCode().value()).as(signed.getBody()).isEqualTo(200);
            assertThat(json.readTree(signed.getBody())).isEqualTo(json.readTree("{\"activityId\":\"" + activityId
                    + "\",\"participantId\":\"" + signUp[0] + "\",\"placesLeft\":" + signUp[2] + "}"));
            ResponseEntity<String> in = post(activity + "/check-in" + d, "{\"participantId\":\"" + signUp[0]
                    + "\",\"at\":\"" + cameAt + "\"}");
            assertThat(in.getStatusCode().value()).as(in.getBody()).isEqualTo(200);
            assertThat(json.readTree(in.getBody())).isEqualTo(json.readTree("{\"activityId\":\"" + activityId
                    + "\",\"participantId\":\"" + signUp[0] + "\"}"));
        }
        Instant out = cameAt.plus(Duration.ofMinutes(95));
        ResponseEntity<String> checkedOut = post(activity + "/check-out" + d, "{\"participantId\":\"va-" + district
                + "\",\"at\":\"" + out + "\"}");
        assertThat(checkedOut.getStatusCode().value()).as(checkedOut.getBody()).isEqualTo(200);
        assertThat(json.readTree(checkedOut.getBody())).isEqualTo(json.readTree("{\"activityId\":\"" + activityId
                + "\",\"participantId\":\"va-" + district + "\"}"));

        JsonNode view = await().atMost(Duration.ofSeconds(20)).until(() -> json.readTree(http.getForObject(activity + d,
                String.class)), node -> node.path("checkedOut").size() == 1);
        assertThat(view.get("checkedIn").size()).as("every participant who came").isEqualTo(3);
        assertThat(Instant.parse(view.get("checkedOut").get("va-" + district).asText())).isEqualTo(out);
        assertThat(view.get("checkedOut").has("vb-" + district)).as("still there").isFalse();
    }

    private ResponseEntity<String> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }
}
