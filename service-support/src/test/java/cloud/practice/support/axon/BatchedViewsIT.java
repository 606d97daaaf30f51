package cloud.practice.support.axon;

import cloud.practice.testing.TestInfrastructure;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link BatchedViews} on the real MongoDB-wire store, in Axon's own units of work and tracking processor: a batch's
 * documents read in one query and written in one bulk write, before the batch's token; nothing of a failed batch.
 */
class BatchedViewsIT {

    private final String database = "views_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private MongoClient client;
    private MongoClient observed;
    /** What the tests read and set up with; the views have a client of their own, whose commands are counted. */
    private MongoTemplate mongo;
    private BatchedViews views;
    private TallyProjection projection;

    @BeforeEach
    void connect() {
        CommandListener tallies = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommand().containsKey(event.getCommandName())
                        && event.getCommand().get(event.getCommandName()).isString()
                        && event.getCommand().getString(event.getCommandName()).getValue().equals("tallies")) {
                    sent.add(event.getCommandName());
                }
            }
        };
        client = MongoClients.create(TestInfrastructure.get().mongoUri(database));
        observed = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TestInfrastructure.get().mongoUri(database)))
                .addCommandListener(tallies).build());
        mongo = new MongoTemplate(client, database);
        views = new BatchedViews(new MongoTemplate(observed, database));
        projection = new TallyProjection(views);
    }

    @AfterEach
    void drop() {
        client.getDatabase(database).drop();
        client.close();
        observed.close();
    }

    @Test
    void shouldReadABatchsDocumentsInOneQueryAndWriteThemInOneBulkWrite() {
        mongo.save(new Tally("a-1", 5, 0));

        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(
                counted("a-1", 1, 1), counted("a-2", 0, 2), counted("a-1", 2, 3), counted("a-3", 0, 4),
                counted("a-2", 1, 5), counted("a-1", 1, 100))); // the last one is a redelivery: already applied
        List<List<String>> tokens = new ArrayList<>();
        batch.onPrepareCommit(committing -> tokens.add(List.copyOf(sent)));
        run(batch);

        assertThat(tally("a-1")).extracting(t -> t.total, t -> t.version).containsExactly(9, 2L);
        assertThat(tally("a-2")).extracting(t -> t.total, t -> t.version).containsExactly(7, 1L);
        assertThat(tally("a-3")).extracting(t -> t.total, t -> t.version).containsExactly(4, 0L);
        assertThat(tokens).as("one read of the batch's three tallies and one write of the three, before the token")
                .containsExactly(List.of("find", "update"));
        assertThat(sent).containsExactly("find", "update");
    }

    @Test
    void shouldReadADocumentKeyedOtherwiseByItself() {
        mongo.save(new Tally("summary", 1, 0));
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(
                counted("a-1", 0, 1), counted("a-2", 0, 2)));
        List<Tally> read = new ArrayList<>();
        assertThat(batch.executeWithResult(() -> {
            read.add(views.find(Tally.class, "summary"));
            read.add(views.find(Tally.class, "summary"));
            return null;
        }).isExceptional()).isFalse();

        assertThat(read).as("read twice for each of the two messages").extracting(tally -> tally.total)
                .containsExactly(1, 1, 1, 1);
        assertThat(sent).as("one read of the one document, none of the batch's aggregates").containsExactly("find");
    }

    @Test
    void shouldWriteNothingOfABatchWhoseHandlerFails() {
        projection.failOn = "a-3";
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(
                counted("a-1", 0, 1), counted("a-2", 0, 2), counted("a-3", 0, 3), counted("a-4", 0, 4)));
        AtomicInteger tokens = new AtomicInteger();
        batch.onPrepareCommit(committing -> tokens.incrementAndGet());

        assertThat(batch.executeWithResult(() -> handle(batch)).isExceptional()).isTrue();

        assertThat(batch.isRolledBack()).isTrue();
        assertThat(tokens).hasValue(0);
        assertThat(mongo.findAll(Tally.class)).isEmpty();
        assertThat(sent).doesNotContain("update");
    }

    @Test
    void shouldFailTheBatchBeforeItsTokenWhenTheWriteFails() {
        mongo.indexOps(Tally.class).ensureIndex(new Index().on("label", Sort.Direction.ASC).unique());
        Tally taken = new Tally("a-9", 0, 0);
        taken.label = "lone";
        mongo.save(taken);
        projection.label = "lone"; // every tally the batch writes takes the label a-9 has: the unique index refuses
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(
                counted("a-1", 0, 1), counted("a-2", 0, 2)));
        AtomicInteger tokens = new AtomicInteger();
        batch.onPrepareCommit(committing -> tokens.incrementAndGet());

        assertThat(batch.executeWithResult(() -> handle(batch)).isExceptional()).isTrue();

        assertThat(batch.isRolledBack()).isTrue();
        assertThat(tokens).as("the token of a batch whose writes failed").hasValue(0);
        assertThat(sent).contains("update");
    }

    @Test
    void shouldWriteWhenAUnitOfWorkWithoutTheInterceptorCommitsAndNothingWhenItRollsBack() {
        DefaultUnitOfWork<EventMessage<?>> committed = DefaultUnitOfWork.startAndGet(counted("a-1", 0, 2));
        projection.on(new Counted("a-1", 2), 0);
        assertThat(mongo.findById("a-1", Tally.class)).as("before the commit").isNull();
        committed.commit();
        assertThat(tally("a-1").total).isEqualTo(2);

        DefaultUnitOfWork<EventMessage<?>> rolledBack = DefaultUnitOfWork.startAndGet(counted("a-1", 1, 3));
        projection.on(new Counted("a-1", 3), 1);
        views.remove(Tally.class, "a-1");
        rolledBack.rollback();
        assertThat(tally("a-1").total).isEqualTo(2);
    }

    @Test
    void shouldWriteAtOnceOutsideAUnitOfWorkAndRemove() {
        projection.on(new Counted("a-1", 4), 0);
        assertThat(tally("a-1").total).isEqualTo(4);

        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(
                counted("a-1", 1, 1), counted("a-2", 0, 1)));
        projection.removeAt = 1;
        run(batch);
        assertThat(mongo.findById("a-1", Tally.class)).as("changed, then removed in the same batch").isNull();
        assertThat(tally("a-2").total).isEqualTo(1);
    }

    @Test
    void shouldKeepAViewOfATrackingProcessorInBatchesAsEventsArrive() {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine())
                .build();
        long[] sequences = new long[20];
        for (int i = 0; i < 400; i++) {
            int aggregate = i % 20;
            store.publish(counted("t-" + aggregate, sequences[aggregate]++, 1));
        }
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name("tallies")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(projection)
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance()).build())
                .messageSource(store)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(100))
                .build();
        AtomicInteger batches = new AtomicInteger();
        processor.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isFirstMessage()) {
                batches.incrementAndGet();
            }
            return chain.proceed();
        });
        processor.registerHandlerInterceptor(views.flushAfterLastMessage());
        processor.start();
        try {
            for (int i = 0; i < 100; i++) {
                int aggregate = i % 20;
                store.publish(counted("t-" + aggregate, sequences[aggregate]++, 2));
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mongo.findAll(Tally.class))
                    .hasSize(20).allSatisfy(tally -> {
                        assertThat(tally.total).isEqualTo(30);
                        assertThat(tally.version).isEqualTo(24);
                    }));
            assertThat(batches.get()).as("the 400 events there before the start fill batches of 100")
                    .isLessThan(500);
            assertThat(sent.stream().filter("find"::equals).count()).as("one read per batch").isEqualTo(batches.get());
            assertThat(sent.stream().filter("update"::equals).count()).as("one write per batch")
                    .isEqualTo(batches.get());
        } finally {
            processor.shutDown();
        }
    }

    private void run(BatchingUnitOfWork<EventMessage<?>> batch) {
        assertThat(batch.executeWithResult(() -> handle(batch)).isExceptional()).isFalse();
    }

    private Object handle(UnitOfWork<EventMessage<?>> unitOfWork) throws Exception {
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(projection);
        return new DefaultInterceptorChain<>(unitOfWork, List.of(views.flushAfterLastMessage()),
                message -> adapter.handle(message)).proceed();
    }

    private Tally tally(String id) {
        Tally tally = mongo.findById(id, Tally.class);
        assertThat(tally).as(id).isNotNull();
        return tally;
    }

    private static GenericDomainEventMessage<Counted> counted(String id, long sequence, int amount) {
        return new GenericDomainEventMessage<>("Tally", id, sequence, new Counted(id, amount));
    }

    record Counted(String id, int amount) {
    }

    @Document("tallies")
    static class Tally {
        @Id
        String id;
        int total;
        long version = -1;
        String label;

        Tally() {
        }

        Tally(String id, int total, long version) {
            this.id = id;
            this.total = total;
            this.version = version;
        }
    }

    /** A projection in the form the services' take: find, skip what it applied, change, save. */
    static final class TallyProjection {
        private final BatchedViews views;
        String failOn;
        String label;
        long removeAt = -1;

        TallyProjection(BatchedViews views) {
            this.views = views;
        }

        @EventHandler
        void on(Counted event, @SequenceNumber long sequence) {
            if (event.id().equals(failOn)) {
                throw new IllegalStateException("the handler fails on " + failOn);
            }
            Tally tally = views.find(Tally.class, event.id());
            if (tally == null) {
                tally = new Tally(event.id(), 0, -1);
            } else if (tally.version >= sequence) {
                return;
            }
            tally.total += event.amount();
            tally.version = sequence;
            tally.label = label;
            views.save(tally);
            if (sequence == removeAt && event.id().equals("a-1")) {
                views.remove(Tally.class, event.id());
            }
        }
    }
}
