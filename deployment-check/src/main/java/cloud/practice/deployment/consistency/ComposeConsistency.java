package cloud.practice.deployment.consistency;

import cloud.practice.deployment.compose.ComposeFile;
import cloud.practice.deployment.platform.PlatformSources;
import cloud.practice.deployment.platform.ServiceModule;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml against the services and the platform's rules: pinned images, health-gated start-up, memory
 * limits, named volumes, one published port, every service module built from the shared Dockerfile with its port,
 * and the environment, probes and topics the code expects.
 */
public final class ComposeConsistency {

    public static final String DOCKERFILE = "docker/Dockerfile";
    private static final Pattern TOPIC = Pattern.compile("practice\\.[a-z]+\\.events(\\.dlt)?");

    private final ComposeFile compose;
    private final PlatformSources sources;
    private final Expectations expected;
    private final List<String> problems = new ArrayList<>();

    private ComposeConsistency(ComposeFile compose, PlatformSources sources, Expectations expected) {
        this.compose = compose;
        this.sources = sources;
        this.expected = expected;
    }

    public static List<String> check(ComposeFile compose, PlatformSources sources, Expectations expected) {
        ComposeConsistency check = new ComposeConsistency(compose, sources, expected);
        check.run();
        return check.problems;
    }

    private void run() {
        JsonNode services = compose.model().path("services");
        Set<String> usedVolumes = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = services.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            generic(entry.getKey(), entry.getValue(), services, usedVolumes);
        }
        Set<String> declared = new TreeSet<>();
        compose.model().path("volumes").fieldNames().forEachRemaining(declared::add);
        if (!declared.equals(usedVolumes)) {
            problems.add("named volumes declared " + declared + " but used " + new TreeSet<>(usedVolumes));
        }

        String kafka = infrastructure(services, "apache/kafka:", expected.kafkaImage());
        String mongo = infrastructure(services, "mongo:", expected.mongoImage());
        String bootstrap = kafka == null ? "?" : advertisedPlaintext(services.get(kafka));
        String replicaSet = mongo == null ? null : option(services.get(mongo).path("command"), "--replSet");
        if (mongo != null && replicaSet == null) {
            problems.add(mongo + ": mongod runs without --replSet: no transactions, no change streams");
        }

