package cloud.practice.reporting;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.request.Channel;
import cloud.practice.events.request.RequestAccepted;
import cloud.practice.events.request.RequestCheckedIn;
import cloud.practice.events.request.RequestCheckedOut;
import cloud.practice.events.request.RequestCompleted;
import cloud.practice.events.request.RequestDispatched;
import cloud.practice.events.request.RequestRated;
import cloud.practice.events.request.RequestReviewed;
import cloud.practice.events.request.RequestSubmitted;
import cloud.practice.events.Context;
import cloud.practice.reporting.projection.ProjectionRuntime;
import cloud.practice.reporting.projection.ProjectionStatus;
import cloud.practice.reporting.report.FigureRow;
import cloud.practice.reporting.scenario.EventLog;
import cloud.practice.reporting.scenario.EventPublisher;
import cloud.practice.reporting.scenario.Recorded;
import cloud.practice.reporting.web.ReportsClient;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.testing.WithPlatformInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * QUALITY.md's two reporting bars, measured in one run (figures printed and written to
 * {@code target/reporting-benchmark.txt}; the test asserts correctness only, never time):
 * <ol>
 *   <li><b>rebuild rate</b> from offset zero, next to the raw Kafka consume rate of the same records;</li>
 *   <li><b>projection lag</b> (event time → fact visible to reports) p50/p99 at half of the measured maximum rate.</li>
 * </ol>
 * Run: {@code ./mvnw -pl reporting-service verify -Pbenchmark -Dit.test=ProjectionBenchmarkIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}; size with {@code -Dbench.requests=2500 -Dbench.loadSeconds=20}.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "practice.reporting.monitor-interval=200ms", "logging.level.cloud.practice=WARN"})
@WithPlatformInfrastructure
class ProjectionBenchmarkIT {

    private static final String DISTRICT = "cq-bench";
    private static final Instant T0 = Instant.parse("2026-06-01T01:00:00Z");
    private static final int REQUESTS = Integer.getInteger("bench.requests", 2500);
    private static final int LOAD_SECONDS = Integer.getInteger("bench.loadSeconds", 20);

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private KafkaTemplate<String, byte[]> kafka;
    @Autowired
    private CloudEventCodec codec;
    @Autowired
    private ProjectionRuntime runtime;
    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    /** A full lifecycle per request: 8 events. */
    private static void lifecycle(EventLog log, String id, String unit, Instant t) {
        String v = "v-" + id;
        log.append(id, new RequestSubmitted(id, DISTRICT, "m1", ServicePlatform.CARE, unit, null, "g1", Channel.APP,
                null, null, null, null, t), t);
        log.append(id, new RequestReviewed(id, DISTRICT, unit, null, t.plusSeconds(60)), t);
        log.append(id, new RequestDispatched(id, DISTRICT, unit, List.of(v), null, "AUTO", 1, t.plusSeconds(120)), t);
        log.append(id, new RequestAccepted(id, DISTRICT, v, null, t.plusSeconds(180)), t);
        log.append(id, new RequestCheckedIn(id, DISTRICT, v, t.plusSeconds(240), null), t);
        log.append(id, new RequestCheckedOut(id, DISTRICT, v, unit, ServicePlatform.CARE, t.plusSeconds(240),
                t.plusSeconds(3600), 60), t);
        log.append(id, new RequestCompleted(id, DISTRICT, t.plusSeconds(3700)), t);
        log.append(id, new RequestRated(id, DISTRICT, 5, true, null, t.plusSeconds(4000)), t);
    }

    private static EventLog tree() {
        EventLog log = new EventLog();
        LocalDate day = LocalDate.of(2026, 1, 1);
        log.append(DISTRICT, new OrgUnitEstablished("c", DISTRICT, "C", "C", OrgTier.CENTER, null, null, null, null,
                Set.of(), List.of(), day), T0);
        log.append(DISTRICT, new OrgUnitEstablished("i", DISTRICT, "I", "I", OrgTier.INSTITUTE, "c", null, null, null,
                Set.of(), List.of(), day), T0);
        for (int s = 0; s < 4; s++) {
            log.append(DISTRICT, new OrgUnitEstablished("s" + s, DISTRICT, "S" + s, "S" + s, OrgTier.STATION, "i",
                    null, null, null, Set.of(), List.of(), day), T0);
        }
        return log;
    }

    @Test
    void shouldMeasureRebuildRateAndLagUnderLoad() throws Exception {
        ReportsClient client = new ReportsClient(rest);
        StringBuilder report = new StringBuilder();
        EventLog backlog = tree();
        for (int i = 0; i < REQUESTS; i++) {
            lifecycle(backlog, "r" + i, "s" + (i % 4), T0.plusSeconds(i * 60L));
        }
        new EventPublisher(kafka, codec).publish(backlog.events());
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> client.status().get(0).lag() == 0);

