package cloud.practice.system;

import cloud.practice.events.Context;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing acknowledged is lost: under a steady load of orders through the gateway, {@code kill -9} a process of the
 * platform, restart it with {@code ./platform up}, and again for the next; afterwards, with the load stopped, every
 * order that got a 201 is readable through the gateway and its RequestSubmitted is on Kafka, exactly once per
 * order, and reporting (another service's projection of the same events) counts exactly the orders request-service
 * holds. The default build runs one reduced round: request-service (the writer of the orders), the Kafka broker and
 * the gateway (their way in) are each killed once. {@code -Dfault.victims=all} kills each of the six processes of the
 * round, {@code -Dfault.cycles=N} repeats the round N times (docs/reliability.md). Every kill is written to
 * {@code target/fault-cycles.log} as it happens, so a long run can be watched, and summed up per process at the end.
 *
 * <p>"On Kafka once" is checked on the whole request topic, every partition read to its end: each acknowledged
 * order has exactly one RequestSubmitted event id; a redelivery after a crash (the relay is at least once, ADR 0002)
 * is counted and must be a copy of the same event, never a second event for the same order.
 */
class KillAndRestartIT {

    static final String DISTRICT = "cq-fault";
    static final String D = "?district=" + DISTRICT;
    static final List<String> VICTIMS = List.of("request-service", "kafka", "volunteer-service", "hierarchy-service",
            "reporting-service", "notification-service", "gateway-service");
    /** The default build's reduced round: the orders' writer, the broker and the way in. */
    static final List<String> REDUCED_ROUND = List.of("request-service", "kafka", "gateway-service");

    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final java.util.concurrent.ConcurrentLinkedQueue<Long> acknowledgedAt = new java.util.concurrent.ConcurrentLinkedQueue<>();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();

    @Test
    void shouldLoseNoAcknowledgedOrderAcrossCrashesOfServicesAndTheBroker() throws Exception {
        RunningPlatform platform = RunningPlatform.get();
        Api ops = Api.client("local-ops", "local-ops-secret");
        java.time.LocalDate firstDay = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        Api.Answer imported = ops.post("/api/v1/org-units/import" + D + "&effectiveDate=2026-01-01", """
                [{"unitId":"center","code":"F","name":"故障演练中心","tier":"CENTER"},
                 {"unitId":"i-f","code":"F-1","name":"演练所","tier":"INSTITUTE","parentId":"center"},
                 {"unitId":"s-f","code":"F-1-1","name":"演练站","tier":"STATION","parentId":"i-f",
                  "communities":["演练社区"],"location":{"latitude":29.5,"longitude":106.5}}]""");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        Api.Answer menu = ops.put("/api/v1/menu/items/HELP" + D, """
                {"name":"帮忙","platform":"CARE","minimumSkillLevel":1,"expectedMinutes":30,"peopleNeeded":1}""");
        assertThat(menu.status()).as(menu.toString()).isIn(200, 201);
        String order = "{\"menuItem\":\"HELP\",\"community\":\"演练社区\",\"channel\":\"PHONE\",\"requesterId\":\"r-%d\"}";
        await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/requests" + D, order.formatted(0)).status() == 201);

        // Steady open-model load: 10 orders a second, whatever the answers.
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        ticker.scheduleAtFixedRate(() -> senders.submit(() -> {
            int n = sent.incrementAndGet();
            try {
                Api.Answer answer = ops.post("/api/v1/requests" + D, order.formatted(n));
                if (answer.status() == 201) {
                    acknowledged.add(answer.json().get("requestId").asText());
                    acknowledgedAt.add(System.nanoTime());
                } else {
                    refused.incrementAndGet();
                }
            } catch (Exception timeoutOrReset) {
                refused.incrementAndGet();
            }
        }), 0, 100, TimeUnit.MILLISECONDS);

        List<Kill> kills = new ArrayList<>();
        java.nio.file.Path log = java.nio.file.Path.of("target", "fault-cycles.log");
        java.nio.file.Files.writeString(log, "");
        int cycles = Integer.getInteger("fault.cycles", 1);
        List<String> victims = "all".equals(System.getProperty("fault.victims")) ? VICTIMS : REDUCED_ROUND;
        try {
            for (int cycle = 1; cycle <= cycles; cycle++) {
                for (String victim : victims) {
                    Thread.sleep(3_000);
                    int before = acknowledged.size();
                    long killedAt = System.nanoTime();
                    platform.kill(victim);
                    long down = System.nanoTime();
                    platform.restart();
                    double ready = (System.nanoTime() - killedAt) / 1e9;
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                            .until(() -> acknowledged.size() > before + 2);
                    // The longest stretch after the kill without an acknowledged order: how long commands stopped.
                    List<Long> after = acknowledgedAt.stream().filter(at -> at > down).sorted().toList();
                    long gap = after.isEmpty() ? 0 : after.get(0) - down;
                    for (int i = 1; i < after.size(); i++) {
                        gap = Math.max(gap, after.get(i) - after.get(i - 1));
                    }
                    Kill kill = new Kill(cycle, victim, gap / 1e9, ready, acknowledged.size());
                    kills.add(kill);
                    System.out.println(kill);
                    java.nio.file.Files.writeString(log, kill + System.lineSeparator(),
                            java.nio.file.StandardOpenOption.APPEND);
                }
            }
            Thread.sleep(3_000);
        } finally {
            ticker.shutdownNow();
            senders.shutdown();
        }
        // Every send has ended (answered, refused or timed out) before anything is counted.
        assertThat(senders.awaitTermination(90, TimeUnit.SECONDS)).as("the senders finished").isTrue();

        // Quiet: every acknowledged order is in the read model and on Kafka, once.
        List<String> missing = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService readers = Executors.newFixedThreadPool(8);
        for (String requestId : acknowledged) {
            readers.submit(() -> {
                try {
                    Api.Answer found = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                            .until(() -> ops.get("/api/v1/requests/" + requestId + D), answer -> answer.status() == 200);
                    if (!requestId.equals(found.json().get("requestId").asText())) {
                        missing.add(requestId);
                    }
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    missing.add(requestId);
                }
            });
        }
        readers.shutdown();
        assertThat(readers.awaitTermination(30, TimeUnit.MINUTES)).as("every acknowledged order read back").isTrue();
        // Every acknowledged order's event has reached the topic (the relay may still be catching up after the last
        // kill), then the whole topic is read to its end and counted.
        await().atMost(Duration.ofSeconds(90 + acknowledged.size() / 500)).pollInterval(Duration.ofSeconds(2))
                .until(() -> submitted().keySet().containsAll(acknowledged));
        Map<String, Submitted> onKafka = submitted();
        summary(kills).forEach(System.out::println);
        long redelivered = onKafka.values().stream().mapToLong(Submitted::redeliveries).sum();
        System.out.printf("orders sent %d, acknowledged %d, refused or failed %d, readable %d, on Kafka %d "
                + "(%d redelivered copies)%n", sent.get(), acknowledged.size(), refused.get(),
                acknowledged.size() - missing.size(), onKafka.size(), redelivered);
        assertThat(acknowledged).as("the load got through between the kills").hasSizeGreaterThan(50);
        assertThat(missing).as("acknowledged orders not readable").isEmpty();
        assertThat(onKafka.keySet()).as("acknowledged orders on Kafka").containsAll(acknowledged);
        onKafka.forEach((requestId, submitted) -> {
            assertThat(submitted.eventIds()).as(requestId + ": one RequestSubmitted event").hasSize(1);
            assertThat(submitted.payloads()).as(requestId + ": redeliveries are copies of it").hasSize(1);
        });

        // No duplicate effects downstream: reporting's count of the district's orders equals request-service's.
        long held = ops.get("/api/v1/requests" + D + "&size=1").json().get("total").asLong();
        assertThat(held).as("orders request-service holds").isGreaterThanOrEqualTo(acknowledged.size() + 1L);
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String figures = "/api/v1/reports/figures" + D + "&granularity=year&from=" + firstDay + "&to=" + today;
        await().atMost(Duration.ofSeconds(90)).until(() -> ops.get(figures).json().at("/items/0/requests/submitted")
                .asLong() == held);
        System.out.printf("request-service holds %d orders of the district; reporting counts %d%n", held, held);
    }

    /** One kill -9 and restart: how long acknowledged orders paused, and when the process was healthy again. */
    record Kill(int cycle, String victim, double pauseSeconds, double readySeconds, int acknowledgedSoFar) {
        @Override
        public String toString() {
            return String.format("cycle %d: kill -9 %-17s longest pause in acknowledged orders %.1f s; "
                    + "process ready again after %.1f s (%d orders acknowledged so far)",
                    cycle, victim, pauseSeconds, readySeconds, acknowledgedSoFar);
        }
    }

    /** Per process: kills, median and worst pause, median and worst time until healthy; kills above the 15 s target. */
    static List<String> summary(List<Kill> kills) {
        List<String> lines = new ArrayList<>();
        for (String victim : VICTIMS) {
            List<Kill> of = kills.stream().filter(kill -> kill.victim().equals(victim)).toList();
            if (of.isEmpty()) {
                continue;
            }
            double[] pauses = of.stream().mapToDouble(Kill::pauseSeconds).sorted().toArray();
            double[] ready = of.stream().mapToDouble(Kill::readySeconds).sorted().toArray();
            lines.add(String.format("%-17s kills %3d; pause median %.1f s, max %.1f s; ready median %.1f s, max %.1f s",
                    victim, of.size(), pauses[pauses.length / 2], pauses[pauses.length - 1], ready[ready.length / 2],
                    ready[ready.length - 1]));
        }
        long slow = kills.stream().filter(kill -> kill.pauseSeconds() > 15).count();
        lines.add(String.format("kills %d in %d rounds; pauses in acknowledged orders above 15 s: %d", kills.size(),
                kills.stream().mapToInt(Kill::cycle).max().orElse(0), slow));
        return lines;
    }

    /** The RequestSubmitted records of one order: their event ids and payloads, and how many records there were. */
    record Submitted(Set<String> eventIds, Set<String> payloads, int records) {
        long redeliveries() {
            return records - eventIds.size();
        }
    }

    /** requestId → its RequestSubmitted records on the request topic (of this district), every partition to its end. */
    private static Map<String, Submitted> submitted() throws Exception {
        Map<String, Submitted> byOrder = new java.util.HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : EventTopics.everyRecord(Context.REQUEST.topic()::equals)) {
            if (!EventTopics.carries(record, "RequestSubmitted") || !DISTRICT.equals(EventTopics.header(record, "ce_district"))) {
                continue;
            }
            Submitted earlier = byOrder.getOrDefault(EventTopics.key(record), new Submitted(Set.of(), Set.of(), 0));
            Set<String> ids = new HashSet<>(earlier.eventIds());
            ids.add(EventTopics.header(record, "ce_id"));
            Set<String> payloads = new HashSet<>(earlier.payloads());
            payloads.add(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8));
            byOrder.put(EventTopics.key(record), new Submitted(ids, payloads, earlier.records() + 1));
        }
        return byOrder;
    }
}
