package cloud.practice.volunteer.matching;

import cloud.practice.events.matching.Candidate;
import cloud.practice.volunteer.matching.index.MatchQuery;
import cloud.practice.volunteer.matching.index.MatchingIndex;
import cloud.practice.volunteer.matching.index.ScoreWeights;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matching benchmark (issue 5): 1,000,000 synthetic volunteers ({@link SyntheticCity}), top-20 queries through
 * the index and by brute force in the same JMH run, and queries while a second thread applies volunteer updates.
 * Asserts correctness only (every benchmark query ranks exactly as brute force); prints the figures for
 * docs/benchmarks.md. Run:
 * {@code flock /tmp/mvn.lock ./mvnw -q -B -pl volunteer-service -Pbenchmark test -Dtest=MatchingIndexBenchmarkTest}
 */
@Tag("benchmark")
class MatchingIndexBenchmarkTest {

    private static final int WARMUPS = Integer.getInteger("bench.warmups", 2);
    private static final int MEASUREMENTS = Integer.getInteger("bench.measurements", 3);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 5);

    @Test
    void shouldRankEveryBenchmarkQueryExactlyAsBruteForceAndPrintTheFigures() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "machine: %d cores, %s %s, heap max %d MB",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20));

        long before = usedHeapAfterGc();
        SyntheticCity city = new SyntheticCity(MatchingBenchmark.SEED);
        MatchingIndex index = new MatchingIndex(ScoreWeights.defaults(), SyntheticCity.ZONE);
        long buildStart = System.nanoTime();
        city.populate(index, MatchingBenchmark.VOLUNTEERS);
        long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;
        long after = usedHeapAfterGc();
        lines.add(String.format(Locale.ROOT, "index: %,d volunteers, %.1f MB heap (%d bytes each), built in %,d ms",
                index.size(SyntheticCity.DISTRICT), (after - before) / 1048576.0,
                (after - before) / Math.max(1, index.size(SyntheticCity.DISTRICT)), buildMillis));

        MatchQuery[] queries = MatchingBenchmark.queries(city);
        int full = 0;
        for (MatchQuery query : queries) {
            List<Candidate> fast = index.top(query);
            assertThat(fast).as("%s", query).isEqualTo(index.scan(query));
            full += fast.size() == MatchingBenchmark.LIMIT ? 1 : 0;
        }
        lines.add(String.format(Locale.ROOT, "exactness: %d of %d queries equal brute force (%d with a full top %d)",
                queries.length, queries.length, full, MatchingBenchmark.LIMIT));
        assertThat(full).as("queries find candidates (not a vacuous comparison)").isGreaterThan(queries.length / 2);
        index = null;
        city = null;

        Options options = new OptionsBuilder()
                .include(MatchingBenchmark.class.getName() + ".*")
                .forks(1).jvmArgs("-Xmx4g", "-Xms4g", "-Dbench.volunteers=" + MatchingBenchmark.VOLUNTEERS)
                .warmupIterations(WARMUPS).warmupTime(TimeValue.seconds(SECONDS))
                .measurementIterations(MEASUREMENTS).measurementTime(TimeValue.seconds(SECONDS))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Result<?> indexed = primary(results, "indexTop20");
        Result<?> brute = primary(results, "bruteForceTop20");
        RunResult mixed = run(results, "queriesWhileUpdating", Mode.Throughput);
        RunResult mixedLatency = run(results, "queriesWhileUpdating", Mode.SampleTime);
        double updatesPerSecond = mixed.getSecondaryResults().get("update").getScore() * 1000
                * MatchingBenchmark.UPDATE_BATCH;
        double queriesPerSecond = mixed.getSecondaryResults().get("query").getScore() * 1000;
        Result<?> queryUnderUpdates = mixedLatency.getSecondaryResults().get("query");
        Result<?> updateBatch = mixedLatency.getSecondaryResults().get("update");
        lines.add(String.format(Locale.ROOT, "index top-20:       p50 %.3f ms, p99 %.3f ms, mean %.3f ms (%d samples)",
                indexed.getStatistics().getPercentile(50), indexed.getStatistics().getPercentile(99),
                indexed.getStatistics().getMean(), indexed.getStatistics().getN()));
        lines.add(String.format(Locale.ROOT, "brute force top-20: p50 %.3f ms, p99 %.3f ms, mean %.3f ms (%d samples)",
                brute.getStatistics().getPercentile(50), brute.getStatistics().getPercentile(99),
                brute.getStatistics().getMean(), brute.getStatistics().getN()));
        lines.add(String.format(Locale.ROOT, "speed-up (mean): %.1fx; (p50): %.1fx; (p99): %.1fx",
                brute.getStatistics().getMean() / indexed.getStatistics().getMean(),
                brute.getStatistics().getPercentile(50) / indexed.getStatistics().getPercentile(50),
                brute.getStatistics().getPercentile(99) / indexed.getStatistics().getPercentile(99)));
        lines.add(String.format(Locale.ROOT, "while updating: %,.0f volunteer updates/s applied (batches of %d) "
                + "with %,.0f queries/s on the other thread", updatesPerSecond, MatchingBenchmark.UPDATE_BATCH,
                queriesPerSecond));
        lines.add(String.format(Locale.ROOT, "  sampled: query p50 %.3f ms, p99 %.3f ms; batch of %d updates p50 %.3f ms, "
                        + "p99 %.3f ms", queryUnderUpdates.getStatistics().getPercentile(50),
                queryUnderUpdates.getStatistics().getPercentile(99), MatchingBenchmark.UPDATE_BATCH,
                updateBatch.getStatistics().getPercentile(50), updateBatch.getStatistics().getPercentile(99)));
        System.out.println("\n=== matching index benchmark ===");
        lines.forEach(System.out::println);
        assertThat(indexed.getStatistics().getN()).isPositive();
        assertThat(updatesPerSecond).isPositive();
    }

    private static RunResult run(Collection<RunResult> results, String name, Mode mode) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + name)
                        && r.getParams().getMode() == mode).findFirst()
                .orElseThrow(() -> new AssertionError("no " + mode + " result for " + name));
    }

    private static Result<?> primary(Collection<RunResult> results, String name) {
        return run(results, name, Mode.SampleTime).getPrimaryResult();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
