package cloud.practice.support.kafka;

import cloud.practice.events.hierarchy.OrgUnitRenamed;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The previous published sequence the relay puts on each record, from its memory and from the store: right for every
 * event however the memory stands (empty, evicted, ahead after a batch sent again). The answers are checked against
 * the stored history itself.
 */
class PublishedSequencesTest {

    /** An event the aggregate keeps to itself: not a catalogued DomainEvent, never published, yet sequenced. */
    record Noted(String unitId) {
    }

    private EmbeddedEventStore store;
    private final AtomicInteger storeReads = new AtomicInteger();

    @BeforeEach
    void openStore() {
        store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    }

    @AfterEach
    void closeStore() {
        store.shutDown();
    }

    @Test
    void shouldNameThePreviousPublishedEventAcrossInternalEventsFromMemory() {
        List<DomainEventMessage<?>> history = append("unit-a", "P I I P I P I I I P");
        PublishedSequences sequences = memory(100);

        assertThat(relay(sequences, history)).containsExactly(-1L, 0L, 3L, 5L);
        assertThat(storeReads).as("the relay saw every event from the first: nothing to read").hasValue(0);
    }

    @Test
    void shouldReadTheStoreForAnAggregateFirstSeenMidStream() {
        List<DomainEventMessage<?>> history = append("unit-a", "P I I P I P I I I P");
        PublishedSequences restarted = memory(100);

        assertThat(relay(restarted, history.subList(4, history.size()))).containsExactly(3L, 5L);
        assertThat(storeReads).as("one read, then memory").hasValue(1);
    }

    @Test
    void shouldGiveABatchSentAgainTheSameValuesAsTheFirstTime() {
        List<DomainEventMessage<?>> history = append("unit-a", "P I I P I P I I I P");
        PublishedSequences sequences = memory(100);
        List<Long> first = relay(sequences, history);

        // The batch from #3 failed and comes again while the memory already knows #9.
        List<Long> again = relay(sequences, history.subList(3, history.size()));

        assertThat(again).containsExactly(first.subList(1, first.size()).toArray(Long[]::new));
        assertThat(storeReads).hasValue(1);
    }

    @Test
    void shouldStayRightWhenItForgetsAggregates() {
        List<DomainEventMessage<?>> a = append("unit-a", "P I P I I P P I P");
        List<DomainEventMessage<?>> b = append("unit-b", "I P I I P I P");
        List<DomainEventMessage<?>> interleaved = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                interleaved.add(a.get(i));
            }
            if (i < b.size()) {
                interleaved.add(b.get(i));
            }
        }
        PublishedSequences tiny = memory(1);

        List<Long> answers = relay(tiny, interleaved);

        assertThat(answers).containsExactlyElementsOf(truth(interleaved));
        assertThat(storeReads.get()).as("each aggregate is forgotten whenever the other passes").isPositive();
    }

    /** Stores the events of one aggregate: P published, I internal, from sequence 0. */
    private List<DomainEventMessage<?>> append(String aggregateId, String pattern) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        String[] kinds = pattern.split(" ");
        for (int sequence = 0; sequence < kinds.length; sequence++) {
            Object payload = kinds[sequence].equals("P")
                    ? new OrgUnitRenamed(aggregateId, "cq-jiulongpo", "name " + sequence, LocalDate.of(2026, 3, 7))
                    : new Noted(aggregateId);
            events.add(new GenericDomainEventMessage<>("Unit", aggregateId, sequence, payload));
        }
        store.publish(events);
        return events;
    }

    private PublishedSequences memory(int capacity) {
        return new PublishedSequences(() -> {
            storeReads.incrementAndGet();
            return (EventStore) store;
        }, capacity);
    }

    /** What the relay does: every event passes, the published ones are answered. */
    private static List<Long> relay(PublishedSequences sequences, List<DomainEventMessage<?>> events) {
        List<Long> answers = new ArrayList<>();
        for (DomainEventMessage<?> event : events) {
            boolean published = PublishedSequences.isPublished(event.getPayloadType());
            long previous = sequences.passing(event.getAggregateIdentifier(), event.getSequenceNumber(), published);
            if (published) {
                answers.add(previous);
            }
        }
        return answers;
    }

    /** The previous published sequence of each published event, straight from the history. */
    private static List<Long> truth(List<DomainEventMessage<?>> events) {
        List<Long> answers = new ArrayList<>();
        for (DomainEventMessage<?> event : events) {
            if (PublishedSequences.isPublished(event.getPayloadType())) {
                answers.add(events.stream()
                        .filter(other -> other.getAggregateIdentifier().equals(event.getAggregateIdentifier())
                                && other.getSequenceNumber() < event.getSequenceNumber()
                                && PublishedSequences.isPublished(other.getPayloadType()))
                        .mapToLong(DomainEventMessage::getSequenceNumber).max().orElse(-1));
            }
        }
        return answers;
    }
}
