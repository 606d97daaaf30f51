package cloud.practice.support.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Defaults every service shares, so each service's application.yml holds only what is its own (name, port,
 * database). Lowest precedence: application.yml, profiles, environment variables and command lines all win.
 */
public class PracticeDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("spring.data.mongodb.uri",
                    "${PRACTICE_MONGO_URI:${PRACTICE_MONGO_URI_BASE:mongodb://127.0.0.1:27027}}"),
            Map.entry("spring.kafka.bootstrap-servers", "${PRACTICE_KAFKA_BOOTSTRAP:127.0.0.1:29092}"),
            // Topic creation at start-up must not hold a service back when Kafka is away (it starts without it).
            Map.entry("spring.kafka.admin.operation-timeout", "5s"),
            Map.entry("spring.kafka.admin.close-timeout", "1s"),
            Map.entry("spring.jackson.time-zone", "UTC"),
            Map.entry("spring.jackson.serialization.write-dates-as-timestamps", "false"),
            Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus,metrics"),
            Map.entry("management.endpoint.health.probes.enabled", "true"),
            Map.entry("management.endpoint.health.show-details", "always"),
            Map.entry("management.metrics.tags.application", "${spring.application.name}"),
            Map.entry("server.shutdown", "graceful"),
            // Oversized bodies are refused before they are read (413); no command of ours comes near it.
            Map.entry("server.tomcat.max-swallow-size", "1MB"),
            Map.entry("spring.servlet.multipart.max-request-size", "10MB"),
            Map.entry("spring.jackson.deserialization.fail-on-unknown-properties", "true"),
            Map.entry("spring.jackson.deserialization.fail-on-null-for-primitives", "true"),
            Map.entry("springdoc.api-docs.path", "/v3/api-docs"),
            Map.entry("spring.lifecycle.timeout-per-shutdown-phase", "20s"),
            Map.entry("axon.axonserver.enabled", "false"),
            // The issuer, named by the same variables as the gateway's (ADR 0011); locally the auth-server.
            Map.entry("practice.security.jwk-set-uri",
                    "${PRACTICE_SECURITY_JWK_SET_URI:http://localhost:9000/oauth2/jwks}"),
            Map.entry("practice.security.issuer", "${PRACTICE_SECURITY_ISSUER:http://localhost:9000}"),
            Map.entry("practice.security.audience", "${PRACTICE_SECURITY_AUDIENCE:practice-cloud}"),
            Map.entry("practice.security.grant-uri",
                    "${PRACTICE_SECURITY_GRANT_URI:http://localhost:9000/oauth2/token}"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Axon asks a remote server for updates at start-up unless told not to; we never phone home.
        System.setProperty("axoniq.update-checker.disabled", "true");
        environment.getPropertySources().addLast(new MapPropertySource("practice-defaults", DEFAULTS));
    }
}
