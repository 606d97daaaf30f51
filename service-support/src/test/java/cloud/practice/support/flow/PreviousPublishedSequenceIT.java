package cloud.practice.support.flow;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.Context;
import cloud.practice.support.flow.consumer.ConsumerTestApplication;
import cloud.practice.support.flow.consumer.RecordingHandler;
import cloud.practice.support.flow.publisher.PublisherTestApplication;
import cloud.practice.support.flow.publisher.TestUnit;
import cloud.practice.support.kafka.KafkaEventRelay;
import cloud.practice.testing.TestInfrastructure;
import cloud.practice.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Internal events use up sequence numbers, so the relay names each record's previous published event
 * ({@code ce_aggregateprevseq}): from what it relayed, from the store after a restart, and the same again when it
 * sends events a second time. A consumer then sees the gaps without a word of warning.
 */
class PreviousPublishedSequenceIT {

    private static final String PREVIOUS = "ce_" + CloudEventAttributes.AGGREGATE_PREVIOUS_SEQUENCE;

    @Test
    void shouldNameThePreviousPublishedEventAcrossInternalEventsRestartsAndResends() throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String database = "prevseq_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String district = "prevseq-" + UUID.randomUUID().toString().substring(0, 8);
        String unitId = "station-" + UUID.randomUUID();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger dispatcherLog = (Logger) LoggerFactory.getLogger("cloud.practice.support.kafka.InboundEventDispatcher");
        log.start();
        dispatcherLog.addAppender(log);
        try (ConfigurableApplicationContext consumer = EventFlowIT.service(ConsumerTestApplication.class,
                "prevseq-consumer", infrastructure, false)) {
            try (ConfigurableApplicationContext publisher = publisher(infrastructure, database)) {
                CommandGateway commands = publisher.getBean(CommandGateway.class);
                commands.sendAndWait(new TestUnit.EstablishTestUnitCommand(unitId, district, "盘龙社区文明实践站"));
                commands.sendAndWait(new TestUnit.NoteTestUnitCommand(unitId, "第一次"));
                commands.sendAndWait(new TestUnit.NoteTestUnitCommand(unitId, "第二次"));
                commands.sendAndWait(new TestUnit.RenameTestUnitCommand(unitId, "盘龙社区新时代文明实践站"));
                commands.sendAndWait(new TestUnit.NoteTestUnitCommand(unitId, "第三次"));
                commands.sendAndWait(new TestUnit.RenameTestUnitCommand(unitId, "盘龙社区文明实践站（新）"));

                assertThat(previousBySequence(readUntil(unitId, Map.of(0L, 1, 3L, 1, 5L, 1))))
                        .as("from the relay's memory").containsExactly(Map.entry(0L, -1L), Map.entry(3L, 0L),
                                Map.entry(5L, 3L));
            }

            // A new relay remembers nothing: the previous published event of #7 comes from the store.
            try (ConfigurableApplicationContext publisher = publisher(infrastructure, database)) {
                CommandGateway commands = publisher.getBean(CommandGateway.class);
                commands.sendAndWait(new TestUnit.NoteTestUnitCommand(unitId, "第四次"));
                commands.sendAndWait(new TestUnit.RenameTestUnitCommand(unitId, "盘龙社区文明实践中心"));

                List<ConsumerRecord<String, byte[]>> once = readUntil(unitId, Map.of(0L, 1, 3L, 1, 5L, 1, 7L, 1));
                assertThat(previousBySequence(once)).as("after a restart")
                        .containsEntry(7L, 5L).hasSize(4);

                // The relay sends from #4 again while its memory already knows #7: the same values as before.
                Instant fourth = publisher.getBean(EventStore.class).readEvents(unitId, 4).next().getTimestamp();
                resendFrom(publisher, fourth);
                List<ConsumerRecord<String, byte[]>> twice = readUntil(unitId, Map.of(5L, 2, 7L, 2));
                Map<String, Set<String>> previousById = twice.stream().collect(Collectors.groupingBy(
                        record -> TopicReader.header(record, "ce_id"),
                        Collectors.mapping(record -> TopicReader.header(record, PREVIOUS), Collectors.toSet())));
                assertThat(previousById.values()).as("one value per event id, however often it was sent")
                        .allSatisfy(values -> assertThat(values).hasSize(1));
                assertThat(previousBySequence(twice)).containsEntry(5L, 3L).containsEntry(7L, 5L);
            }

            RecordingHandler recorder = consumer.getBean(RecordingHandler.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.handled().stream()
                    .anyMatch(event -> event.subject().equals(unitId) && event.sequence() == 7));
            assertThat(recorder.handled().stream().filter(event -> event.subject().equals(unitId)))
                    .extracting(event -> event.sequence() + "<-" + event.previousSequence())
                    .containsExactly("0<--1", "3<-0", "5<-3", "7<-5");
            assertThat(log.list).as("warnings about the unit, whose gaps are all internal events")
                    .filteredOn(event -> event.getLevel() == Level.WARN
                            && event.getFormattedMessage().contains(unitId))
                    .isEmpty();
        } finally {
            dispatcherLog.detachAppender(log);
        }
    }

    private static ConfigurableApplicationContext publisher(TestInfrastructure infrastructure, String database) {
        return new SpringApplicationBuilder(PublisherTestApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.application.name=prevseq-publisher",
                        "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                        "--spring.data.mongodb.uri=" + infrastructure.mongoUri(database),
                        "--spring.data.mongodb.database=" + database);
    }

    /** Moves the relay's token back to the first event stored at or after {@code from}: a batch sent again. */
    private static void resendFrom(ConfigurableApplicationContext publisher, Instant from) throws Exception {
        TrackingEventProcessor relay = publisher.getBean(Configuration.class).eventProcessingConfiguration()
                .eventProcessor(KafkaEventRelay.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
        relay.shutdownAsync().get(30, TimeUnit.SECONDS);
        relay.resetTokens(source -> source.createTokenAt(from));
        relay.start();
    }

    /** The unit's records until each sequence number was seen as often as asked. */
    private static List<ConsumerRecord<String, byte[]>> readUntil(String unitId, Map<Long, Integer> timesBySequence) {
        return TopicReader.readUntil(Context.HIERARCHY.topic(), record -> unitId.equals(record.key()),
                found -> timesBySequence.entrySet().stream().allMatch(expected -> found.stream()
                        .filter(record -> sequence(record) == expected.getKey()).count() >= expected.getValue()),
                Duration.ofSeconds(30), "records of " + unitId + " by sequence " + timesBySequence);
    }

    private static Map<Long, Long> previousBySequence(Collection<ConsumerRecord<String, byte[]>> records) {
        return records.stream().collect(Collectors.toMap(PreviousPublishedSequenceIT::sequence,
                record -> Long.parseLong(TopicReader.header(record, PREVIOUS)), (first, again) -> {
                    assertThat(again).as("the same event sent again").isEqualTo(first);
                    return first;
                }, java.util.TreeMap::new));
    }

    private static long sequence(ConsumerRecord<String, byte[]> record) {
        return Long.parseLong(TopicReader.header(record, "ce_aggregateseq"));
    }
}
