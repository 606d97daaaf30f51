package cloud.practice.mongostandin;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;

/**
 * The stand-in's reads by a secondary field, with the index (ADR 0034) and without it (what mongo-java-server alone
 * did: a scan), on both backends and two collection sizes. Two reads the platform makes: a poller's look for what is
 * due (Open311 deliveries: {@code state} and {@code nextAttemptAt}; {@link #DUE} of the documents are due) and a
 * report's read of one month of facts out of sixty ({@code districtId} and {@code submittedAt}). Run through
 * {@link StandInIndexBenchmarkTest}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StandInIndexBenchmark {

    static final Instant T0 = Instant.parse("2022-01-01T00:00:00Z");
    static final Instant NOW = T0.plusSeconds(60L * 86_400 * 30);
    static final int DUE = 20;
    static final int MONTHS = 60;

    @Param({"memory", "file"})
    public String store;
    @Param({"10000", "100000"})
    public int documents;
    @Param({"true", "false"})
    public boolean indexed;

    Path dir;
    MongoServer server;
    MongoClient client;
    MongoCollection<Document> deliveries;
    MongoCollection<Document> facts;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        dir = Files.createTempDirectory("standin-bench");
        server = store.equals("memory") ? StandInMongo.inMemory() : StandInMongo.onFile(dir.resolve("bench.mv"));
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        deliveries = client.getDatabase("bench").getCollection("deliveries");
        facts = client.getDatabase("bench").getCollection("facts");
        if (indexed) {
            deliveries.createIndex(Indexes.ascending("state", "nextAttemptAt"));
            facts.createIndex(Indexes.ascending("districtId", "submittedAt"));
        }
        fill(deliveries, facts, documents);
    }

    /** The same documents whatever the parameters: seeded. */
    static void fill(MongoCollection<Document> deliveries, MongoCollection<Document> facts, int documents) {
        Random random = new Random(20261208L);
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            boolean due = i % (documents / DUE) == 0;
            batch.add(new Document("_id", "dl-" + i).append("state", due ? "PENDING" : "DELIVERED")
                    .append("nextAttemptAt", Date.from(due ? NOW.minusSeconds(random.nextInt(600))
                            : T0.plusSeconds(random.nextInt(60 * 86_400 * 30))))
                    .append("payload", "{\"service_request_id\":\"req-" + i + "\",\"status\":\"closed\"}"));
            if (batch.size() == 1_000) {
                deliveries.insertMany(batch);
                batch.clear();
            }
        }
        for (int i = 0; i < documents; i++) {
            batch.add(new Document("_id", "d|req-" + i).append("districtId", "d")
                    .append("submittedAt", Date.from(T0.plusSeconds(random.nextInt(MONTHS * 30 * 86_400))))
                    .append("status", "COMPLETED").append("unitId", "st-" + random.nextInt(300)));
            if (batch.size() == 1_000) {
                facts.insertMany(batch);
                batch.clear();
            }
        }
    }

    static Bson due() {
        return and(eq("state", "PENDING"), lte("nextAttemptAt", Date.from(NOW)));
    }

    static Bson oneMonth() {
        Instant from = T0.plusSeconds(30L * 30 * 86_400);
        return and(eq("districtId", "d"), gte("submittedAt", Date.from(from)),
                lt("submittedAt", Date.from(from.plusSeconds(30L * 86_400))));
    }

    @Benchmark
    public int duePoll() {
        return deliveries.find(due()).sort(Sorts.ascending("nextAttemptAt")).limit(100).into(new ArrayList<>()).size();
    }

    @Benchmark
    public int monthOfFacts() {
        return facts.find(oneMonth()).into(new ArrayList<>()).size();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        client.close();
        server.shutdownNow();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
