package cloud.practice.support.bench;

import cloud.practice.events.Context;
import cloud.practice.events.hierarchy.OrgUnitRenamed;
import cloud.practice.support.flow.publisher.PublisherTestApplication;
import cloud.practice.support.kafka.KafkaEventRelay;
import cloud.practice.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Foundation benchmark: a burst of 10,000 events appended within seconds by two writers must reach Kafka at
 * &ge; 2,000 events/s through the outbox relay, on the embedded default (mongo-java-server, embedded broker).
 * Prints the figures; asserts only that every event arrived. Run: see docs/benchmarks.md.
 */
@Tag("benchmark")
class RelayBurstBenchmarkIT {

    private static final int EVENTS = 10_000;
    private static final int EVENTS_PER_APPEND = 5;
    private static final int WRITERS = 2;
    private static final int RUNS = Integer.getInteger("bench.runs", 3);

    @Test
    void burstOfTenThousandEventsReachesKafka() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            lines.add(runOnce(run));
        }
        System.out.println("\n=== relay burst: " + EVENTS + " events, " + WRITERS + " writers, "
                + EVENTS_PER_APPEND + " events per append ===");
        lines.forEach(System.out::println);
    }

    private String runOnce(int run) throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String district = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(PublisherTestApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.application.name=bench-relay-" + run,
                        "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                        "--spring.data.mongodb.uri=" + infrastructure.mongoUri("bench_" + district),
                        "--spring.data.mongodb.database=bench_" + district);
             KafkaConsumer<String, byte[]> reader = reader()) {
            reader.subscribe(List.of(Context.HIERARCHY.topic()));
            while (reader.assignment().isEmpty()) {
                reader.poll(Duration.ofMillis(100));
            }
            EventStorageEngine store = service.getBean(EventStorageEngine.class);
            // The burst lands while the relay is stopped, then the relay drains it: its own rate, not the writers'.
            var relay = service.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(KafkaEventRelay.PROCESSING_GROUP).orElseThrow();
            relay.shutDown();

            long start = System.nanoTime();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(writers.submit(() -> append(store, district, writer)));
            }
            for (Future<?> future : done) {
                future.get();
            }
            long appended = System.nanoTime();
            writers.shutdown();
            relay.start();

            int received = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            byte[] districtHeader = district.getBytes(StandardCharsets.UTF_8);
            while (received < EVENTS && System.nanoTime() < deadline) {
                for (var record : reader.poll(Duration.ofMillis(100))) {
                    var header = record.headers().lastHeader("ce_district");
                    if (header != null && java.util.Arrays.equals(header.value(), districtHeader)) {
                        received++;
                    }
                }
            }
            long arrived = System.nanoTime();
            assertThat(received).as("events of the burst on Kafka").isEqualTo(EVENTS);
            double appendSeconds = (appended - start) / 1e9;
            double drainSeconds = (arrived - appended) / 1e9;
            return String.format("run %d: appended in %.2f s (%.0f events/s); relay drained to Kafka in %.2f s => %.0f events/s",
                    run, appendSeconds, EVENTS / appendSeconds, drainSeconds, EVENTS / drainSeconds);
        }
    }

    private static void append(EventStorageEngine store, String district, int writer) {
        int perWriter = EVENTS / WRITERS;
        for (int i = 0; i < perWriter; i += EVENTS_PER_APPEND) {
            String unit = "unit-" + writer + "-" + (i / EVENTS_PER_APPEND);
            List<EventMessage<?>> events = new ArrayList<>();
            for (int seq = 0; seq < EVENTS_PER_APPEND; seq++) {
                events.add(new GenericDomainEventMessage<>("OrgUnit", unit, seq,
                        new OrgUnitRenamed(unit, district, "文明实践站 " + seq, LocalDate.of(2026, 3, 7))));
            }
            store.appendEvents(events);
        }
    }

    private static KafkaConsumer<String, byte[]> reader() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }
}
