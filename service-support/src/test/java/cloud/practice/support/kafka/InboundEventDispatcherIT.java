package cloud.practice.support.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cloud.practice.events.Context;
import cloud.practice.events.hierarchy.OrgUnitRenamed;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.events.hierarchy.OrgUnitStatusChanged;
import cloud.practice.testing.TestInfrastructure;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gap warning on the real ledger (MongoDB-wire store): the publisher's internal events leave gaps in sequence
 * numbers that are no alarm; a published event that never arrived is one, named, and counted.
 */
class InboundEventDispatcherIT {

    private static final String DISTRICT = "cq-jiulongpo";

    private final String database = "dispatch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final CloudEventCodec codec = new CloudEventCodec();
    private final List<InboundEvent> handled = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger dispatcherLog = (Logger) LoggerFactory.getLogger(InboundEventDispatcher.class);
    private MongoClient client;
    private InboundEventDispatcher dispatcher;

    @BeforeEach
    void connect() {
        client = MongoClients.create(TestInfrastructure.get().mongoUri(database));
        dispatcher = dispatcher(Set.of());
        log.start();
        dispatcherLog.addAppender(log);
    }

    /** A recording handler of the hierarchy topic that reads {@code types} (empty: every type). */
    private InboundEventDispatcher dispatcher(Set<Class<?>> types) {
        return dispatcher(types, false);
    }

    private InboundEventDispatcher dispatcher(Set<Class<?>> types, boolean idempotent) {
        return new InboundEventDispatcher(recorder(types, idempotent), codec,
                new ProcessedEventLedger(client.getDatabase(database)), meters);
    }

    private InboundEventHandler recorder(Set<Class<?>> types) {
        return recorder(types, false);
    }

    private InboundEventHandler recorder(Set<Class<?>> types, boolean idempotent) {
        return new InboundEventHandler() {
            @Override
            public boolean idempotent() {
                return idempotent;
            }

            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public Set<Context> contexts() {
                return Set.of(Context.HIERARCHY);
            }

            @Override
            public Set<Class<?>> types() {
                return types;
            }

            @Override
            public void handle(InboundEvent event) {
                handled.add(event);
            }
        };
    }

    @AfterEach
    void drop() {
        dispatcherLog.detachAppender(log);
        client.getDatabase(database).drop();
        client.close();
    }

    @Test
    void shouldNotWarnOfTheGapsInternalEventsLeave() {
        // Published #0, #3, #5, #9; the publisher's internal events took #1, #2, #4, #6 to #8.
        dispatcher.onMessage(record("unit-a", 0, -1));
        dispatcher.onMessage(record("unit-a", 3, 0));
        dispatcher.onMessage(record("unit-a", 5, 3));
        dispatcher.onMessage(record("unit-a", 9, 5));

        assertThat(handled).extracting(InboundEvent::sequence).containsExactly(0L, 3L, 5L, 9L);
        assertThat(warnings()).isEmpty();
        assertThat(missingEvents()).isZero();
    }

    @Test
    void shouldWarnOnceOfAPublishedEventThatNeverArrived() {
        dispatcher.onMessage(record("unit-b", 0, -1));
        dispatcher.onMessage(record("unit-b", 3, 0));
        // #5 (previous #3) is lost; #9 names it as its previous published event.
        dispatcher.onMessage(record("unit-b", 9, 5));
        dispatcher.onMessage(record("unit-b", 12, 9));

        assertThat(handled).extracting(InboundEvent::sequence).containsExactly(0L, 3L, 9L, 12L);
        assertThat(warnings()).singleElement().asString()
                .contains("recorder", "#9 of unit-b after #3", "previous published event #5 is missing");
        assertThat(missingEvents()).isOne();
    }

    @Test
    void shouldHoldARecordWithoutThePreviousSequenceToConsecutiveNumbers() {
        dispatcher.onMessage(legacyRecord("unit-c", 0));
        dispatcher.onMessage(legacyRecord("unit-c", 1));
        dispatcher.onMessage(legacyRecord("unit-c", 4));

        assertThat(handled).extracting(InboundEvent::sequence).containsExactly(0L, 1L, 4L);
        assertThat(warnings()).singleElement().asString().contains("#4 of unit-c after #1", "events #2 to #3");
        assertThat(missingEvents()).as("not known to be missing: may have been internal").isZero();
    }

