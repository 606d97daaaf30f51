package cloud.practice.support.kafka;

import cloud.practice.events.DomainEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.MessageListener;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One handler's record listener: pass over the types the handler does not read, decode and validate, skip what was
 * applied, apply, remember. Exceptions go to the container's error handler (bounded retries, then the dead-letter
 * topic).
 *
 * <p>Warns when a published event of the aggregate is missing: the record names its previous published event
 * ({@code aggregateprevseq}) and that one was neither applied nor passed over. Internal events of the publisher use
 * up sequence numbers too, so a gap in sequence numbers alone means nothing; only records that lack the previous
 * sequence (published before it existed) are held to consecutive numbers. The ledger holds only what was applied, so
 * for a handler that reads some types the dispatcher also remembers, in memory, the last record it saw of each
 * aggregate; where it has seen none (after a restart or a rebalance) it cannot tell a passed-over event from a lost
 * one, and says nothing rather than cry wolf.
 */
class InboundEventDispatcher implements MessageListener<String, byte[]>, ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(InboundEventDispatcher.class);

    /** Counts events whose previous published event is known to be missing, per handler. */
    static final String MISSING_EVENTS_METRIC = "practice.inbound.missing.events";
    /** Aggregates whose last seen record is remembered; the least recently seen are forgotten first. */
    static final int SEEN_LIMIT = 20_000;
    /** What the ledger answers for an aggregate it holds nothing of; an idempotent handler's every record. */
    private static final long NOTHING_NOTED = -1;

    private final InboundEventHandler handler;
    private final Set<Class<?>> types;
    private final CloudEventCodec codec;
    private final ProcessedEventLedger ledger;
    private final Counter missingEvents;
    private final Map<String, Long> seen = lastOf(SEEN_LIMIT);
    /**
     * What the ledger holds per aggregate, as this dispatcher last read or noted it, while it holds the aggregate's
     * partition (nobody else applies its records meanwhile): only the first record of an aggregate since the
     * partition came (a start, a rebalance) asks the store, instead of every record (issue 24).
     */
    private final Map<String, Long> noted = lastOf(SEEN_LIMIT);

    InboundEventDispatcher(InboundEventHandler handler, CloudEventCodec codec, ProcessedEventLedger ledger,
                           MeterRegistry meters) {
        this.handler = handler;
        this.types = Set.copyOf(handler.types());
        this.codec = codec;
        this.ledger = ledger;
        this.missingEvents = Counter.builder(MISSING_EVENTS_METRIC)
                .description("Events received whose aggregate's previous published event was never applied")
                .tag("handler", handler.name())
                .register(meters);
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        if (!reads(record)) {
            codec.positionOf(record).ifPresent(at -> remember(at.subject(), at.sequence()));
            return;
        }
        InboundEvent event = codec.decode(record);
        long applied = handler.idempotent() ? NOTHING_NOTED : lastApplied(event.subject());
        if (event.sequence() <= applied) {
            log.debug("{} skips {} #{} of {}: already applied up to #{}", handler.name(), event.type(),
                    event.sequence(), event.subject(), applied);
            return;
        }
        lastKnown(event.subject(), applied).ifPresent(known -> warnIfAnEventIsMissing(event, known));
        handler.handle(event);
        if (!handler.idempotent()) {
            ledger.recordApplied(handler.name(), event.subject(), event.sequence());
            synchronized (noted) {
                noted.merge(event.subject(), event.sequence(), Math::max);
            }
        }
        remember(event.subject(), event.sequence());
    }

    private long lastApplied(String subject) {
        Long known;
        synchronized (noted) {
            known = noted.get(subject);
        }
        if (known != null) {
            return known;
        }
        long stored = ledger.lastApplied(handler.name(), subject);
        synchronized (noted) {
            noted.merge(subject, stored, Math::max);
        }
        return stored;
    }

    /** The last sequence per aggregate, for at most {@code limit} aggregates; the least recently used go first. */
    private static Map<String, Long> lastOf(int limit) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > limit;
            }
        };
    }

    /**
     * Another consumer may take the partitions meanwhile: what this one saw and noted of them may be stale when they
     * return, so the ledger is asked again.
     */
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        synchronized (seen) {
            seen.clear();
        }
        synchronized (noted) {
            noted.clear();
        }
    }

    /** A record of an unknown type is read, so that decoding refuses it with the reason (dead letter). */
    private boolean reads(ConsumerRecord<String, byte[]> record) {
        if (types.isEmpty()) {
            return true;
        }
        Optional<Class<? extends DomainEvent>> type = codec.typeOf(record);
        return type.isEmpty() || types.contains(type.get());
    }

    private void remember(String subject, long sequence) {
        if (types.isEmpty()) {
            return;
        }
        synchronized (seen) {
            seen.merge(subject, sequence, Math::max);
        }
    }

    /** The last event of the aggregate known to have come, applied or passed over; empty when that is unknown. */
    private Optional<Long> lastKnown(String subject, long applied) {
        if (types.isEmpty()) {
            return applied >= 0 ? Optional.of(applied) : Optional.empty();
        }
        Long passed;
        synchronized (seen) {
            passed = seen.get(subject);
        }
        return passed == null ? Optional.empty() : Optional.of(Math.max(passed, applied));
    }

    private void warnIfAnEventIsMissing(InboundEvent event, long known) {
        if (event.previousSequence() != null) {
            if (event.previousSequence() > known) {
                missingEvents.increment();
                log.warn("{} sees {} #{} of {} after #{}: the aggregate's previous published event #{} is missing "
                                + "from the topic", handler.name(), event.type(), event.sequence(), event.subject(),
                        known, event.previousSequence());
            }
        } else if (event.sequence() > known + 1) {
            // Not counted: without the previous published sequence the gap may well be internal events.
            String skipped = event.sequence() - 1 == known + 1 ? "event #" + (known + 1)
                    : "events #" + (known + 1) + " to #" + (event.sequence() - 1);
            log.warn("{} sees {} #{} of {} after #{}: {} missing from the topic or internal (the record does not "
                            + "name its previous published event)", handler.name(), event.type(), event.sequence(),
                    event.subject(), known, skipped);
        }
    }
}
