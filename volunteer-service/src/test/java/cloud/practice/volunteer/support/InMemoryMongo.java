package cloud.practice.volunteer.support;

import cloud.practice.mongostandin.StandInMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.InetSocketAddress;
import java.util.UUID;

/**
 * One in-memory MongoDB-wire server per test JVM (the stand-in the integration tests use too) for unit tests of
 * components that need a real unique index: each call hands out a fresh database.
 */
public final class InMemoryMongo {

    private static MongoClient client;

    private InMemoryMongo() {
    }

    public static synchronized MongoDatabase freshDatabase() {
        if (client == null) {
            MongoServer server = StandInMongo.inMemory();
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort()
                    + "/?uuidRepresentation=standard");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                server.shutdownNow();
            }));
        }
        return client.getDatabase("unit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    public static MongoTemplate freshTemplate() {
        MongoDatabase database = freshDatabase();
        return new MongoTemplate(client, database.getName());
    }
}
