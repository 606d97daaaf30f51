package cloud.practice.support.eventstore;

import cloud.practice.support.eventstore.SessionAcceptingStandIn.TransactionFault;
import cloud.practice.testing.TestInfrastructure;
import com.mongodb.MongoClientException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static cloud.practice.support.eventstore.EventStoreFixture.renamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The event store's transactional path ({@code practice.eventstore.transactions=true}, as compose and Kubernetes run
 * it) as the engine and the driver execute it: what goes over the wire for one append, and what a conflict inside a
 * batch does, next to the plain path. Where no replica set is at hand, the writes land on
 * {@link SessionAcceptingStandIn}, which applies them at once and rolls nothing back; only on a replica set does a
 * failed batch leave nothing behind.
 */
class TransactionalAppendsIT {

    private EventStoreFixture fixture;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldInsertAllEventsOfOneAppendInOneCommittedTransaction() {
        fixture = new EventStoreFixture(Transactions.ON);
        MongoEventStorageEngine engine = fixture.engine(fixture.defaults());
        SentCommands sent = fixture.sentBy(engine);

        engine.appendEvents(renamed("unit-batch", 0, 3));

        assertThat(sent.eventInserts()).singleElement().satisfies(insert -> {
            assertThat(insert.getArray("documents")).extracting(document -> document.asDocument().getInt64("_id").getValue())
                    .as("the append's three reserved indexes, in one insert").containsExactly(1L, 2L, 3L);
            assertThat(SentCommands.startsTransaction(insert)).isTrue();
            assertThat(insert.getBoolean("autocommit").getValue()).isFalse();
        });
        BsonDocument transaction = SentCommands.transactionOf(sent.eventInserts().get(0));
        assertThat(sent.all()).filteredOn(command -> !command.getFirstKey().equals("insert"))
                .as("then exactly one commit of that transaction")
                .extracting(command -> command.getFirstKey() + " " + SentCommands.transactionOf(command))
                .containsExactly("commitTransaction " + transaction);
        assertThat(sent.all()).filteredOn(command -> command.getFirstKey().equals("commitTransaction")).singleElement()
                .as("the wait for the commit bounded by what is left of the append budget")
                .satisfies(commit -> assertThat(commit).containsKey("maxTimeMS"))
                .satisfies(commit -> assertThat(commit.getNumber("maxTimeMS").longValue()).isPositive()
                        .isLessThanOrEqualTo(fixture.defaults().appendBudget().toMillis()));
        assertThat(engine.readEvents("unit-batch").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L, 2L);

        engine.appendEvents(renamed("unit-single", 0));

        assertThat(sent.eventInserts()).last().as("a single event needs no transaction")
                .matches(insert -> !SentCommands.inTransaction(insert));
        assertThat(sent.all()).filteredOn(command -> command.getFirstKey().endsWith("Transaction")).hasSize(1);
    }

