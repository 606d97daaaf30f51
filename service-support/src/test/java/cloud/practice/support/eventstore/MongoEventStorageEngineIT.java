package cloud.practice.support.eventstore;

import cloud.practice.events.hierarchy.OrgUnitRenamed;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static cloud.practice.support.eventstore.EventStoreFixture.renamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MongoEventStorageEngineIT {

    private final EventStoreFixture fixture = new EventStoreFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldReadAnAggregatesEventsBackInOrderAcrossBatches() {
        MongoEventStorageEngine engine = fixture.engine(settings(4, Duration.ofSeconds(60), Duration.ofSeconds(10)));
        String unit = "unit-" + UUID.randomUUID();
        for (long sequence = 0; sequence < 10; sequence++) {
            engine.appendEvents(renamed(unit, sequence));
        }
        engine.appendEvents(renamed("unit-other", 0));

        List<? extends DomainEventMessage<?>> events = engine.readEvents(unit).asStream().toList();

        assertThat(events).extracting(DomainEventMessage::getSequenceNumber)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(events.get(9).getPayload()).isInstanceOfSatisfying(OrgUnitRenamed.class,
                renamed -> assertThat(renamed.name()).isEqualTo("盘龙社区文明实践站 #9"));
        assertThat(engine.lastSequenceNumberFor(unit)).contains(9L);
        assertThat(engine.readEvents(unit, 7).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(7L, 8L, 9L);
    }

    @Test
    void shouldReadAggregatesWholeAcrossTheGrowingProbesAtEveryBoundary() {
        MongoEventStorageEngine engine = fixture.engine(settings(500, Duration.ofSeconds(60), Duration.ofSeconds(10)));
        // 16, 80 (16 + 64) and 336 (16 + 64 + 256) end exactly on a probe; one more or less must not be lost either.
        for (int length : new int[] {1, 15, 16, 17, 80, 81, 337}) {
            String unit = "unit-" + length + "-" + UUID.randomUUID();
            for (long sequence = 0; sequence < length; sequence++) {
                engine.appendEvents(renamed(unit, sequence));
            }
            assertThat(engine.readEvents(unit).asStream().map(DomainEventMessage::getSequenceNumber).toList())
                    .as("an aggregate of %d events", length)
                    .isEqualTo(java.util.stream.LongStream.range(0, length).boxed().toList());
            assertThat(engine.readEvents(unit, length - 1).asStream()).as("from its last event").hasSize(1);
        }
    }

    @Test
    void shouldRefuseASecondAppendAtTheSameSequence() {
        MongoEventStorageEngine first = fixture.engine(EventStoreSettings.DEFAULTS);
        MongoEventStorageEngine second = fixture.engine(EventStoreSettings.DEFAULTS);
        String unit = "unit-" + UUID.randomUUID();
        first.appendEvents(renamed(unit, 0));
        first.appendEvents(renamed(unit, 1));

        assertThatThrownBy(() -> second.appendEvents(renamed(unit, 0)))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThatThrownBy(() -> second.appendEvents(renamed(unit, 1)))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(first.readEvents(unit).asStream()).hasSize(2);
    }

    @Test
    void shouldStreamEveryEventOnceInGlobalOrder() {
        MongoEventStorageEngine engine = fixture.engine(settings(7, Duration.ofSeconds(60), Duration.ofSeconds(10)));
        for (int i = 0; i < 30; i++) {
            engine.appendEvents(renamed("unit-" + (i % 4), i / 4));
        }

        List<? extends TrackedEventMessage<?>> events = engine.readEvents((TrackingToken) null, false).toList();

        assertThat(events).hasSize(30);
        assertThat(events).extracting(event -> ((GapAwareTrackingToken) event.trackingToken()).getIndex())
                .isSorted().doesNotHaveDuplicates();
        TrackingToken middle = events.get(14).trackingToken();
        assertThat(engine.readEvents(middle, false).toList()).hasSize(15);
    }

    @Test
    void shouldDeliverAnEventWhoseInsertLandsAfterAHigherIndex() throws Exception {
        HeldAppends held = new HeldAppends();
        MongoEventStorageEngine slow = fixture.engine(held.builder(), EventStoreSettings.DEFAULTS);
        MongoEventStorageEngine fast = fixture.engine(EventStoreSettings.DEFAULTS);
        held.holdNext();
        Thread slowAppend = new Thread(() -> slow.appendEvents(renamed("unit-slow", 0)));
        slowAppend.start();
        held.awaitHeld();
        fast.appendEvents(renamed("unit-fast", 0));

        List<? extends TrackedEventMessage<?>> firstRead = fast.readEvents((TrackingToken) null, false).toList();
        assertThat(firstRead).extracting(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                .containsExactly("unit-fast");
        GapAwareTrackingToken token = (GapAwareTrackingToken) firstRead.get(0).trackingToken();
        assertThat(token.getGaps()).containsExactly(1L);

        held.release();
        slowAppend.join();
        List<? extends TrackedEventMessage<?>> secondRead = fast.readEvents(token, false).toList();

        assertThat(secondRead).extracting(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                .containsExactly("unit-slow");
        assertThat(((GapAwareTrackingToken) secondRead.get(0).trackingToken()).hasGaps()).isFalse();
    }

    @Test
    void shouldFailAnAppendThatOverrunsItsBudgetAndStoreNothing() {
        HeldAppends held = new HeldAppends();
        MongoEventStorageEngine engine = fixture.engine(held.builder(),
                settings(100, Duration.ofMillis(800), Duration.ofMillis(100)));
        held.delayEachBy(Duration.ofMillis(250));

        assertThatThrownBy(() -> engine.appendEvents(renamed("unit-late", 0)))
                .isInstanceOf(EventStoreException.class).hasMessageContaining("not stored");
        assertThat(engine.readEvents("unit-late").asStream()).isEmpty();
    }

    @Test
    void shouldGiveUpOnAGapOnlyAfterTheGapTimeout() throws Exception {
        HeldAppends held = new HeldAppends();
        EventStoreSettings settings = settings(100, Duration.ofMillis(600), Duration.ofMillis(100));
        MongoEventStorageEngine crashing = fixture.engine(held.builder(), settings);
        MongoEventStorageEngine engine = fixture.engine(settings);
        held.failNext();
        assertThatThrownBy(() -> crashing.appendEvents(renamed("unit-lost", 0))).isInstanceOf(IllegalStateException.class);
        engine.appendEvents(renamed("unit-kept", 0));

        GapAwareTrackingToken token = (GapAwareTrackingToken) engine.readEvents((TrackingToken) null, false).toList()
                .get(0).trackingToken();
        assertThat(token.getGaps()).containsExactly(1L);
        engine.appendEvents(renamed("unit-kept", 1));
        TrackedEventMessage<?> beforeTimeout = engine.readEvents(token, false).toList().get(0);
        assertThat(((GapAwareTrackingToken) beforeTimeout.trackingToken()).getGaps())
                .as("a young gap is still awaited").containsExactly(1L);

        Thread.sleep(settings.gapTimeout().plusMillis(200).toMillis());
        engine.appendEvents(renamed("unit-kept", 2));
        TrackedEventMessage<?> afterTimeout = engine.readEvents(beforeTimeout.trackingToken(), false).toList().get(0);

        assertThat(((GapAwareTrackingToken) afterTimeout.trackingToken()).hasGaps()).isFalse();
    }

    @Test
    void shouldKeepOneSnapshotPerAggregate() {
        MongoEventStorageEngine engine = fixture.engine(EventStoreSettings.DEFAULTS);
        engine.storeSnapshot(new GenericDomainEventMessage<>("OrgUnit", "unit-s", 5, new Document("v", 5)));
        engine.storeSnapshot(new GenericDomainEventMessage<>("OrgUnit", "unit-s", 9, new Document("v", 9)));

        assertThat(engine.readSnapshot("unit-s")).hasValueSatisfying(snapshot ->
                assertThat(snapshot.getSequenceNumber()).isEqualTo(9));
    }

    static EventStoreSettings settings(int batchSize, Duration gapTimeout, Duration appendBudget) {
        return new EventStoreSettings(batchSize, gapTimeout, appendBudget, 10_000, false, Duration.ofMillis(100));
    }
}
