package cloud.practice.mongostandin;

import com.mongodb.MongoClientException;
import com.mongodb.MongoCommandException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the stand-in does with sessions and transactions, pinned because the event store's transactional branch
 * (ADR 0001) depends on it: it advertises no logical sessions, so the driver refuses to use a {@link ClientSession}
 * before anything reaches the server; it does not know {@code commitTransaction}/{@code abortTransaction}; and a
 * write that claims to start a transaction is applied at once. If an upgrade of mongo-java-server ever advertised
 * sessions without implementing transactions, transactional appends would silently stop being atomic: these tests
 * fail first.
 */
class StandInSessionsTest {

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        server = StandInMongo.inMemory();
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        database = client.getDatabase("sessions");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void shouldAdvertiseNoSessionsSoTheDriverRefusesToUseOne() {
        MongoCollection<Document> events = database.getCollection("events");
        events.insertOne(new Document("_id", 0));

        assertThat(client.getClusterDescription().getServerDescriptions())
                .allSatisfy(server -> assertThat(server.getLogicalSessionTimeoutMinutes()).isNull());
        try (ClientSession session = client.startSession()) {
            assertThatThrownBy(() -> session.withTransaction(() -> events.insertMany(session,
                    List.of(new Document("_id", 1), new Document("_id", 2)))))
                    .isInstanceOf(MongoClientException.class)
                    .hasMessageContaining("doesn't support sessions");
        }
        assertThat(events.countDocuments()).as("nothing of the batch reached the store").isEqualTo(1);
    }

    @Test
    void shouldNotKnowTheCommandsThatEndATransaction() {
        for (String command : List.of("commitTransaction", "abortTransaction")) {
            assertThatThrownBy(() -> client.getDatabase("admin").runCommand(transactional(command, 1, false)))
                    .as(command)
                    .isInstanceOfSatisfying(MongoCommandException.class,
                            refused -> assertThat(refused.getErrorCodeName()).isEqualTo("CommandNotFound"));
        }
    }

    @Test
    void shouldApplyAWriteThatClaimsToStartATransactionAtOnce() {
        BsonDocument insert = transactional("insert", 7, true);
        insert.put("insert", new BsonString("events"));
        insert.put("documents", new BsonArray(List.of(new BsonDocument("_id", new BsonInt32(1)))));

        database.runCommand(insert);

        assertThat(database.getCollection("events").countDocuments())
                .as("visible before any commit: the transaction fields are ignored").isEqualTo(1);
    }

    /** A command as the driver sends it inside a transaction: session id, transaction number, no autocommit. */
    private static BsonDocument transactional(String command, long txnNumber, boolean start) {
        BsonDocument document = new BsonDocument(command, new BsonInt32(1))
                .append("lsid", new BsonDocument("id", new BsonBinary(UUID.randomUUID())))
                .append("txnNumber", new BsonInt64(txnNumber))
                .append("autocommit", BsonBoolean.FALSE);
        if (start) {
            document.append("startTransaction", BsonBoolean.TRUE);
        }
        return document;
    }
}
