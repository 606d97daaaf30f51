package cloud.practice.notification.delivery;

import cloud.practice.notification.notice.NoticeStore;
import cloud.practice.notification.notice.NoticeStore.Receipted;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Providers' receipts (ADR 0023, "Receipts"): whether a sent message reached the person. A positive one makes the sent
 * delivery {@code delivered}; a negative one makes it dead with the step {@code undelivered} and the provider's reason,
 * so it is on the dead-letter list, where operators see that the person never got it and may send it again. Either
 * way the notice publishes a {@code NoticeDelivered} ({@code delivered} / {@code undelivered}). A receipt for a
 * delivery that is not sent — delivered or dead already, still pending — changes nothing, so receipts told twice are
 * harmless. The SMS receipts name the delivery's own reference, which starts with the notice's id; WeChat's name only
 * its msgid, kept when the message was sent. Everything is found by the stored notice's district, never the caller's.
 */
@Component
public class Receipts {

    private static final Logger log = LoggerFactory.getLogger(Receipts.class);
    /** A notice's id, as references start with it. */
    private static final Pattern NOTICE_ID = Pattern.compile("ntc-[0-9a-f]{32}");
    /** How long a receipt waits for a worker that holds its notice (sending its other deliveries) before giving up. */
    private static final Duration BUSY_WAIT = Duration.ofSeconds(3);
    private static final long BUSY_PAUSE_MILLIS = 50;

    /**
     * @param delivered whether it reached the person
     * @param word      what the provider said: its status, the reason it did not arrive; null if nothing
     * @param at        when the provider says it happened
     */
    public record Receipt(boolean delivered, String word, Instant at) {
    }

    private final NoticeStore notices;
    private final Clock clock;
    private final MeterRegistry meters;

    public Receipts(NoticeStore notices, Clock clock, MeterRegistry meters) {
        this.notices = notices;
        this.clock = clock;
        this.meters = meters;
    }

    /** A receipt naming the reference the delivery was sent with ({@code <noticeId>:<channel>:<accountId>…}). */
    public Receipted byReference(String districtId, Channel channel, String reference, Receipt receipt) {
        int colon = reference == null ? -1 : reference.indexOf(':');
        if (colon < 0 || !NOTICE_ID.matcher(reference.substring(0, colon)).matches()) {
            log.debug("{} receipt for a reference that is not a notice's ({}); ignored", channel.id(), reference);
            return counted(channel, receipt, Receipted.UNKNOWN);
        }
        return apply(districtId, reference.substring(0, colon), channel, reference, receipt);
    }

    /** A receipt naming only the provider's message id (WeChat's msgid). */
    public Receipted byMessageId(Channel channel, String messageId, Receipt receipt) {
        return notices.weChatMessage(messageId, clock.instant())
                .map(sent -> apply(sent.districtId(), sent.noticeId(), channel, messageId, receipt))
                .orElseGet(() -> {
                    log.debug("{} receipt for message {}, which was not sent from here (or over a week ago); ignored",
                            channel.id(), messageId);
                    return counted(channel, receipt, Receipted.UNKNOWN);
                });
    }

    private Receipted apply(String districtId, String noticeId, Channel channel, String providerId, Receipt receipt) {
        // Real time, not the service's clock: a clock that stands still (a test's, a frozen one) must not hold us here.
        long giveUp = System.nanoTime() + BUSY_WAIT.toNanos();
        Receipted outcome;
        while ((outcome = notices.receipt(districtId, noticeId, channel, providerId, receipt.delivered(),
                receipt.word(), receipt.at(), clock.instant())) == Receipted.BUSY && System.nanoTime() - giveUp < 0) {
            // A worker is still saving the send this receipt is about, or sending the notice's other deliveries.
            try {
                Thread.sleep(BUSY_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Receipted.BUSY;
            }
        }
        switch (outcome) {
            case APPLIED -> {
                if (!receipt.delivered()) {
                    log.info("notice {} by {}: the provider says it did not reach the person ({}); dead-lettered",
                            noticeId, channel.id(), receipt.word());
                }
            }
            case UNCHANGED -> log.debug("notice {} by {}: a receipt for a delivery that is not sent ({}); nothing "
                    + "changes", noticeId, channel.id(), providerId);
            case UNKNOWN -> log.debug("notice {} by {}: no delivery {} to take a receipt (erased?); ignored", noticeId,
                    channel.id(), providerId);
            case BUSY -> log.info("notice {} by {}: still held by a worker after {}; its receipt is taken later",
                    noticeId, channel.id(), BUSY_WAIT);
        }
        return counted(channel, receipt, outcome);
    }

    private Receipted counted(Channel channel, Receipt receipt, Receipted outcome) {
        meters.counter("practice.notification.receipts", "channel", channel.id(), "receipt",
                receipt.delivered() ? "delivered" : "undelivered", "outcome",
                outcome.name().toLowerCase(java.util.Locale.ROOT)).increment();
        return outcome;
    }
}
