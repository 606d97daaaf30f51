package cloud.practice.deployment.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the API server's validation refuses inside one object, for the fields this repository uses: name formats,
 * label syntax, selectors that match their pod templates, container and port names, probe handlers and the ports
 * they name, environment variable names, volume mounts, resource requests within limits, replica bounds.
 */
final class ObjectRules {

    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "Job");

    private ObjectRules() {
    }

    static List<String> check(ObjectNode object) {
        List<String> problems = new ArrayList<>();
        String kind = object.path("kind").asText();
        JsonNode metadata = object.path("metadata");
        String name = metadata.path("name").asText("");
        boolean dnsLabel = Set.of("Service", "Namespace").contains(kind);
        Pattern namePattern = kind.equals("Service") ? DNS1035_LABEL : dnsLabel ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
        if (!namePattern.matcher(name).matches() || name.length() > (dnsLabel ? 63 : 253)) {
            problems.add("metadata.name '" + name + "' is not a valid " + kind + " name");
        }
        labels(metadata.path("labels"), "metadata.labels", problems);

        if (WORKLOADS.contains(kind)) {
            JsonNode template = object.path("spec").path("template");
            labels(template.path("metadata").path("labels"), "spec.template.metadata.labels", problems);
            if (!kind.equals("Job")) {
                selectorMatchesTemplate(object, template, problems);
            }
            Set<String> claims = new HashSet<>();
            object.path("spec").path("volumeClaimTemplates")
                    .forEach(claim -> claims.add(claim.path("metadata").path("name").asText()));
            podSpec(template.path("spec"), kind, claims, problems);
        }
        switch (kind) {
            case "Service" -> service(object.path("spec"), problems);
            case "HorizontalPodAutoscaler" -> {
                int min = object.path("spec").path("minReplicas").asInt(1);
                int max = object.path("spec").path("maxReplicas").asInt(0);
                if (min < 1 || max < min) {
                    problems.add("spec.minReplicas " + min + " / maxReplicas " + max + " are not 1 <= min <= max");
                }
            }
            case "PodDisruptionBudget" -> {
                if (object.path("spec").has("minAvailable") == object.path("spec").has("maxUnavailable")) {
                    problems.add("spec needs exactly one of minAvailable and maxUnavailable");
                }
            }
            default -> {
            }
        }
        return problems;
    }

    private static void labels(JsonNode labels, String where, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> entries = labels.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> label = entries.next();
            String key = label.getKey();
            int slash = key.indexOf('/');
            String prefix = slash < 0 ? null : key.substring(0, slash);
            String name = slash < 0 ? key : key.substring(slash + 1);
            if ((prefix != null && (!DNS1123_SUBDOMAIN.matcher(prefix).matches() || prefix.length() > 253))
                    || !LABEL_NAME.matcher(name).matches() || name.length() > 63) {
                problems.add(where + ": '" + key + "' is not a valid label key");
            }
            String value = label.getValue().asText();
            if (!label.getValue().isTextual() || value.length() > 63
                    || !(value.isEmpty() || LABEL_NAME.matcher(value).matches())) {
                problems.add(where + ": value of '" + key + "' is not a valid label value");
            }
        }
    }

    private static void selectorMatchesTemplate(ObjectNode object, JsonNode template, List<String> problems) {
        JsonNode matchLabels = object.path("spec").path("selector").path("matchLabels");
        if (matchLabels.isEmpty()) {
            problems.add("spec.selector.matchLabels is empty");
        }
        JsonNode templateLabels = template.path("metadata").path("labels");
        for (Iterator<Map.Entry<String, JsonNode>> entries = matchLabels.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> label = entries.next();
            if (!label.getValue().equals(templateLabels.get(label.getKey()))) {
                problems.add("spec.selector does not match the template's labels ('" + label.getKey() + "')");
            }
        }
    }

    private static void podSpec(JsonNode spec, String kind, Set<String> claims, List<String> problems) {
        if (kind.equals("Job")) {
            String restart = spec.path("restartPolicy").asText("Always");
            if (!Set.of("OnFailure", "Never").contains(restart)) {
                problems.add("a Job's restartPolicy must be OnFailure or Never, not " + restart);
            }
        }
        Set<String> volumes = new HashSet<>(claims);
        for (JsonNode volume : spec.path("volumes")) {
            if (!volumes.add(volume.path("name").asText())) {
                problems.add("volume '" + volume.path("name").asText() + "' is declared twice");
            }
        }
        JsonNode containers = spec.path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            problems.add("the pod template has no containers");
        }
        Set<String> containerNames = new HashSet<>();
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode container : spec.path(list)) {
                String name = container.path("name").asText("");
                String where = list + "[" + name + "]";
                if (!DNS1123_LABEL.matcher(name).matches() || name.length() > 63 || !containerNames.add(name)) {
                    problems.add(where + ": container name '" + name + "' is invalid or not unique");
                }
                if (container.path("image").asText("").isBlank()) {
                    problems.add(where + ": no image");
                }
                container(container, where, volumes, problems);
            }
        }
    }

    private static void container(JsonNode container, String where, Set<String> volumes, List<String> problems) {
        Set<String> portNames = new HashSet<>();
        Set<Integer> portNumbers = new HashSet<>();
        for (JsonNode port : container.path("ports")) {
            int number = port.path("containerPort").asInt(0);
            if (number < 1 || number > 65535 || !portNumbers.add(number)) {
                problems.add(where + ": containerPort " + number + " is invalid or repeated");
            }
            if (port.has("name")) {
                String name = port.get("name").asText();
                if (!validPortName(name) || !portNames.add(name)) {
                    problems.add(where + ": port name '" + name + "' is invalid (IANA service name) or repeated");
                }
            }
        }
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode handler = container.path(probe);
            if (handler.isMissingNode()) {
                continue;
            }
            List<String> kinds = new ArrayList<>();
            for (String type : List.of("httpGet", "tcpSocket", "exec", "grpc")) {
                if (handler.has(type)) {
                    kinds.add(type);
                }
            }
            if (kinds.size() != 1) {
                problems.add(where + "." + probe + ": needs exactly one handler, has " + kinds);
                continue;
            }
            JsonNode port = handler.path(kinds.get(0)).path("port");
            if (port.isTextual() && !portNames.contains(port.asText())) {
                problems.add(where + "." + probe + ": port '" + port.asText() + "' is not a port of the container");
            } else if (port.isInt() && (port.asInt() < 1 || port.asInt() > 65535)) {
                problems.add(where + "." + probe + ": port " + port.asInt() + " is out of range");
            }
            if (kinds.get(0).equals("httpGet") && !handler.path("httpGet").path("path").asText("/").startsWith("/")) {
                problems.add(where + "." + probe + ": path must start with /");
            }
        }
        Set<String> envNames = new HashSet<>();
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText("");
            if (!ENV_NAME.matcher(name).matches() || !envNames.add(name)) {
                problems.add(where + ": environment variable name '" + name + "' is invalid or repeated");
            }
            if (variable.has("value") && variable.has("valueFrom")) {
                problems.add(where + ": " + name + " has both value and valueFrom");
            }
        }
        Set<String> mountPaths = new HashSet<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            String volume = mount.path("name").asText();
            if (!volumes.contains(volume)) {
                problems.add(where + ": volumeMount '" + volume + "' names no volume of the pod");
            }
            if (!mountPaths.add(mount.path("mountPath").asText())) {
                problems.add(where + ": mountPath " + mount.path("mountPath").asText() + " is used twice");
            }
        }
        JsonNode requests = container.path("resources").path("requests");
        JsonNode limits = container.path("resources").path("limits");
        for (Iterator<String> names = requests.fieldNames(); names.hasNext(); ) {
            String resource = names.next();
            if (limits.has(resource)) {
                BigDecimal request = amount(requests.get(resource), where, problems);
                BigDecimal limit = amount(limits.get(resource), where, problems);
                if (request != null && limit != null && request.compareTo(limit) > 0) {
                    problems.add(where + ": " + resource + " request " + requests.get(resource).asText()
                            + " exceeds its limit " + limits.get(resource).asText());
                }
            }
        }
    }

    private static BigDecimal amount(JsonNode quantity, String where, List<String> problems) {
        try {
            return Quantity.getAmountInBytes(new Quantity(quantity.asText()));
        } catch (RuntimeException e) {
            problems.add(where + ": '" + quantity.asText() + "' is not a quantity");
            return null;
        }
    }

    private static void service(JsonNode spec, List<String> problems) {
        JsonNode ports = spec.path("ports");
        if (!ports.isArray() || ports.isEmpty()) {
            problems.add("spec.ports is empty");
            return;
        }
        Set<String> names = new HashSet<>();
        for (JsonNode port : ports) {
            int number = port.path("port").asInt(0);
            if (number < 1 || number > 65535) {
                problems.add("spec.ports: port " + number + " is out of range");
            }
            if (ports.size() > 1 && !port.has("name")) {
                problems.add("spec.ports: every port of a multi-port Service needs a name");
            }
            if (port.has("name") && (!DNS1123_LABEL.matcher(port.get("name").asText()).matches()
                    || !names.add(port.get("name").asText()))) {
                problems.add("spec.ports: name '" + port.get("name").asText() + "' is invalid or repeated");
            }
            JsonNode target = port.path("targetPort");
            if (target.isTextual() && !validPortName(target.asText())) {
                problems.add("spec.ports: targetPort '" + target.asText() + "' is not a valid port name");
            }
        }
    }

    /** IANA service name: at most 15 characters, lower-case letters, digits and inner single hyphens, a letter. */
    static boolean validPortName(String name) {
        return name.length() <= 15 && PORT_NAME.matcher(name).matches() && !name.contains("--")
                && name.chars().anyMatch(Character::isLetter);
    }
}
