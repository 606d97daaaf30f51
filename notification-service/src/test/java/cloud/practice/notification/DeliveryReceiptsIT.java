package cloud.practice.notification;

import cloud.practice.events.Context;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.notification.NoticeDelivered;
import cloud.practice.notification.channel.sms.IssuerClient;
import cloud.practice.notification.channel.sms.IssuerSmsReceipts;
import cloud.practice.notification.channel.sms.IssuerSmsSettings;
import cloud.practice.notification.channel.sms.SmsReceiptCursors;
import cloud.practice.notification.channel.wechat.WeChatFake;
import cloud.practice.notification.delivery.Channel;
import cloud.practice.notification.delivery.Receipts;
import cloud.practice.notification.notice.Delivery;
import cloud.practice.notification.notice.Notice;
import cloud.practice.notification.notice.NoticeKind;
import cloud.practice.notification.notice.NoticeStore;
import cloud.practice.notification.notice.Recipient;
import cloud.practice.notification.rules.NoticeDesk;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.testing.ProblemTable;
import cloud.practice.testing.TopicReader;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Providers' receipts through the whole service (ADR 0023, "Receipts"), with real Kafka, the MongoDB-wire stand-in, a
 * loopback fake of the issuer (its SMS and its receipts feed) and of WeChat's API; the test plays WeChat's pushes,
 * signed as WeChat signs them. A receipt makes a sent delivery delivered, or dead as undelivered (on the dead-letter
 * list, redelivered under a new reference), with its event; told again it changes nothing. The SMS feed is read from
 * a cursor kept in the store, which moves only past applied pages and stays where it was while the issuer fails.
 * WeChat's push is open to anyone, so only a fresh signature made with the push token gets in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class DeliveryReceiptsIT {

    /** A district of the tree: the service's own beat reads its receipts. */
    static final String D = "nr-" + UUID.randomUUID().toString().substring(0, 6);
    /** A district the directory does not know: only the readers a test makes read it, when the test says. */
    static final String QUIET = "nq-" + UUID.randomUUID().toString().substring(0, 6);
    /** Another such district, for the send whose answer was lost: its feed and cursor are its own. */
    static final String LOST = "nl-" + UUID.randomUUID().toString().substring(0, 6);
    static final String TOPIC = Context.NOTIFICATION.topic();
    static final String PUSH_TOKEN = "receiptsPushToken42";
    static final String PUSH = "/api/v1/notices/receipts/wechat";
    static final FakeIssuer ISSUER = FakeIssuer.start();
    static final WeChatFake WECHAT = WeChatFake.start();
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static boolean treePublished;

    @LocalServerPort
    int port;
    @Autowired
    NoticeDesk desk;
    @Autowired
    NoticeStore store;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    IssuerSmsSettings smsSettings;
    @Autowired
    IssuerClient issuer;
    @Autowired
    Receipts receipts;
    @Autowired
    SmsReceiptCursors cursors;
    @Autowired
    Clock clock;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    final CloudEventCodec codec = new CloudEventCodec();
    NoticeApi api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("practice.notification.sms.issuer-url", ISSUER::url);
        registry.add("practice.notification.sms.receipts-every", () -> "200ms");
        registry.add("practice.notification.delivery.interval", () -> "100ms");
        registry.add("practice.notification.events.interval", () -> "100ms");
        registry.add("practice.notification.wechat.enabled", () -> "true");
        registry.add("practice.notification.wechat.base-url", WECHAT::baseUrl);
        registry.add("practice.notification.wechat.app-id", () -> WeChatFake.APP_ID);
        registry.add("practice.notification.wechat.app-secret", () -> WeChatFake.APP_SECRET);
        registry.add("practice.notification.wechat.push-token", () -> PUSH_TOKEN);
        String template = "practice.notification.wechat.templates." + D + ".order-accepted.";
        registry.add(template + "template-id", () -> "tmpl-accepted");
        registry.add(template + "fields.thing1", () -> "field:service");
        registry.add(template + "fields.thing2", () -> "title");
        registry.add(template + "fields.time3", () -> "at");
    }

    /** The district's tree, once the service runs (its topics exist with all their partitions only then). */
    @BeforeEach
    void theTree() {
        api = new NoticeApi(port, D);
        if (!treePublished) {
            treePublished = true;
            NoticeApi.publish("OrgTree", D, 0, new OrgUnitEstablished("s-nr", D, "NR", "南岸社区服务站",
                    OrgTier.STATION, null, null, null, null, Set.of(ServicePlatform.values()[0]), List.of(),
                    LocalDate.now()));
        }
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
        WECHAT.close();
    }

    // --- SMS: the issuer's receipts, read on the service's beat ------------------------------------------------------

    @Test
    void shouldMarkSentTextsDeliveredOrUndeliveredAsTheIssuersReceiptsSayAndRedeliverUnderANewReference()
            throws Exception {
        List<String> residents = residents(3);
        List<Notice> notices = raise(D, residents);
        List<String> references = sentBySms(api, residents, notices);
        assertThat(references.get(0)).isEqualTo(notices.get(0).id() + ":sms:" + residents.get(0));

        ISSUER.receipt(D, references.get(0), "delivered", null);
        ISSUER.receipt(D, references.get(1), "undelivered", "空号");
        JsonNode delivered = awaitSms(api, residents.get(0), notices.get(0), "delivered");
        assertThat(whats(delivered)).containsSubsequence("queued", "sent", "delivered");
        JsonNode undelivered = awaitSms(api, residents.get(1), notices.get(1), "dead");
        assertThat(last(undelivered).path("what").asText()).isEqualTo("undelivered");
        assertThat(last(undelivered).path("detail").asText()).isEqualTo("空号");

        // The person did not get it: on the dead-letter list, for an operator to send again.
        String operator = api.system("ops-" + D);
        JsonNode dead = api.read(api.get("/api/v1/notices/dead-letters?district=" + D + "&size=100", operator));
        assertThat(dead.path("items").findValuesAsText("noticeId")).contains(notices.get(1).id())
                .doesNotContain(notices.get(0).id());

        // Each is told as a NoticeDelivered, after the send's own.
        assertThat(deliveredEvents(notices.get(0), 3)).containsSubsequence(
                new NoticeDelivered(notices.get(0).id(), D, "order-accepted", "sms", "sent", 1, null),
                new NoticeDelivered(notices.get(0).id(), D, "order-accepted", "sms", "delivered", 1, null));
        assertThat(deliveredEvents(notices.get(1), 3)).contains(
                new NoticeDelivered(notices.get(1).id(), D, "order-accepted", "sms", "undelivered", 1, null));

        // Told again, even the other way round, a receipt changes nothing: the last one, read after them, says
        // when the feed got that far.
        ISSUER.receipt(D, references.get(0), "undelivered", "迟到的回执");
        ISSUER.receipt(D, references.get(1), "delivered", null);
        ISSUER.receipt(D, references.get(2), "delivered", null);
        awaitSms(api, residents.get(2), notices.get(2), "delivered");
        JsonNode still = sms(api, residents.get(0), notices.get(0));
        assertThat(still.path("state").asText()).isEqualTo("delivered");
        assertThat(whats(still)).containsOnlyOnce("delivered").doesNotContain("undelivered");
        JsonNode stillDead = sms(api, residents.get(1), notices.get(1));
        assertThat(stillDead.path("state").asText()).isEqualTo("dead");
        assertThat(whats(stillDead)).containsOnlyOnce("undelivered").doesNotContain("delivered");

        // Redelivered, it goes under a new reference: the issuer sends a reference once.
        HttpResponse<String> again = api.post("/api/v1/notices/" + notices.get(1).id() + "/redeliver?district=" + D
                + "&channel=sms", operator, "");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> ISSUER.referencesTo(residents.get(1)).size() == 2);
        assertThat(ISSUER.referencesTo(residents.get(1))).containsExactly(references.get(1),
                references.get(1) + ":r2");
        JsonNode resent = awaitSms(api, residents.get(1), notices.get(1), "sent");
        assertThat(whats(resent)).containsSubsequence("sent", "undelivered", "redelivered", "sent");
    }

    @Test
    void shouldReadPageAfterPageFromTheStoredCursorAndCatchUpOnceTheIssuerAnswersAgain() throws Exception {
        NoticeApi quiet = new NoticeApi(port, QUIET);
        List<String> residents = residents(4);
        List<Notice> notices = raise(QUIET, residents);
        List<String> references = sentBySms(quiet, residents, notices);
        for (int i = 0; i < 3; i++) {
            ISSUER.receipt(QUIET, references.get(i), "delivered", null);
        }

        // Two to a page: a full page, then a short one, and the cursor stored past both.
        reader().poll();
        assertThat(ISSUER.feedCallsFor(QUIET)).containsExactly(new FakeIssuer.FeedCall(QUIET, null, 2, 200),
                new FakeIssuer.FeedCall(QUIET, "c-2", 2, 200));
        for (int i = 0; i < 3; i++) {
            assertThat(sms(quiet, residents.get(i), notices.get(i)).path("state").asText()).isEqualTo("delivered");
        }
        assertThat(cursors.of(QUIET)).contains("c-3");

        // After a restart (a reader of its own), the issuer failing: nothing applied, the cursor where it was.
        ISSUER.receipt(QUIET, references.get(3), "undelivered", "关机");
        ISSUER.answerReceipts(500);
        IssuerSmsReceipts restarted = reader();
        try {
            restarted.poll();
        } finally {
            ISSUER.answerReceipts(200);
        }
        assertThat(lastFeedCall()).isEqualTo(new FakeIssuer.FeedCall(QUIET, "c-3", 2, 500));
        assertThat(sms(quiet, residents.get(3), notices.get(3)).path("state").asText()).isEqualTo("sent");
        assertThat(cursors.of(QUIET)).contains("c-3");

        // The next look catches up from there.
        restarted.poll();
        assertThat(lastFeedCall()).isEqualTo(new FakeIssuer.FeedCall(QUIET, "c-3", 2, 200));
        JsonNode undelivered = sms(quiet, residents.get(3), notices.get(3));
        assertThat(undelivered.path("state").asText()).isEqualTo("dead");
        assertThat(last(undelivered).path("detail").asText()).isEqualTo("关机");
        assertThat(cursors.of(QUIET)).contains("c-4");

        // The same receipts again (an issuer that lists them twice): read, and nothing changes.
        ISSUER.receipt(QUIET, references.get(0), "delivered", null);
        ISSUER.receipt(QUIET, references.get(3), "undelivered", "关机");
        restarted.poll();
        assertThat(ISSUER.feedCallsFor(QUIET)).endsWith(new FakeIssuer.FeedCall(QUIET, "c-4", 2, 200),
                new FakeIssuer.FeedCall(QUIET, "c-6", 2, 200));
        assertThat(whats(sms(quiet, residents.get(0), notices.get(0)))).containsOnlyOnce("delivered");
        assertThat(whats(sms(quiet, residents.get(3), notices.get(3)))).containsOnlyOnce("undelivered");
        assertThat(cursors.of(QUIET)).contains("c-6");

        // A cursor the issuer no longer knows (its feed was reset): forgotten, and everything read again — harmlessly.
        cursors.advance(QUIET, "reset-feed-7", Instant.now());
        restarted.poll();
        assertThat(lastFeedCall()).isEqualTo(new FakeIssuer.FeedCall(QUIET, "reset-feed-7", 2, 400));
        assertThat(cursors.of(QUIET)).isEmpty();
        restarted.poll();
        assertThat(cursors.of(QUIET)).contains("c-6");
        assertThat(whats(sms(quiet, residents.get(0), notices.get(0)))).containsOnlyOnce("delivered");
        assertThat(sms(quiet, residents.get(3), notices.get(3)).path("state").asText()).isEqualTo("dead");
    }

    @Test
    void shouldTakeTheReceiptOfASendWhoseAnswerWasLostAsSentAndDeliveredAndSendNothingAgain() throws Exception {
        NoticeApi lost = new NoticeApi(port, LOST);
        String resident = residents(1).get(0);
        Notice notice;
        JsonNode failed;
        ISSUER.sendButAnswer(504);
        try {
            notice = raise(LOST, List.of(resident)).get(0);
            // The issuer sent it, but its answer was lost: pending, tried again after the back-off (30 s).
            failed = await().atMost(Duration.ofSeconds(30)).until(() -> sms(lost, resident, notice),
                    d -> whats(d).contains("failed"));
        } finally {
            ISSUER.sendButAnswer(0);
        }
        String reference = notice.id() + ":sms:" + resident;
        assertThat(failed.path("state").asText()).isEqualTo("pending");
        assertThat(ISSUER.referencesTo(resident)).containsExactly(reference);

        // Its receipt names the reference the retry would send again: sent and delivered in one.
        ISSUER.receipt(LOST, reference, "delivered", null);
        reader(LOST).poll();
        JsonNode delivered = sms(lost, resident, notice);
        assertThat(delivered.path("state").asText()).isEqualTo("delivered");
        assertThat(whats(delivered)).containsSubsequence("queued", "failed", "sent", "delivered");
        assertThat(deliveredEvents(notice, 3)).filteredOn(event -> event.channel().equals("sms")).containsExactly(
                new NoticeDelivered(notice.id(), LOST, "order-accepted", "sms", "sent", 1, null),
                new NoticeDelivered(notice.id(), LOST, "order-accepted", "sms", "delivered", 1, null));
        assertThat(cursors.of(LOST)).contains("c-1");

        // Nothing is left to try again: no retry, no second text.
        assertThat(store.due(Instant.now().plus(Duration.ofDays(30)), 100_000)).doesNotContain(notice.id());
        assertThat(ISSUER.referencesTo(resident)).containsExactly(reference);
    }

    // --- the store: leases and what matched WeChat's messages -------------------------------------------------------

    @Test
    void shouldDropTheSaveOfAHolderWhoseLeaseLapsedAndWasTakenOver() {
        // Due a day from now by the service's clock: its own worker leaves it alone; the test plays the holders.
        Instant due = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        String resident = residents(1).get(0);
        Notice notice = unsaved(QUIET, resident);
        Delivery pending = Delivery.pending(Channel.SMS, Recipient.account(resident), due);
        assertThat(store.raise(notice, List.of(pending), clock.instant())).isTrue();

        NoticeStore.Claimed first = store.claim(notice.id(), due, due.plusSeconds(60)).orElseThrow();
        assertThat(store.claim(notice.id(), due.plusSeconds(59), due.plusSeconds(120))).as("leased").isEmpty();
        // The first holder stalls past its lease, and a second takes the notice.
        NoticeStore.Claimed second = store.claim(notice.id(), due.plusSeconds(61), due.plusSeconds(121))
                .orElseThrow();
        assertThat(second.leaseId()).isNotEqualTo(first.leaseId());

        // The first one's stale save is refused: nothing written, the second one's lease still holds.
        Delivery stale = pending.sent(due.plusSeconds(62), "stale");
        assertThat(store.saveDeliveries(notice.id(), first.leaseId(), first.stored().deliveries(), List.of(stale)))
                .isFalse();
        assertThat(store.find(QUIET, notice.id()).orElseThrow().deliveries()).containsExactly(pending);
        assertThat(store.claim(notice.id(), due.plusSeconds(63), due.plusSeconds(200))).as("still leased").isEmpty();

        // The second one's save is written, and lets the notice go.
        Delivery skipped = pending.skipped(due.plusSeconds(64), "not chosen for sms");
        assertThat(store.saveDeliveries(notice.id(), second.leaseId(), second.stored().deliveries(),
                List.of(skipped))).isTrue();
        assertThat(store.find(QUIET, notice.id()).orElseThrow().deliveries()).containsExactly(skipped);
    }

    @Test
    void shouldForgetAWeChatMessageRememberedAfterItsNoticeWasErased() {
        String resident = residents(1).get(0);
        Notice kept = unsaved(QUIET, resident);
        Instant later = clock.instant().plus(Duration.ofDays(1));
        assertThat(store.raise(kept, List.of(Delivery.pending(Channel.WECHAT, Recipient.account(resident), later)),
                clock.instant())).isTrue();
        String keptId = "7" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        store.rememberWeChatMessage(keptId, kept, resident, Instant.now());
        assertThat(store.weChatMessage(keptId, Instant.now())).isPresent();

        // Sent while the person was erased: the notice is gone by the time its message is remembered.
        String erasedId = "8" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        store.rememberWeChatMessage(erasedId, unsaved(QUIET, resident), resident, Instant.now());
        assertThat(store.weChatMessage(erasedId, Instant.now())).isEmpty();
    }

    // --- WeChat: receipts pushed by WeChat ------------------------------------------------------------------------

    @Test
    void shouldAnswerWeChatsUrlCheckOnlyWhenSignedWithThePushTokenAndRecently() throws Exception {
        String now = String.valueOf(Instant.now().getEpochSecond());
        HttpResponse<String> checked = get(PUSH + "?" + signed(now, "12345") + "&echostr=8452911037461");
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        assertThat(checked.body()).isEqualTo("8452911037461");
        assertThat(checked.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain"));

        String old = String.valueOf(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
        String ahead = String.valueOf(Instant.now().plus(Duration.ofMinutes(6)).getEpochSecond());
        String wrong = "signature=" + "0".repeat(40) + "&timestamp=" + now + "&nonce=12345";
        for (String query : List.of(wrong, signed(old, "12345"), signed(ahead, "12345"), "timestamp=" + now
                + "&nonce=12345", signedWith("anotherToken", now, "12345"))) {
            HttpResponse<String> refused = get(PUSH + "?" + query + "&echostr=8452911037461");
            assertThat(refused.statusCode()).as(query).isEqualTo(401);
            assertThat(refused.body()).doesNotContain("8452911037461");
        }
    }

    @Test
    void shouldApplyWeChatsSignedReceiptsOnceEachAndNothingElse() throws Exception {
        String resident = "acc-w-" + UUID.randomUUID().toString().substring(0, 8);
        String token = api.resident(resident);
        String openid = WECHAT.openidFor("code-" + resident);
        HttpResponse<String> bound = api.put("/api/v1/notices/preferences/wechat?district=" + D, token,
                "{\"code\":\"code-" + resident + "\"}");
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
        List<Notice> notices = raise(D, List.of(resident, resident, resident, resident));
        List<String> msgids = new ArrayList<>();
        for (Notice notice : notices) {
            JsonNode sent = await().atMost(Duration.ofSeconds(30)).until(() -> wechat(api, resident, notice),
                    d -> d.path("state").asText().equals("sent"));
            msgids.add(last(sent).path("detail").asText());
        }
        assertThat(msgids).doesNotContainNull().doesNotHaveDuplicates().allMatch(id -> id.matches("\\d+"));

        // Not signed with the token, or signed long ago: refused, nothing read.
        String success = receiptsOf(openid, nowSeconds(), message(msgids.get(0), "success"));
        assertThat(push(signedWith("anotherToken", nowSeconds(), "777"), success).statusCode()).isEqualTo(401);
        String old = String.valueOf(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
        assertThat(push(signed(old, "778"), success).statusCode()).isEqualTo(401);
        assertThat(wechat(api, resident, notices.get(0)).path("state").asText()).isEqualTo("sent");

        // One message (List an object): delivered, WeChat's word in the log.
        HttpResponse<String> one = push(signed(nowSeconds(), "779"), success);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(one.body()).isEqualTo("success");
        JsonNode delivered = wechat(api, resident, notices.get(0));
        assertThat(delivered.path("state").asText()).isEqualTo("delivered");
        assertThat(last(delivered).path("what").asText()).isEqualTo("delivered");
        assertThat(last(delivered).path("detail").asText()).isEqualTo("success");

        // Several (List an array), CreateTime a number: one refused by the person, one delivered.
        String several = "{\"ToUserName\":\"gh_123456789abc\",\"FromUserName\":\"" + openid + "\",\"CreateTime\":"
                + nowSeconds() + ",\"MsgType\":\"event\",\"Event\":\"subscribe_msg_sent_event\",\"List\":["
                + message(msgids.get(1), "fail:user refuse to accept the msg") + ","
                + message(msgids.get(2), "success") + "]}";
        assertThat(push(signed(nowSeconds(), "780"), several).body()).isEqualTo("success");
        JsonNode refused = wechat(api, resident, notices.get(1));
        assertThat(refused.path("state").asText()).isEqualTo("dead");
        assertThat(last(refused).path("what").asText()).isEqualTo("undelivered");
        assertThat(last(refused).path("detail").asText()).isEqualTo("fail:user refuse to accept the msg");
        assertThat(wechat(api, resident, notices.get(2)).path("state").asText()).isEqualTo("delivered");
        assertThat(deliveredEvents(notices.get(1), 3)).contains(
                new NoticeDelivered(notices.get(1).id(), D, "order-accepted", "wechat", "undelivered", 1, null));

        // Pushed again (WeChat retries), or the other way round: nothing changes.
        assertThat(push(signed(nowSeconds(), "781"), success).body()).isEqualTo("success");
        assertThat(push(signed(nowSeconds(), "782"), receiptsOf(openid, nowSeconds(),
                message(msgids.get(0), "fail:system failed"))).body()).isEqualTo("success");
        JsonNode still = wechat(api, resident, notices.get(0));
        assertThat(still.path("state").asText()).isEqualTo("delivered");
        assertThat(whats(still)).containsOnlyOnce("delivered").doesNotContain("undelivered");

        // A message not sent from here, and other events: acknowledged, ignored.
        assertThat(push(signed(nowSeconds(), "783"), receiptsOf(openid, nowSeconds(),
                message("9" + msgids.get(3), "success"))).body()).isEqualTo("success");
        assertThat(push(signed(nowSeconds(), "784"), "{\"ToUserName\":\"gh_123456789abc\",\"FromUserName\":\"" + openid
                + "\",\"CreateTime\":\"1620973045\",\"MsgType\":\"event\",\"Event\":\"subscribe_msg_popup_event\","
                + "\"List\":{\"TemplateId\":\"tmpl-accepted\",\"SubscribeStatusString\":\"accept\",\"PopupScene\":\"0\"}}")
                .body()).isEqualTo("success");
        assertThat(wechat(api, resident, notices.get(3)).path("state").asText()).isEqualTo("sent");

        // Bad input, each signed (or not) and answered by a problem; the fourth message stays sent.
        String fourth = receiptsOf(openid, nowSeconds(), message(msgids.get(3), "success"));
        String signed = PUSH + "?" + signed(nowSeconds(), "785");
        ProblemTable.assertAnswers(rest, List.of(
                ProblemTable.Case.json("unsigned", HttpMethod.POST, PUSH, fourth, 401, "unauthenticated"),
                ProblemTable.Case.json("signed with another token", HttpMethod.POST, PUSH + "?"
                        + signedWith("anotherToken", nowSeconds(), "786"), fourth, 401, "unauthenticated"),
                ProblemTable.Case.json("not JSON", HttpMethod.POST, signed, "<xml><MsgType>event</MsgType></xml>",
                        400, "invalid-field"),
                ProblemTable.Case.json("a JSON array", HttpMethod.POST, signed, "[" + fourth + "]", 400,
                        "invalid-field"),
                ProblemTable.Case.json("over 64 KB", HttpMethod.POST, signed, fourth.replace("gh_123456789abc",
                        "gh_" + "x".repeat(64 * 1024)), 400, "invalid-field"),
                ProblemTable.Case.json("encrypted (安全模式)", HttpMethod.POST, signed,
                        "{\"ToUserName\":\"gh_123456789abc\",\"Encrypt\":\"c2VjcmV0\"}", 400, "encrypted-push"),
                ProblemTable.Case.json("encrypt_type=aes", HttpMethod.POST, signed + "&encrypt_type=aes", fourth, 400,
                        "encrypted-push"),
                ProblemTable.Case.json("URL check without echostr", HttpMethod.GET, signed, null, 400,
                        "invalid-field")));
        assertThat(wechat(api, resident, notices.get(3)).path("state").asText()).isEqualTo("sent");

        // Erasing the person forgets what matched their messages to receipts, with their notices.
        assertThat(store.weChatMessage(msgids.get(3), Instant.now())).isPresent();
        assertThat(store.deleteFor(D, List.of(Recipient.account(resident).key()))).isEqualTo(4);
        for (String msgid : msgids) {
            assertThat(store.weChatMessage(msgid, Instant.now())).as(msgid).isEmpty();
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private IssuerSmsReceipts reader() {
        return reader(QUIET);
    }

    private IssuerSmsReceipts reader(String district) {
        return new IssuerSmsReceipts(smsSettings, issuer, json, receipts, cursors, () -> List.of(district), 2,
                clock);
    }

    private static FakeIssuer.FeedCall lastFeedCall() {
        List<FakeIssuer.FeedCall> calls = ISSUER.feedCallsFor(QUIET);
        return calls.get(calls.size() - 1);
    }

    private static List<String> residents(int count) {
        List<String> residents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            residents.add("acc-r-" + UUID.randomUUID().toString().substring(0, 8));
        }
        return residents;
    }

    /** An order-accepted notice to the resident, not stored. */
    private static Notice unsaved(String district, String resident) {
        String request = "req-" + UUID.randomUUID();
        return Notice.of(district, Recipient.account(resident), NoticeKind.ORDER_ACCEPTED, request + "@1", "订单已被接单",
                "您的「家电维修」服务已有志愿者接单。", "/app/#/orders/" + request, T0,
                Map.of("service", "家电维修", "requestId", request));
    }

    /** An order-accepted notice to each, raised at the desk as the rules raise them. */
    private List<Notice> raise(String district, List<String> residents) {
        List<Notice> notices = new ArrayList<>();
        for (String resident : residents) {
            String request = "req-" + UUID.randomUUID();
            Notice notice = Notice.of(district, Recipient.account(resident), NoticeKind.ORDER_ACCEPTED, request + "@1",
                    "订单已被接单", "您的「家电维修」服务已有志愿者接单。", "/app/#/orders/" + request, T0,
                    Map.of("service", "家电维修", "requestId", request));
            assertThat(desk.raise(notice)).isTrue();
            notices.add(notice);
        }
        return notices;
    }

    /** Each notice's SMS reference, once the issuer took it and the notice says sent. */
    private List<String> sentBySms(NoticeApi on, List<String> residents, List<Notice> notices) {
        List<String> references = new ArrayList<>();
        for (int i = 0; i < residents.size(); i++) {
            awaitSms(on, residents.get(i), notices.get(i), "sent");
            references.add(ISSUER.referencesTo(residents.get(i)).get(0));
        }
        return references;
    }

    private JsonNode awaitSms(NoticeApi on, String resident, Notice notice, String state) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> sms(on, resident, notice),
                d -> d.path("state").asText().equals(state));
    }

    private JsonNode sms(NoticeApi on, String resident, Notice notice) throws Exception {
        return delivery(on, resident, notice, "sms");
    }

    private JsonNode wechat(NoticeApi on, String resident, Notice notice) throws Exception {
        return delivery(on, resident, notice, "wechat");
    }

    /** The notice's delivery on the channel, as its recipient reads it. */
    private static JsonNode delivery(NoticeApi on, String resident, Notice notice, String channel) throws Exception {
        HttpResponse<String> answer = on.get("/api/v1/notices/" + notice.id() + "?district=" + notice.districtId(),
                on.resident(resident));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        for (JsonNode delivery : on.read(answer).path("deliveries")) {
            if (delivery.path("channel").asText().equals(channel)) {
                return delivery;
            }
        }
        throw new AssertionError("no " + channel + " delivery in " + answer.body());
    }

    private static List<String> whats(JsonNode delivery) {
        return delivery.path("log").findValuesAsText("what");
    }

    private static JsonNode last(JsonNode delivery) {
        return delivery.path("log").get(delivery.path("log").size() - 1);
    }

    /** The notice's NoticeDelivered events once it published at least {@code count}, their times left out. */
    private List<NoticeDelivered> deliveredEvents(Notice notice, int count) {
        TopicReader.read(TOPIC, record -> notice.id().equals(record.key())
                && TopicReader.header(record, "ce_type").contains("NoticeDelivered"), count, Duration.ofSeconds(30));
        return TopicReader.all(TOPIC, record -> notice.id().equals(record.key())).stream().map(codec::decode)
                .map(InboundEvent::payload).filter(NoticeDelivered.class::isInstance).map(NoticeDelivered.class::cast)
                .map(e -> new NoticeDelivered(e.noticeId(), e.districtId(), e.kind(), e.channel(), e.outcome(),
                        e.attempts(), null))
                .toList();
    }

    // --- WeChat's push, as WeChat makes it --------------------------------------------------------------------------

    private static String nowSeconds() {
        return String.valueOf(Instant.now().getEpochSecond());
    }

    private static String signed(String timestamp, String nonce) {
        return signedWith(PUSH_TOKEN, timestamp, nonce);
    }

    /** WeChat's query: sha1 of the token, timestamp and nonce sorted and joined, in hex. */
    private static String signedWith(String token, String timestamp, String nonce) {
        List<String> parts = new ArrayList<>(List.of(token, timestamp, nonce));
        parts.sort(null);
        try {
            String signature = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
            return "signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce + "&openid=ox"
                    + ThreadLocalRandom.current().nextInt(1000);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String message(String msgid, String status) {
        return "{\"TemplateId\":\"tmpl-accepted\",\"MsgID\":\"" + msgid + "\",\"ErrorCode\":\""
                + (status.equals("success") ? "0" : "10004") + "\",\"ErrorStatus\":\"" + status + "\"}";
    }

    /** subscribe_msg_sent_event with List one object, CreateTime as text. */
    private static String receiptsOf(String openid, String createTime, String message) {
        return "{\"ToUserName\":\"gh_123456789abc\",\"FromUserName\":\"" + openid + "\",\"CreateTime\":\""
                + createTime + "\",\"MsgType\":\"event\",\"Event\":\"subscribe_msg_sent_event\",\"List\":" + message
                + "}";
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api.base() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> push(String query, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api.base() + PUSH + "?" + query))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
