package cloud.practice.notification;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.ManagerAssigned;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.request.Channel;
import cloud.practice.events.request.MenuItemPublished;
import cloud.practice.events.request.RequestAccepted;
import cloud.practice.events.request.RequestCheckedIn;
import cloud.practice.events.request.RequestCompleted;
import cloud.practice.events.request.RequestDispatched;
import cloud.practice.events.request.RequestRejected;
import cloud.practice.events.request.RequestSubmitted;
import cloud.practice.events.request.SlaClockStarted;
import cloud.practice.events.request.Stage;
import cloud.practice.events.volunteer.VolunteerAccountLinked;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.TestIdentity;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import cloud.practice.notification.rules.Timers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * notification-service whole, with real Kafka and the MongoDB-wire stand-in: the platform's events (published here as
 * the services publish them) become notices in the right inboxes, once each however often they come; channels go
 * through the issuer (a loopback fake of its SMS endpoint), retried and dead-lettered; preferences and quiet hours
 * decide at sending time; erasure removes a volunteer's notices; the inbox is live.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class NotificationsIT {

    static final String D = "nt-" + UUID.randomUUID().toString().substring(0, 6);
    static final String OTHER = "nx-" + UUID.randomUUID().toString().substring(0, 6);
    static final String STATION = "s-pl";
    static final String ADMIN = "acc-admin-" + D;
    static final FakeIssuer ISSUER = FakeIssuer.start();
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @LocalServerPort
    int port;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    final TestIdentity identity = TestIdentity.get();
    NoticeApi api;
    @Autowired
    Timers timers;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("practice.notification.sms.issuer-url", ISSUER::url);
        registry.add("practice.notification.delivery.interval", () -> "100ms");
        registry.add("practice.notification.delivery.first-backoff", () -> "200ms");
        registry.add("practice.notification.delivery.max-backoff", () -> "400ms");
        registry.add("practice.notification.delivery.max-attempts", () -> "3");
        registry.add("practice.notification.delivery.unlinked-wait", () -> "200ms");
        registry.add("practice.notification.live.poll", () -> "100ms");
        registry.add("practice.notification.sms.circuit-open-for", () -> "100ms");
    }

    /**
     * The tree and the menu, as their services published them, once the service runs: its topics exist with all
     * their partitions only then (a record sent before could create a topic of one partition).
     */
    @BeforeEach
    void theTreeAndTheMenu() {
        api = new NoticeApi(port, D);
        if (treePublished) {
            return;
        }
        treePublished = true;
        NoticeApi.publish("OrgTree", D, 0, new OrgUnitEstablished(STATION, D, "PL", "盘龙社区服务站", OrgTier.STATION,
                        null, null,
                        null, null, Set.of(ServicePlatform.values()[0]), List.of(), java.time.LocalDate.now()),
                new ManagerAssigned(STATION, D, ADMIN, "STATION_ADMIN", java.time.LocalDate.now()));
        NoticeApi.publish("MenuItem", "item-fix", 0, new MenuItemPublished("item-fix", D, "FIX", "家电维修",
                ServicePlatform.values()[0], 1, 60, 1, List.of(STATION)));
    }

    static boolean treePublished;

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    // --- the order's people are told, once -------------------------------------------------------------------------

    @Test
    void shouldTellTheVolunteerTheResidentAndTheStationWhatNeedsThemOnceEach() throws Exception {
        String request = "req-" + UUID.randomUUID();
        String resident = "acc-r-" + UUID.randomUUID().toString().substring(0, 8);
        String volunteer = "vol-" + UUID.randomUUID().toString().substring(0, 8);
        String volunteerAccount = "acc-" + volunteer;
        NoticeApi.publish("Volunteer", volunteer, 0, new VolunteerAccountLinked(volunteer, D, volunteerAccount, T0));
        NoticeApi.publish("ServiceRequest", request, 0, submitted(request, resident),
                new RequestDispatched(request, D, STATION, List.of(volunteer), null, "AUTO", 1, T0),
                new RequestAccepted(request, D, volunteer, null, T0),
                new RequestCheckedIn(request, D, volunteer, T0, null),
                new RequestCompleted(request, D, T0));

        JsonNode offered = await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(api.volunteer(volunteerAccount,
                volunteer)), box -> box.path("total").asInt() == 1);
        JsonNode offer = offered.path("items").get(0);
        assertThat(offer.path("kind").asText()).isEqualTo("order-offered");
        assertThat(offer.path("body").asText()).contains("盘龙社区服务站").contains("家电维修");
        assertThat(offer.path("link").asText()).isEqualTo("/app/#/volunteer/offers");

        JsonNode told = await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(api.resident(resident)),
                box -> box.path("total").asInt() == 3);
        assertThat(told.path("items").findValuesAsText("kind"))
                .containsExactlyInAnyOrder("order-accepted", "order-in-service", "order-completed");
        assertThat(told.path("unread").asInt()).isEqualTo(3);
        assertThat(told.path("items").findValuesAsText("link")).containsOnly("/app/#/orders/" + request);

        // SMS by default for what asks them to act or answers their own order: the offer, the acceptance.
        await().atMost(Duration.ofSeconds(30)).until(() -> ISSUER.sentTo(volunteerAccount).size() == 1
                && ISSUER.sentTo(resident).size() == 1);
        assertThat(ISSUER.sentTo(volunteerAccount).get(0).text()).contains("家电维修");
        assertThat(ISSUER.sentTo(resident).get(0).kind()).isEqualTo("order-accepted");

        // The same events again (a redelivery from the start of the aggregate) raise nothing new.
        NoticeApi.publish("ServiceRequest", request, 1, new RequestDispatched(request, D, STATION,
                List.of(volunteer), null, "AUTO", 1, T0));
        String marker = "req-" + UUID.randomUUID();
        NoticeApi.publish("ServiceRequest", marker, 0, submitted(marker, resident),
                new RequestRejected(marker, D, STATION,
                "不在服务范围", T0));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(api.resident(resident)),
                box -> box.path("total").asInt() == 4);
        assertThat(api.inbox(api.volunteer(volunteerAccount, volunteer)).path("total").asInt()).isEqualTo(1);
        assertThat(ISSUER.sentTo(volunteerAccount)).hasSize(1);
    }

    @Test
    void shouldWarnTheStationBeforeAClockRunsOutUnlessTheStageEndsFirst() throws Exception {
        String open = "req-" + UUID.randomUUID();
        String done = "req-" + UUID.randomUUID();
        // A clock already within the 30 minutes' lead warns at once; one further off waits, and goes with its order.
        NoticeApi.publish("ServiceRequest", done, 0, submitted(done, "acc-r1"),
                new SlaClockStarted(done, D, Stage.COMPLETE, STATION, Instant.now().plus(Duration.ofMinutes(40))));
        String doneTimer = D + "|sla|" + done;
        await().atMost(Duration.ofSeconds(30)).until(() -> timers.find(doneTimer).isPresent());
        assertThat(timers.find(doneTimer).orElseThrow().fireAt()).isAfter(Instant.now().plus(Duration.ofMinutes(9)));
        NoticeApi.publish("ServiceRequest", done, 2, new RequestCompleted(done, D, T0));
        await().atMost(Duration.ofSeconds(30)).until(() -> timers.find(doneTimer).isEmpty());
        NoticeApi.publish("ServiceRequest", open, 0, submitted(open, "acc-r2"),
                new SlaClockStarted(open, D, Stage.DISPATCH, STATION, Instant.now().plusSeconds(600)));
        String admin = api.staff(ADMIN, Role.STATION_ADMIN, STATION);
        JsonNode station = await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(admin),
                box -> NoticeApi.fieldOf(box, "sla-warning", "requestId").equals(open));
        JsonNode warning = station.path("items").get(0);
        assertThat(warning.path("urgent").asBoolean()).isTrue();
        assertThat(warning.path("body").asText()).contains("家电维修").contains("派单");
        assertThat(warning.path("link").asText()).isEqualTo("/app/console.html#/orders/" + open);
        // The tree's manager of the station gets it by SMS too.
        await().atMost(Duration.ofSeconds(30)).until(() -> ISSUER.sentTo(ADMIN).stream()
                .anyMatch(s -> s.kind().equals("sla-warning") && s.text().contains("派单")));
        assertThat(station.path("total").asInt()).isEqualTo(1);
    }

    @Test
    void shouldMarkReadAndShowTheDeliveriesLog() throws Exception {
        String resident = "acc-r-" + UUID.randomUUID().toString().substring(0, 8);
        String request = "req-" + UUID.randomUUID();
        NoticeApi.publish("ServiceRequest", request, 0, submitted(request, resident),
                new RequestRejected(request, D, STATION, "重复下单", T0));
        String token = api.resident(resident);
        JsonNode box = await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(token),
                b -> b.path("total").asInt() == 1);
        String id = box.path("items").get(0).path("id").asText();
        assertThat(box.path("items").get(0).path("body").asText()).contains("重复下单");

        JsonNode detail = await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(api.get("/api/v1/notices/"
                + id + "?district=" + D, token).body()), d -> d.path("deliveries").findValuesAsText("state")
                .containsAll(List.of("sent", "skipped")));
        assertThat(detail.path("deliveries").findValuesAsText("channel")).containsExactlyInAnyOrder("sms", "wechat");

        HttpResponse<String> read = api.post("/api/v1/notices/" + id + "/read?district=" + D, token, "");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(json.readTree(read.body()).path("readAt").isNull()).isFalse();
        assertThat(json.readTree(api.get("/api/v1/notices/unread-count?district=" + D, token).body())
                .path("unread").asInt()).isZero();

        // Another person's notice is not there for them; nor for another district's token.
        HttpResponse<String> stranger = api.get("/api/v1/notices/" + id + "?district=" + D, api.resident("acc-x"));
        assertThat(stranger.statusCode()).isEqualTo(404);
        HttpResponse<String> otherDistrict = api.get("/api/v1/notices?district=" + D, identity.token(resident,
                "RESIDENT", OTHER, null, Scopes.forRole(Role.RESIDENT)));
        assertThat(otherDistrict.statusCode()).isEqualTo(403);
        HttpResponse<String> machine = api.get("/api/v1/notices?district=" + D, identity.token("ops", "SYSTEM", D, null,
                Scopes.ALL));
        assertThat(machine.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/notices/ntc-123?district=" + D, token).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/notices?district=" + D + "&size=1000", token).statusCode()).isEqualTo(400);
    }

    // --- channels: retried, dead-lettered, redelivered ------------------------------------------------------------

    @Test
    void shouldRetryAFailingChannelThenDeadLetterItAndRedeliverOnAnOperatorsWord() throws Exception {
        String resident = "acc-r-" + UUID.randomUUID().toString().substring(0, 8);
        String request = "req-" + UUID.randomUUID();
        ISSUER.answer(503);
        try {
            NoticeApi.publish("ServiceRequest", request, 0, submitted(request, resident),
                    new RequestAccepted(request, D, "vol-x", null, T0));
            String operator = identity.token("ops-" + D, "SYSTEM", D, null, Scopes.ALL);
            JsonNode dead = await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(api.get(
                    "/api/v1/notices/dead-letters?district=" + D, operator).body()), page -> page.path("items")
                    .findValuesAsText("recipient").contains("acc:" + resident));
            JsonNode letter = null;
            for (JsonNode item : dead.path("items")) {
                if (item.path("recipient").asText().equals("acc:" + resident)) {
                    letter = item;
                }
            }
            assertThat(letter.path("deliveries").get(0).path("attempts").asInt()).isEqualTo(3);
            assertThat(letter.path("deliveries").get(0).path("log").findValuesAsText("what"))
                    .containsSubsequence("queued", "failed", "failed", "dead");
            assertThat(letter.toString()).doesNotContain("家电维修");
            assertThat(ISSUER.sentTo(resident)).isEmpty();

            // Only the district's admins and systems read them.
            assertThat(api.get("/api/v1/notices/dead-letters?district=" + D, api.resident(resident)).statusCode())
                    .isEqualTo(403);

            ISSUER.answer(200);
            String noticeId = letter.path("noticeId").asText();
            HttpResponse<String> again = api.post("/api/v1/notices/" + noticeId + "/redeliver?district=" + D
                    + "&channel=sms", operator, "");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(json.readTree(again.body()).path("redelivered").asInt()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> ISSUER.sentTo(resident).size() == 1);
        } finally {
            ISSUER.answer(200);
        }
    }

    @Test
    void shouldSkipTheSmsOfSomeoneTheIssuerHasNoAccountForAndKeepItOffTheDeadLetters() throws Exception {
        String resident = "acc-r-" + UUID.randomUUID().toString().substring(0, 8);
        String request = "req-" + UUID.randomUUID();
        ISSUER.answer(404);
        try {
            NoticeApi.publish("ServiceRequest", request, 0, submitted(request, resident),
                    new RequestAccepted(request, D, "vol-x", null, T0));
            String mine = api.resident(resident);
            JsonNode inbox = await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(
                    api.get("/api/v1/notices?district=" + D, mine).body()), page -> page.path("total").asInt() == 1);
            String noticeId = inbox.path("items").get(0).path("id").asText();
            JsonNode sms = await().atMost(Duration.ofSeconds(30)).until(() -> smsOf(json.readTree(
                    api.get("/api/v1/notices/" + noticeId + "?district=" + D, mine).body())),
                    delivery -> !delivery.isMissingNode() && !delivery.path("state").asText().equals("pending"));

            assertThat(sms.path("state").asText()).isEqualTo("skipped");
            assertThat(sms.path("attempts").asInt()).as("not retried").isZero();
            assertThat(sms.path("log").findValuesAsText("detail")).anyMatch(detail -> detail != null
                    && detail.contains("404"));
            String operator = identity.token("ops-" + D, "SYSTEM", D, null, Scopes.ALL);
            assertThat(api.get("/api/v1/notices/dead-letters?district=" + D, operator).body())
                    .doesNotContain("acc:" + resident);
        } finally {
            ISSUER.answer(200);
        }
    }

    private static JsonNode smsOf(JsonNode detail) {
        for (JsonNode delivery : detail.path("deliveries")) {
            if (delivery.path("channel").asText().equals("sms")) {
                return delivery;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    // --- preferences and quiet hours ------------------------------------------------------------------------------

    @Test
    void shouldHoldNonUrgentNoticesInQuietHoursAndSkipChannelsThePersonTurnedOff() throws Exception {
        String resident = "acc-r-" + UUID.randomUUID().toString().substring(0, 8);
        String token = api.resident(resident);
        LocalTime now = LocalTime.now(ZoneId.of("Asia/Shanghai"));
        String from = now.minusHours(1).truncatedTo(ChronoUnit.MINUTES).toString();
        String until = now.plusHours(1).truncatedTo(ChronoUnit.MINUTES).toString();
        HttpResponse<String> chosen = api.put("/api/v1/notices/preferences?district=" + D, token,
                "{\"sms\":[\"order-accepted\"],\"wechat\":[],\"quietHours\":{\"from\":\"" + from + "\",\"until\":\""
                        + until + "\"}}");
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        assertThat(json.readTree(chosen.body()).path("sms").get(0).asText()).isEqualTo("order-accepted");

        String request = "req-" + UUID.randomUUID();
        NoticeApi.publish("ServiceRequest", request, 0, submitted(request, resident),
                new RequestAccepted(request, D, "vol-y", null, T0),
                new RequestCompleted(request, D, T0));
        JsonNode box = await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(token),
                b -> b.path("total").asInt() == 2);
        String accepted = NoticeApi.idOf(box, "order-accepted");
        String completed = NoticeApi.idOf(box, "order-completed");
        JsonNode waiting = await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(api.get("/api/v1/notices/"
                + accepted + "?district=" + D, token).body()), d -> d.path("deliveries").findValuesAsText("what")
                .contains("waiting"));
        assertThat(waiting.path("deliveries").findValuesAsText("state")).contains("pending");
        await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(api.get("/api/v1/notices/" + completed
                + "?district=" + D, token).body()).path("deliveries").findValuesAsText("state")
                .equals(List.of("skipped", "skipped")));
        assertThat(ISSUER.sentTo(resident)).isEmpty();

        // Bad choices are refused by field and change nothing.
        HttpResponse<String> bad = api.put("/api/v1/notices/preferences?district=" + D, token,
                "{\"sms\":[\"order-accepted\",\"everything\"],\"wechat\":[]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).path("field").asText()).isEqualTo("sms[1]");
        HttpResponse<String> badTime = api.put("/api/v1/notices/preferences?district=" + D, token,
                "{\"sms\":[],\"wechat\":[],\"quietHours\":{\"from\":\"25:00\",\"until\":\"07:00\"}}");
        assertThat(badTime.statusCode()).isEqualTo(400);
        JsonNode kept = json.readTree(api.get("/api/v1/notices/preferences?district=" + D, token).body());
        assertThat(kept.path("quietHours").path("from").asText()).isEqualTo(from);
    }

    // --- erasure ---------------------------------------------------------------------------------------------------

    @Test
    void shouldEraseAVolunteersNoticesAndPreferences() throws Exception {
        String volunteer = "vol-" + UUID.randomUUID().toString().substring(0, 8);
        String account = "acc-" + volunteer;
        String token = api.volunteer(account, volunteer);
        NoticeApi.publish("Volunteer", volunteer, 0, new VolunteerAccountLinked(volunteer, D, account, T0));
        String request = "req-" + UUID.randomUUID();
        NoticeApi.publish("ServiceRequest", request, 0, submitted(request, "acc-someone"),
                new RequestDispatched(request, D, STATION, List.of(volunteer), null, "AUTO", 1, T0));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(token), b -> b.path("total").asInt() == 1);
        assertThat(api.put("/api/v1/notices/preferences?district=" + D, token, "{\"sms\":[],\"wechat\":[]}")
                .statusCode()).isEqualTo(200);

        NoticeApi.publish("Volunteer", volunteer, 1, new VolunteerErased(volunteer, D, T0));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(token), b -> b.path("total").asInt() == 0);
        JsonNode preferences = json.readTree(api.get("/api/v1/notices/preferences?district=" + D, token).body());
        assertThat(preferences.path("sms").size()).as("back to the defaults").isGreaterThan(0);
    }

    // --- receipts ---------------------------------------------------------------------------------------------------

    /** Without a push token WeChat's receipts have no door at all (DeliveryReceiptsIT has one). */
    @Test
    void shouldNotTakeWeChatsPushesWithoutAPushToken() throws Exception {
        String query = "?signature=" + "0".repeat(40) + "&timestamp=" + Instant.now().getEpochSecond()
                + "&nonce=1&echostr=1";
        HttpResponse<String> check = http.send(HttpRequest.newBuilder(URI.create(api.base()
                + "/api/v1/notices/receipts/wechat" + query)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(check.statusCode()).as(check.body()).isEqualTo(404);
        HttpResponse<String> push = http.send(HttpRequest.newBuilder(URI.create(api.base()
                        + "/api/v1/notices/receipts/wechat" + query)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"MsgType\":\"event\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(push.statusCode()).as(push.body()).isEqualTo(404);
        assertThat(json.readTree(push.body()).path("type").asText()).endsWith("/not-found");
        // The rest of the notices API still wants a token.
        HttpResponse<String> inbox = http.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/notices?district="
                + D)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(inbox.statusCode()).isEqualTo(401);
    }

    // --- live ------------------------------------------------------------------------------------------------------

    @Test
    void shouldPushANewNoticeToTheOpenInbox() throws Exception {
        String volunteer = "vol-" + UUID.randomUUID().toString().substring(0, 8);
        String token = api.volunteer("acc-" + volunteer, volunteer);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(api.base()
                        + "/api/v1/notices/live?district=" + D)).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(lines.poll(20, TimeUnit.SECONDS)).isEqualTo("event:ready");
            String request = "req-" + UUID.randomUUID();
            NoticeApi.publish("ServiceRequest", request, 0, submitted(request, "acc-someone"),
                    new RequestDispatched(request, D, STATION, List.of(volunteer), null, "AUTO", 1, T0));
            String event = null;
            while (event == null || !event.startsWith("event:notice")) {
                event = lines.poll(30, TimeUnit.SECONDS);
                assertThat(event).as("a notice event on the stream").isNotNull();
            }
            String id = lines.poll(5, TimeUnit.SECONDS);
            String data = lines.poll(5, TimeUnit.SECONDS);
            assertThat(id).startsWith("id:ntc-");
            assertThat(json.readTree(data.substring("data:".length())).path("kind").asText())
                    .isEqualTo("order-offered");
        } finally {
            stream.body().close();
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    static RequestSubmitted submitted(String request, String resident) {
        return new RequestSubmitted(request, D, "item-fix", ServicePlatform.values()[0], STATION,
                new GeoPoint(29.5, 106.5), null, Channel.values()[0], resident, null, null, null, T0);
    }
}