    /**
     * One append of three aggregates' next events, the second of which another instance stored first. Both paths
     * refuse it with the same {@link ConcurrencyException}. The plain path's ordered insert has stored the first
     * event by then and stops at the second; a replica set rolls the transaction back, so nothing of it stays.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Transactions.class)
    void shouldRefuseAnAppendWhoseSecondEventConflictsAsThePlainPathDoes(Transactions transactions) {
        fixture = new EventStoreFixture(transactions);
        MongoEventStorageEngine other = fixture.engine(fixture.defaults());
        MongoEventStorageEngine engine = fixture.engine(fixture.defaults());
        other.appendEvents(List.of(renamed("unit-a", 0), renamed("unit-b", 0), renamed("unit-c", 0)));
        other.appendEvents(renamed("unit-b", 1));
        List<GenericDomainEventMessage<?>> batch = List.of(renamed("unit-a", 1), renamed("unit-b", 1),
                renamed("unit-c", 1));

        assertThatThrownBy(() -> engine.appendEvents(batch)).isExactlyInstanceOf(ConcurrencyException.class);

        SentCommands sent = fixture.sentBy(engine);
        assertThat(sent.eventInserts()).as("the whole batch in one insert").singleElement()
                .satisfies(insert -> assertThat(insert.getArray("documents")).hasSize(3));
        BsonDocument insert = sent.eventInserts().get(0);
        assertThat(SentCommands.inTransaction(insert)).isEqualTo(transactions.on());
        if (transactions.on()) {
            assertThat(sent.all()).filteredOn(command -> !command.getFirstKey().equals("insert"))
                    .as("the transaction aborted, never committed")
                    .extracting(command -> command.getFirstKey() + " " + SentCommands.transactionOf(command))
                    .containsExactly("abortTransaction " + SentCommands.transactionOf(insert));
        }
        List<String> stored = other.readEvents((TrackingToken) null, false)
                .map(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier() + "#"
                        + ((DomainEventMessage<?>) event).getSequenceNumber())
                .toList();
        List<String> before = List.of("unit-a#0", "unit-b#0", "unit-c#0", "unit-b#1");
        if (transactions.rollsBackFailedAppends()) {
            assertThat(stored).as("rolled back: nothing of the refused append").isEqualTo(before);
        } else {
            assertThat(stored).as(transactions.on()
                            ? "the stand-in rolls nothing back, so what stays is what the plain path leaves"
                            : "the events ahead of the conflict stay (ordered insertMany)")
                    .isEqualTo(List.of("unit-a#0", "unit-b#0", "unit-c#0", "unit-b#1", "unit-a#1"));
        }
    }

    /**
     * An insert that, as the engine's clock sees it, takes longer than the append budget: the transaction is aborted,
     * never committed, and the append fails as one that overran its budget before inserting does — without this check
     * the commit would land after the budget, below a gap readers may already have given up on. An insert that takes
     * exactly the budget is still committed, once.
     */
    @Test
    void shouldAbortInsteadOfCommittingWhenTheInsertOverrunsTheBudget() {
        fixture = new EventStoreFixture(Transactions.ON);
        EventStoreSettings settings = fixture.defaults();
        InsertsTakingTime inserts = new InsertsTakingTime();
        MongoEventStorageEngine engine = fixture.engine(MongoEventStorageEngine.builder().clock(inserts.clock()),
                settings, List.of(inserts));
        MongoEventStorageEngine other = fixture.engine(settings);
        SentCommands sent = fixture.sentBy(engine);

        inserts.takeEach(settings.appendBudget());
        engine.appendEvents(renamed("unit-in-time", 0, 2));
        inserts.takeEach(settings.appendBudget().plusMillis(1));
        assertThatThrownBy(() -> engine.appendEvents(renamed("unit-late", 0, 2)))
                .isExactlyInstanceOf(EventStoreException.class)
                .hasMessageContaining("committing").hasMessageContaining("not stored");
        other.appendEvents(renamed("unit-next", 0));

        assertThat(sent.eventInserts()).hasSize(2);
        assertThat(endsOfTransactions(sent)).as("the late transaction aborted, never committed").containsExactly(
                "commitTransaction " + SentCommands.transactionOf(sent.eventInserts().get(0)),
                "abortTransaction " + SentCommands.transactionOf(sent.eventInserts().get(1)));
        List<? extends TrackedEventMessage<?>> read = other.readEvents((TrackingToken) null, false).toList();
        if (fixture.transactions.rollsBackFailedAppends()) {
            assertThat(read).extracting(TransactionalAppendsIT::name).as("nothing of the late append")
                    .containsExactly("unit-in-time#0", "unit-in-time#1", "unit-next#0");
            assertThat(((GapAwareTrackingToken) read.get(2).trackingToken()).getGaps())
                    .as("its indexes a gap below the next event").containsExactly(3L, 4L);
        } else {
            assertThat(read).extracting(TransactionalAppendsIT::name)
                    .as("the stand-in rolls nothing back, so the aborted insert stays readable")
                    .containsExactly("unit-in-time#0", "unit-in-time#1", "unit-late#0", "unit-late#1", "unit-next#0");
        }
    }

