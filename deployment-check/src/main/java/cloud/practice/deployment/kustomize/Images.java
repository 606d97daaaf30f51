package cloud.practice.deployment.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * kustomize's {@code images}: every {@code image} of an element of a {@code containers} or {@code initContainers}
 * list, at any depth, whose name (without tag or digest) equals {@code name} gets {@code newName}, {@code newTag}
 * and/or {@code digest}. An entry that changes no image is an error here (kustomize ignores it silently; a typo in
 * an image name should not pass a check).
 */
final class Images {

    private static final Set<String> FIELDS = Set.of("name", "newName", "newTag", "digest");

    private Images() {
    }

    static void apply(JsonNode entry, List<ObjectNode> objects, Path origin) {
        for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new KustomizeException(origin + ": images field '" + field + "' is not supported");
            }
        }
        String name = Kustomize.requireText(entry.get("name"), origin, "images name");
        if (entry.has("newTag") && entry.has("digest")) {
            throw new KustomizeException(origin + ": image " + name + " has both newTag and digest");
        }
        int[] changed = {0};
        for (ObjectNode object : objects) {
            visit(object, false, entry, name, changed);
        }
        if (changed[0] == 0) {
            throw new KustomizeException(origin + ": images entry " + name + " matches no container image");
        }
    }

    private static void visit(JsonNode node, boolean containerList, JsonNode entry, String name, int[] changed) {
        if (node.isObject()) {
            if (containerList && node.path("image").isTextual()) {
                String image = node.get("image").asText();
                if (nameOf(image).equals(name)) {
                    ((ObjectNode) node).put("image", rewrite(image, entry));
                    changed[0]++;
                }
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                visit(node.get(field), field.equals("containers") || field.equals("initContainers"), entry, name,
                        changed);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                visit(item, containerList, entry, name, changed);
            }
        }
    }

    static String nameOf(String image) {
        int at = image.indexOf('@');
        String withoutDigest = at < 0 ? image : image.substring(0, at);
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    private static String rewrite(String image, JsonNode entry) {
        String name = entry.hasNonNull("newName") ? entry.get("newName").asText() : nameOf(image);
        if (entry.hasNonNull("digest")) {
            return name + "@" + entry.get("digest").asText();
        }
        if (entry.hasNonNull("newTag")) {
            return name + ":" + entry.get("newTag").asText();
        }
        String rest = image.substring(nameOf(image).length());
        return name + rest;
    }
}
