package cloud.practice.support.eventstore;

import cloud.practice.events.hierarchy.OrgUnitRenamed;
import cloud.practice.testing.MovableClock;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventData;
import com.mongodb.event.CommandSucceededEvent;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static cloud.practice.support.eventstore.EventStoreFixture.renamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's reads, writes and gaps, each case with transactions off and on (ADR 0001). Appends of several events
 * are what the transactional path handles, so the cases that append batches are where the two modes differ.
 */
class MongoEventStorageEngineIT {

    private EventStoreFixture fixture;

    @AfterEach
    void close() {
        fixture.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transactions.class)
    void shouldReadAnAggregatesEventsBackInOrderAcrossBatches(Transactions transactions) {
        fixture = new EventStoreFixture(transactions);
        MongoEventStorageEngine engine = fixture.engine(settings(4, Duration.ofSeconds(60), Duration.ofSeconds(10)));
        String unit = "unit-" + UUID.randomUUID();
        engine.appendEvents(renamed(unit, 0, 3));
        engine.appendEvents(renamed(unit, 3, 3));
        engine.appendEvents(renamed(unit, 6, 4));
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

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transactions.class)
    void shouldReadAggregatesWholeAcrossTheGrowingProbesAtEveryBoundary(Transactions transactions) {
        fixture = new EventStoreFixture(transactions);
        MongoEventStorageEngine engine = fixture.engine(settings(500, Duration.ofSeconds(60), Duration.ofSeconds(10)));
        // 16, 80 (16 + 64) and 336 (16 + 64 + 256) end exactly on a probe; one more or less must not be lost either.
        for (int length : new int[] {1, 15, 16, 17, 80, 81, 337}) {
            String unit = "unit-" + length + "-" + UUID.randomUUID();
            for (int sequence = 0; sequence < length; sequence += 7) {
                engine.appendEvents(renamed(unit, sequence, Math.min(7, length - sequence)));
            }
            assertThat(engine.readEvents(unit).asStream().map(DomainEventMessage::getSequenceNumber).toList())
                    .as("an aggregate of %d events", length)
                    .isEqualTo(LongStream.range(0, length).boxed().toList());
            assertThat(engine.readEvents(unit, length - 1).asStream()).as("from its last event").hasSize(1);
            assertThat(engine.lastSequenceNumberFor(unit)).as("the last of %d events", length).contains(length - 1L);
        }
        assertThat(engine.lastSequenceNumberFor("unit-never-written")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transactions.class)
    void shouldRefuseASecondAppendAtTheSameSequence(Transactions transactions) {
        fixture = new EventStoreFixture(transactions);
        MongoEventStorageEngine first = fixture.engine(fixture.defaults());
        MongoEventStorageEngine second = fixture.engine(fixture.defaults());
        String unit = "unit-" + UUID.randomUUID();
        first.appendEvents(renamed(unit, 0));
        first.appendEvents(renamed(unit, 1));

        assertThatThrownBy(() -> second.appendEvents(renamed(unit, 0)))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThatThrownBy(() -> second.appendEvents(renamed(unit, 1)))
                .isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> second.appendEvents(renamed(unit, 1, 3)))
                .as("a batch whose first event is taken").isInstanceOf(ConcurrencyException.class);
        assertThat(first.readEvents(unit).asStream()).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transactions.class)
    void shouldStreamEveryEventOnceInGlobalOrder(Transactions transactions) {
        fixture = new EventStoreFixture(transactions);
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

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transactions.class)
    void shouldDeliverEventsWhoseInsertLandsAfterAHigherIndex(Transactions transactions) throws Exception {
        fixture = new EventStoreFixture(transactions);
        HeldAppends held = new HeldAppends();
        MongoEventStorageEngine slow = fixture.engine(held.builder(), fixture.defaults());
        MongoEventStorageEngine fast = fixture.engine(fixture.defaults());
        held.holdNext();
        Thread slowAppend = new Thread(() -> slow.appendEvents(renamed("unit-slow", 0, 2)));
        slowAppend.start();
        held.awaitHeld();
        fast.appendEvents(renamed("unit-fast", 0));

        List<? extends TrackedEventMessage<?>> firstRead = fast.readEvents((TrackingToken) null, false).toList();
        assertThat(firstRead).extracting(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                .containsExactly("unit-fast");
        GapAwareTrackingToken token = (GapAwareTrackingToken) firstRead.get(0).trackingToken();
        assertThat(token.getGaps()).containsExactly(1L, 2L);

        held.release();
        slowAppend.join();
        List<? extends TrackedEventMessage<?>> secondRead = fast.readEvents(token, false).toList();

        assertThat(secondRead).extracting(event -> ((DomainEventMessage<?>) event).getSequenceNumber())
                .containsExactly(0L, 1L);
        assertThat(secondRead).allSatisfy(event ->
                assertThat(((DomainEventMessage<?>) event).getAggregateIdentifier()).isEqualTo("unit-slow"));
        assertThat(((GapAwareTrackingToken) secondRead.get(1).trackingToken()).hasGaps()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transactions.class)
    void shouldFailAnAppendThatOverrunsItsBudgetAndStoreNothing(Transactions transactions) {
        fixture = new EventStoreFixture(transactions);
        HeldAppends held = new HeldAppends();
        MongoEventStorageEngine engine = fixture.engine(held.builder(),
                settings(100, Duration.ofMillis(800), Duration.ofMillis(100)));
        held.delayEachBy(Duration.ofMillis(250));

        assertThatThrownBy(() -> engine.appendEvents(renamed("unit-late", 0, 2)))
                .isInstanceOf(EventStoreException.class).hasMessageContaining("not stored");
        assertThat(engine.readEvents("unit-late").asStream()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transactions.class)
    void shouldReadPastMoreFailedAppendsInARowThanOneBatchHolds(Transactions transactions) {
        fixture = new EventStoreFixture(transactions);
        HeldAppends held = new HeldAppends();
        EventStoreSettings settings = settings(7, Duration.ofSeconds(60), Duration.ofMillis(100));
        MongoEventStorageEngine crashing = fixture.engine(held.builder(), settings);
        MongoEventStorageEngine engine = fixture.engine(settings);
        // Twenty failed appends in a row: indexes 1–20 reserved and never written, three batches' worth.
        for (int i = 0; i < 20; i++) {
            held.failNext();
            String lost = "unit-lost-" + i;
            assertThatThrownBy(() -> crashing.appendEvents(renamed(lost, 0))).isInstanceOf(IllegalStateException.class);
        }
        engine.appendEvents(renamed("unit-kept", 0));
        engine.appendEvents(renamed("unit-kept", 1));

        List<? extends TrackedEventMessage<?>> read = engine.readEvents((TrackingToken) null, false).toList();

        assertThat(read).as("the reader passes the run instead of standing at its first window").isNotEmpty();
        DomainEventMessage<?> first = (DomainEventMessage<?>) read.get(0);
        assertThat(first.getAggregateIdentifier()).isEqualTo("unit-kept");
        assertThat(first.getSequenceNumber()).isZero();
        GapAwareTrackingToken token = (GapAwareTrackingToken) read.get(0).trackingToken();
        assertThat(token.getIndex()).isEqualTo(21);
        assertThat(token.getGaps()).as("the indexes passed over are awaited like any gap").hasSize(20)
                .contains(1L, 20L);
        assertThat(engine.readEvents(token, false).toList())
                .extracting(event -> ((DomainEventMessage<?>) event).getSequenceNumber()).containsExactly(1L);
        assertThat(crashing.readEvents((TrackingToken) null, false).toList())
                .as("the crashing engine too: its own reservations, never written, hide nothing appended after them")
                .extracting(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                .containsExactly("unit-kept", "unit-kept");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transactions.class)
    void shouldReadBehindItsOwnAppendsWithoutAskingTheCounterAndAskItOnceCaughtUp(Transactions transactions) {
        fixture = new EventStoreFixture(transactions);
        EventStoreSettings settings = settings(100, Duration.ofSeconds(60), Duration.ofSeconds(10));
        MongoEventStorageEngine engine = fixture.engine(settings);
        MongoEventStorageEngine other = fixture.engine(settings);
        for (int i = 0; i < 3; i++) {
            engine.appendEvents(renamed("unit-own", i));
        }
        other.appendEvents(renamed("unit-other", 0)); // index 4: beyond what the engine knows of

        List<? extends TrackedEventData<?>> behind = engine.fetchTrackedEvents(null, 100);
        assertThat(behind).hasSize(3);
        assertThat(fixture.sentBy(engine).counterReads()).as("behind its own appends: bounded by them").isEmpty();

        List<? extends TrackedEventData<?>> caughtUp = engine.fetchTrackedEvents(behind.get(2).trackingToken(), 100);
        assertThat(caughtUp).extracting(event -> ((GapAwareTrackingToken) event.trackingToken()).getIndex())
                .as("once caught up it asks the counter and finds the other instance's append").containsExactly(4L);
        assertThat(fixture.sentBy(engine).counterReads()).hasSize(1);
    }

    /**
     * A reader whose window turns up nothing and which then finds the counter moved reads the window again under the
     * fresh bound: an append in flight during its read may have landed meanwhile and a later event of the same
     * aggregate been appended after it — delivering only the later one would put it first and the earlier one after
     * it as a filled gap (what ConcurrentWritersOrderingIT caught now and then; here step by step).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Transactions.class)
    void shouldNotDeliverALaterEventBeforeAnEarlierOneThatLandedDuringTheRead(Transactions transactions)
            throws Exception {
        fixture = new EventStoreFixture(transactions);
        EventStoreSettings settings = settings(100, Duration.ofSeconds(60), Duration.ofSeconds(10));
        HeldAppends held = new HeldAppends();
        MongoEventStorageEngine writer = fixture.engine(held.builder(), settings);
        AtomicReference<Runnable> afterNextEventRead = new AtomicReference<>();
        Set<Integer> eventReads = ConcurrentHashMap.newKeySet();
        CommandListener landing = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")
                        && event.getCommand().getString("find").getValue().equals(MongoEventStorageEngine.EVENTS)) {
                    eventReads.add(event.getRequestId());
                }
            }

            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                Runnable then = eventReads.remove(event.getRequestId()) ? afterNextEventRead.getAndSet(null) : null;
                if (then != null) {
                    then.run();
                }
            }
        };
        MongoEventStorageEngine reader = fixture.engine(MongoEventStorageEngine.builder(), settings, List.of(landing));

        held.holdNext();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> writer.appendEvents(renamed("unit-race", 0)));
        held.awaitHeld();
        assertThat(reader.fetchTrackedEvents(null, 100)).as("reserved, not written yet").isEmpty();

        // Right after the reader's next read of the events: the first lands, then the second is appended.
        afterNextEventRead.set(() -> {
            held.release();
            first.join();
            writer.appendEvents(renamed("unit-race", 1));
        });
        List<Long> delivered = new ArrayList<>();
        TrackingToken token = null;
        for (int fetch = 0; fetch < 3 && delivered.size() < 2; fetch++) {
            for (TrackedEventData<?> event : reader.fetchTrackedEvents(token, 100)) {
                delivered.add(((DomainEventData<?>) event).getSequenceNumber());
                token = event.trackingToken();
            }
        }
        assertThat(afterNextEventRead.get()).as("the appends ran during the read").isNull();
        assertThat(delivered).as("the aggregate's events in their order").containsExactly(0L, 1L);
    }

    /**
     * ADR 0033: looks at a quiet counter come further and further apart (fetch-delay doubling up to idle-fetch-delay);
     * one that finds another instance's events makes the next due at once; this engine's own appends are read
     * without any look.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Transactions.class)
    void shouldLookAtAQuietCounterLessAndLessOftenAndAtOnceAgainWhenItMoves(Transactions transactions) {
        fixture = new EventStoreFixture(transactions);
        MovableClock clock = new MovableClock(Instant.parse("2026-12-07T12:00:00Z"));
        EventStoreSettings settings = settings(100, Duration.ofSeconds(60), Duration.ofSeconds(10));
        MongoEventStorageEngine engine = fixture.engine(MongoEventStorageEngine.builder().clock(clock), settings);
        MongoEventStorageEngine other = fixture.engine(settings);
        other.appendEvents(renamed("unit-other", 0));
        List<? extends TrackedEventData<?>> first = engine.fetchTrackedEvents(null, 100);
        assertThat(first).hasSize(1);
        TrackingToken token = first.get(0).trackingToken();

        int reads = counterReads(engine);
        assertThat(engine.fetchTrackedEvents(token, 100)).isEmpty();
        assertThat(counterReads(engine)).as("after a look that found events the next is due at once")
                .isEqualTo(reads + 1);
        List<Long> pauses = new ArrayList<>();
        long sinceLook = 0;
        while (pauses.size() < 6) { // polled every 50 ms, as a processor polls every fetch-delay
            clock.advance(Duration.ofMillis(50));
            sinceLook += 50;
            assertThat(engine.fetchTrackedEvents(token, 100)).isEmpty();
            if (counterReads(engine) > reads + 1) {
                reads++;
                pauses.add(sinceLook);
                sinceLook = 0;
            }
        }
        assertThat(pauses).as("ms between looks that find nothing; the polls in between send nothing")
                .containsExactly(100L, 200L, 400L, 800L, 1_000L, 1_000L);

        clock.advance(Duration.ofHours(-1)); // the wall clock set back: the pause must not become an hour
        assertThat(engine.fetchTrackedEvents(token, 100)).isEmpty();
        assertThat(counterReads(engine)).as("a clock set back makes the look due").isEqualTo(reads + 2);

        other.appendEvents(renamed("unit-other", 1));
        int before = counterReads(engine);
        assertThat(engine.fetchTrackedEvents(token, 100)).as("not due: another instance's event waits").isEmpty();
        clock.advance(Duration.ofMillis(1_000));
        List<? extends TrackedEventData<?>> moved = engine.fetchTrackedEvents(token, 100);
        assertThat(moved).hasSize(1);
        token = moved.get(0).trackingToken();
        assertThat(engine.fetchTrackedEvents(token, 100)).isEmpty();
        assertThat(counterReads(engine)).as("after a look that found events the next is due at once")
                .isEqualTo(before + 2);

        engine.appendEvents(renamed("unit-own", 0));
        List<? extends TrackedEventData<?>> own = engine.fetchTrackedEvents(token, 100);
        assertThat(own).as("its own append is read at once").hasSize(1);
        assertThat(counterReads(engine)).as("without a look").isEqualTo(before + 2);
    }

    private int counterReads(MongoEventStorageEngine engine) {
        return fixture.sentBy(engine).counterReads().size();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transactions.class)
    void shouldGiveUpOnAGapOnlyAfterTheGapTimeout(Transactions transactions) throws Exception {
        fixture = new EventStoreFixture(transactions);
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

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transactions.class)
    void shouldKeepOneSnapshotPerAggregate(Transactions transactions) {
        fixture = new EventStoreFixture(transactions);
        MongoEventStorageEngine engine = fixture.engine(fixture.defaults());
        engine.storeSnapshot(new GenericDomainEventMessage<>("OrgUnit", "unit-s", 5, new Document("v", 5)));
        engine.storeSnapshot(new GenericDomainEventMessage<>("OrgUnit", "unit-s", 9, new Document("v", 9)));

        assertThat(engine.readSnapshot("unit-s")).hasValueSatisfying(snapshot ->
                assertThat(snapshot.getSequenceNumber()).isEqualTo(9));
    }

    /** Issue 24: a store that holds no snapshots is not asked for one on every aggregate load. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Transactions.class)
    void shouldAskForSnapshotsOnlyOnceTheStoreMayHoldThem(Transactions transactions) {
        fixture = new EventStoreFixture(transactions);
        MongoEventStorageEngine engine = fixture.engine(fixture.defaults());
        engine.appendEvents(renamed("unit-a", 0, 3));

        for (int load = 0; load < 5; load++) { // as Axon's event store loads an aggregate: snapshot, then events
            assertThat(engine.readSnapshot("unit-a")).isEmpty();
            assertThat(engine.readEvents("unit-a").asStream()).hasSize(3);
        }
        assertThat(snapshotFinds(engine)).as("one look at an empty store, then none").isEqualTo(1);

        engine.storeSnapshot(new GenericDomainEventMessage<>("OrgUnit", "unit-a", 2, new Document("v", 2)));
        assertThat(engine.readSnapshot("unit-a")).hasValueSatisfying(snapshot ->
                assertThat(snapshot.getSequenceNumber()).isEqualTo(2));
        assertThat(snapshotFinds(engine)).isEqualTo(2);

        MongoEventStorageEngine restarted = fixture.engine(fixture.defaults());
        assertThat(restarted.readSnapshot("unit-a")).as("a store that holds one is asked after a restart")
                .hasValueSatisfying(snapshot -> assertThat(snapshot.getSequenceNumber()).isEqualTo(2));
    }

    private long snapshotFinds(MongoEventStorageEngine engine) {
        return fixture.sentBy(engine).snapshotReads().size();
    }

    private EventStoreSettings settings(int batchSize, Duration gapTimeout, Duration appendBudget) {
        return fixture.settings(batchSize, gapTimeout, appendBudget, Duration.ofMillis(100));
    }
}
