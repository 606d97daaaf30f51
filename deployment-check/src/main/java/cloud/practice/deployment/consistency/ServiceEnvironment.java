package cloud.practice.deployment.consistency;

import cloud.practice.deployment.platform.ServiceModule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment a deployment gives one service, against what the service reads. The variable names come from
 * the service's own placeholders ({@code spring.kafka.bootstrap-servers: ${PRACTICE_KAFKA_BOOTSTRAP:...}}), so a
 * renamed variable fails here rather than in production.
 */
final class ServiceEnvironment {

    /**
     * Read by the JVM or by Spring Boot itself rather than by a placeholder: JVM options, and Spring's structured
     * settings (settings keyed by district ids, such as notification-service's WeChat templates, cannot be variables).
     */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "SPRING_APPLICATION_JSON");
    static final String TRANSACTIONS = "PRACTICE_EVENTSTORE_TRANSACTIONS";
    private static final Pattern FIRST_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern DEFAULT_PORT = Pattern.compile(":(\\d+)}?$");

    /**
     * @param environment     variable → value; a null value is set but unknown here (a Secret from the operator)
     * @param kafkaBootstrap  the bootstrap address the deployment's Kafka answers on
     * @param backendUrls     service name → the URL the deployment reaches it at
     */
    static List<String> check(ServiceModule service, Map<String, String> environment, String kafkaBootstrap,
                              Map<String, String> backendUrls, List<ServiceModule> all) {
        List<String> problems = new ArrayList<>();
        String who = service.name() + ": ";
        for (String variable : environment.keySet()) {
            if (!service.reads(variable) && !JVM_VARIABLES.contains(variable)) {
                problems.add(who + "sets " + variable + ", which the service does not read (placeholders: "
                        + service.placeholders().keySet() + ", settings: " + service.relaxedVariables() + ")");
            }
        }
        String port = environment.get(variableOf(service, "server.port"));
        if (port != null && !port.equals(String.valueOf(service.port()))) {
            problems.add(who + "PORT is " + port + " but the deployment's ports are built for " + service.port());
        }
        if (service.usesKafka()) {
            String variable = variableOf(service, "spring.kafka.bootstrap-servers");
            if (!environment.containsKey(variable)) {
                problems.add(who + variable + " is not set: the service would look for Kafka at its local default");
            } else if (!kafkaBootstrap.equals(environment.get(variable))) {
                problems.add(who + variable + " is " + environment.get(variable) + ", Kafka answers at " + kafkaBootstrap);
            }
        }
        if (service.usesMongo()) {
            String variable = variableOf(service, "spring.data.mongodb.uri");
            String uri = environment.get(variable);
            if (!environment.containsKey(variable)) {
                problems.add(who + variable + " is not set: the service would look for MongoDB at its local default");
            } else if (uri != null && !(uri.startsWith("mongodb://") || uri.startsWith("mongodb+srv://"))) {
                problems.add(who + variable + " is not a MongoDB connection string: " + uri);
            } else if (uri != null && !uri.startsWith("mongodb+srv://") && !uri.contains("replicaSet=")) {
                problems.add(who + variable + " names no replicaSet: transactions need a replica set");
            }
            if (!service.relaxedVariables().contains(TRANSACTIONS)) {
                problems.add(who + "no longer has practice.eventstore.transactions; update the deployment");
            } else if (!"true".equals(environment.get(TRANSACTIONS))) {
                problems.add(who + TRANSACTIONS + " must be \"true\" against a MongoDB replica set (ADR 0001)");
            }
        }
        for (Map.Entry<String, String> placeholder : service.placeholders().entrySet()) {
            String target = backendOf(placeholder.getKey(), service, all);
            if (target == null) {
                continue;
            }
            String expected = backendUrls.get(target);
            String actual = environment.get(placeholder.getKey());
            if (actual == null) {
                problems.add(who + placeholder.getKey() + " is not set: " + target + " would be looked for at "
                        + placeholder.getValue());
            } else if (!actual.equals(expected)) {
                problems.add(who + placeholder.getKey() + " is " + actual + ", " + target + " answers at " + expected);
            }
        }
        return problems;
    }

    /** The environment variable behind a property, e.g. PORT for server.port. */
    static String variableOf(ServiceModule service, String property) {
        String value = service.property(property);
        Matcher matcher = FIRST_PLACEHOLDER.matcher(value == null ? "" : value);
        if (!matcher.find()) {
            throw new IllegalStateException(service.name() + ": " + property + " is not read from the environment");
        }
        return matcher.group(1);
    }

    /**
     * The service a {@code *_SERVICE_URL}-style placeholder points at: the one whose port is the port of the
     * placeholder's default URL ({@code ${HIERARCHY_SERVICE_URL:http://127.0.0.1:8081}} → hierarchy-service).
     */
    static String backendOf(String variable, ServiceModule service, List<ServiceModule> all) {
        if (!variable.endsWith("_URL")) {
            return null;
        }
        String fallback = service.placeholders().get(variable);
        Matcher matcher = DEFAULT_PORT.matcher(fallback == null ? "" : fallback);
        if (!matcher.find()) {
            return null;
        }
        int port = Integer.parseInt(matcher.group(1));
        return all.stream().filter(other -> other.port() == port && !other.name().equals(service.name()))
                .map(ServiceModule::name).findFirst().orElse(null);
    }
}
