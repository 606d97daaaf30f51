package cloud.practice.testing;

import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;
import java.util.UUID;

/**
 * Points a Spring test context at the shared {@link TestInfrastructure}: Kafka bootstrap servers and a MongoDB
 * database of its own (so contexts never see each other's event stores or read models); and at the
 * {@link TestIdentity} issuer, whose tokens the service then validates. The context's test HTTP clients
 * (TestRestTemplate) send a platform token unless a test sets its own Authorization header — tests about access
 * always do.
 */
public class PlatformInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        TestIdentity identity = TestIdentity.get();
        String database = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("practice-test-infrastructure",
                Map.of("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                        "spring.data.mongodb.uri", infrastructure.mongoUri(database),
                        "spring.data.mongodb.database", database,
                        // Own consumer groups: contexts with separate databases are separate deployments.
                        "practice.messaging.group-prefix", database,
                        "practice.eventstore.transactions", infrastructure.mongoSupportsTransactions(),
                        "practice.security.jwk-set-uri", identity.jwkSetUri(),
                        "practice.security.issuer", identity.issuer(),
                        "practice.security.grant-uri", identity.tokenUri())));
        RestTemplateCustomizer platformToken = rest -> rest.getInterceptors().add((request, body, execution) -> {
            if (!request.getHeaders().containsKey("Authorization")) {
                request.getHeaders().setBearerAuth(identity.platformToken());
            }
            return execution.execute(request, body);
        });
        context.getBeanFactory().registerSingleton("practiceTestPlatformToken", platformToken);
    }
}
