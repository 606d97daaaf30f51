package cloud.practice.system;

import cloud.practice.testing.TcpProxy;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Network faults between the services and Kafka, on the suite's platform: its broker advertises a loopback TCP proxy
 * ({@link RunningPlatform#kafkaLink()}), so every Kafka connection of every service — bootstrap and data — crosses it.
 * Under a steady stream of commands to hierarchy-service the proxy adds latency, resets every connection, then cuts
 * the network for a while (new connections hang, open ones are reset) and heals. Commands never need Kafka, so every
 * one is acknowledged; afterwards every acknowledged unit's event is on Kafka and counted by reporting exactly once.
 * The other services ride the same faults and heal with it; the test ends only when the network is whole again.
 */
class KafkaNetworkFaultIT {

    private static final String DISTRICT = "cq-kafka-fault";
    private static final String HIERARCHY = "http://127.0.0.1:" + (8081 + RunningPlatform.OFFSET);
    private static final String REPORTING = "http://127.0.0.1:" + (8084 + RunningPlatform.OFFSET);

    @Test
    void shouldPublishAndConsumeEveryAcknowledgedCommandThroughLatencyResetsAndAPartition() throws Exception {
        RunningPlatform.get();
        TcpProxy kafka = RunningPlatform.kafkaLink().orElse(null);
        assumeTrue(kafka != null, "the platform runs with -Dplatform.kafka.link=direct: no proxy to fault");
        try {
            run(kafka);
        } finally {
            kafka.latency(Duration.ZERO);
            kafka.blackhole(false);
        }
    }

    private void run(TcpProxy kafka) throws Exception {
        Api ops = Api.client("local-ops", "local-ops-secret");
        Api hierarchy = ops.at(HIERARCHY);
        Api reporting = ops.at(REPORTING);
        Api.Answer center = hierarchy.post("/api/v1/org-units/import?district=" + DISTRICT, """
                [{"unitId":"center","code":"KF","name":"网络故障区中心","tier":"CENTER"},
                 {"unitId":"i-1","code":"KF-1","name":"网络故障所","tier":"INSTITUTE","parentId":"center"}]""");
        assertThat(center.status()).as(center.toString()).isEqualTo(200);

        // A steady stream of commands: one station established every 100 ms until told to stop.
        List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        Thread load = new Thread(() -> {
            while (loading.get()) {
                int n = sent.getAndIncrement();
                String unit = "s-" + n;
                try {
                    Api.Answer answer = hierarchy.post("/api/v1/org-units?district=" + DISTRICT, """
                            {"unitId":"%s","code":"KF-1-%d","name":"网络故障站%d","tier":"STATION","parentId":"i-1"}"""
                            .formatted(unit, n, n));
                    if (answer.status() == 201) {
                        acknowledged.add(unit);
                    } else {
                        failures.merge("HTTP " + answer.status(), 1, Integer::sum);
                    }
                    Thread.sleep(100);
                } catch (Exception e) {
                    failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                }
            }
        }, "kafka-fault-load");
        load.start();

        // Each phase lasts until enough commands were acknowledged inside it (the stream runs at ~10/s) and, where
        // connections were cut, until the clients have connected again — or, in the partition, tried to.
        awaitAcknowledged(acknowledged, 30, "before the faults");
        int beforeFaults = kafka.acceptedConnections();
        assertThat(beforeFaults).as("the services reach Kafka through the proxy").isPositive();
        kafka.latency(Duration.ofMillis(150));          // a slow link both ways
        awaitAcknowledged(acknowledged, 50, "with latency");
        kafka.latency(Duration.ZERO);
        for (int reset = 0; reset < 3; reset++) {        // every connection reset, three times
            int connections = kafka.acceptedConnections();
            kafka.resetConnections();
            awaitReconnected(kafka, connections, "after reset " + (reset + 1));
            awaitAcknowledged(acknowledged, 20, "after reset " + (reset + 1));
        }
        int beforePartition = kafka.acceptedConnections();
        kafka.blackhole(true);                          // a partition: new connections hang, open ones are cut
        kafka.resetConnections();
        awaitReconnected(kafka, beforePartition, "into the partition (their connections hang)");
        awaitAcknowledged(acknowledged, 150, "during the partition");
        kafka.blackhole(false);
        int beforeHealing = kafka.acceptedConnections();
        kafka.resetConnections();                       // the hung connections go too, as a healed network's would
        long healed = System.nanoTime();
        awaitReconnected(kafka, beforeHealing, "after healing");
        awaitAcknowledged(acknowledged, 30, "after healing");
        loading.set(false);
        load.join();

        System.out.printf("kafka faults: %d commands sent, %d acknowledged, failures %s; Kafka connections through "
                + "the proxy: %d before the faults, %d in all%n", sent.get(), acknowledged.size(), failures,
                beforeFaults, kafka.acceptedConnections());
        assertThat(kafka.acceptedConnections()).as("the resets made the clients reconnect").isGreaterThan(beforeFaults);
        assertThat(failures).as("commands do not need Kafka: none failed").isEmpty();
        assertThat(acknowledged).hasSize(sent.get());

        // On Kafka: every acknowledged station's event, once per event id.
        Set<String> wanted = new HashSet<>(acknowledged);
        Map<String, Set<String>> eventIdsByUnit = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2)).until(() -> established(kafka.address()),
                        byUnit -> byUnit.keySet().containsAll(wanted));
        double resumed = (System.nanoTime() - healed) / 1e9;
        for (String unit : wanted) {
            assertThat(eventIdsByUnit.get(unit)).as(unit + ": one establishing event").hasSize(1);
        }

        // Consumed: reporting counts the district's stations exactly once each.
        JsonNode units = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Api.Answer answer = reporting.get("/api/v1/reports/units?district=" + DISTRICT + "&size=500&view=now");
            return answer.status() == 200 ? answer.json() : null;
        }, page -> page != null && page.get("total").asInt() == wanted.size() + 2);
        Set<String> reported = new HashSet<>();
        units.get("items").forEach(unit -> reported.add(unit.get("unitId").asText()));
        assertThat(reported).containsAll(wanted).contains("center", "i-1");
        System.out.printf("kafka faults: all %d acknowledged on Kafka and in reporting %.1f s after healing%n",
                wanted.size(), resumed);
    }

    /** Waits until {@code more} commands beyond those acknowledged so far are acknowledged. */
    private static void awaitAcknowledged(List<String> acknowledged, int more, String phase) {
        int target = acknowledged.size() + more;
        await(more + " commands acknowledged " + phase).atMost(Duration.ofSeconds(120))
                .until(() -> acknowledged.size() >= target);
    }

    /** Waits until a Kafka client of the platform has opened a new connection through the proxy since {@code before}. */
    private static void awaitReconnected(TcpProxy kafka, int before, String phase) {
        await("a Kafka client connecting " + phase).atMost(Duration.ofSeconds(60))
                .until(() -> kafka.acceptedConnections() > before);
    }

    /** Station id → ids of its OrgUnitEstablished events on the hierarchy topic, read through the proxy. */
    private static Map<String, Set<String>> established(String bootstrap) throws Exception {
        Map<String, Set<String>> byUnit = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : EventTopics.everyRecord(bootstrap,
                topic -> topic.equals("practice.hierarchy.events"))) {
            if (!EventTopics.header(record, "ce_type").contains(".OrgUnitEstablished.")
                    || !DISTRICT.equals(EventTopics.header(record, "ce_district"))) {
                continue;
            }
            JsonNode event = Api.JSON.readTree(record.value());
            byUnit.computeIfAbsent(event.get("unitId").asText(), unit -> new HashSet<>())
                    .add(EventTopics.header(record, "ce_id"));
        }
        return byUnit;
    }
}
