package cloud.practice.auth;

import cloud.practice.mongostandin.StandInMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.InetSocketAddress;
import java.util.UUID;

/** The platform's MongoDB-wire stand-in for fixture tests of the stores: one server per JVM, a database per call. */
public final class StandInStore {

    private static MongoClient client;

    private StandInStore() {
    }

    public static synchronized MongoTemplate freshDatabase() {
        if (client == null) {
            MongoServer server = StandInMongo.inMemory();
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        }
        return new MongoTemplate(client, "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }
}
