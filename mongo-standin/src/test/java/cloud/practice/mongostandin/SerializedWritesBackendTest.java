package cloud.practice.mongostandin;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

class SerializedWritesBackendTest {

    @Test
    void shouldHandOutEveryCounterValueOnceUnderConcurrentIncrements() throws Exception {
        MongoServer server = StandInMongo.inMemory();
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        int threads = 8;
        int incrementsPerThread = 200;
        Set<Long> values = ConcurrentHashMap.newKeySet();
        List<MongoClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
                clients.add(client);
                MongoCollection<Document> counters = client.getDatabase("standin").getCollection("counters");
                work.add(pool.submit(() -> {
                    for (int i = 0; i < incrementsPerThread; i++) {
                        Document after = counters.findOneAndUpdate(eq("_id", "c"), Updates.inc("v", 1L),
                                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                        values.add(after.getLong("v"));
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdown();
            clients.forEach(MongoClient::close);
            server.shutdownNow();
        }
        assertThat(values).hasSize(threads * incrementsPerThread);
    }

    @Test
    void shouldTreatOnlyWriteCommandsAsWrites() {
        assertThat(SerializedWritesBackend.isWrite("findAndModify")).isTrue();
        assertThat(SerializedWritesBackend.isWrite("insert")).isTrue();
        assertThat(SerializedWritesBackend.isWrite("find")).isFalse();
        assertThat(SerializedWritesBackend.isWrite(null)).isFalse();
    }
}
