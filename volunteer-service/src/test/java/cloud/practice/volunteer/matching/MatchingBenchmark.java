package cloud.practice.volunteer.matching;

import cloud.practice.events.matching.Candidate;
import cloud.practice.volunteer.matching.index.MatchQuery;
import cloud.practice.volunteer.matching.index.MatchingIndex;
import cloud.practice.volunteer.matching.index.ScoreWeights;
import cloud.practice.volunteer.matching.index.VolunteerProfile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JMH states and benchmarks of the matching index over {@link #VOLUNTEERS} synthetic volunteers
 * ({@link SyntheticCity}). Run through {@link MatchingIndexBenchmarkTest}.
 */
public class MatchingBenchmark {

    static final int VOLUNTEERS = Integer.getInteger("bench.volunteers", 1_000_000);
    static final int QUERIES = 1_000;
    static final int LIMIT = 20;
    static final long SEED = 20261128L;
    /** Updates per call of the update side: a tracking processor's batch. */
    static final int UPDATE_BATCH = 100;

    /** The city and its queries; built once per fork. */
    @State(Scope.Benchmark)
    public static class City {
        MatchingIndex index;
        MatchQuery[] queries;
        SyntheticCity city;

        @Setup(Level.Trial)
        public void build() {
            city = new SyntheticCity(SEED);
            index = new MatchingIndex(ScoreWeights.defaults(), SyntheticCity.ZONE);
            city.populate(index, VOLUNTEERS);
            queries = queries(city);
        }
    }

    static MatchQuery[] queries(SyntheticCity city) {
        MatchQuery[] queries = new MatchQuery[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            queries[i] = city.query(LIMIT);
        }
        return queries;
    }

    /** Each thread walks the query list from its own offset. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        MatchQuery next(City city) {
            return city.queries[next++ % QUERIES];
        }
    }

    /** Pre-generated updates (moves, new skills, availability), so generating them is not measured. */
    @State(Scope.Thread)
    public static class Updates {
        List<List<VolunteerProfile>> batches;
        int next;

        @Setup(Level.Trial)
        public void prepare() {
            SyntheticCity source = new SyntheticCity(SEED + 1);
            batches = new ArrayList<>();
            for (int b = 0; b < 2_000; b++) {
                List<VolunteerProfile> batch = new ArrayList<>(UPDATE_BATCH);
                for (int u = 0; u < UPDATE_BATCH; u++) {
                    batch.add(source.profile(source.random().nextInt(VOLUNTEERS)));
                }
                batches.add(batch);
            }
        }

        long version = Long.MAX_VALUE / 2;

        /** The next batch, re-stamped newer than anything applied, so every update changes the index. */
        List<VolunteerProfile> next() {
            List<VolunteerProfile> batch = batches.get(next++ % batches.size());
            List<VolunteerProfile> stamped = new ArrayList<>(batch.size());
            for (VolunteerProfile p : batch) {
                stamped.add(new VolunteerProfile(p.volunteerId(), p.districtId(), p.homeUnitId(), p.location(),
                        p.skills(), p.availability(), p.unavailableDates(), p.active(), p.contactConsent(), version++));
            }
            return stamped;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Candidate> indexTop20(City city, Cursor cursor) {
        return city.index.top(cursor.next(city));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Candidate> bruteForceTop20(City city, Cursor cursor) {
        return city.index.scan(cursor.next(city));
    }

    /** Queries and updates at once: one thread each (the machine has two cores). */
    @Benchmark
    @Group("queriesWhileUpdating")
    @GroupThreads(1)
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Candidate> query(City city, Cursor cursor) {
        return city.index.top(cursor.next(city));
    }

    @Benchmark
    @Group("queriesWhileUpdating")
    @GroupThreads(1)
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int update(City city, Updates updates) {
        return city.index.upsertAll(updates.next());
    }
}
