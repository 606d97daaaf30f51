package cloud.practice.reporting.projection;

import cloud.practice.mongostandin.StandInMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;

import java.net.InetSocketAddress;
import java.util.UUID;

/** One in-memory MongoDB-wire server per test JVM; each caller gets a database of its own. */
public final class MongoFixture {

    private static MongoClient client;

    private MongoFixture() {
    }

    public static synchronized MongoDatabase freshDatabase() {
        if (client == null) {
            MongoServer server = StandInMongo.inMemory();
            InetSocketAddress address = server.bind();
            client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        }
        return client.getDatabase("t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }
}
