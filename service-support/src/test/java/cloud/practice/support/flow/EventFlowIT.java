package cloud.practice.support.flow;

import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.Context;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.hierarchy.OrgUnitRenamed;
import cloud.practice.support.flow.consumer.ConsumerTestApplication;
import cloud.practice.support.flow.consumer.ParallelRecordingHandler;
import cloud.practice.support.flow.consumer.RecordingHandler;
import cloud.practice.support.flow.publisher.FlakyReadModel;
import cloud.practice.support.flow.publisher.PublisherTestApplication;
import cloud.practice.support.flow.publisher.TestUnit;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.testing.TestInfrastructure;
import cloud.practice.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events flow from one service's event store through the real broker into another service's consumer; a
 * redelivered record changes nothing; malformed records land on the dead-letter topic with their reason.
 */
class EventFlowIT {

    private static final String DISTRICT = "district-" + UUID.randomUUID().toString().substring(0, 8);
    private static ConfigurableApplicationContext publisher;
    private static ConfigurableApplicationContext consumer;

    @BeforeAll
    static void startServices() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        publisher = service(PublisherTestApplication.class, "flow-publisher", infrastructure, true);
        consumer = service(ConsumerTestApplication.class, "flow-consumer", infrastructure, false);
    }

    @AfterAll
    static void stopServices() {
        consumer.close();
        publisher.close();
    }

    /** A service on the shared broker with a database of its own; {@code more} adds or overrides settings. */
    static ConfigurableApplicationContext service(Class<?> application, String name, TestInfrastructure infrastructure,
                                                  boolean relay, String... more) {
        List<String> settings = new ArrayList<>(List.of("--spring.application.name=" + name,
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--spring.data.mongodb.uri=" + infrastructure.mongoUri(name + "_" + UUID.randomUUID()
                        .toString().substring(0, 8)),
                "--practice.messaging.relay-enabled=" + relay,
                "--practice.messaging.consumer-backoff=100ms",
                "--practice.messaging.consumer-retries=2"));
        settings.addAll(List.of(more));
        return new SpringApplicationBuilder(application)
                .web(org.springframework.boot.WebApplicationType.NONE)
                .run(settings.toArray(String[]::new));
    }

    @Test
    void shouldDeliverAnEventOnceThroughTheBrokerEvenWhenItIsRedelivered() {
        CommandGateway commands = publisher.getBean(CommandGateway.class);
        RecordingHandler recorder = consumer.getBean(RecordingHandler.class);
        String unitId = "station-" + UUID.randomUUID();

        commands.sendAndWait(new TestUnit.EstablishTestUnitCommand(unitId, DISTRICT, "盘龙社区文明实践站"));

        InboundEvent established = await().atMost(Duration.ofSeconds(30))
                .until(() -> find(recorder, unitId, 0), Optional::isPresent).orElseThrow();
        assertThat(established.payload()).isInstanceOfSatisfying(OrgUnitEstablished.class, event -> {
            assertThat(event.name()).isEqualTo("盘龙社区文明实践站");
            assertThat(event.districtId()).isEqualTo(DISTRICT);
        });
        assertThat(established.type()).isEqualTo("cloud.practice.hierarchy.OrgUnitEstablished.v1");
        assertThat(established.districtId()).isEqualTo(DISTRICT);
        assertThat(established.correlationId()).isNotBlank();

        ConsumerRecord<String, byte[]> published = readTopic(Context.HIERARCHY.topic(),
                record -> unitId.equals(record.key()));
        assertThat(header(published, "ce_subject")).isEqualTo(unitId);
        assertThat(header(published, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(published, "ce_aggregateseq")).isEqualTo("0");
        assertThat(header(published, "ce_district")).isEqualTo(DISTRICT);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(published.topic(), null, published.key(), published.value(),
                    published.headers()));
            producer.flush();
        }
        commands.sendAndWait(new TestUnit.RenameTestUnitCommand(unitId, "盘龙社区新时代文明实践站"));

        InboundEvent renamed = await().atMost(Duration.ofSeconds(30))
                .until(() -> find(recorder, unitId, 1), Optional::isPresent).orElseThrow();
        assertThat(renamed.payload()).isInstanceOf(OrgUnitRenamed.class);
        assertThat(recorder.timesHandled(established.id())).as("the redelivered record changed nothing").isOne();
    }

    /** A read model that fails on an event (its store away) retries it with back-off; it never skips it. */
    @Test
    void shouldRetryAnEventThatAReadModelFailedToApplyInsteadOfSkippingIt() {
        CommandGateway commands = publisher.getBean(CommandGateway.class);
        FlakyReadModel readModel = publisher.getBean(FlakyReadModel.class);
        String unitId = "station-" + UUID.randomUUID();
        String failingName = FlakyReadModel.FAILING + "盘龙社区文明实践站";

        commands.sendAndWait(new TestUnit.EstablishTestUnitCommand(unitId, DISTRICT, "盘龙社区文明实践站"));
        commands.sendAndWait(new TestUnit.RenameTestUnitCommand(unitId, failingName));
        commands.sendAndWait(new TestUnit.RenameTestUnitCommand(unitId, "盘龙社区新时代文明实践站"));

        await().atMost(Duration.ofSeconds(30)).until(() -> readModel.applied().stream()
                .filter(entry -> entry.startsWith(unitId)).count() == 2);
        assertThat(readModel.applied().stream().filter(entry -> entry.startsWith(unitId)))
                .as("the failed event applied after its retries, and before the next one")
                .containsExactly(unitId + " " + failingName, unitId + " 盘龙社区新时代文明实践站");
        assertThat(readModel.attempts(unitId)).isEqualTo(FlakyReadModel.FAILURES + 1);
    }

    @Test
    void shouldSendMalformedRecordsToTheDeadLetterTopicWithTheReason() {
        String garbageKey = "garbage-" + UUID.randomUUID();
        String invalidKey = "invalid-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Context.HIERARCHY.topic(), garbageKey,
                    "{not json".getBytes(StandardCharsets.UTF_8)));
            ProducerRecord<String, byte[]> invalid = new ProducerRecord<>(Context.HIERARCHY.topic(), invalidKey,
                    "{\"unitId\":\"u1\",\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                            "ce_source", "/practice-cloud/hierarchy-service",
                            "ce_type", "cloud.practice.hierarchy.OrgUnitRenamed.v1", "ce_subject", invalidKey,
                            "ce_district", DISTRICT, "ce_aggregateseq", "0", "content-type", "application/json")
                    .forEach((name, value) -> invalid.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            producer.send(invalid);
            producer.flush();
        }

        ConsumerRecord<String, byte[]> garbage = readTopic(Context.HIERARCHY.deadLetterTopic(),
                record -> garbageKey.equals(record.key()));
        ConsumerRecord<String, byte[]> invalid = readTopic(Context.HIERARCHY.deadLetterTopic(),
                record -> invalidKey.equals(record.key()));

        assertThat(header(garbage, CloudEventAttributes.DEAD_LETTER_REASON)).contains("not a CloudEvent");
        assertThat(header(invalid, CloudEventAttributes.DEAD_LETTER_REASON))
                .contains("violates the schema of OrgUnitRenamed").contains("districtId");
        assertThat(consumer.getBean(RecordingHandler.class).handled())
                .noneMatch(event -> event.subject().equals(invalidKey));
    }

    /**
     * A handler that declares three consumer threads gets them (never more), each aggregate's events still in order;
     * a handler that declares none keeps the service's one thread.
     */
    @Test
    void shouldRunAHandlerOnTheThreadsItDeclaresEachAggregateInOrder() {
        CommandGateway commands = publisher.getBean(CommandGateway.class);
        ParallelRecordingHandler parallel = consumer.getBean(ParallelRecordingHandler.class);
        RecordingHandler recorder = consumer.getBean(RecordingHandler.class);
        List<String> units = new ArrayList<>();
        // Units until a second thread has handled some: the group may still be handing partitions to its members.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String unitId = "parallel-" + UUID.randomUUID();
            units.add(unitId);
            commands.sendAndWait(new TestUnit.EstablishTestUnitCommand(unitId, DISTRICT, "站"));
            commands.sendAndWait(new TestUnit.RenameTestUnitCommand(unitId, "新站"));
            commands.sendAndWait(new TestUnit.RenameTestUnitCommand(unitId, "再新站"));
            return parallel.handled().stream().map(ParallelRecordingHandler.Handled::thread).distinct().count() >= 2;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> units.stream().allMatch(unitId ->
                sequences(parallel, unitId).containsAll(List.of(0L, 1L, 2L)) && find(recorder, unitId, 2).isPresent()));

        // At least once: a record may come twice around a rebalance, never before an earlier one of its aggregate.
        assertThat(units).allSatisfy(unitId -> assertThat(sequences(parallel, unitId)).isSorted());
        assertThat(parallel.handled().stream().map(ParallelRecordingHandler.Handled::thread).distinct().count())
                .as("threads of the handler that declares three").isBetween(2L, 3L);
        assertThat(recorder.handledOn()).as("threads of the handler that declares none").hasSize(1);
    }

    private static List<Long> sequences(ParallelRecordingHandler parallel, String unitId) {
        return parallel.handled().stream().filter(handled -> handled.event().subject().equals(unitId))
                .map(handled -> handled.event().sequence()).toList();
    }

    private static Optional<InboundEvent> find(RecordingHandler recorder, String unitId, long sequence) {
        return recorder.handled().stream()
                .filter(event -> event.subject().equals(unitId) && event.sequence() == sequence).findFirst();
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    static ConsumerRecord<String, byte[]> readTopic(String topic, Predicate<ConsumerRecord<String, byte[]>> match) {
        return TopicReader.read(topic, match, 1, Duration.ofSeconds(30)).get(0);
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return TopicReader.header(record, name);
    }
}