        // 1. Raw consume rate of the same records: a bare consumer from offset zero, no decoding, no store.
        List<String> topics = List.of(Context.HIERARCHY.topic(),
                Context.VOLUNTEER.topic(), Context.REQUEST.topic(), Context.MATCHING.topic());
        long records = 0;
        long rawStart = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            while (records < total) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
                records += batch.count();
            }
        }
        double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
        double rawRate = records / rawSeconds;

        // 2. Rebuild from offset zero while the active version serves.
        int before = runtime.activeVersion();
        long rebuildStart = System.nanoTime();
        assertThat(client.post("/api/v1/reports/projections/rebuild").getStatusCode().value()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> runtime.activeVersion() == before + 1);
        double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
        List<ProjectionStatus> status = client.status();
        long rebuilt = status.get(0).position();
        double rebuildRate = rebuilt / rebuildSeconds;
        FigureRow afterRebuild = client.figures("district=" + DISTRICT + "&from=2026-06-01&to=2026-06-30&granularity=month"
                + "&view=now").get(0);
        assertThat(afterRebuild.requests().submitted()).isEqualTo(REQUESTS);
        assertThat(afterRebuild.requests().byStatus().get("COMPLETED")).isEqualTo(REQUESTS);
        report.append(String.format("records on topics: %d%nraw consume: %.0f records/s (%.2f s)%n"
                        + "rebuild from offset zero: %.0f events/s (%d records in %.2f s, incl. switch detection)%n"
                        + "rebuild / raw ratio: %.3f%n", records, rawRate, rawSeconds, rebuildRate, rebuilt,
                rebuildSeconds, rebuildRate / rawRate));

        // 3. Maximum live rate: a burst sent as fast as the sender can while the projection consumes it (producer,
        //    broker, consumer and store share the two cores, as they would under live load).
        ConcurrentLinkedQueue<Long> delaysMicros = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicLong burstApplied = new java.util.concurrent.atomic.AtomicLong();
        runtime.onActiveApplied(event -> {
            if (event.subject().startsWith("burst")) {
                burstApplied.incrementAndGet();
            } else if (event.subject().startsWith("load")) {
                delaysMicros.add(Duration.between(event.time().toInstant(), Instant.now()).toNanos() / 1_000);
            }
        });
        int burstLifecycles = Integer.getInteger("bench.burstRequests", 1500);
        EventLog burst = new EventLog();
        for (int i = 0; i < burstLifecycles; i++) {
            lifecycle(burst, "burst" + i, "s" + (i % 4), T0.plusSeconds(i * 60L));
        }
        List<Recorded> burstEvents = interleave(burst.events(), burstLifecycles);
        long burstStart = System.nanoTime();
        List<CompletableFuture<?>> burstSent = new ArrayList<>();
        for (Recorded event : burstEvents) {
            burstSent.add(kafka.send(EventPublisher.record(codec, event, Instant.now())));
        }
        CompletableFuture.allOf(burstSent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> burstApplied.get() >= burstEvents.size());
        double maxLive = burstEvents.size() / ((System.nanoTime() - burstStart) / 1e9);
        report.append(String.format("max live rate (burst of %d events sent and applied concurrently): %.0f events/s%n",
                burstEvents.size(), maxLive));

        // 4. Lag under load: half of the maximum live rate, open model (sends on schedule, never waiting on the
        //    projection), each event stamped with its send time.
        double rate = Math.max(50, maxLive / 2);
        int events = (int) (rate * LOAD_SECONDS);
        int lifecycles = events / 8;
        EventLog load = new EventLog();
        for (int i = 0; i < lifecycles; i++) {
            lifecycle(load, "load" + i, "s" + (i % 4), T0.plusSeconds(i * 60L));
        }
        List<Recorded> toSend = interleave(load.events(), lifecycles);
        List<CompletableFuture<?>> sent = new ArrayList<>();
        long start = System.nanoTime();
        long intervalNanos = (long) (1e9 / rate);
        for (int i = 0; i < toSend.size(); i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sent.add(kafka.send(EventPublisher.record(codec, toSend.get(i), Instant.now())));
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofMinutes(10)).until(() -> delaysMicros.size() >= toSend.size());
        List<Long> sorted = new ArrayList<>(delaysMicros);
        Collections.sort(sorted);
        report.append(String.format("load: %d events at %.0f events/s offered (%.0f achieved by the sender)%n"
                        + "lag event → visible: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                toSend.size(), rate, toSend.size() / sendSeconds, pct(sorted, 0.5), pct(sorted, 0.9),
                pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1000.0));
        FigureRow afterLoad = client.figures("district=" + DISTRICT + "&from=2026-06-01&to=2026-12-31&granularity=year"
                + "&view=now").get(0);
        assertThat(afterLoad.requests().submitted()).isEqualTo(REQUESTS + burstLifecycles + lifecycles);
        assertThat(afterLoad.completionRate()).isEqualTo(1.0);

        System.out.println("=== reporting benchmark ===\n" + report);
        Files.writeString(Path.of("target", "reporting-benchmark.txt"), report.toString());
    }

    /** Lifecycles side by side (event k of every request before event k+1 of any): many aggregates in flight. */
    private static List<Recorded> interleave(List<Recorded> events, int lifecycles) {
        List<Recorded> out = new ArrayList<>(events.size());
        for (int step = 0; step < 8; step++) {
            for (int i = 0; i < lifecycles; i++) {
                out.add(events.get(i * 8 + step));
            }
        }
        return out;
    }

    private static double pct(List<Long> sortedMicros, double p) {
        int rank = (int) Math.ceil(p * sortedMicros.size());
        return sortedMicros.get(Math.max(0, rank - 1)) / 1000.0;
    }
}
