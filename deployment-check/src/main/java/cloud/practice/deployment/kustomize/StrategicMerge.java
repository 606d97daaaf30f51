package cloud.practice.deployment.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes strategic merge patches, for the lists whose strategy is known here. Maps merge recursively and a
 * null removes a field. A list merges by its patch merge key where Kubernetes declares one ({@link #MERGE_KEYS}) and
 * is replaced where Kubernetes declares none ({@link #REPLACED_LISTS}). A patch that touches any other list, or uses
 * a directive other than {@code $patch: delete} on a keyed list element, is refused rather than guessed.
 */
final class StrategicMerge {

    /** Lists with a patch merge key (from the Kubernetes API types), by field name. */
    private static final String CUSTOM = "(custom resource)";

    static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath",
            "imagePullSecrets", "name");

    /** Lists that Kubernetes replaces as a whole in a strategic merge patch (no patch strategy). */
    static final Set<String> REPLACED_LISTS = Set.of("rules", "tls", "hosts", "paths", "ingress", "egress", "from",
            "to", "command", "args", "metrics", "policyTypes", "accessModes", "drop", "add", "tolerations", "matchLabelKeys",
            "matchExpressions", "values");

    /** API groups of built-in kinds; objects of other groups (custom resources) get JSON merge patch semantics. */
    static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy",
            "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io");

    private StrategicMerge() {
    }

    static ObjectNode apply(ObjectNode target, ObjectNode patch, String origin) {
        ObjectNode result = target.deepCopy();
        String apiVersion = target.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        // Custom resources have no strategic merge metadata: kustomize merges them as JSON merge patches, where
        // every list is replaced. The kind carries that along as a marker.
        String kind = BUILT_IN_GROUPS.contains(group) ? target.path("kind").asText() : CUSTOM;
        ObjectNode body = patch.deepCopy();
        // apiVersion and kind identify the target; they are never changed by a strategic merge patch.
        body.remove("apiVersion");
        body.remove("kind");
        mergeObject(result, body, kind, new ArrayList<>(), origin);
        return result;
    }

    private static void mergeObject(ObjectNode target, ObjectNode patch, String kind, List<String> path, String origin) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            List<String> here = append(path, name);
            if (name.startsWith("$")) {
                throw new KustomizeException(origin + ": directive " + name + " at " + String.join(".", path)
                        + " is not supported by this renderer");
            }
            JsonNode existing = target.get(name);
            if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject() && existing != null && existing.isObject()) {
                mergeObject((ObjectNode) existing, (ObjectNode) value, kind, here, origin);
            } else if (value.isArray() && existing != null && existing.isArray()) {
                target.set(name, mergeList((ArrayNode) existing, (ArrayNode) value, kind, here, origin));
            } else if (value.isArray()) {
                target.set(name, stripDirectives((ArrayNode) value, here, origin));
            } else {
                target.set(name, value);
            }
        }
    }

    private static ArrayNode mergeList(ArrayNode target, ArrayNode patch, String kind, List<String> path,
                                       String origin) {
        if (CUSTOM.equals(kind)) {
            return stripDirectives(patch, path, origin);
        }
        String field = path.get(path.size() - 1);
        String key = mergeKey(field, kind, path);
        if (key == null) {
            if (REPLACED_LISTS.contains(field) || isNetworkPolicyPorts(kind, path)) {
                return stripDirectives(patch, path, origin);
            }
            throw new KustomizeException(origin + ": patching the list " + String.join(".", path) + " of a " + kind
                    + " is not supported by this renderer (its merge strategy is not known here)");
        }
        ArrayNode merged = target.deepCopy();
        for (JsonNode item : patch) {
            if (!item.isObject() || !item.hasNonNull(key)) {
                throw new KustomizeException(origin + ": every element of " + String.join(".", path)
                        + " needs its merge key '" + key + "'");
            }
            ObjectNode element = (ObjectNode) item.deepCopy();
            String directive = element.has("$patch") ? element.remove("$patch").asText() : null;
            int index = indexOf(merged, key, element.get(key));
            if ("delete".equals(directive)) {
                if (index >= 0) {
                    merged.remove(index);
                }
            } else if (directive != null) {
                throw new KustomizeException(origin + ": $patch: " + directive + " is not supported");
            } else if (index >= 0) {
                mergeObject((ObjectNode) merged.get(index), element, kind, path, origin);
            } else {
                merged.add(element);
            }
        }
        return merged;
    }

    private static String mergeKey(String field, String kind, List<String> path) {
        if ("ports".equals(field)) {
            if (path.size() >= 2 && List.of("containers", "initContainers").contains(path.get(path.size() - 2))) {
                return "containerPort";
            }
            if ("Service".equals(kind) && path.equals(List.of("spec", "ports"))) {
                return "port";
            }
            return null;
        }
        return MERGE_KEYS.get(field);
    }

    private static boolean isNetworkPolicyPorts(String kind, List<String> path) {
        return "NetworkPolicy".equals(kind) && "ports".equals(path.get(path.size() - 1));
    }

    private static ArrayNode stripDirectives(ArrayNode list, List<String> path, String origin) {
        for (JsonNode item : list) {
            if (item.isObject() && item.has("$patch")) {
                throw new KustomizeException(origin + ": $patch in the list " + String.join(".", path)
                        + " is not supported");
            }
        }
        return list;
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (value.equals(list.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> append(List<String> path, String field) {
        List<String> longer = new ArrayList<>(path);
        longer.add(field);
        return longer;
    }
}
