package cloud.practice.support.kafka;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tells the relay, for a published event, the sequence number of its aggregate's previous published event. Internal
 * events (not published) use up sequence numbers too, so consumers need it to tell a normal gap from a missing event.
 *
 * <p>What it remembers per aggregate — "up to sequence {@code seen}, the last published event is {@code last}" — is
 * a fact about the append-only store, true whoever learnt it and whenever. So a batch the relay sends again, a
 * relay that restarted, another instance that relayed the aggregate meanwhile, or a forgotten (evicted) aggregate
 * can make it read the store, never answer wrong: it trusts its memory only for the event right after {@code seen},
 * and otherwise reads the aggregate's earlier events from the store (their payload types only, nothing is
 * deserialised). Bounded: the least recently used aggregates are forgotten first. Safe for the relay's segments.
 */
class PublishedSequences {

    /** Aggregates remembered; each entry is two longs and an id. */
    static final int DEFAULT_CAPACITY = 4096;

    private record Known(long seen, long lastPublished) {
    }

    private final Supplier<EventStore> eventStore;
    private final Map<String, Known> known;

    /** @param eventStore the service's event store, looked up when first needed (it is built after the relay) */
    PublishedSequences(Supplier<EventStore> eventStore, int capacity) {
        this.eventStore = eventStore;
        this.known = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                return size() > capacity;
            }
        });
    }

    /** Whether events of this payload type go to Kafka: a catalogued {@link DomainEvent}. */
    static boolean isPublished(Class<?> payloadType) {
        return DomainEvent.class.isAssignableFrom(payloadType) && payloadType.isAnnotationPresent(EventType.class);
    }

    /**
     * Takes note of the aggregate's event at {@code sequence} (every event of the store passes here, in order per
     * aggregate) and, for a published one, answers the previous published sequence.
     *
     * @return the sequence of the aggregate's last published event before {@code sequence}, -1 if none; for an
     * internal event -1 without reading the store when the relay does not know (nobody asks for it)
     */
    long passing(String aggregateId, long sequence, boolean published) {
        Known before = known.get(aggregateId);
        long previous;
        if (sequence == 0) {
            previous = -1;
        } else if (before != null && before.seen() == sequence - 1) {
            previous = before.lastPublished();
        } else if (published) {
            previous = readPreviousPublished(aggregateId, sequence, before);
        } else {
            return -1;
        }
        known.put(aggregateId, new Known(sequence, published ? sequence : previous));
        return previous;
    }

    /** Reads the store from what is known (only below {@code sequence}), else from the aggregate's first event. */
    private long readPreviousPublished(String aggregateId, long sequence, Known before) {
        boolean resume = before != null && before.seen() < sequence;
        long last = resume ? before.lastPublished() : -1;
        DomainEventStream events = eventStore.get().readEvents(aggregateId, resume ? before.seen() + 1 : 0);
        while (events.hasNext() && events.peek().getSequenceNumber() < sequence) {
            var event = events.next();
            if (isPublished(event.getPayloadType())) {
                last = event.getSequenceNumber();
            }
        }
        return last;
    }
}
