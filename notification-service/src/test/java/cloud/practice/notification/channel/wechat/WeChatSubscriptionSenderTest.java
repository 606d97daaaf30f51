package cloud.practice.notification.channel.wechat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cloud.practice.testing.MovableClock;
import cloud.practice.notification.delivery.Channel;
import cloud.practice.notification.delivery.DeliveryFailure;
import cloud.practice.notification.delivery.Outgoing;
import cloud.practice.notification.notice.NoticeKind;
import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cloud.practice.notification.channel.wechat.WeChatMother.AT;
import static cloud.practice.notification.channel.wechat.WeChatMother.BODY;
import static cloud.practice.notification.channel.wechat.WeChatMother.DISTRICT;
import static cloud.practice.notification.channel.wechat.WeChatMother.FAR_WEST;
import static cloud.practice.notification.channel.wechat.WeChatMother.MENU_ITEM;
import static cloud.practice.notification.channel.wechat.WeChatMother.OFFERED_TEMPLATE;
import static cloud.practice.notification.channel.wechat.WeChatMother.TITLE;
import static cloud.practice.notification.channel.wechat.WeChatMother.notice;
import static cloud.practice.notification.channel.wechat.WeChatMother.offer;
import static cloud.practice.notification.channel.wechat.WeChatMother.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The subscription message adapter against {@link WeChatFake}, which checks requests as WeChat documents them. */
class WeChatSubscriptionSenderTest {

    final WeChatFake wechat = WeChatFake.start();
    final MovableClock clock = new MovableClock(AT);
    final String openid = wechat.openidFor("code-of-wang");

    @AfterEach
    void stopTheFake() {
        wechat.close();
    }

    WeChatSubscriptionSender sender() {
        return new WeChatSubscriptionSender(settings(wechat.baseUrl()), clock);
    }

    @Test
    void shouldSendTheDistrictsTemplateWithTheNoticeMappedIntoItsKeys() {
        WeChatSubscriptionSender sender = sender();
        assertThat(sender.channel()).isEqualTo(Channel.WECHAT);

        String msgid = sender.send(offer(openid));

        assertThat(wechat.sent()).hasSize(1);
        JsonNode message = wechat.sent().get(0);
        assertThat(msgid).isNotBlank().isEqualTo(String.valueOf(294402298110051943L));
        assertThat(message.path("touser").asText()).isEqualTo(openid);
        assertThat(message.path("template_id").asText()).isEqualTo(OFFERED_TEMPLATE);
        assertThat(message.path("page").asText()).isEqualTo("pages/web/index?path=%2Fapp%2F%23%2Frequests%2Freq-1%3Ftab%3Doffer");
        assertThat(message.path("miniprogram_state").asText()).isEqualTo("formal");
        assertThat(message.path("lang").asText()).isEqualTo("zh_CN");
        JsonNode data = message.path("data");
        assertThat(data.properties()).extracting(Map.Entry::getKey)
                .containsExactly("thing1", "thing2", "time3", "phrase4", "character_string5", "thing6");
        assertThat(value(data, "thing1")).isEqualTo(TITLE);
        assertThat(value(data, "time3")).as("06:30 UTC in Asia/Shanghai").isEqualTo("2026-12-07 14:30");
        assertThat(value(data, "phrase4")).as("Chinese characters only").isEqualTo("待接单");
        assertThat(value(data, "character_string5")).isEqualTo("REQ-2026-000123");
    }

    @Test
    void shouldCutThingsToTwentyCharactersEndingWithAnEllipsis() {
        sender().send(offer(openid));

        JsonNode data = wechat.sent().get(0).path("data");
        assertThat(MENU_ITEM.codePointCount(0, MENU_ITEM.length())).isGreaterThan(20);
        assertThat(value(data, "thing2")).hasSize(20).endsWith("…")
                .startsWith(MENU_ITEM.substring(0, 19).stripTrailing());
        assertThat(value(data, "thing6")).hasSize(20).endsWith("…").startsWith(BODY.substring(0, 19));
    }

    @Test
    void shouldWriteTimesInTheDistrictsZone() {
        WeChatSubscriptionSender sender = sender();

        sender.send(offer(FAR_WEST, openid));
        sender.send(notice(NoticeKind.SLA_WARNING, Map.of("dueAt", "2026-12-07T09:05:00Z", "menuItem", "助餐"),
                openid));

        assertThat(value(wechat.sent().get(0).path("data"), "time3")).as("Asia/Urumqi").isEqualTo("2026-12-07 12:30");
        assertThat(value(wechat.sent().get(1).path("data"), "time1")).as("a fact's instant, Asia/Shanghai")
                .isEqualTo("2026-12-07 17:05");
    }

