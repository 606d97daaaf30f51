package cloud.practice.mongostandin;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stand-in's index benchmark (ADR 0034): first, that the benchmark's two reads find the same documents with the
 * indexes as without them (and find something); then {@link StandInIndexBenchmark} in JMH, printed as a table for
 * docs/benchmarks.md. Run:
 * {@code flock /tmp/maven.lock ./mvnw -q -B -ntp -pl mongo-standin -Pbenchmark test -Dtest=StandInIndexBenchmarkTest}
 */
@Tag("benchmark")
class StandInIndexBenchmarkTest {

    private static final int WARMUPS = Integer.getInteger("bench.warmups", 2);
    private static final int MEASUREMENTS = Integer.getInteger("bench.measurements", 3);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 3);

    @Test
    void shouldReadTheSameWithTheIndexesAndPrintTheFigures() throws Exception {
        MongoServer server = StandInMongo.inMemory();
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> plainDeliveries = client.getDatabase("plain").getCollection("deliveries");
            MongoCollection<Document> plainFacts = client.getDatabase("plain").getCollection("facts");
            MongoCollection<Document> deliveries = client.getDatabase("indexed").getCollection("deliveries");
            MongoCollection<Document> facts = client.getDatabase("indexed").getCollection("facts");
            deliveries.createIndex(Indexes.ascending("state", "nextAttemptAt"));
            facts.createIndex(Indexes.ascending("districtId", "submittedAt"));
            StandInIndexBenchmark.fill(plainDeliveries, plainFacts, 10_000);
            StandInIndexBenchmark.fill(deliveries, facts, 10_000);
            List<Document> due = deliveries.find(StandInIndexBenchmark.due()).into(new ArrayList<>());
            assertThat(due).hasSize(StandInIndexBenchmark.DUE)
                    .isEqualTo(plainDeliveries.find(StandInIndexBenchmark.due()).into(new ArrayList<>()));
            List<Document> month = facts.find(StandInIndexBenchmark.oneMonth()).into(new ArrayList<>());
            assertThat(month).hasSizeGreaterThan(10_000 / StandInIndexBenchmark.MONTHS / 2)
                    .isEqualTo(plainFacts.find(StandInIndexBenchmark.oneMonth()).into(new ArrayList<>()));
        } finally {
            server.shutdownNow();
        }

        Options options = new OptionsBuilder()
                .include(StandInIndexBenchmark.class.getName() + ".*")
                .forks(1).jvmArgs("-Xmx2g")
                .warmupIterations(WARMUPS).warmupTime(TimeValue.seconds(SECONDS))
                .measurementIterations(MEASUREMENTS).measurementTime(TimeValue.seconds(SECONDS))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<String> lines = new ArrayList<>();
        lines.add("| read | store | documents | with the index (µs) | without: a scan (µs) | ratio |");
        lines.add("|---|---|---|---|---|---|");
        for (String read : List.of("duePoll", "monthOfFacts")) {
            for (String store : List.of("memory", "file")) {
                for (String documents : List.of("10000", "100000")) {
                    double with = score(results, read, store, documents, "true");
                    double without = score(results, read, store, documents, "false");
                    lines.add(String.format(Locale.ROOT, "| %s | %s | %,d | %,.0f | %,.0f | %.0f× |", read, store,
                            Integer.parseInt(documents), with, without, without / with));
                }
            }
        }
        lines.forEach(System.out::println);
        assertThat(results).hasSize(16);
    }

    private static double score(Collection<RunResult> results, String read, String store, String documents,
                                String indexed) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + read)
                        && r.getParams().getParam("store").equals(store)
                        && r.getParams().getParam("documents").equals(documents)
                        && r.getParams().getParam("indexed").equals(indexed))
                .findFirst().orElseThrow().getPrimaryResult().getScore();
    }
}
