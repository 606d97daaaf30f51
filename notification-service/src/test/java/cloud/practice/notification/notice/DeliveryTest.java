package cloud.practice.notification.notice;

import cloud.practice.notification.delivery.Channel;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A delivery's steps as receipts reach it: never delivered before it was sent, whatever the provider's clock says. */
class DeliveryTest {

    private static final Instant AT = Instant.parse("2026-12-07T02:00:00Z");
    private static final Delivery SENT = Delivery.pending(Channel.SMS, Recipient.account("acc-1"), AT)
            .sent(AT.plusSeconds(10), "ref-1");

    @Test
    void shouldStampAReceiptAtTheProvidersTimeButNotBeforeTheSend() {
        Delivery early = SENT.delivered(AT.plusSeconds(4), "DELIVRD");
        assertThat(early.nextAt()).isEqualTo(AT.plusSeconds(10));
        assertThat(early.log().get(early.log().size() - 1).at()).isEqualTo(AT.plusSeconds(10));
        assertThat(SENT.undelivered(AT.plusSeconds(9), "空号").nextAt()).isEqualTo(AT.plusSeconds(10));

        Delivery late = SENT.delivered(AT.plusSeconds(30), "DELIVRD");
        assertThat(late.nextAt()).isEqualTo(AT.plusSeconds(30));
        assertThat(late.log().get(late.log().size() - 1).at()).isEqualTo(AT.plusSeconds(30));
    }

    @Test
    void shouldTakeASendWhoseAnswerWasLostAsSentWithoutAnotherAttempt() {
        Delivery failed = Delivery.pending(Channel.SMS, Recipient.account("acc-1"), AT)
                .failed(AT.plusSeconds(1), "the issuer could not send the SMS now: 504", AT.plusSeconds(31));
        Delivery sent = failed.sentUnanswered(AT.plusSeconds(7), "ref-1");
        assertThat(sent.state()).isEqualTo(Delivery.State.SENT);
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.providerId()).isEqualTo("ref-1");
        assertThat(sent.log()).extracting(Delivery.Step::what).containsExactly("queued", "failed", "sent");
        assertThat(NoticeEvents.outcomeOf(failed.state(), sent.state())).contains("sent");
        assertThat(NoticeEvents.outcomeOf(sent.state(), sent.undelivered(AT, "关机").state()))
                .contains("undelivered");
    }
}
