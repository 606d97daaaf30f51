package cloud.practice.deployment.kustomize;

import cloud.practice.deployment.yaml.YamlDocuments;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the subset of kustomize this repository uses,
 * and refuses everything else: no Java implementation of kustomize exists, and a renderer that silently ignored a
 * field it does not know would validate something other than what an operator applies.
 *
 * <p>Supported: {@code resources} (files and directories with a kustomization), {@code patches} (strategic merge
 * patches and JSON 6902 patches, from a file or inline, with or without a {@code target}), {@code namespace} and
 * {@code images}, applied in kustomize's order (patches, namespace, images). Resource ids must be unique and every
 * patch must hit something, as in kustomize.
 */
public final class Kustomize {

    private static final Set<String> SUPPORTED_FIELDS = Set.of("apiVersion", "kind", "resources", "namespace",
            "images", "patches");
    private static final Set<String> KUSTOMIZATION_FILES = Set.of("kustomization.yaml", "kustomization.yml",
            "Kustomization");
    /** Kinds whose objects live outside namespaces (kustomize leaves their namespace alone). */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");
    /** Kinds whose namespace references kustomize would rewrite too; not implemented here. */
    private static final Set<String> UNSUPPORTED_KINDS = Set.of("RoleBinding", "ClusterRoleBinding",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService");

    private Kustomize() {
    }

    /** The objects {@code kubectl kustomize dir} would print, in the same order. */
    public static List<ObjectNode> render(Path directory) {
        return build(directory.toAbsolutePath().normalize(), new HashSet<>());
    }

    private static List<ObjectNode> build(Path directory, Set<Path> visiting) {
        if (!visiting.add(directory)) {
            throw new KustomizeException(directory + ": kustomization cycle");
        }
        Path file = kustomizationFile(directory);
        ObjectNode kustomization = YamlDocuments.readSingleObject(file);
        for (Iterator<String> names = kustomization.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new KustomizeException(file + ": field '" + field + "' is not supported by this renderer"
                        + " (supported: " + SUPPORTED_FIELDS + ")");
            }
        }
        if (!"Kustomization".equals(YamlDocuments.text(kustomization, "kind"))
                || !"kustomize.config.k8s.io/v1beta1".equals(YamlDocuments.text(kustomization, "apiVersion"))) {
            throw new KustomizeException(file + ": expected apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization");
        }

        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode entry : list(kustomization, "resources", file)) {
            String reference = requireText(entry, file, "resources entry");
            if (reference.contains("://") || reference.startsWith("github.com/")) {
                throw new KustomizeException(file + ": remote resource '" + reference + "' is not supported");
            }
            Path path = directory.resolve(reference).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(build(path, visiting));
            } else if (Files.isRegularFile(path)) {
                for (ObjectNode object : YamlDocuments.readObjects(path)) {
                    objects.add(checkObject(object, path));
                }
            } else {
                throw new KustomizeException(file + ": resource '" + reference + "' does not exist");
            }
        }
        requireUniqueIds(objects, file);

        for (JsonNode patch : list(kustomization, "patches", file)) {
            applyPatch(patch, objects, directory, file);
        }
        if (kustomization.has("namespace")) {
            String namespace = requireText(kustomization.get("namespace"), file, "namespace");
            for (ObjectNode object : objects) {
                if (!CLUSTER_SCOPED.contains(object.path("kind").asText())) {
                    ((ObjectNode) object.get("metadata")).put("namespace", namespace);
                }
            }
            requireUniqueIds(objects, file);
        }
        for (JsonNode image : list(kustomization, "images", file)) {
            Images.apply(image, objects, file);
        }
        visiting.remove(directory);
        return objects;
    }

    private static Path kustomizationFile(Path directory) {
        List<Path> found = KUSTOMIZATION_FILES.stream().map(directory::resolve).filter(Files::isRegularFile).toList();
        if (found.size() != 1) {
            throw new KustomizeException(directory + ": expected exactly one kustomization file, found " + found);
        }
        return found.get(0);
    }

    private static ObjectNode checkObject(ObjectNode object, Path file) {
        String kind = YamlDocuments.text(object, "kind");
        if (kind == null || YamlDocuments.text(object, "apiVersion") == null
                || YamlDocuments.text(object, "metadata", "name") == null) {
            throw new KustomizeException(file + ": every object needs apiVersion, kind and metadata.name");
        }
        if (UNSUPPORTED_KINDS.contains(kind)) {
            throw new KustomizeException(file + ": kind " + kind + " needs transformations this renderer lacks");
        }
        return object;
    }

    private static void requireUniqueIds(List<ObjectNode> objects, Path file) {
        Map<String, ObjectNode> seen = new LinkedHashMap<>();
        for (ObjectNode object : objects) {
            String id = ResourceId.of(object).toString();
            if (seen.put(id, object) != null) {
                throw new KustomizeException(file + ": may not add resource with an already registered id: " + id);
            }
        }
    }

    private static void applyPatch(JsonNode entry, List<ObjectNode> objects, Path directory, Path file) {
        for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!Set.of("path", "patch", "target").contains(field)) {
                throw new KustomizeException(file + ": patch field '" + field + "' is not supported");
            }
        }
        String origin;
        List<JsonNode> documents;
        if (entry.has("path") == entry.has("patch")) {
            throw new KustomizeException(file + ": a patch needs exactly one of path and patch");
        } else if (entry.has("path")) {
            Path patchFile = directory.resolve(requireText(entry.get("path"), file, "patch path")).normalize();
            if (!Files.isRegularFile(patchFile)) {
                throw new KustomizeException(file + ": patch file " + patchFile + " does not exist");
            }
            origin = patchFile.toString();
            documents = YamlDocuments.read(patchFile);
        } else {
            origin = file + " (inline patch)";
            documents = YamlDocuments.parse(requireText(entry.get("patch"), file, "patch"), origin);
        }
        if (documents.isEmpty()) {
            throw new KustomizeException(origin + ": empty patch");
        }
        Target target = entry.has("target") ? Target.of(entry.get("target"), file) : null;

        if (documents.size() == 1 && documents.get(0).isArray()) {
            if (target == null) {
                throw new KustomizeException(origin + ": a JSON 6902 patch needs a target");
            }
            List<ObjectNode> hits = matching(objects, target, origin);
            for (ObjectNode object : hits) {
                replace(objects, object, JsonPatch.apply(object, (ArrayNode) documents.get(0), origin));
            }
            return;
        }
        for (JsonNode document : documents) {
            if (!document.isObject()) {
                throw new KustomizeException(origin + ": a strategic merge patch must be a mapping");
            }
            ObjectNode patch = (ObjectNode) document;
            Target own = target != null ? target : Target.of(patch, origin);
            for (ObjectNode object : matching(objects, own, origin)) {
                replace(objects, object, StrategicMerge.apply(object, patch, origin));
            }
        }
    }

    private static void replace(List<ObjectNode> objects, ObjectNode old, ObjectNode patched) {
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i) == old) {
                objects.set(i, patched);
                return;
            }
        }
        throw new IllegalStateException("patched object vanished");
    }

    private static List<ObjectNode> matching(List<ObjectNode> objects, Target target, String origin) {
        List<ObjectNode> hits = objects.stream().filter(target::matches).toList();
        if (hits.isEmpty()) {
            throw new KustomizeException(origin + ": no resource matches the patch target " + target);
        }
        return hits;
    }

    static List<JsonNode> list(ObjectNode node, String field, Object origin) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new KustomizeException(origin + ": '" + field + "' must be a list");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    static String requireText(JsonNode node, Object origin, String what) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new KustomizeException(origin + ": " + what + " must be a non-empty string");
        }
        return node.asText();
    }

    /** Group, version, kind, namespace and name of an object: kustomize's resource id. */
    record ResourceId(String group, String version, String kind, String namespace, String name) {

        static ResourceId of(ObjectNode object) {
            String apiVersion = object.path("apiVersion").asText();
            int slash = apiVersion.indexOf('/');
            return new ResourceId(slash < 0 ? "" : apiVersion.substring(0, slash),
                    slash < 0 ? apiVersion : apiVersion.substring(slash + 1), object.path("kind").asText(),
                    object.path("metadata").path("namespace").asText(""),
                    object.path("metadata").path("name").asText());
        }

        @Override
        public String toString() {
            return (group.isEmpty() ? "" : group + "/") + version + ", Kind=" + kind + ", "
                    + (namespace.isEmpty() ? "" : namespace + "/") + name;
        }
    }

    /** A patch target: every given field must match; the name is an anchored regular expression, as in kustomize. */
    record Target(String group, String version, String kind, String name, String namespace,
                  Map<String, String> labels) {

        static Target of(JsonNode node, Object origin) {
            boolean isSelector = !node.has("metadata");
            if (isSelector) {
                for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                    String field = names.next();
                    if (!Set.of("group", "version", "kind", "name", "namespace", "labelSelector").contains(field)) {
                        throw new KustomizeException(origin + ": target field '" + field + "' is not supported");
                    }
                }
                String kind = text(node, "kind");
                return new Target(text(node, "group"), text(node, "version"), kind == null ? null : Pattern.quote(kind),
                        text(node, "name"),
                        text(node, "namespace"), labels(text(node, "labelSelector"), origin));
            }
            ResourceId id = ResourceId.of((ObjectNode) node);
            if (id.kind().isEmpty() || id.name().isEmpty() || id.version().isEmpty()) {
                throw new KustomizeException(origin + ": a strategic merge patch needs apiVersion, kind and metadata.name");
            }
            return new Target(id.group(), id.version(), Pattern.quote(id.kind()), Pattern.quote(id.name()),
                    id.namespace().isEmpty() ? null : id.namespace(), Map.of());
        }

        private static String text(JsonNode node, String field) {
            return node.hasNonNull(field) ? node.get(field).asText() : null;
        }

        private static Map<String, String> labels(String selector, Object origin) {
            if (selector == null) {
                return Map.of();
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (String term : selector.split(",")) {
                String[] pair = term.trim().split("=", -1);
                if (pair.length != 2 || pair[0].isBlank() || term.contains("!=")) {
                    throw new KustomizeException(origin + ": only equality label selectors are supported: " + selector);
                }
                labels.put(pair[0].trim(), pair[1].trim());
            }
            return labels;
        }

        boolean matches(ObjectNode object) {
            ResourceId id = ResourceId.of(object);
            if (group != null && !group.equals(id.group())) {
                return false;
            }
            if (version != null && !version.equals(id.version())) {
                return false;
            }
            if (kind != null && !id.kind().matches(kind)) {
                return false;
            }
            if (name != null && !id.name().matches(name)) {
                return false;
            }
            if (namespace != null && !namespace.equals(id.namespace())) {
                return false;
            }
            JsonNode objectLabels = object.path("metadata").path("labels");
            return labels.entrySet().stream()
                    .allMatch(label -> label.getValue().equals(objectLabels.path(label.getKey()).asText(null)));
        }
    }
}