    @Test
    void shouldFetchTheTokenOnceForManySendsFromManyThreads() throws Exception {
        WeChatSubscriptionSender sender = sender();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> sends = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sends.add(() -> sender.send(offer(openid)));
            }
            for (Future<String> sent : threads.invokeAll(sends)) {
                assertThat(sent.get()).isNotBlank();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(wechat.sent()).hasSize(40);
        assertThat(wechat.tokenCalls()).isEqualTo(1);
        JsonNode request = wechat.tokenRequests().get(0);
        assertThat(request.path("grant_type").asText()).isEqualTo("client_credential");
        assertThat(request.path("appid").asText()).isEqualTo(WeChatFake.APP_ID);
        assertThat(request.path("secret").asText()).isEqualTo(WeChatFake.APP_SECRET);
        assertThat(request.path("force_refresh").asBoolean(true)).as("normal mode: other replicas keep their token")
                .isFalse();
    }

    @Test
    void shouldFetchTheTokenAgainShortlyBeforeItRunsOut() {
        WeChatSubscriptionSender sender = sender();
        sender.send(offer(openid));

        clock.advance(Duration.ofSeconds(7200 - 301));
        sender.send(offer(openid));
        assertThat(wechat.tokenCalls()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        sender.send(offer(openid));
        assertThat(wechat.tokenCalls()).as("within five minutes of expires_in").isEqualTo(2);
        assertThat(wechat.sent()).hasSize(3);
    }

    @Test
    void shouldRenewAnExpiredTokenWithinTheSameAttempt() {
        WeChatSubscriptionSender sender = sender();
        sender.send(offer(openid));
        wechat.expireTokens();

        String msgid = sender.send(offer(openid));

        assertThat(msgid).isNotBlank();
        assertThat(wechat.sendCalls()).as("one refused with 42001, one accepted").isEqualTo(3);
        assertThat(wechat.sent()).hasSize(2);
        assertThat(wechat.issuedTokens()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {40001, 42001, 40014})
    void shouldRenewARefusedTokenOnceWithinTheSameAttempt(int errcode) {
        WeChatSubscriptionSender sender = sender();
        wechat.failNext(errcode);

        assertThat(sender.send(offer(openid))).isNotBlank();
        assertThat(wechat.tokenCalls()).isEqualTo(2);

        wechat.failNext(errcode).failNext(errcode);
        DeliveryFailure failure = failureOf(() -> sender.send(offer(openid)));
        assertThat(failure.permanent()).isFalse();
        assertThat(failure).hasMessageContaining("freshly fetched access token");
        assertThat(wechat.tokenCalls()).as("renewed once per attempt, not in a loop").isEqualTo(3);
    }

    @Test
    void shouldFailPermanentlyWhenThePersonHasNotSubscribed() {
        wechat.refuseSubscription(openid);

        assertPermanent(offer(openid), "has not subscribed", "43101");
    }

    @Test
    void shouldFailPermanentlyWhenWeChatRefusesTheData() {
        assertPermanent(notice(NoticeKind.ORDER_IN_SERVICE, Map.of("fee", "about ten yuan"), openid), "47003",
                "data.amount2.value");
    }

    @Test
    void shouldFailPermanentlyWhenWeChatDoesNotKnowTheOpenidTheTemplateOrThePage() {
        wechat.failNext(40003);
        assertPermanent(offer(openid), "openid", "40003");
        wechat.failNext(40037);
        assertPermanent(offer(openid), OFFERED_TEMPLATE, "40037");
        wechat.failNext(41030);
        assertPermanent(offer(openid), "page", "41030");
    }

    @Test
    void shouldFailPermanentlyWithoutCallingWeChatWhenThereIsNoTemplateOrOpenid() {
        assertPermanent(notice(NoticeKind.ORDER_COMPLETED, Map.of(), openid), "no subscription template",
                DISTRICT + "/order-completed");
        assertPermanent(offer("other-district", openid), "no subscription template", "other-district/order-offered");
        assertPermanent(offer(null), "no openid");
        assertPermanent(offer(" "), "no openid");
        assertPermanent(notice(NoticeKind.SLA_WARNING, Map.of("menuItem", "助餐"), openid), "time1",
                "field:dueAt");

        assertThat(wechat.sendCalls()).isZero();
        assertThat(wechat.tokenCalls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 45009, 45011})
    void shouldFailRetryablyWhenWeChatIsBusyOrOutOfQuota(int errcode) {
        wechat.failNext(errcode);

        assertRetryable(offer(openid), String.valueOf(errcode));
        assertThat(sender().send(offer(openid))).as("the next attempt goes through").isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 429})
    void shouldFailRetryablyOnHttpErrors(int status) {
        wechat.failNextWithStatus(status);

        assertRetryable(offer(openid), "HTTP " + status);
    }

    @Test
    void shouldFailRetryablyWhenWeChatDoesNotAnswerInTime() {
        WeChatSubscriptionSender sender = new WeChatSubscriptionSender(settings(wechat.baseUrl(),
                Duration.ofMillis(300)), clock);
        wechat.hangNext();

        DeliveryFailure failure = failureOf(() -> sender.send(offer(openid)));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure).hasMessageContaining("did not answer in time");
        assertThat(wechat.sent()).isEmpty();
    }