    @Test
    void shouldNotWarnWhenTheFirstEventSeenIsNotTheAggregatesFirst() {
        // A consumer that starts on a topic mid-way (or a new handler on an old aggregate) has applied nothing.
        dispatcher.onMessage(record("unit-d", 7, 4));

        assertThat(handled).extracting(InboundEvent::sequence).containsExactly(7L);
        assertThat(warnings()).isEmpty();
    }

    /**
     * The ledger is asked once per aggregate while the partition stays: later records, and one that comes again, are
     * judged by what this dispatcher noted itself; after a rebalance it asks again, and what an earlier owner noted
     * counts.
     */
    @Test
    void shouldAskTheLedgerOncePerAggregateWhileThePartitionStays() {
        AtomicInteger looks = new AtomicInteger();
        ProcessedEventLedger counting = new ProcessedEventLedger(client.getDatabase(database)) {
            @Override
            public long lastApplied(String handler, String aggregateId) {
                looks.incrementAndGet();
                return super.lastApplied(handler, aggregateId);
            }
        };
        counting.recordApplied("recorder", "unit-n", 1); // an earlier owner applied #0 and #1
        InboundEventDispatcher dispatcher = new InboundEventDispatcher(recorder(Set.of()), codec, counting, meters);
        dispatcher.onMessage(record("unit-n", 1, 0));
        dispatcher.onMessage(record("unit-n", 2, 1));
        dispatcher.onMessage(record("unit-n", 3, 2));
        dispatcher.onMessage(record("unit-n", 3, 2));
        assertThat(handled).extracting(InboundEvent::sequence).containsExactly(2L, 3L);
        assertThat(looks).hasValue(1);

        dispatcher.onPartitionsRevoked(List.of());
        dispatcher.onMessage(record("unit-n", 3, 2));
        dispatcher.onMessage(record("unit-n", 4, 3));
        assertThat(handled).extracting(InboundEvent::sequence).containsExactly(2L, 3L, 4L);
        assertThat(looks).hasValue(2);
        assertThat(client.getDatabase(database).getCollection(ProcessedEventLedger.COLLECTION).find().first()
                .get("seq", Number.class).longValue()).isEqualTo(4L);
    }

    /** A handler idempotent by its own state is handed a record that comes again; the ledger is never touched. */
    @Test
    void shouldLeaveTheLedgerAloneForAnIdempotentHandler() {
        InboundEventDispatcher idempotent = dispatcher(Set.of(OrgUnitRenamed.class), true);
        idempotent.onMessage(record("unit-i", 0, -1));
        idempotent.onMessage(record("unit-i", 1, 0));
        idempotent.onMessage(record("unit-i", 1, 0));

        assertThat(handled).extracting(InboundEvent::sequence).containsExactly(0L, 1L, 1L);
        assertThat(client.getDatabase(database).listCollectionNames().into(new java.util.ArrayList<>()))
                .as("nothing noted in a ledger").doesNotContain(ProcessedEventLedger.COLLECTION);
        assertThat(warnings()).isEmpty();

        // The same records through a handler that keeps the ledger: the one that came again is skipped.
        handled.clear();
        InboundEventDispatcher ledgered = dispatcher(Set.of(OrgUnitRenamed.class), false);
        ledgered.onMessage(record("unit-i", 0, -1));
        ledgered.onMessage(record("unit-i", 1, 0));
        ledgered.onMessage(record("unit-i", 1, 0));
        assertThat(handled).extracting(InboundEvent::sequence).containsExactly(0L, 1L);
        assertThat(ledgerKeys()).containsExactly("recorder|unit-i");
    }

    @Test
    void shouldPassOverTheTypesAHandlerDoesNotReadWithoutDecodingThemOrAskingTheLedger() {
        InboundEventDispatcher renames = dispatcher(Set.of(OrgUnitRenamed.class));
        renames.onMessage(statusRecord("unit-e", 0, -1));
        // Passed over by the type header alone: a body nobody could decode is not even looked at.
        renames.onMessage(withBody(statusRecord("unit-e", 1, 0), "not json".getBytes(StandardCharsets.UTF_8)));
        renames.onMessage(record("unit-e", 2, 1));

        assertThat(handled).extracting(InboundEvent::sequence).containsExactly(2L);
        assertThat(ledgerKeys()).as("the ledger holds only what was applied").containsExactly("recorder|unit-e");
        assertThat(client.getDatabase(database).getCollection(ProcessedEventLedger.COLLECTION)
                .find().first().get("seq", Number.class).longValue()).isEqualTo(2L);
        assertThat(warnings()).as("the events passed over are not missing").isEmpty();
    }

