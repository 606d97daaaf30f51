package cloud.practice.deployment.platform;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What a service module reads and how it behaves, as far as deployment is concerned, taken from its sources:
 * its {@code application.yml}, and {@code service-support}'s {@code PracticeDefaults} and settings records when it
 * depends on {@code service-support}.
 *
 * @param name                   module name = {@code spring.application.name} = image, compose service, Deployment
 * @param port                   {@code server.port}'s default
 * @param placeholders           environment variables named in {@code ${VAR...}} placeholders, with their defaults
 * @param relaxedVariables       environment variables that bind to the module's {@code @ConfigurationProperties}
 * @param properties             the effective flattened properties (PracticeDefaults under application.yml)
 * @param shutdownPhaseTimeout   {@code spring.lifecycle.timeout-per-shutdown-phase} (Spring's default: 30 s)
 */
public record ServiceModule(String name, int port, Map<String, String> placeholders, Set<String> relaxedVariables,
                            Map<String, String> properties, Duration shutdownPhaseTimeout) {

    /** Every environment variable the service reads (besides the JVM's own). */
    public boolean reads(String variable) {
        return placeholders.containsKey(variable) || relaxedVariables.contains(variable);
    }

    public boolean usesKafka() {
        return properties.containsKey("spring.kafka.bootstrap-servers");
    }

    public boolean usesMongo() {
        return properties.containsKey("spring.data.mongodb.uri");
    }

    public String property(String name) {
        return properties.get(name);
    }

    /**
     * Placeholders whose names say they hold a secret (…_KEY, …_SECRET, …_PASSWORD, …_PEPPER, …_TOKEN): they must come
     * from a Secret, never from a ConfigMap or a file in the repository.
     */
    public Set<String> secretVariables() {
        return placeholders.keySet().stream()
                .filter(name -> name.matches(".*(^|_)(KEY|SECRET|PASSWORD|PEPPER|TOKEN|CREDENTIALS)(_.*|$)"))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
}
