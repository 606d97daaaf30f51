package cloud.practice.testing;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;
import java.util.UUID;

/**
 * Points a Spring test context at the shared {@link TestInfrastructure}: Kafka bootstrap servers and a MongoDB
 * database of its own (so contexts never see each other's event stores or read models).
 */
public class PlatformInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String database = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("practice-test-infrastructure",
                Map.of("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                        "spring.data.mongodb.uri", infrastructure.mongoUri(database),
                        "spring.data.mongodb.database", database,
                        // Own consumer groups: contexts with separate databases are separate deployments.
                        "practice.messaging.group-prefix", database,
                        "practice.eventstore.transactions", infrastructure.mongoSupportsTransactions())));
    }
}