    @Test
    void shouldStillWarnOfAPublishedEventThatNeverArrivedBetweenTypesPassedOver() {
        InboundEventDispatcher renames = dispatcher(Set.of(OrgUnitRenamed.class));
        renames.onMessage(record("unit-g", 0, -1));
        renames.onMessage(statusRecord("unit-g", 2, 0));
        // #4 (previous #2) never came; #7 names it.
        renames.onMessage(record("unit-g", 7, 4));

        assertThat(handled).extracting(InboundEvent::sequence).containsExactly(0L, 7L);
        assertThat(warnings()).singleElement().asString()
                .contains("#7 of unit-g after #2", "previous published event #4 is missing");
        assertThat(missingEvents()).isOne();
    }

    @Test
    void shouldSayNothingWhereItCannotTellAPassedOverEventFromALostOne() {
        dispatcher(Set.of(OrgUnitRenamed.class)).onMessage(record("unit-h", 0, -1));
        // A restart: the new process never saw #2, which its predecessor passed over.
        InboundEventDispatcher restarted = dispatcher(Set.of(OrgUnitRenamed.class));
        restarted.onMessage(record("unit-h", 3, 2));
        // Once it has seen the aggregate again, it judges again.
        restarted.onMessage(record("unit-h", 9, 6));

        assertThat(handled).extracting(InboundEvent::sequence).containsExactly(0L, 3L, 9L);
        assertThat(warnings()).singleElement().asString().contains("#9 of unit-h after #3");
    }

    @Test
    void shouldDecodeARecordOfAnUnknownTypeSoThatItIsRefusedWithTheReason() {
        InboundEventDispatcher renames = dispatcher(Set.of(OrgUnitRenamed.class));
        ConsumerRecord<String, byte[]> unknown = record("unit-i", 0, -1);
        unknown.headers().remove("ce_type");
        unknown.headers().add("ce_type", "cloud.practice.nothing.v1".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> renames.onMessage(unknown)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("unknown event type");
        assertThat(handled).isEmpty();
    }

    private List<String> ledgerKeys() {
        List<String> keys = new java.util.ArrayList<>();
        client.getDatabase(database).getCollection(ProcessedEventLedger.COLLECTION).find()
                .forEach(entry -> keys.add(entry.getString("_id")));
        return keys;
    }

    private List<String> warnings() {
        return log.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private double missingEvents() {
        return meters.get(InboundEventDispatcher.MISSING_EVENTS_METRIC).tag("handler", "recorder").counter().count();
    }

    private ConsumerRecord<String, byte[]> record(String unitId, long sequence, long previousPublished) {
        return asConsumed(codec.encode(message(unitId, sequence), previousPublished));
    }

    private ConsumerRecord<String, byte[]> statusRecord(String unitId, long sequence, long previousPublished) {
        return asConsumed(codec.encode(new GenericDomainEventMessage<>("Unit", unitId, sequence,
                new OrgUnitStatusChanged(unitId, DISTRICT, OrgUnitStatus.SUSPENDED, "整改",
                        LocalDate.of(2026, 3, 7))), previousPublished));
    }

    private static ConsumerRecord<String, byte[]> withBody(ConsumerRecord<String, byte[]> record, byte[] body) {
        return new ConsumerRecord<>(record.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME, -1, body.length,
                record.key(), body, record.headers(), Optional.empty());
    }

    private ConsumerRecord<String, byte[]> legacyRecord(String unitId, long sequence) {
        return asConsumed(codec.encode(message(unitId, sequence)));
    }

    private static GenericDomainEventMessage<OrgUnitRenamed> message(String unitId, long sequence) {
        return new GenericDomainEventMessage<>("Unit", unitId, sequence,
                new OrgUnitRenamed(unitId, DISTRICT, "九龙镇文明实践所 " + sequence, LocalDate.of(2026, 3, 7)));
    }

    private static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> record) {
        return new ConsumerRecord<>(record.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME, -1, record.value().length,
                record.key(), record.value(), new RecordHeaders(record.headers().toArray()), Optional.empty());
    }
}
