package cloud.practice.mongostandin;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.BinData;
import org.bson.BsonArray;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the driver, on both backends: a result far larger than one wire message (40 documents of 2 MB, 80 MB) is
 * read whole, in order, in MongoDB's batches — none over 16 MiB of documents, the rest by getMore — and the client's
 * batchSize and limit still hold, for find and aggregate alike. Before {@link ReplyBatches} the plain find failed in
 * the driver ("larger than the maximum message length").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandInReplyBatchesTest {

    private static final int DOCUMENTS = 40;
    private static final int PAYLOAD_BYTES = 2_000_000;
    /** Documents of a full 16 MiB batch: 8 × ~2 MB fit, a ninth would not. */
    private static final int PER_FULL_BATCH = 8;

    @TempDir
    static Path dir;

    private final Map<String, MongoServer> servers = new ConcurrentHashMap<>();
    private final Map<String, MongoClient> clients = new ConcurrentHashMap<>();
    private final List<Reply> replies = new CopyOnWriteArrayList<>();

    @BeforeAll
    void loadEightyMegabytesIntoEachBackend() {
        for (String store : List.of("memory", "file")) {
            MongoServer server = store.equals("memory") ? StandInMongo.inMemory()
                    : StandInMongo.onFile(dir.resolve("batches.mv"));
            server.bind("127.0.0.1", 0);
            servers.put(store, server);
            clients.put(store, MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(
                            "mongodb://127.0.0.1:" + server.getLocalAddress().getPort()))
                    .addCommandListener(new BatchRecorder())
                    .build()));
            MongoCollection<Document> large = large(store);
            for (int i = 0; i < DOCUMENTS; i += 10) {
                large.insertMany(IntStream.range(i, i + 10).mapToObj(StandInReplyBatchesTest::largeDocument).toList());
            }
        }
    }

    @AfterAll
    void stop() {
        clients.values().forEach(MongoClient::close);
        servers.values().forEach(MongoServer::shutdownNow);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void shouldHandOutAResultLargerThanOneMessageThroughGetMore(String store) {
        replies.clear();

        List<Document> read = large(store).find().into(new ArrayList<>());

        assertWhole(read, DOCUMENTS);
        assertThat(batchSizes()).as("16 MiB of documents per batch, 8 of ~2 MB")
                .containsExactly(8, 8, 8, 8, 8);
        assertThat(getMores()).isEqualTo(DOCUMENTS / PER_FULL_BATCH - 1);
        assertNoBatchOverSixteenMebibytes();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void shouldKeepTheClientsBatchSizeBelowTheCap(String store) {
        replies.clear();

        List<Document> read = large(store).find().batchSize(3).into(new ArrayList<>());

        assertWhole(read, DOCUMENTS);
        assertThat(batchSizes()).hasSize(14).allMatch(size -> size <= 3);
        assertNoBatchOverSixteenMebibytes();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void shouldCapABatchSizeTooLargeForSixteenMebibytes(String store) {
        replies.clear();

        List<Document> read = large(store).find().batchSize(20).into(new ArrayList<>());

        assertWhole(read, DOCUMENTS);
        assertThat(batchSizes()).containsExactly(8, 8, 8, 8, 8);
        assertNoBatchOverSixteenMebibytes();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void shouldStopAtTheLimitAcrossBatches(String store) {
        replies.clear();

        List<Document> read = large(store).find().limit(13).into(new ArrayList<>());

        assertWhole(read, 13);
        assertThat(batchSizes()).containsExactly(8, 5);
        assertNoBatchOverSixteenMebibytes();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void shouldBatchAnAggregateLikeAFind(String store) {
        replies.clear();

        List<Document> read = large(store).aggregate(List.of(
                Aggregates.match(Filters.gte("_id", 0)), Aggregates.sort(Sorts.ascending("_id"))))
                .into(new ArrayList<>());

        assertWhole(read, DOCUMENTS);
        assertThat(batchSizes()).containsExactly(8, 8, 8, 8, 8);
        assertNoBatchOverSixteenMebibytes();

        replies.clear();
        List<Document> inFives = large(store).aggregate(List.of(Aggregates.sort(Sorts.ascending("_id"))))
                .batchSize(5).into(new ArrayList<>());

        assertWhole(inFives, DOCUMENTS);
        assertThat(batchSizes()).hasSize(8).allMatch(size -> size == 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void shouldSendMongoDbsDefaultFirstBatchOfSmallDocuments(String store) {
        MongoCollection<Document> small = clients.get(store).getDatabase("standin").getCollection("small");
        small.insertMany(IntStream.range(0, 250).mapToObj(i -> new Document("_id", i)).toList());
        replies.clear();

        List<Document> read = small.find().into(new ArrayList<>());

        assertThat(read).extracting(d -> d.getInteger("_id")).containsExactlyElementsOf(
                IntStream.range(0, 250).boxed().toList());
        assertThat(batchSizes()).as("101 first, then all that fits 16 MiB").containsExactly(101, 149);
    }

    @Test
    void shouldSendADocumentLargerThanTheCapAlone() {
        // MongoDB refuses to store such a document (the driver refuses to send it), so only the cursor sees one
        de.bwaldvogel.mongo.bson.Document huge = new de.bwaldvogel.mongo.bson.Document("_id", 1)
                .append("payload", new BinData(new byte[ReplyBatches.MAX_BATCH_BYTES + 1]));
        de.bwaldvogel.mongo.bson.Document small = new de.bwaldvogel.mongo.bson.Document("_id", 2);
        ReplyBatches.SizeCappedCursor cursor = new ReplyBatches.SizeCappedCursor(1, List.of(small, huge, small));

        assertThat(cursor.takeDocuments(0)).containsExactly(small);
        assertThat(cursor.takeDocuments(0)).containsExactly(huge);
        assertThat(cursor.takeDocuments(0)).containsExactly(small);
        assertThat(cursor.isEmpty()).isTrue();
    }

    private MongoCollection<Document> large(String store) {
        return clients.get(store).getDatabase("standin").getCollection("large");
    }

    private static Document largeDocument(int id) {
        byte[] payload = new byte[PAYLOAD_BYTES];
        Arrays.fill(payload, (byte) id);
        return new Document("_id", id).append("payload", new Binary(payload));
    }

    /** The first {@code count} documents, in order, each with its own payload intact. */
    private static void assertWhole(List<Document> read, int count) {
        assertThat(read).extracting(d -> d.getInteger("_id"))
                .containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
        for (Document document : read) {
            byte[] payload = document.get("payload", Binary.class).getData();
            byte[] expected = new byte[PAYLOAD_BYTES];
            Arrays.fill(expected, (byte) document.getInteger("_id").intValue());
            assertThat(payload).as("payload of %s", document.get("_id")).isEqualTo(expected);
        }
    }

    private List<Integer> batchSizes() {
        return replies.stream().filter(Reply::isCursorBatch).map(Reply::documents).toList();
    }

    private long getMores() {
        return replies.stream().filter(reply -> reply.command().equals("getMore")).count();
    }

    private void assertNoBatchOverSixteenMebibytes() {
        assertThat(replies).filteredOn(Reply::isCursorBatch).isNotEmpty()
                .allSatisfy(reply -> assertThat(reply.bytes()).as("documents of one %s batch", reply.command())
                        .isLessThanOrEqualTo(ReplyBatches.MAX_BATCH_BYTES));
    }

    /** One reply as the driver received it: its command, how many documents its batch held and their BSON bytes. */
    private record Reply(String command, int documents, long bytes) {

        boolean isCursorBatch() {
            return List.of("find", "aggregate", "getMore").contains(command);
        }
    }

    /** Measures each reply's batch inside the callback: the driver's response is only valid there. */
    private final class BatchRecorder implements CommandListener {

        @Override
        public void commandSucceeded(CommandSucceededEvent event) {
            BsonDocument cursor = event.getResponse().getDocument("cursor", null);
            if (cursor == null) {
                replies.add(new Reply(event.getCommandName(), 0, 0));
                return;
            }
            BsonArray batch = cursor.containsKey("firstBatch") ? cursor.getArray("firstBatch")
                    : cursor.getArray("nextBatch");
            long bytes = 0;
            for (BsonValue document : batch) {
                bytes += bsonSize(document.asDocument());
            }
            replies.add(new Reply(event.getCommandName(), batch.size(), bytes));
        }

        private static int bsonSize(BsonDocument document) {
            try (BasicOutputBuffer buffer = new BasicOutputBuffer();
                 BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
                new BsonDocumentCodec().encode(writer, document, EncoderContext.builder().build());
                return buffer.getPosition();
            }
        }
    }
}
