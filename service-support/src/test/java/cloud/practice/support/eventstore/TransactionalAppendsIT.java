package cloud.practice.support.eventstore;

import cloud.practice.testing.TestInfrastructure;
import com.mongodb.MongoClientException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
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
     * Transactions switched on against a store without sessions (the stand-in) must not pass for working: an append
     * of several events fails before anything is written, and a single event, which needs no transaction, still goes.
     */
    @Test
    void shouldRefuseAppendsOfSeveralEventsWhenTransactionsAreOnButTheStoreHasNoSessions() {
        assumeThat(TestInfrastructure.get().mongoSupportsTransactions())
                .as("the shared store is a replica set; this case is about the stand-in").isFalse();
        fixture = new EventStoreFixture(Transactions.OFF);
        EventStoreSettings transactionsOn = new EventStoreSettings(500, Duration.ofSeconds(60), Duration.ofSeconds(10),
                10_000, true, Duration.ofMillis(100));
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
}
