package cloud.practice.deployment.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What must hold between the objects of one rendered overlay for it to work once applied: every reference resolves
 * (ConfigMaps, Secrets, ServiceAccounts, Services, scale targets, headless Services of StatefulSets, Kafka clusters of
 * Strimzi resources) and every selector selects something (Services, PodDisruptionBudgets, NetworkPolicies), with the
 * named ports the references use. Secrets that the operator provides outside the overlay are named by the caller.
 */
public final class ClusterRules {

    private final List<ObjectNode> objects;
    private final Set<String> externalSecrets;

    private ClusterRules(List<ObjectNode> objects, Set<String> externalSecrets) {
        this.objects = objects;
        this.externalSecrets = externalSecrets;
    }

    /**
     * @param objects         a rendered overlay
     * @param externalSecrets Secrets referenced by the overlay but created by the operator (they must not be in it)
     */
    public static List<String> check(List<ObjectNode> objects, Set<String> externalSecrets) {
        return new ClusterRules(objects, externalSecrets).check();
    }

    private List<String> check() {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : objects) {
            String label = object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
            List<String> own = new ArrayList<>();
            switch (object.path("kind").asText()) {
                case "Deployment", "StatefulSet", "Job" -> workload(object, own);
                case "Service" -> service(object, own);
                case "HorizontalPodAutoscaler" -> {
                    JsonNode target = object.path("spec").path("scaleTargetRef");
                    if (find(target.path("kind").asText(), target.path("name").asText()) == null) {
                        own.add("scaleTargetRef " + target.path("kind").asText() + "/" + target.path("name").asText()
                                + " does not exist");
                    }
                }
                case "PodDisruptionBudget" -> {
                    if (selected(object.path("spec").path("selector").path("matchLabels")).isEmpty()) {
                        own.add("spec.selector selects no pod template");
                    }
                }
                case "NetworkPolicy" -> {
                    JsonNode selector = object.path("spec").path("podSelector").path("matchLabels");
                    if (!selector.isEmpty() && selected(selector).isEmpty()) {
                        own.add("spec.podSelector selects no pod template");
                    }
                }
                case "Ingress" -> ingress(object, own);
                case "KafkaTopic", "KafkaNodePool" -> {
                    String cluster = object.path("metadata").path("labels").path("strimzi.io/cluster").asText("");
                    if (find("Kafka", cluster) == null) {
                        own.add("label strimzi.io/cluster '" + cluster + "' names no Kafka resource");
                    }
                }
                default -> {
                }
            }
            own.forEach(problem -> problems.add(label + ": " + problem));
        }
        for (String secret : externalSecrets) {
            if (find("Secret", secret) != null) {
                problems.add("Secret/" + secret + " is expected from the operator but the overlay renders it");
            }
        }
        return problems;
    }

    private void workload(ObjectNode object, List<String> problems) {
        JsonNode pod = object.path("spec").path("template").path("spec");
        if (pod.has("serviceAccountName") && find("ServiceAccount", pod.get("serviceAccountName").asText()) == null) {
            problems.add("serviceAccountName " + pod.get("serviceAccountName").asText() + " does not exist");
        }
        if (object.path("kind").asText().equals("StatefulSet")) {
            ObjectNode service = find("Service", object.path("spec").path("serviceName").asText());
            if (service == null || !"None".equals(service.path("spec").path("clusterIP").asText())) {
                problems.add("spec.serviceName must name a headless Service of the overlay");
            }
        }
        for (JsonNode volume : pod.path("volumes")) {
            reference("ConfigMap", volume.path("configMap").path("name"), volume.path("configMap"), problems);
            reference("Secret", volume.path("secret").path("secretName"), volume.path("secret"), problems);
        }
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode container : pod.path(list)) {
                for (JsonNode source : container.path("envFrom")) {
                    reference("ConfigMap", source.path("configMapRef").path("name"), source.path("configMapRef"),
                            problems);
                    reference("Secret", source.path("secretRef").path("name"), source.path("secretRef"), problems);
                }
                for (JsonNode variable : container.path("env")) {
                    JsonNode from = variable.path("valueFrom");
                    keyReference("ConfigMap", from.path("configMapKeyRef"), problems);
                    keyReference("Secret", from.path("secretKeyRef"), problems);
                }
            }
        }
    }

    private void reference(String kind, JsonNode name, JsonNode holder, List<String> problems) {
        if (name.isMissingNode() || holder.path("optional").asBoolean(false)) {
            return;
        }
        if (find(kind, name.asText()) == null && !(kind.equals("Secret") && externalSecrets.contains(name.asText()))) {
            problems.add(kind + " " + name.asText() + " is referenced but neither in the overlay nor expected from"
                    + " the operator");
        }
    }

    private void keyReference(String kind, JsonNode selector, List<String> problems) {
        if (selector.isMissingNode()) {
            return;
        }
        reference(kind, selector.path("name"), selector, problems);
        ObjectNode target = find(kind, selector.path("name").asText());
        String key = selector.path("key").asText();
        if (target != null && !target.path("data").has(key) && !target.path("stringData").has(key)
                && !selector.path("optional").asBoolean(false)) {
            problems.add(kind + " " + selector.path("name").asText() + " has no key " + key);
        }
    }

    private void service(ObjectNode service, List<String> problems) {
        JsonNode selector = service.path("spec").path("selector");
        List<ObjectNode> workloads = selected(selector);
        if (workloads.isEmpty()) {
            problems.add("spec.selector selects no pod template");
            return;
        }
        for (JsonNode port : service.path("spec").path("ports")) {
            JsonNode target = port.path("targetPort");
            int number = target.isMissingNode() ? port.path("port").asInt() : target.asInt(-1);
            for (ObjectNode workload : workloads) {
                if (!hasPort(workload, target.isTextual() ? target.asText() : null, number)) {
                    problems.add("targetPort " + (target.isTextual() ? target.asText() : number) + " is not a port of "
                            + workload.path("kind").asText() + "/" + workload.path("metadata").path("name").asText());
                }
            }
        }
    }

    private void ingress(ObjectNode ingress, List<String> problems) {
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                JsonNode backend = path.path("backend").path("service");
                ObjectNode service = find("Service", backend.path("name").asText());
                if (service == null) {
                    problems.add("backend Service " + backend.path("name").asText() + " does not exist");
                    continue;
                }
                JsonNode wanted = backend.path("port");
                boolean found = false;
                for (JsonNode port : service.path("spec").path("ports")) {
                    found |= wanted.has("name") ? wanted.get("name").asText().equals(port.path("name").asText())
                            : wanted.path("number").asInt() == port.path("port").asInt();
                }
                if (!found) {
                    problems.add("backend port " + wanted + " is not a port of Service " + backend.path("name").asText());
                }
            }
        }
    }

    private static boolean hasPort(ObjectNode workload, String name, int number) {
        for (JsonNode container : workload.path("spec").path("template").path("spec").path("containers")) {
            for (JsonNode port : container.path("ports")) {
                if (name != null ? name.equals(port.path("name").asText()) : number == port.path("containerPort").asInt()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Workloads whose pod template carries every label of the selector (none for an empty selector). */
    List<ObjectNode> selected(JsonNode matchLabels) {
        List<ObjectNode> hits = new ArrayList<>();
        if (matchLabels.isEmpty()) {
            return hits;
        }
        for (ObjectNode object : objects) {
            if (!Set.of("Deployment", "StatefulSet", "Job").contains(object.path("kind").asText())) {
                continue;
            }
            JsonNode labels = object.path("spec").path("template").path("metadata").path("labels");
            boolean all = true;
            for (Iterator<Map.Entry<String, JsonNode>> entries = matchLabels.fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> label = entries.next();
                all &= Objects.equals(label.getValue(), labels.get(label.getKey()));
            }
            if (all) {
                hits.add(object);
            }
        }
        return hits;
    }

    private ObjectNode find(String kind, String name) {
        for (ObjectNode object : objects) {
            if (object.path("kind").asText().equals(kind) && object.path("metadata").path("name").asText().equals(name)) {
                return object;
            }
        }
        return null;
    }
}
