package cloud.practice.notification.notice.outbox;

import cloud.practice.notification.notice.NoticeStore;
import cloud.practice.support.kafka.CloudEventCodec;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the notices' events from their outboxes (ADR 0023; the notice's change and its event are one write, see
 * {@link NoticeStore}). Each look takes the notices with events waiting, sends every event as a CloudEvent to
 * {@code practice.notification.events} keyed by the notice's id — in order, with the notice's sequence number and the
 * one before it —, waits for Kafka's acknowledgements, and then removes from each outbox exactly the events acknowledged
 * (up to the first that was not, so what is left keeps its order and numbers). At least once: after a crash between
 * the acknowledgement and the removal, or with two replicas looking at once, an event goes again with the same id and
 * sequence, which consumers skip. While Kafka is away the events wait in their notices for the next look; that is
 * logged once, not at every look.
 */
public class NoticeEventRelay {

    /** The aggregate type the events are numbered in. */
    static final String AGGREGATE_TYPE = "Notice";

    private static final Logger log = LoggerFactory.getLogger(NoticeEventRelay.class);

    private final NoticeStore notices;
    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventCodec codec;
    private final Duration sendTimeout;
    private final Runnable ensureTopics;
    private final int batch;
    private volatile boolean kafkaAway;

    /**
     * @param sendTimeout  how long a look waits for its acknowledgements
     * @param ensureTopics creates missing topics after a failed look (a service that started while Kafka was away
     *                     could not create them)
     * @param batch        notices per look
     */
    public NoticeEventRelay(NoticeStore notices, KafkaTemplate<String, byte[]> kafka, CloudEventCodec codec,
                            Duration sendTimeout, Runnable ensureTopics, int batch) {
        this.notices = notices;
        this.kafka = kafka;
        this.codec = codec;
        this.sendTimeout = sendTimeout;
        this.ensureTopics = ensureTopics;
        this.batch = batch;
    }

    /** Looks until no full batch is left or Kafka fails; called by the scheduler. @return events published */
    public int work() {
        int published = 0;
        while (true) {
            Look look = look();
            published += look.published();
            if (look.failed() || look.notices() < batch) {
                return published;
            }
        }
    }

    /** What one look did. */
    record Look(int notices, int published, boolean failed) {
    }

    /** One look: up to a batch of notices, their events sent, acknowledged ones removed. */
    Look look() {
        List<NoticeStore.Outbox> waiting = notices.withUnpublishedEvents(batch);
        if (waiting.isEmpty()) {
            return new Look(0, 0, false);
        }
        Map<NoticeStore.Outbox, List<CompletableFuture<SendResult<String, byte[]>>>> sends = new LinkedHashMap<>();
        Exception failure = null;
        sending:
        for (NoticeStore.Outbox outbox : waiting) {
            List<CompletableFuture<SendResult<String, byte[]>>> sent = new ArrayList<>();
            sends.put(outbox, sent);
            for (NoticeStore.OutboxEvent event : outbox.events()) {
                CompletableFuture<SendResult<String, byte[]>> send;
                try {
                    send = kafka.send(codec.encode(message(outbox.noticeId(), event), event.sequence() - 1));
                } catch (RuntimeException e) {
                    // send() itself fails while Kafka or the topic is unknown (max.block.ms): nothing more this look.
                    failure = e;
                    break sending;
                }
                sent.add(send);
                if (send.isCompletedExceptionally()) {
                    // Refused at once, as above, but reported through the future: each further send would wait too.
                    break sending;
                }
            }
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        int published = 0;
        for (Map.Entry<NoticeStore.Outbox, List<CompletableFuture<SendResult<String, byte[]>>>> notice
                : sends.entrySet()) {
            List<NoticeStore.OutboxEvent> events = notice.getKey().events();
            int acknowledged = 0;
            for (CompletableFuture<SendResult<String, byte[]>> send : notice.getValue()) {
                try {
                    send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    acknowledged++;
                } catch (InterruptedException e) {
                    // Shutting down: what was not removed goes again after the restart.
                    Thread.currentThread().interrupt();
                    return new Look(waiting.size(), published, true);
                } catch (ExecutionException | TimeoutException e) {
                    failure = failure == null ? e : failure;
                    break;
                }
            }
            if (acknowledged > 0 || events.isEmpty()) {
                notices.published(notice.getKey().noticeId(), events.subList(0, acknowledged).stream()
                        .map(NoticeStore.OutboxEvent::key).toList());
                published += acknowledged;
            }
        }
        if (failure != null) {
            kafkaFailed(failure);
            return new Look(waiting.size(), published, true);
        }
        if (kafkaAway) {
            kafkaAway = false;
            log.info("Kafka takes the notices' events again");
        }
        return new Look(waiting.size(), published, false);
    }

    private void kafkaFailed(Exception failure) {
        String cause = NestedExceptionUtils.getMostSpecificCause(failure).toString();
        if (!kafkaAway) {
            kafkaAway = true;
            log.warn("Kafka did not take the notices' events; they wait in their notices and go once it does: {}",
                    cause);
        } else {
            log.debug("Kafka still does not take the notices' events: {}", cause);
        }
        try {
            ensureTopics.run();
        } catch (RuntimeException e) {
            log.debug("topics not created: {}", e.toString());
        }
    }

    private static GenericDomainEventMessage<?> message(String noticeId, NoticeStore.OutboxEvent event) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, noticeId, event.sequence(), event.payload(),
                MetaData.emptyInstance(), event.eventId(noticeId), event.at());
    }
}
