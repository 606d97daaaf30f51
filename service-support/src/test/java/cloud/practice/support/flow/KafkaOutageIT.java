package cloud.practice.support.flow;

import cloud.practice.events.Context;
import cloud.practice.support.flow.publisher.PublisherTestApplication;
import cloud.practice.support.flow.publisher.TestUnit;
import cloud.practice.testing.TcpProxy;
import cloud.practice.testing.TestInfrastructure;
import cloud.practice.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service starts and accepts commands while it cannot reach Kafka; what it stored is published, in order, once
 * Kafka is reachable. The broker is reached through a loopback proxy that is down at first (the client's first
 * contact goes through it; afterwards it talks to the advertised broker address).
 */
class KafkaOutageIT {

    @Test
    void shouldAcceptCommandsWhileKafkaIsUnreachableAndPublishThemWhenItIsBack() {
        String district = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        String unitId = "station-" + UUID.randomUUID();
        try (TcpProxy kafka = new TcpProxy(TestInfrastructure.get().kafkaBootstrapServers());
             ConfigurableApplicationContext service = new SpringApplicationBuilder(PublisherTestApplication.class)
                     .web(WebApplicationType.NONE)
                     .run("--spring.application.name=outage-publisher",
                             "--spring.kafka.bootstrap-servers=" + kafka.address(),
                             "--spring.data.mongodb.uri=" + TestInfrastructure.get().mongoUri("outage_" + district),
                             "--spring.data.mongodb.database=outage_" + district)) {
            CommandGateway commands = service.getBean(CommandGateway.class);

            commands.sendAndWait(new TestUnit.EstablishTestUnitCommand(unitId, district, "九龙园社区文明实践站"));
            commands.sendAndWait(new TestUnit.RenameTestUnitCommand(unitId, "九龙园社区新时代文明实践站"));
            kafka.start();

            List<ConsumerRecord<String, byte[]>> published = TopicReader.read(Context.HIERARCHY.topic(),
                    record -> unitId.equals(record.key()), 2, Duration.ofSeconds(90));
            assertThat(published).extracting(record -> TopicReader.header(record, "ce_aggregateseq"))
                    .containsExactly("0", "1");
        }
    }
}