        List<ServiceModule> modules = sources.services();
        Map<String, String> backendUrls = new LinkedHashMap<>();
        modules.forEach(module -> backendUrls.put(module.name(), "http://" + module.name() + ":" + module.port()));
        for (ServiceModule module : modules) {
            JsonNode service = services.path(module.name());
            if (service.isMissingNode()) {
                problems.add(module.name() + ": no compose service for this service module");
                continue;
            }
            module(module, service, services, bootstrap, mongo, replicaSet, backendUrls, modules);
        }
        topics(services);
    }

    private void generic(String name, JsonNode service, JsonNode services, Set<String> usedVolumes) {
        String image = service.path("image").asText("");
        if (!pinned(image)) {
            problems.add(name + ": image '" + image + "' is not pinned to a tag or digest");
        }
        boolean oneShot = "no".equals(service.path("restart").asText());
        if (!oneShot) {
            if (!service.has("restart")) {
                problems.add(name + ": no restart policy");
            }
            JsonNode test = service.path("healthcheck").path("test");
            if (service.path("healthcheck").path("disable").asBoolean(false) || !test.isArray() || test.isEmpty()) {
                problems.add(name + ": no healthcheck");
            }
        } else if (!dependedOnWith(services, name, "service_completed_successfully")) {
            problems.add(name + ": a one-shot service nobody waits for (depends_on: service_completed_successfully)");
        }
        if (service.path("deploy").path("resources").path("limits").path("memory").asText("").isEmpty()
                && !service.has("mem_limit")) {
            problems.add(name + ": no memory limit");
        }
        JsonNode dependsOn = service.path("depends_on");
        if (dependsOn.isArray()) {
            problems.add(name + ": depends_on as a list only waits for start, not for health");
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = dependsOn.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> dependency = entries.next();
            JsonNode target = services.path(dependency.getKey());
            String condition = dependency.getValue().path("condition").asText("service_started");
            if (target.isMissingNode()) {
                problems.add(name + ": depends on unknown service " + dependency.getKey());
            } else if (condition.equals("service_started")) {
                problems.add(name + ": depends on " + dependency.getKey() + " without waiting for health or completion");
            } else if (condition.equals("service_healthy") && !target.has("healthcheck")) {
                problems.add(name + ": waits for " + dependency.getKey() + " to be healthy, which has no healthcheck");
            }
        }
        for (JsonNode volume : service.path("volumes")) {
            String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
            if (source.startsWith(".") || source.startsWith("/") || source.startsWith("~")) {
                problems.add(name + ": bind mount " + source + " ties the platform to this machine's files");
            } else if (!source.isEmpty()) {
                usedVolumes.add(source);
            }
        }
        if (service.has("ports") && !name.equals(expected.publishedService())) {
            problems.add(name + ": publishes ports; only " + expected.publishedService() + " is reachable from outside");
        }
    }

    private void module(ServiceModule module, JsonNode service, JsonNode services, String bootstrap, String mongo,
                        String replicaSet, Map<String, String> backendUrls, List<ServiceModule> modules) {
        String who = module.name() + ": ";
        String image = "practice-cloud/" + module.name() + ":" + sources.projectVersion();
        if (!image.equals(service.path("image").asText())) {
            problems.add(who + "image is " + service.path("image").asText() + ", expected " + image);
        }
        JsonNode build = service.path("build");
        if (!".".equals(build.path("context").asText()) || !DOCKERFILE.equals(build.path("dockerfile").asText())) {
            problems.add(who + "not built from " + DOCKERFILE + " with the repository as context");
        }
        if (!module.name().equals(build.path("args").path("SERVICE").asText())
                || !String.valueOf(module.port()).equals(build.path("args").path("PORT").asText())) {
            problems.add(who + "build args SERVICE/PORT are not " + module.name() + "/" + module.port());
        }

        Map<String, String> environment = environment(service.path("environment"));
        for (String variable : module.secretVariables()) {
            if (environment.get(variable) != null && !environment.get(variable).isEmpty()) {
                problems.add(who + variable + " is a secret: it may not have a value in docker-compose.yml");
            }
        }
        problems.addAll(ServiceEnvironment.check(module, environment, bootstrap, backendUrls, modules));
        if (module.usesMongo() && mongo != null) {
            String uri = environment.getOrDefault(ServiceEnvironment.variableOf(module, "spring.data.mongodb.uri"), "");
            if (!uri.startsWith("mongodb://" + mongo + ":27017/") || !uri.contains("replicaSet=" + replicaSet)) {
                problems.add(who + "MongoDB URI " + uri + " does not name the " + mongo + " service and replica set "
                        + replicaSet);
            }
        }

        String health = "http://127.0.0.1:" + module.port() + "/actuator/health/readiness";
        if (!service.path("healthcheck").path("test").toString().contains(health)) {
            problems.add(who + "healthcheck does not ask " + health);
        }
        RuntimeContract.check(module).forEach(problem -> problems.add(who + problem));
        Duration grace = composeDuration(service.path("stop_grace_period").asText("10s"));
        if (grace.compareTo(module.shutdownPhaseTimeout()) <= 0) {
            problems.add(who + "stop_grace_period " + grace.toSeconds() + " s does not exceed the graceful shutdown"
                    + " phase (" + module.shutdownPhaseTimeout().toSeconds() + " s): the JVM would be killed mid-way");
        }
        JsonNode dependsOn = service.path("depends_on");
        for (ServiceModule other : modules) {
            String url = backendUrls.get(other.name());
            if (environment.containsValue(url)
                    && !"service_healthy".equals(dependsOn.path(other.name()).path("condition").asText())) {
                problems.add(who + "calls " + other.name() + " but does not wait for it to be healthy");
            }
        }
        if (module.usesKafka() && !waitsForCompletion(services, dependsOn, "kafka-topics")) {
            problems.add(who + "may start before the topics exist");
        }
        if (module.usesMongo() && !waitsForCompletion(services, dependsOn, "mongo-init")) {
            problems.add(who + "may start before the replica set has a primary");
        }
        if (module.name().equals(expected.publishedService())) {
            String ports = service.path("ports").toString();
            if (!ports.contains(":" + module.port() + "\"")) {
                problems.add(who + "does not publish its port " + module.port());
            }
        }
    }

    private void topics(JsonNode services) {
        JsonNode creator = services.path("kafka-topics");
        if (creator.isMissingNode()) {
            problems.add("kafka-topics: no service creates the topics");
            return;
        }
        String script = creator.path("command").toString() + creator.path("entrypoint").toString();
        problems.addAll(TopicScript.check("kafka-topics", script, expected));
    }

    private String infrastructure(JsonNode services, String imagePrefix, String expectedImage) {
        String found = null;
        for (Iterator<Map.Entry<String, JsonNode>> entries = services.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String image = entry.getValue().path("image").asText("");
            if (image.startsWith(imagePrefix)) {
                if (!image.equals(expectedImage)) {
                    problems.add(entry.getKey() + ": image " + image + " is not " + expectedImage
                            + ", the version the integration tests run against");
                }
                if (!"no".equals(entry.getValue().path("restart").asText()) && found == null) {
                    found = entry.getKey();
                }
            }
        }
        if (found == null) {
            problems.add("no long-running " + imagePrefix + " service");
        }
        return found;
    }

    private String advertisedPlaintext(JsonNode kafka) {
        String listeners = environment(kafka.path("environment")).getOrDefault("KAFKA_ADVERTISED_LISTENERS", "");
        Matcher matcher = Pattern.compile("PLAINTEXT://([^,]+)").matcher(listeners);
        if (!matcher.find()) {
            problems.add("kafka: no PLAINTEXT advertised listener");
            return "?";
        }
        return matcher.group(1);
    }

    private static String option(JsonNode command, String flag) {
        for (int i = 0; i + 1 < command.size(); i++) {
            if (flag.equals(command.get(i).asText())) {
                return command.get(i + 1).asText();
            }
        }
        return null;
    }

    private static boolean waitsForCompletion(JsonNode services, JsonNode dependsOn, String oneShot) {
        return !services.has(oneShot)
                || "service_completed_successfully".equals(dependsOn.path(oneShot).path("condition").asText());
    }

    private static boolean dependedOnWith(JsonNode services, String name, String condition) {
        for (JsonNode service : services) {
            if (condition.equals(service.path("depends_on").path(name).path("condition").asText())) {
                return true;
            }
        }
        return false;
    }

    static Map<String, String> environment(JsonNode environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment.isObject()) {
            environment.fields().forEachRemaining(entry -> variables.put(entry.getKey(),
                    entry.getValue().isNull() ? null : entry.getValue().asText()));
        } else {
            for (JsonNode item : environment) {
                String[] pair = item.asText().split("=", 2);
                variables.put(pair[0], pair.length == 2 ? pair[1] : null);
            }
        }
        return variables;
    }

    static boolean pinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        int colon = image.lastIndexOf(':');
        if (colon < 0 || colon < image.lastIndexOf('/')) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.isEmpty() && !tag.equals("latest");
    }

    static Duration composeDuration(String text) {
        Matcher matcher = Pattern.compile("(\\d+)(h|ms|m|s|us|ns)").matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                throw new IllegalArgumentException("not a duration: " + text);
            }
            end = matcher.end();
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(switch (matcher.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "ms" -> Duration.ofMillis(amount);
                case "us" -> Duration.ofNanos(amount * 1000);
                default -> Duration.ofNanos(amount);
            });
        }
        if (end != text.length() || end == 0) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return total;
    }

    static Set<String> topicsIn(String script) {
        Set<String> topics = new TreeSet<>();
        Matcher matcher = TOPIC.matcher(script);
        while (matcher.find()) {
            topics.add(matcher.group());
        }
        return topics;
    }
}
