package cloud.practice.notification.notice;

import cloud.practice.events.notification.NoticeRaised;
import cloud.practice.support.json.EventJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a notice's events say about it: its ids, kind and recipient's kind, and nothing of its text. */
class NoticeEventsTest {

    private static final Instant AT = Instant.parse("2026-12-07T02:00:00Z");

    @Test
    void shouldNameTheRequestActivityOrPairingTheNoticeIsAbout() {
        assertThat(NoticeEvents.causeOf(notice(Map.of("service", "家电维修", "requestId", "req-1")))).isEqualTo("req-1");
        assertThat(NoticeEvents.causeOf(notice(Map.of("activity", "垃圾分类宣传", "activityId", "act-1"))))
                .isEqualTo("act-1");
        assertThat(NoticeEvents.causeOf(notice(Map.of("partner", "区供电公司", "pairingId", "pair-1"))))
                .isEqualTo("pair-1");
        assertThat(NoticeEvents.causeOf(notice(Map.of("service", "家电维修")))).isNull();
    }

    @Test
    void shouldNameTheKindOfRecipientAndTheOutcomeInLowerCase() {
        assertThat(NoticeEvents.recipientType(Recipient.account("acc-1"))).isEqualTo("account");
        assertThat(NoticeEvents.recipientType(Recipient.volunteer("vol-1"))).isEqualTo("volunteer");
        assertThat(NoticeEvents.recipientType(Recipient.unit("s-1"))).isEqualTo("unit");
    }

    @Test
    void shouldTellWhatADeliverysChangeMeansAsItsOutcome() {
        Delivery.State pending = Delivery.State.PENDING;
        assertThat(NoticeEvents.outcomeOf(pending, Delivery.State.SENT)).contains("sent");
        assertThat(NoticeEvents.outcomeOf(pending, Delivery.State.SKIPPED)).contains("skipped");
        assertThat(NoticeEvents.outcomeOf(pending, Delivery.State.DEAD)).contains("dead");
        // The provider's receipt for a sent one.
        assertThat(NoticeEvents.outcomeOf(Delivery.State.SENT, Delivery.State.DELIVERED)).contains("delivered");
        assertThat(NoticeEvents.outcomeOf(Delivery.State.SENT, Delivery.State.DEAD)).contains("undelivered");
        // Waiting, retried, redelivered, or nothing changed: no event.
        assertThat(NoticeEvents.outcomeOf(pending, pending)).isEmpty();
        assertThat(NoticeEvents.outcomeOf(Delivery.State.DEAD, pending)).isEmpty();
        assertThat(NoticeEvents.outcomeOf(Delivery.State.DELIVERED, Delivery.State.DELIVERED)).isEmpty();
    }

    @Test
    void shouldCarryIdsAndTheKindButNoneOfTheNoticesText() throws Exception {
        Notice rejected = Notice.of("cq-jiulongpo", Recipient.account("acc-r1"), NoticeKind.ORDER_REJECTED, "req-1@4",
                "订单未被受理", "您的「家电维修」订单未被受理，原因：不在服务范围", "/app/#/orders/req-1", AT,
                Map.of("service", "家电维修", "reason", "不在服务范围", "requestId", "req-1"));

        NoticeRaised raised = NoticeEvents.raised(rejected, AT);
        String json = EventJson.mapper().writeValueAsString(raised);

        assertThat(raised).isEqualTo(new NoticeRaised(rejected.id(), "cq-jiulongpo", "order-rejected", "account",
                "acc-r1", "req-1", false, AT));
        assertThat(json).doesNotContain("家电维修", "不在服务范围", "订单", "/app/");
        assertThat(EventJson.mapper().writeValueAsString(NoticeEvents.read(rejected, AT)))
                .doesNotContain("家电维修", "不在服务范围", "订单");
        assertThat(EventJson.mapper().writeValueAsString(NoticeEvents.delivered(rejected, "sms", "sent", 1, AT)))
                .doesNotContain("家电维修", "不在服务范围", "订单");
    }

    private static Notice notice(Map<String, String> fields) {
        return Notice.of("cq-jiulongpo", Recipient.unit("s-1"), NoticeKind.SLA_WARNING, "c-1", "订单即将超时", "正文",
                null, AT, fields);
    }
}
