package cloud.practice.support.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static cloud.practice.support.eventstore.EventStoreFixture.renamed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 0001's proof: two service instances (separate clients and engines on one database) append concurrently,
 * with inserts delayed at random between reserving an index and writing it, and racing on shared aggregates. A
 * tracking reader that runs all the while must see every acknowledged event exactly once and nothing else. Runs with
 * transactions off and on: with them on, each append of several events goes in one transaction.
 */
class ConcurrentWritersOrderingIT {

    private static final int WRITERS_PER_INSTANCE = 2;
    private static final int APPENDS_PER_WRITER = 300;
    private static final int SHARED_AGGREGATES = 8;

    private EventStoreFixture fixture;

    @AfterEach
    void close() {
        fixture.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transactions.class)
    void shouldNeverSkipAnAcknowledgedEventWhenTwoInstancesWriteConcurrently(Transactions transactions) throws Exception {
        fixture = new EventStoreFixture(transactions);
        EventStoreSettings settings = fixture.settings(50, Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofMillis(50));
        HeldAppends instanceA = new HeldAppends();
        HeldAppends instanceB = new HeldAppends();
        instanceA.delayAtRandom(30);
        instanceB.delayAtRandom(30);
        List<MongoEventStorageEngine> instances = List.of(fixture.engine(instanceA.builder(), settings),
                fixture.engine(instanceB.builder(), settings));
        MongoEventStorageEngine readerEngine = fixture.engine(settings);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2 * WRITERS_PER_INSTANCE + 1);
        Future<List<TrackedEventMessage<?>>> reader = pool.submit(() -> track(readerEngine, writing, acknowledged));
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 2 * WRITERS_PER_INSTANCE; w++) {
            MongoEventStorageEngine engine = instances.get(w % 2);
            String own = "unit-w" + w + "-";
            writers.add(pool.submit(() -> write(engine, own, acknowledged, conflicts)));
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        writing.set(false);
        List<TrackedEventMessage<?>> seen = reader.get();
        pool.shutdown();

        List<String> seenIds = seen.stream().map(EventMessage::getIdentifier).toList();
        assertThat(seenIds).doesNotHaveDuplicates();
        assertThat(Set.copyOf(seenIds)).isEqualTo(acknowledged);
        assertThat(acknowledged).hasSizeGreaterThan(2 * WRITERS_PER_INSTANCE * APPENDS_PER_WRITER);
        assertThat(conflicts.get()).as("shared aggregates really raced").isPositive();
        Map<String, Long> lastSequence = new HashMap<>();
        for (TrackedEventMessage<?> event : seen) {
            DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) event;
            Long previous = lastSequence.put(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber());
            assertThat(domainEvent.getSequenceNumber()).as("per-aggregate order of %s", domainEvent.getAggregateIdentifier())
                    .isEqualTo(previous == null ? 0 : previous + 1);
        }
        for (MongoEventStorageEngine instance : instances) {
            assertBatchesWentIn(transactions, fixture.sentBy(instance));
        }
    }

    /**
     * The mode was really exercised: with transactions on, every insert of several events (none of which race here)
     * opened a transaction of its own and that transaction was committed; single events and transactions off never
     * use one.
     */
    private static void assertBatchesWentIn(Transactions transactions, SentCommands sent) {
        List<BsonDocument> batches = sent.eventInserts().stream()
                .filter(insert -> insert.getArray("documents").size() > 1).toList();
        assertThat(batches).as("appends of several events").isNotEmpty();
        assertThat(sent.eventInserts()).filteredOn(insert -> insert.getArray("documents").size() == 1)
                .noneMatch(SentCommands::inTransaction);
        if (!transactions.on()) {
            assertThat(batches).noneMatch(SentCommands::inTransaction);
            return;
        }
        assertThat(batches).allMatch(SentCommands::startsTransaction);
        List<BsonDocument> committed = sent.all().stream()
                .filter(command -> command.getFirstKey().equals("commitTransaction"))
                .map(SentCommands::transactionOf).toList();
        assertThat(committed).as("each batch's transaction committed once")
                .containsExactlyInAnyOrderElementsOf(batches.stream().map(SentCommands::transactionOf).toList());
    }

    /** Own aggregates get 1-3 events per append; every third append races on a shared aggregate. */
    private static void write(MongoEventStorageEngine engine, String prefix, Set<String> acknowledged,
                              AtomicInteger conflicts) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, Long> next = new HashMap<>();
        for (int i = 0; i < APPENDS_PER_WRITER; i++) {
            if (i % 3 == 0) {
                String shared = "unit-shared-" + random.nextInt(SHARED_AGGREGATES);
                long sequence = engine.lastSequenceNumberFor(shared).map(last -> last + 1).orElse(0L);
                GenericDomainEventMessage<?> event = renamed(shared, sequence);
                try {
                    engine.appendEvents(event);
                    acknowledged.add(event.getIdentifier());
                } catch (ConcurrencyException | AggregateStreamCreationException e) {
                    conflicts.incrementAndGet();
                }
                continue;
            }
            String own = prefix + random.nextInt(20);
            long sequence = next.getOrDefault(own, 0L);
            int count = random.nextInt(1, 4);
            List<GenericDomainEventMessage<?>> events = new ArrayList<>();
            for (int e = 0; e < count; e++) {
                events.add(renamed(own, sequence + e));
            }
            engine.appendEvents(events);
            next.put(own, sequence + count);
            events.forEach(event -> acknowledged.add(event.getIdentifier()));
        }
    }

    /** What a tracking processor does: read from its token, remember the last event's token, poll again. */
    private static List<TrackedEventMessage<?>> track(MongoEventStorageEngine engine, AtomicBoolean writing,
                                                      Set<String> acknowledged) throws InterruptedException {
        List<TrackedEventMessage<?>> seen = new ArrayList<>();
        TrackingToken token = null;
        long quietDeadline = Long.MAX_VALUE;
        while (System.nanoTime() < quietDeadline) {
            List<? extends TrackedEventMessage<?>> batch = engine.readEvents(token, false).toList();
            if (!batch.isEmpty()) {
                seen.addAll(batch);
                token = batch.get(batch.size() - 1).trackingToken();
            } else {
                Thread.sleep(5);
            }
            if (!writing.get() && quietDeadline == Long.MAX_VALUE) {
                quietDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            }
            if (!writing.get() && seen.size() >= acknowledged.size() && batch.isEmpty()) {
                break;
            }
        }
        return seen;
    }
}
