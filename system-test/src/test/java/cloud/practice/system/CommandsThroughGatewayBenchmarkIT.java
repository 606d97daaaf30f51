package cloud.practice.system;

import cloud.practice.testing.OpenModelLoad;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * QUALITY.md's command path: gateway → request-service → event store append → 2xx, for a realistic mix of
 * lifecycle commands (submit, review, dispatch, accept, check-in, check-out, complete, rate: each request walked
 * through its stages), at fixed open-model rates in steps; the highest rate with p99 ≤ 50 ms and no failures is the
 * sustained rate. In the same run, the raw insert rate of the platform's MongoDB (the same server, a scratch
 * database): documents of an event entry's size, acknowledged one by one, from as many writers as the service has
 * request threads busy. Prints the figures and writes target/bench-commands.{txt,csv,svg}; asserts only that the
 * scenario worked (no timed assertions). Run: docs/benchmarks.md.
 */
@Tag("benchmark")
class CommandsThroughGatewayBenchmarkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] RATES = java.util.Arrays.stream(System.getProperty("bench.rates",
            "2,5,10,20,40,80,100,200,400,800").split(",")).mapToInt(Integer::parseInt).toArray();
    private static final Duration STEP = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
    /** A step whose p99 exceeds this ends the run (the curve's knee is behind it); -Dbench.stop.p99.ms. */
    private static final long STOP_P99_MILLIS = Long.getLong("bench.stop.p99.ms", 1_000);
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @Test
    void commandsEndToEndAgainstRawInsertsOfTheSameStore() throws Exception {
        RunningPlatform.get();
        Api ops = Api.client("local-ops", "local-ops-secret");
        String district = "cq-bench-" + UUID.randomUUID().toString().substring(0, 6);
        OneStationDistrict.create(ops, district, "b", "基准", "基准社区", 29.5, 106.5);
        // The one volunteer every request is dispatched to: registered (dispatch names registered volunteers only),
        // with a skill the menu's VISIT does not ask for, so matching proposes nobody and the dispatch stays the load's
        String volunteer = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ops.post(
                "/api/v1/volunteers?district=" + district, """
                {"personal":{"name":"基准志愿者","phone":"13900005501","birthDate":"1985-01-02"},"homeUnitId":"s-b",
                 "skills":[{"platform":"LEGAL","level":1}],"availability":[],"contactConsent":true}"""),
                answer -> answer.status() == 201).json().get("volunteerId").asText();
        Lifecycles lifecycles = new Lifecycles(ops, district, volunteer);
        OpenModelLoad load = new OpenModelLoad("Bearer " + ops.token());

        // The raw rate twice: on the idle platform before the load, and after it (consumers may still be catching up).
        double rawIdle = rawInsertRate(StoreFingerprint.MONGO, Duration.ofSeconds(10), 8);
        // Issue 24 asks for >= 10,000 warm-up commands (-Dbench.warmup.rate=20 -Dbench.warmup.seconds=500): the JIT
        // compilers are still busy long after the default 20 s, and their CPU counts in the figures below.
        load.fixedRate("warm-up", Integer.getInteger("bench.warmup.rate", RATES[0]),
                Duration.ofSeconds(Long.getLong("bench.warmup.seconds", 20)), lifecycles::next);
        List<OpenModelLoad.Latencies> steps = new ArrayList<>();
        StoreOperations.Reading before = StoreOperations.read();
        ProcessCpu.Reading cpuBefore = ProcessCpu.read();
        int sustained = 0;
        int carried = 0;
        for (int rate : RATES) {
            OpenModelLoad.Latencies step = load.fixedRate("commands", rate, STEP, lifecycles::next);
            steps.add(step);
            System.out.println(step.line());
            boolean kept = step.failed() == 0 && step.achievedRate() >= rate * 0.95;
            if (kept) {
                carried = rate; // every command acknowledged at the offered rate, whatever the latency
            }
            if (kept && step.p99() <= 50_000) {
                sustained = rate;
            }
            if (step.p99() > STOP_P99_MILLIS * 1000 || step.failed() > step.sent() / 20) {
                break; // far past saturation: further steps only queue
            }
        }
        StoreOperations.Reading after = StoreOperations.read();
        long commands = steps.stream().mapToLong(OpenModelLoad.Latencies::ok).sum();
        String operations = StoreOperations.perCommand(after.since(before), commands);
        System.out.print(operations);
        // CPU until the consumers and projections have caught up: what a command costs the platform in all.
        ProcessCpu.Usage commandCpu = ProcessCpu.quiet(Duration.ofSeconds(90)).since(cpuBefore);

        // The same gateway and security path doing nothing: a POST of the submission's route whose body the service's
        // validation refuses (400, nothing stored), at the highest rate the commands were carried at.
        int noOpRate = Integer.getInteger("bench.noop.rate", Math.max(carried, RATES[0]));
        load.fixedRate("no-op warm-up", noOpRate, Duration.ofSeconds(Long.getLong("bench.noop.warmup.seconds", 15)),
                lifecycles::refused, status -> status == 400);
        StoreOperations.Reading noOpOpsBefore = StoreOperations.read();
        ProcessCpu.Reading noOpBefore = ProcessCpu.read();
        OpenModelLoad.Latencies noOp = load.fixedRate("no-op POST", noOpRate, STEP, lifecycles::refused,
                status -> status == 400);
        ProcessCpu.Usage noOpCpu = ProcessCpu.quiet(Duration.ofSeconds(90)).since(noOpBefore);
        // What the platform burns doing nothing, measured last (quiet by then): netted out of both loads' figures.
        ProcessCpu.Usage idle = ProcessCpu.idle(Duration.ofSeconds(15));
        String cpu = ProcessCpu.idleLine(idle) + ProcessCpu.perCall("command", commandCpu, idle, commands);
        System.out.print(cpu);
        String noOpOperations = StoreOperations.perCommand(StoreOperations.read().since(noOpOpsBefore), noOp.ok())
                .replace("per command", "per no-op POST");
        String noOpText = noOp.line() + "\n" + ProcessCpu.perCall("no-op POST", noOpCpu, idle, noOp.ok())
                + noOpOperations + String.format(java.util.Locale.ROOT,
                "cpu ratio, platform net of idle: %.1f (a command %.2f ms, a no-op POST %.2f ms)%n",
                ProcessCpu.platformNetPerCall(commandCpu, idle, commands)
                        / ProcessCpu.platformNetPerCall(noOpCpu, idle, noOp.ok()),
                ProcessCpu.platformNetPerCall(commandCpu, idle, commands),
                ProcessCpu.platformNetPerCall(noOpCpu, idle, noOp.ok()));
        System.out.print(noOpText);
        double raw = rawInsertRate(StoreFingerprint.MONGO, Duration.ofSeconds(10), 8);
        String summary = String.format(java.util.Locale.ROOT, "sustained %d commands/s with p99 <= 50 ms (target >= 800);"
                        + " carried %d commands/s without a failure (any latency); raw inserts into the same MongoDB "
                        + "%.0f/s idle before the load, %.0f/s after it (8 writers, acknowledged); ratio sustained/raw "
                        + "%.3f, carried/raw %.3f (idle raw); %d requests walked, %d commands",
                sustained, carried, rawIdle, raw, sustained / rawIdle, carried / rawIdle, lifecycles.started.get(),
                lifecycles.sent.get());
        System.out.println(summary);
        System.out.println("answers: " + lifecycles.answers + "; first failures: " + lifecycles.failures);

        StringBuilder text = new StringBuilder();
        StringBuilder csv = new StringBuilder("offered_per_s,achieved_per_s,p50_ms,p99_ms,p999_ms,ok,failed\n");
        for (OpenModelLoad.Latencies step : steps) {
            text.append(step.line()).append('\n');
            csv.append(String.format(java.util.Locale.ROOT, "%d,%.1f,%.2f,%.2f,%.2f,%d,%d%n", step.rate(),
                    step.achievedRate(), step.p50() / 1000.0, step.p99() / 1000.0, step.p999() / 1000.0, step.ok(),
                    step.failed()));
        }
        text.append(summary).append('\n').append("answers: ").append(lifecycles.answers).append('\n').append(operations).append(cpu)
                .append(noOpText);
        Files.writeString(TARGET.resolve("bench-commands.txt"), text, StandardCharsets.UTF_8);
        Files.writeString(TARGET.resolve("bench-commands.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(TARGET.resolve("bench-commands.svg"), LatencyPlot.svg(
                "Commands end to end through the gateway", steps, 50), StandardCharsets.UTF_8);

        assertThat(steps.get(0).failed()).as("the lifecycle works at the first step").isZero();
        assertThat(lifecycles.completed.get()).as("requests walked to their rating").isPositive();
        assertThat(noOp.ok()).as("the no-op POST is refused by validation (400)").isPositive();
    }

    /**
     * Each request's next command once its previous one answered 2xx; a new submission when none is ready. So the
     * mix follows the lifecycle: about one submission per eight commands once the pipeline is full.
     */
    static final class Lifecycles {

        private static final String[] STEPS = {"review", "dispatch", "accept", "check-in", "check-out", "complete",
                "rate"};
        /** The client's token, renewed before it expires (a long warm-up outlasts one). */
        private final Api client;
        private final String district;
        private final ConcurrentLinkedQueue<String[]> ready = new ConcurrentLinkedQueue<>(); // {requestId, step}
        final AtomicLong started = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong completed = new AtomicLong();
        /** Answers by command and status, e.g. {@code accept 200}: what a failed step was. */
        final Map<String, Long> answers = new java.util.concurrent.ConcurrentSkipListMap<>();

        private final String volunteer;

        Lifecycles(Api client, String district, String volunteer) {
            this.client = client;
            this.district = district;
            this.volunteer = volunteer;
        }

        OpenModelLoad.Call next(int i) {
            sent.incrementAndGet();
            String[] step = ready.poll();
            if (step == null) {
                started.incrementAndGet();
                String requester = "resident-" + i;
                String order = """
                        {"menuItem":"VISIT","community":"基准社区","channel":"APP","requesterId":"%s",
                         "description":"需要上门探访"}""".formatted(requester);
                return new OpenModelLoad.Call(post("/api/v1/requests", order), answer -> {
                    answers.merge("submit " + answer.statusCode(), 1L, Long::sum);
                    if (answer.statusCode() == 201) {
                        String id = id(answer.body());
                        requesters.put(id, requester);
                        ready.add(new String[] {id, "0"});
                    }
                });
            }
            String requestId = step[0];
            int index = Integer.parseInt(step[1]);
            String body = switch (STEPS[index]) {
                case "review" -> "{\"accept\":true,\"reviewerId\":\"admin-bench\"}";
                case "dispatch" -> "{\"volunteerIds\":[\"" + volunteer + "\"]}";
                case "rate" -> "{\"requesterId\":\"" + requesters.get(requestId) + "\",\"rating\":5,\"solved\":true}";
                default -> "{\"volunteerId\":\"" + volunteer + "\"}";
            };
            return new OpenModelLoad.Call(post("/api/v1/requests/" + requestId + "/" + STEPS[index], body), answer -> {
                answers.merge(STEPS[index] + " " + answer.statusCode(), 1L, Long::sum);
                if (answer.statusCode() / 100 != 2) {
                    if (failures.size() < 5) {
                        failures.add(STEPS[index] + " " + answer.statusCode() + " " + answer.body());
                    }
                    return;
                }
                if (index + 1 < STEPS.length) {
                    ready.add(new String[] {requestId, Integer.toString(index + 1)});
                } else {
                    completed.incrementAndGet();
                }
            });
        }

        /** The submission's route with a body validation refuses: the path of a command without its work. */
        OpenModelLoad.Call refused(int i) {
            return new OpenModelLoad.Call(post("/api/v1/requests", "{}"),
                    answer -> answers.merge("no-op " + answer.statusCode(), 1L, Long::sum));
        }

        final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Map<String, String> requesters = new java.util.concurrent.ConcurrentHashMap<>();

        private String token() {
            try {
                return client.token();
            } catch (Exception e) {
                throw new IllegalStateException("no token for the load", e);
            }
        }

        private static String id(String body) {
            try {
                JsonNode answer = JSON.readTree(body);
                return answer.get("requestId").asText();
            } catch (Exception e) {
                throw new IllegalStateException(body, e);
            }
        }

        private HttpRequest post(String path, String json) {
            return HttpRequest.newBuilder(URI.create(RunningPlatform.GATEWAY + path + "?district=" + district))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        }
    }

    /** Inserts of ~1 KB documents, each acknowledged, from {@code writers} threads for {@code duration}. */
    static double rawInsertRate(String mongoUri, Duration duration, int writers) throws Exception {
        String database = "bench_raw_" + UUID.randomUUID().toString().substring(0, 8);
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoCollection<Document> entries = client.getDatabase(database).getCollection("entries");
            String payload = "{\"requestId\":\"" + UUID.randomUUID() + "\",\"description\":\"" + "需要上门探访".repeat(40)
                    + "\"}";
            AtomicLong inserted = new AtomicLong();
            long deadline = System.nanoTime() + duration.toNanos();
            CountDownLatch done = new CountDownLatch(writers);
            long start = System.nanoTime();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                Thread thread = new Thread(() -> {
                    long n = 0;
                    while (System.nanoTime() < deadline) {
                        entries.insertOne(new Document("_id", writer + "-" + n++).append("aggregateIdentifier",
                                        UUID.randomUUID().toString()).append("sequenceNumber", n)
                                .append("type", "RequestSubmitted").append("payload", payload)
                                .append("timestamp", new java.util.Date()));
                        inserted.incrementAndGet();
                    }
                    done.countDown();
                }, "raw-insert-" + w);
                thread.start();
            }
            done.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            client.getDatabase(database).drop();
            return inserted.get() / seconds;
        }
    }
}