    /**
     * The answers on which {@code withTransaction} retries — a write conflict on the insert (TransientTransactionError:
     * it would run the whole transaction again) and an unknown commit result (it would commit again, for up to 120 s)
     * — fail the append at once: one insert, at most one commit, nothing sent after it, so nothing of the append can
     * land later. What readers get is what the store holds.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TransactionFault.class)
    void shouldFailAtOnceInsteadOfRetryingWhenTheStoreAnswersATransactionWithAFault(TransactionFault fault) {
        assumeThat(TestInfrastructure.get().mongoSupportsTransactions())
                .as("the faults are the stand-in's; the shared store is a replica set").isFalse();
        fixture = new EventStoreFixture(Transactions.ON);
        MongoEventStorageEngine engine = fixture.engine(fixture.defaults());
        MongoEventStorageEngine other = fixture.engine(fixture.defaults());
        SessionAcceptingStandIn.injectOnce(fixture.database, fault);

        assertThatThrownBy(() -> engine.appendEvents(renamed("unit-batch", 0, 3)))
                .isExactlyInstanceOf(EventStoreException.class);
        other.appendEvents(renamed("unit-next", 0));

        SentCommands sent = fixture.sentBy(engine);
        assertThat(sent.eventInserts()).as("the transaction never run again").hasSize(1);
        BsonDocument transaction = SentCommands.transactionOf(sent.eventInserts().get(0));
        List<? extends TrackedEventMessage<?>> read = other.readEvents((TrackingToken) null, false).toList();
        if (fault == TransactionFault.INSERT_CONFLICTS) {
            assertThat(endsOfTransactions(sent)).containsExactly("abortTransaction " + transaction);
            assertThat(read).extracting(TransactionalAppendsIT::name).containsExactly("unit-next#0");
            assertThat(((GapAwareTrackingToken) read.get(0).trackingToken()).getGaps())
                    .as("the failed append's indexes a gap below the next event").containsExactly(1L, 2L, 3L);
        } else {
            assertThat(endsOfTransactions(sent)).as("committed once, not again")
                    .containsExactly("commitTransaction " + transaction);
            assertThat(read).extracting(TransactionalAppendsIT::name)
                    .as("the outcome was unknown to the engine; the stand-in had applied the insert")
                    .containsExactly("unit-batch#0", "unit-batch#1", "unit-batch#2", "unit-next#0");
            assertThat(((GapAwareTrackingToken) read.get(3).trackingToken()).hasGaps()).isFalse();
        }
    }

    /**
     * Transactions switched on against a store without sessions (the stand-in) must not pass for working: an append
     * of several events fails before anything is written, and a single event, which needs no transaction, still goes.
     */
    @Test
    void shouldRefuseAppendsOfSeveralEventsWhenTransactionsAreOnButTheStoreHasNoSessions() {
        assumeThat(TestInfrastructure.get().mongoSupportsTransactions())
                .as("the shared store is a replica set; this case is about the stand-in").isFalse();
        fixture = new EventStoreFixture(Transactions.OFF);
        EventStoreSettings transactionsOn = new EventStoreSettings(500, Duration.ofSeconds(60), Duration.ofSeconds(10),
                10_000, true, Duration.ofMillis(100), 100, Duration.ofSeconds(1), Duration.ofSeconds(1));
        MongoEventStorageEngine engine = fixture.engine(transactionsOn);

        assertThatThrownBy(() -> engine.appendEvents(renamed("unit-batch", 0, 2)))
                .isInstanceOf(EventStoreException.class)
                .hasCauseInstanceOf(MongoClientException.class)
                .cause().hasMessageContaining("doesn't support sessions");
        engine.appendEvents(renamed("unit-single", 0));

        assertThat(fixture.sentBy(engine).eventInserts()).as("the batch never reached the store").hasSize(1);
        assertThat(engine.readEvents((TrackingToken) null, false)
                .map(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())).containsExactly("unit-single");
    }

    /** The commands that end transactions, each with the transaction it ends, in the order sent. */
    private static List<String> endsOfTransactions(SentCommands sent) {
        return sent.all().stream().filter(command -> !command.getFirstKey().equals("insert"))
                .map(command -> command.getFirstKey() + " " + SentCommands.transactionOf(command)).toList();
    }

    private static String name(TrackedEventMessage<?> event) {
        DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) event;
        return domainEvent.getAggregateIdentifier() + "#" + domainEvent.getSequenceNumber();
    }
}
