package cloud.practice.support.flow;

import cloud.practice.events.Context;
import cloud.practice.support.flow.consumer.ConsumerTestApplication;
import cloud.practice.support.flow.consumer.RecordingHandler;
import cloud.practice.support.flow.publisher.PublisherTestApplication;
import cloud.practice.support.flow.publisher.TestUnit;
import cloud.practice.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.Consumer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.ConsumerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * A service killed without leaving its consumer groups ({@code kill -9}, a lost node) keeps its partitions until the
 * group coordinator stops hearing from it, and its restarted self reads nothing until then: for that long the
 * service's copies of other services' facts (the stations request-service routes orders to, say) stand still. The
 * consumers' session is therefore short (10 s; Kafka's own default is 45 s): the replacement must be reading well
 * before Kafka's default would have let it.
 */
class ConsumerTakeoverIT {

    /** Shorter than Kafka's default session (45 s) plus a start, longer than ours (10 s) plus a rebalance. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void shouldHandACrashedConsumersPartitionsToItsReplacementWithinItsShortSession() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String district = "takeover-" + UUID.randomUUID().toString().substring(0, 8);
        String consumerName = "takeover-consumer-" + UUID.randomUUID().toString().substring(0, 8);
        try (ConfigurableApplicationContext publisher = EventFlowIT.service(PublisherTestApplication.class,
                "takeover-publisher", infrastructure, true)) {
            CommandGateway commands = publisher.getBean(CommandGateway.class);
            @SuppressWarnings("unchecked")
            ConsumerFactory<String, byte[]> consumers = publisher.getBean(ConsumerFactory.class);
            Properties killed = new Properties();
            killed.put("internal.leave.group.on.close", "false");
            // The recorder's group member as our settings make it; closed without a LeaveGroup, as kill -9 leaves it.
            try (Consumer<String, byte[]> crashed = consumers.createConsumer(consumerName + ".recorder", "crashed", null,
                    killed)) {
                crashed.subscribe(List.of(Context.HIERARCHY.topic()));
                await().atMost(PATIENCE).until(() -> {
                    crashed.poll(Duration.ofMillis(200));
                    return !crashed.assignment().isEmpty();
                });
            }

            try (ConfigurableApplicationContext replacement = EventFlowIT.service(ConsumerTestApplication.class,
                    consumerName, infrastructure, false)) {
                String after = "station-" + UUID.randomUUID();
                commands.sendAndWait(new TestUnit.EstablishTestUnitCommand(after, district, "海龙村文明实践站"));
                await("the replacement reads what was published after the crash").atMost(PATIENCE)
                        .until(() -> handled(replacement, after));
            }
        }
    }

    private static boolean handled(ConfigurableApplicationContext consumer, String unitId) {
        return consumer.getBean(RecordingHandler.class).handled().stream()
                .anyMatch(event -> event.subject().equals(unitId));
    }
}
