package cloud.practice.mongostandin;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Through the driver, on both backends: filters wider than a unique index (now served by it) find, update, upsert and
 * delete exactly what MongoDB would — the index only picks candidates, the whole filter still decides — including
 * after the file store is reopened.
 */
class StandInIndexedFiltersTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void shouldApplyTheWholeFilterToWhatTheIndexFinds(String store) {
        withCollection(store, facts -> {
            facts.insertMany(List.of(fact("d|r-1", 3), fact("d|r-2", 9), fact("e|r-1", 1)));

            assertThat(ids(facts.find(and(eq("_id", "d|r-1"), lt("seq", 5L))))).containsExactly("d|r-1");
            assertThat(ids(facts.find(and(eq("_id", "d|r-2"), lt("seq", 5L))))).isEmpty();
            assertThat(ids(facts.find(and(in("_id", "d|r-1", "d|r-2", "d|r-3"), eq("district", "d")))))
                    .containsExactlyInAnyOrder("d|r-1", "d|r-2");

            assertThat(facts.updateOne(guard("d|r-1", 4), Updates.set("seq", 4L)).getModifiedCount()).isEqualTo(1);
            assertThat(facts.updateOne(guard("d|r-2", 4), Updates.set("seq", 4L)).getModifiedCount())
                    .as("a write older than the stored sequence changes nothing").isZero();
            assertThat(facts.find(eq("_id", "d|r-2")).first().getLong("seq")).isEqualTo(9L);

            facts.updateOne(guard("d|r-7", 1), Updates.set("seq", 1L), new UpdateOptions().upsert(true));
            assertThat(facts.find(eq("_id", "d|r-7")).first().getLong("seq")).isEqualTo(1L);
            assertThatThrownBy(() -> facts.updateOne(guard("d|r-2", 5), Updates.set("seq", 5L),
                    new UpdateOptions().upsert(true)))
                    .as("an upsert behind the stored sequence collides with the document, as in MongoDB")
                    .isInstanceOfSatisfying(MongoWriteException.class, e ->
                            assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));

            assertThat(facts.deleteOne(and(eq("_id", "e|r-1"), eq("district", "d"))).getDeletedCount()).isZero();
            assertThat(facts.deleteOne(and(eq("_id", "e|r-1"), eq("district", "e"))).getDeletedCount()).isOne();
            assertThat(facts.countDocuments()).isEqualTo(3);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void shouldKeepACompoundUniqueIndexExactWithWiderFilters(String store) {
        withCollection(store, accounts -> {
            accounts.createIndex(Indexes.ascending("districtId", "accountId"), new IndexOptions().unique(true));
            accounts.insertMany(List.of(account("1", "d", "a-1", "ACTIVE"), account("2", "e", "a-1", "LOCKED")));

            assertThat(ids(accounts.find(and(eq("districtId", "e"), eq("accountId", "a-1"), eq("status", "LOCKED")))))
                    .containsExactly("2");
            assertThat(ids(accounts.find(and(eq("districtId", "e"), eq("accountId", "a-1"), eq("status", "ACTIVE")))))
                    .isEmpty();
            assertThatThrownBy(() -> accounts.insertOne(account("3", "d", "a-1", "ACTIVE")))
                    .isInstanceOfSatisfying(MongoWriteException.class, e ->
                            assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
        });
    }

    @Test
    void shouldServeWiderFiltersOnCollectionsReopenedFromTheFile() {
        Path file = dir.resolve("reopen.mv");
        MongoServer first = StandInMongo.onFile(file);
        first.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + first.getLocalAddress().getPort())) {
            client.getDatabase("standin").getCollection("facts").insertMany(List.of(fact("d|r-1", 3), fact("d|r-2", 9)));
        } finally {
            first.shutdownNow();
        }
        MongoServer second = StandInMongo.onFile(file);
        second.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + second.getLocalAddress().getPort())) {
            MongoCollection<Document> facts = client.getDatabase("standin").getCollection("facts");
            assertThat(facts.updateOne(guard("d|r-1", 4), Updates.set("seq", 4L)).getModifiedCount()).isOne();
            assertThat(facts.updateOne(guard("d|r-2", 4), Updates.set("seq", 4L)).getModifiedCount()).isZero();
            assertThat(ids(facts.find(lt("seq", 5L)))).containsExactly("d|r-1");
        } finally {
            second.shutdownNow();
        }
    }

    private void withCollection(String store, Consumer<MongoCollection<Document>> body) {
        MongoServer server = store.equals("memory") ? StandInMongo.inMemory()
                : StandInMongo.onFile(dir.resolve(store + ".mv"));
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            body.accept(client.getDatabase("standin").getCollection("c"));
        } finally {
            server.shutdownNow();
        }
    }

    private static Bson guard(String id, long seq) {
        return and(eq("_id", id), lt("seq", seq));
    }

    private static Document fact(String id, long seq) {
        return new Document("_id", id).append("seq", seq).append("district", id.substring(0, 1));
    }

    private static Document account(String id, String district, String accountId, String status) {
        return new Document("_id", id).append("districtId", district).append("accountId", accountId)
                .append("status", status);
    }

    private static List<String> ids(Iterable<Document> documents) {
        List<String> ids = new ArrayList<>();
        documents.forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }
}
