package cloud.practice.system;

import cloud.practice.events.Context;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dependency down: with volunteer-service (and so the matching engine) killed, residents' orders are still taken
 * and reviewed through the gateway; they wait, reviewed, for candidates; when volunteer-service is back it reads the
 * match requests it missed from Kafka and every order is dispatched automatically.
 */
class VolunteerServiceDownIT {

    static final String D = "?district=cq-vdown";

    @Test
    void shouldTakeOrdersWhileMatchingIsDownAndDispatchThemWhenItReturns() throws Exception {
        RunningPlatform platform = RunningPlatform.get();
        Api ops = Api.client("local-ops", "local-ops-secret");
        OneStationDistrict.create(ops, "cq-vdown", "v", "依赖演练", "依赖社区", 29.52, 106.48);
        Api.Answer registered = await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/volunteers" + D, """
                {"personal":{"name":"常在","phone":"13900003333","birthDate":"1980-05-04"},"homeUnitId":"s-v",
                 "homeLocation":{"latitude":29.521,"longitude":106.481},"skills":[{"platform":"CARE","level":3}],
                 "availability":[%s],"contactConsent":true}""".formatted(Availability.ALL_WEEK)), answer -> answer.status() == 201);
        String volunteer = registered.json().get("volunteerId").asText();

        // Matching works while everything is up: the first order is dispatched to the volunteer.
        String first = orderAndReview(ops, 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> status(ops, first).equals("DISPATCHED"));

        platform.kill("volunteer-service");
        List<String> waiting = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            waiting.add(orderAndReview(ops, n));
        }
        // A known end instead of a pause: request-service has asked for candidates for every waiting order (its
        // MatchRequested is on the request topic), and the matching topic, read to its end, answers none of them —
        // its only writer is dead, so nothing can follow; the orders wait, reviewed.
        await().atMost(Duration.ofSeconds(60)).until(() -> keysOf(Context.REQUEST, "MatchRequested").containsAll(waiting));
        assertThat(keysOf(Context.MATCHING, "MatchProposed")).as("nobody proposes while matching is down")
                .doesNotContainAnyElementsOf(waiting);
        for (String request : waiting) {
            assertThat(status(ops, request)).as("the order waits, reviewed").isEqualTo("REVIEWED");
        }

        long back = System.nanoTime();
        platform.restart();
        for (String request : waiting) {
            JsonNode view = await().atMost(Duration.ofSeconds(90)).until(() -> ops.get(path(request)).json(),
                    node -> node.get("status").asText().equals("DISPATCHED"));
            assertThat(view.get("offeredTo").toString()).contains(volunteer);
            assertThat(view.get("history").findValuesAsText("detail")).anyMatch(detail -> detail.startsWith("AUTOMATIC"));
        }
        System.out.printf("volunteer-service back: the orders taken meanwhile dispatched %.1f s after the restart began%n",
                (System.nanoTime() - back) / 1e9);
    }

    private static String orderAndReview(Api ops, int n) throws Exception {
        Api.Answer ordered = await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/requests" + D, """
                {"menuItem":"VISIT","community":"依赖社区","channel":"PHONE","requesterId":"r-%d"}""".formatted(n)),
                answer -> answer.status() == 201);
        String request = ordered.json().get("requestId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> ops.get(path(request)).status() == 200);
        Api.Answer reviewed = ops.post("/api/v1/requests/" + request + "/review" + D,
                "{\"accept\":true,\"reviewerId\":\"admin-v\"}");
        assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(200);
        return request;
    }

    /** The keys (request ids) of the events of one type on a context's topic, read to its end. */
    private static Set<String> keysOf(Context context, String eventType) throws Exception {
        return EventTopics.everyRecord(context.topic()::equals).stream()
                .filter(record -> EventTopics.carries(record, eventType)).map(EventTopics::key)
                .collect(Collectors.toSet());
    }

    private static String status(Api ops, String request) throws Exception {
        return ops.get(path(request)).json().get("status").asText();
    }

    private static String path(String request) {
        return "/api/v1/requests/" + request + D;
    }
}
