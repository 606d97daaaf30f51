package cloud.practice.support.kafka;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The outbox relay: a tracking processor reads the service's own event store and sends every published event
 * (a {@link DomainEvent} with an {@link EventType}) to its context's topic, keyed by aggregate id.
 *
 * <p>Sends of one batch go out together; the batch's last event waits for all acknowledgements ({@code acks=all},
 * idempotent producer). Any failure fails the batch, so the processor's token does not move and the batch is sent
 * again once Kafka answers: at least once, never lost, and a command never waits for Kafka (ADR 0002).
 *
 * <p>Each record also carries the sequence number of the aggregate's previous published event
 * ({@code aggregateprevseq}), so that consumers can tell the gaps internal events leave from a missing event. The
 * relay sees every event of the store, internal ones too, and remembers the answer per aggregate; a batch sent
 * again carries the same values as the first time ({@link PublishedSequences}).
 */
@ProcessingGroup(KafkaEventRelay.PROCESSING_GROUP)
public class KafkaEventRelay {

    public static final String PROCESSING_GROUP = "kafka-relay";

    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventCodec codec;
    private final Duration sendTimeout;
    private final Runnable ensureTopics;
    private final PublishedSequences publishedSequences;
    private final ThreadLocal<List<CompletableFuture<SendResult<String, byte[]>>>> pending =
            ThreadLocal.withInitial(ArrayList::new);

    /**
     * @param ensureTopics creates missing topics; run after a failed batch, because a service that started while
     *                     Kafka was away could not create them at start-up
     * @param eventStore   the store the relay reads, asked for an aggregate's earlier events when the relay does
     *                     not remember them
     * @param memory       how many aggregates' last published sequence the relay remembers
     */
    public KafkaEventRelay(KafkaTemplate<String, byte[]> kafka, CloudEventCodec codec, Duration sendTimeout,
                           Runnable ensureTopics, Supplier<EventStore> eventStore, int memory) {
        this.kafka = kafka;
        this.codec = codec;
        this.sendTimeout = sendTimeout;
        this.ensureTopics = ensureTopics;
        this.publishedSequences = new PublishedSequences(eventStore, memory);
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> domainEvent)) {
            awaitAcknowledgementsAtTheEndOfTheBatch();
            return;
        }
        boolean published = payload instanceof DomainEvent && PublishedSequences.isPublished(payload.getClass());
        long previousPublished;
        try {
            previousPublished = publishedSequences.passing(domainEvent.getAggregateIdentifier(),
                    domainEvent.getSequenceNumber(), published);
        } catch (RuntimeException e) {
            // The store did not answer: the batch fails and comes again, with nothing of this attempt pending.
            pending.get().clear();
            throw e;
        }
        if (published) {
            ProducerRecord<String, byte[]> record = codec.encode(domainEvent, previousPublished);
            try {
                pending.get().add(kafka.send(record));
            } catch (RuntimeException e) {
                // send() itself fails while Kafka or the topic is unknown (max.block.ms): same as a failed ack.
                pending.get().clear();
                ensureTopics.run();
                throw new EventRelayException("Kafka refused the batch; it will be sent again", e);
            }
        }
        awaitAcknowledgementsAtTheEndOfTheBatch();
    }

    private void awaitAcknowledgementsAtTheEndOfTheBatch() {
        if (lastOfBatch()) {
            awaitAcknowledgements();
        }
    }

    private static boolean lastOfBatch() {
        return !CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch)
                || batch.isLastMessage();
    }

    private void awaitAcknowledgements() {
        List<CompletableFuture<SendResult<String, byte[]>>> sends = pending.get();
        try {
            long deadline = System.nanoTime() + sendTimeout.toNanos();
            for (CompletableFuture<SendResult<String, byte[]>> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventRelayException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            ensureTopics.run();
            throw new EventRelayException("Kafka did not acknowledge " + sends.size() + " event(s) within "
                    + sendTimeout + "; the batch will be sent again", e);
        } finally {
            sends.clear();
        }
    }

    /** The batch was not acknowledged; the processor retries it. */
    public static class EventRelayException extends RuntimeException {
        EventRelayException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
