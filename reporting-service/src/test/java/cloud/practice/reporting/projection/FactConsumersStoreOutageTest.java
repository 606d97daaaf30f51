package cloud.practice.reporting.projection;

import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.mongostandin.StandInMongo;
import cloud.practice.reporting.projection.FactStore.Kind;
import cloud.practice.reporting.scenario.DistrictScenario;
import cloud.practice.reporting.scenario.EventPublisher;
import cloud.practice.reporting.scenario.Recorded;
import cloud.practice.support.config.StoreOutage;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.kafka.MessagingSettings;
import cloud.practice.testing.TcpProxy;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;
import static org.awaitility.Awaitility.await;

/**
 * A poll's events reaching the projection while its MongoDB is out of reach are handed back to the container (which
 * retries the batch) — not dead-lettered as if they were bad — and applied in full once the store is back.
 */
class FactConsumersStoreOutageTest {

    private static final MessagingSettings QUICK_RETRIES = new MessagingSettings(1, (short) 1, 10,
            Duration.ofSeconds(1), 2, Duration.ofMillis(10), 1, null, Duration.ofSeconds(10));

    @Test
    void shouldHandTheBatchBackWhileTheStoreIsAwayAndApplyAllOfItAfter() {
        List<Recorded> events = DistrictScenario.build().events().stream()
                .filter(event -> !(event.payload() instanceof MatchProposed || event.payload() instanceof NoMatchFound))
                .toList();
        CloudEventCodec codec = new CloudEventCodec();
        List<ConsumerRecord<String, byte[]>> poll = new ArrayList<>();
        for (Recorded event : events) {
            ProducerRecord<String, byte[]> sent = EventPublisher.record(codec, event, event.time());
            poll.add(new ConsumerRecord<>("practice.test", 0, poll.size(), 0L, TimestampType.CREATE_TIME,
                    sent.key().length(), sent.value().length, sent.key(), sent.value(), sent.headers(), Optional.empty()));
        }
        MongoServer server = StandInMongo.inMemory();
        InetSocketAddress address = server.bind();
        try (TcpProxy network = new TcpProxy(address.getHostString() + ":" + address.getPort());
             MongoClient client = clientThrough(network)) {
            network.start();
            FactStore store = new FactStore(client.getDatabase("facts"), 1);
            // No dead-letter template: dead-lettering anything here would fail with a different exception.
            FactConsumers.Listener listener = new FactConsumers.Listener(FactProjection.forVersion(store).get(0), codec,
                    null, QUICK_RETRIES);

            network.stop();
            RuntimeException handedBack = catchRuntimeException(() -> listener.onMessage(poll));
            assertThat(handedBack).as("the failure the container retries on").matches(StoreOutage::causedBy);

            network.start();
            // The container hands the batch over again until the store answers; the driver may need a few tries to
            // find the server back (a busy machine can take longer than one server selection).
            await().atMost(Duration.ofSeconds(30)).ignoreExceptionsMatching(StoreOutage::causedBy).until(() -> {
                listener.onMessage(poll);
                return true;
            });

            FactStore expected = new FactStore(MongoFixture.freshDatabase(), 1);
            FactProjection straight = FactProjection.forVersion(expected).get(0);
            events.forEach(event -> straight.handle(event.inbound()));
            for (Kind kind : Kind.values()) {
                assertThat(store.dump(kind)).as(kind.name()).isEqualTo(expected.dump(kind));
            }
            assertThat(store.dump(Kind.REQUESTS)).as("the scenario's requests are in the batch").isNotEmpty();
        } finally {
            server.shutdownNow();
        }
    }

    private static MongoClient clientThrough(TcpProxy network) {
        return MongoClients.create("mongodb://" + network.address()
                + "/?serverSelectionTimeoutMS=500&connectTimeoutMS=500&socketTimeoutMS=2000");
    }
}
