package cloud.practice.mongostandin;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the driver, on both backends: a collection with the platform's kinds of secondary indexes answers every
 * filter exactly as the same collection without them — same documents, same order — through inserts, updates (keys
 * moving, fields set and unset, arrays growing) and deletes, and after the file store is reopened (the indexes are
 * rebuilt from the documents).
 */
class StandInSecondaryIndexesTest {

    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    static final List<String> STATES = List.of("PENDING", "DELIVERED", "DEAD");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void shouldAnswerEveryFilterAsAScanDoes(String store) {
        Path file = dir.resolve("indexes.mv");
        MongoServer first = start(store, file);
        try (MongoClient client = client(first)) {
            MongoDatabase db = client.getDatabase("standin");
            MongoCollection<Document> indexed = db.getCollection("indexed");
            MongoCollection<Document> plain = db.getCollection("plain");
            indexed.createIndex(Indexes.ascending("state", "nextAttemptAt"));
            indexed.createIndex(Indexes.ascending("districtId", "deliveries.state"));
            indexed.createIndex(Indexes.ascending("due"), new IndexOptions().sparse(true));
            indexed.createIndex(Indexes.ascending("pending"), new IndexOptions().sparse(true));
            indexed.createIndex(Indexes.ascending("districtId", "at"));

            Random random = new Random(20261207);
            for (int i = 0; i < 400; i++) {
                Document document = document(random, i);
                indexed.insertOne(document);
                plain.insertOne(new Document(document));
            }
            assertSameAnswers(indexed, plain, "after the inserts");
            Document keys = db.runCommand(new Document("validate", "indexed")).get("keysPerIndex", Document.class);
            assertThat(keys.get("state_1_nextAttemptAt_1", Number.class).longValue())
                    .as("the index holds every document (mongo-java-server alone keeps none)").isEqualTo(400);

            for (int i = 0; i < 300; i++) {
                String id = "n-" + random.nextInt(400);
                Bson change = change(random);
                indexed.updateOne(eq("_id", id), change);
                plain.updateOne(eq("_id", id), change);
            }
            Bson gone = and(eq("districtId", "d1"), lt("at", date(30)));
            assertThat(indexed.deleteMany(gone).getDeletedCount()).isEqualTo(plain.deleteMany(gone).getDeletedCount())
                    .isPositive();
            for (int i = 400; i < 450; i++) {
                Document document = document(random, i);
                indexed.insertOne(document);
                plain.insertOne(new Document(document));
            }
            Bson moved = and(eq("state", "DEAD"), lte("nextAttemptAt", date(200)));
            assertThat(indexed.updateMany(moved, Updates.set("state", "PENDING")).getModifiedCount())
                    .isEqualTo(plain.updateMany(moved, Updates.set("state", "PENDING")).getModifiedCount())
                    .isPositive();
            assertSameAnswers(indexed, plain, "after updates, deletes and more inserts");
        } finally {
            first.shutdownNow();
        }
        if (store.equals("file")) {
            MongoServer second = start(store, file);
            try (MongoClient client = client(second)) {
                MongoDatabase db = client.getDatabase("standin");
                assertSameAnswers(db.getCollection("indexed"), db.getCollection("plain"), "after reopening the file");
            } finally {
                second.shutdownNow();
            }
        }
    }

    private static void assertSameAnswers(MongoCollection<Document> indexed, MongoCollection<Document> plain,
                                          String when) {
        List<Bson> filters = List.of(
                eq("state", "PENDING"),
                and(eq("state", "PENDING"), lte("nextAttemptAt", date(500))),
                and(eq("state", "PENDING"), lte("nextAttemptAt", date(500)),
                        or(eq("lease", null), lt("lease", date(250)))),
                new Document("state", "PENDING").append("nextAttemptAt", new Document("$gt", date(100))
                        .append("$lte", date(700))),
                in("state", "DEAD", "DELIVERED"),
                and(eq("districtId", "d2"), eq("deliveries.state", "DEAD")),
                eq("districtId", "d1"),
                lte("due", date(400)),
                eq("pending", true),
                and(eq("districtId", "d3"), gte("at", date(100)), lt("at", date(600))),
                and(eq("districtId", "d3"), eq("state", "DELIVERED")));
        int nonEmpty = 0;
        for (Bson filter : filters) {
            List<String> expected = ids(plain.find(filter));
            assertThat(ids(indexed.find(filter))).as(when + ": " + filter).isEqualTo(expected);
            assertThat(ids(indexed.find(filter).sort(Sorts.descending("nextAttemptAt")).limit(7)))
                    .as(when + ", sorted and limited: " + filter)
                    .isEqualTo(ids(plain.find(filter).sort(Sorts.descending("nextAttemptAt")).limit(7)));
            assertThat(indexed.countDocuments(filter)).isEqualTo(expected.size());
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).as("the filters find something, or the comparison shows nothing").isEqualTo(filters.size());
    }

    private static Document document(Random random, int i) {
        Document document = new Document("_id", "n-" + i).append("districtId", "d" + random.nextInt(4))
                .append("state", STATES.get(random.nextInt(STATES.size())))
                .append("at", date(random.nextInt(1000)));
        if (random.nextInt(10) > 0) {
            document.append("nextAttemptAt", date(random.nextInt(1000)));
        }
        List<Document> deliveries = new ArrayList<>();
        for (int d = random.nextInt(4); d > 0; d--) {
            deliveries.add(new Document("channel", "c" + d).append("state", STATES.get(random.nextInt(3))));
        }
        document.append("deliveries", deliveries);
        if (random.nextBoolean()) {
            document.append("due", date(random.nextInt(1000)));
        }
        if (random.nextInt(3) == 0) {
            document.append("pending", true);
        }
        if (random.nextInt(4) == 0) {
            document.append("lease", date(random.nextInt(500)));
        }
        return document;
    }

    private static Bson change(Random random) {
        List<Function<Random, Bson>> changes = List.of(
                r -> Updates.set("state", STATES.get(r.nextInt(3))),
                r -> Updates.set("nextAttemptAt", date(r.nextInt(1000))),
                r -> Updates.unset("due"),
                r -> Updates.set("due", date(r.nextInt(1000))),
                r -> Updates.unset("pending"),
                r -> Updates.set("pending", true),
                r -> Updates.push("deliveries", new Document("channel", "x").append("state", STATES.get(r.nextInt(3)))),
                r -> Updates.set("districtId", "d" + r.nextInt(4)));
        return changes.get(random.nextInt(changes.size())).apply(random);
    }

    private static Date date(int minutes) {
        return Date.from(T0.plusSeconds(60L * minutes));
    }

    private static List<String> ids(FindIterable<Document> documents) {
        List<String> ids = new ArrayList<>();
        documents.forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    private static MongoServer start(String store, Path file) {
        MongoServer server = store.equals("memory") ? StandInMongo.inMemory() : StandInMongo.onFile(file);
        server.bind("127.0.0.1", 0);
        return server;
    }

    private static MongoClient client(MongoServer server) {
        return MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }
}