    @Test
    void shouldFailRetryablyWhenTheTokenCannotBeHad() {
        wechat.failNextWithStatus(WeChatFake.Endpoint.TOKEN, 503);
        assertRetryable(offer(openid), "HTTP 503");

        WeChatSettings wrongSecret = new WeChatSettings(true, wechat.baseUrl(), WeChatFake.APP_ID, "not-the-secret",
                "formal", "", null, null, null, null, Map.of(DISTRICT,
                Map.of(NoticeKind.ORDER_OFFERED.id(), WeChatMother.offeredTemplate())), null);
        DeliveryFailure failure = failureOf(() -> new WeChatSubscriptionSender(wrongSecret, clock)
                .send(offer(openid)));
        assertThat(failure.permanent()).as("the settings are wrong, not the message").isFalse();
        assertThat(failure).hasMessageContaining("40125").hasMessageContaining("app-secret")
                .hasMessageNotContaining("not-the-secret");
        assertThat(wechat.sendCalls()).isZero();
    }

    @Test
    void shouldFailRetryablyWhenWeChatRefusesTheConnection() {
        WeChatSubscriptionSender sender = sender();
        wechat.close();

        assertThat(failureOf(() -> sender.send(offer(openid))))
                .satisfies(failure -> assertThat(failure.permanent()).isFalse())
                .hasMessageContaining("unreachable");
    }

    @Test
    void shouldLogNeitherTheOpenidNorTheMessage() {
        Logger logger = (Logger) LoggerFactory.getLogger(WeChatSubscriptionSender.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(logged);
        List<String> reasons = new ArrayList<>();
        try {
            WeChatSubscriptionSender sender = sender();
            sender.send(offer(openid));
            wechat.failNext(40001);
            sender.send(offer(openid));
            for (int errcode : new int[] {47003, 40037, 43101, -1}) {
                wechat.failNext(errcode);
                reasons.add(failureOf(() -> sender.send(offer(openid)))
                        .getMessage());
            }
        } finally {
            logger.detachAppender(logged);
            logger.setLevel(level);
        }

        List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).as("accepted, token renewed, template problems").hasSizeGreaterThanOrEqualTo(4)
                .anySatisfy(line -> assertThat(line).contains("notice-1:wechat")
                        .contains(WeChatSubscriptionSender.masked(openid)));
        for (String text : concat(lines, reasons)) {
            assertThat(text).doesNotContain(openid).doesNotContain(TITLE).doesNotContain(BODY.substring(0, 10))
                    .doesNotContain(MENU_ITEM.substring(0, 4));
        }
    }

    private void assertPermanent(Outgoing message, String... reasonParts) {
        DeliveryFailure failure = failureOf(() -> sender().send(message));
        assertThat(failure).as("a failure").isNotNull();
        assertThat(failure.permanent()).as(failure.getMessage()).isTrue();
        for (String part : reasonParts) {
            assertThat(failure).hasMessageContaining(part);
        }
    }

    private void assertRetryable(Outgoing message, String reasonPart) {
        DeliveryFailure failure = failureOf(() -> sender().send(message));
        assertThat(failure).as("a failure").isNotNull();
        assertThat(failure.permanent()).as(failure.getMessage()).isFalse();
        assertThat(failure).hasMessageContaining(reasonPart);
    }

    private static DeliveryFailure failureOf(ThrowingCallable send) {
        return catchThrowableOfType(DeliveryFailure.class, send);
    }

    private static String value(JsonNode data, String key) {
        return data.path(key).path("value").asText();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
