package cloud.practice.request.open311.webhook;

import cloud.practice.request.open311.Open311Fixture;
import cloud.practice.request.open311.Open311Settings;
import cloud.practice.testing.TestInfrastructure;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.sun.net.httpserver.HttpServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher checks where a callback's name points before every delivery: a subscription made while its host
 * pointed outside is not delivered once the name resolves inside — the delivery goes to the dead letters with the
 * reason, unsent and not retried — while a host the operator listed is delivered to as usual.
 */
class WebhookEgressIT {

    private final Clock clock = Clock.systemUTC();

    @Test
    void shouldRefuseADeliveryWhoseHostNowResolvesInsideAndDeliverToAListedOne() throws Exception {
        String database = "egress_" + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger received = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (MongoClient client = MongoClients.create(TestInfrastructure.get().mongoUri(database))) {
            MongoTemplate mongo = new MongoTemplate(client, database);
            Open311Settings settings = Open311Fixture.settings(List.of("d"));
            Subscriptions subscriptions = new Subscriptions(mongo, settings, clock);
            Deliveries deliveries = new Deliveries(mongo);
            int port = receiver.getAddress().getPort();
            InetAddress loopback = InetAddress.getLoopbackAddress();

            // Subscribed as hooks.example.org (outside); its DNS now answers with the loopback address.
            String rebound = subscriptions.create("d", "hotline", "http://hooks.example.org:" + port + "/hook", List.of())
                    .getString("_id");
            deliveries.enqueue(rebound, "u1", "req-1", "{}", clock.instant());
            new WebhookDispatcher(deliveries, subscriptions, settings,
                    new CallbackAddresses(List.of(), host -> new InetAddress[]{loopback}), clock).deliverDue();

            List<Document> dead = deliveries.deadLetters(rebound);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).getString("lastError")).contains("must point outside the platform's network")
                    .contains("resolves to 127.0.0.1");
            assertThat(dead.get(0).getInteger("attempts")).as("not retried").isOne();
            assertThat(received).as("nothing sent").hasValue(0);

            // The same receiver, listed by the operator as an internal subscriber: delivered.
            String listed = subscriptions.create("d", "hotline", "http://127.0.0.1:" + port + "/hook", List.of())
                    .getString("_id");
            deliveries.enqueue(listed, "u2", "req-1", "{}", clock.instant());
            new WebhookDispatcher(deliveries, subscriptions, settings, new CallbackAddresses(List.of("127.0.0.1")),
                    clock).deliverDue();

            assertThat(received).hasValue(1);
            assertThat(deliveries.deadLetters(listed)).isEmpty();
        } finally {
            receiver.stop(0);
        }
    }
}
