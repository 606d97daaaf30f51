package cloud.practice.deployment.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** RFC 6902 JSON Patch with the operations add, remove, replace and test (move and copy are refused). */
final class JsonPatch {

    private JsonPatch() {
    }

    static ObjectNode apply(ObjectNode target, ArrayNode operations, String origin) {
        ObjectNode result = target.deepCopy();
        for (JsonNode operation : operations) {
            String op = operation.path("op").asText();
            if (!Set.of("add", "remove", "replace", "test").contains(op)) {
                throw new KustomizeException(origin + ": JSON patch operation '" + op + "' is not supported");
            }
            List<String> pointer = pointer(operation.path("path").asText(null), origin);
            if (pointer.isEmpty()) {
                throw new KustomizeException(origin + ": patching the whole document is not supported");
            }
            JsonNode parent = resolve(result, pointer.subList(0, pointer.size() - 1), origin);
            String last = pointer.get(pointer.size() - 1);
            JsonNode value = operation.get("value");
            if (!op.equals("remove") && value == null) {
                throw new KustomizeException(origin + ": operation " + op + " needs a value");
            }
            switch (op) {
                case "add" -> add(parent, last, value.deepCopy(), origin);
                case "remove" -> remove(parent, last, origin);
                case "replace" -> {
                    remove(parent, last, origin);
                    add(parent, last, value.deepCopy(), origin);
                }
                default -> {
                    if (!value.equals(child(parent, last, origin))) {
                        throw new KustomizeException(origin + ": test failed at " + operation.path("path").asText());
                    }
                }
            }
        }
        return result;
    }

    private static List<String> pointer(String text, String origin) {
        if (text == null || !(text.isEmpty() || text.startsWith("/"))) {
            throw new KustomizeException(origin + ": '" + text + "' is not a JSON pointer");
        }
        List<String> tokens = new ArrayList<>();
        if (text.isEmpty()) {
            return tokens;
        }
        for (String token : text.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static JsonNode resolve(JsonNode node, List<String> tokens, String origin) {
        JsonNode current = node;
        for (String token : tokens) {
            current = child(current, token, origin);
        }
        return current;
    }

    private static JsonNode child(JsonNode node, String token, String origin) {
        JsonNode child = node.isArray() ? node.get(index(token, node.size() - 1, origin)) : node.get(token);
        if (child == null) {
            throw new KustomizeException(origin + ": path element '" + token + "' does not exist");
        }
        return child;
    }

    private static void add(JsonNode parent, String token, JsonNode value, String origin) {
        if (parent.isObject()) {
            ((ObjectNode) parent).set(token, value);
        } else if (parent.isArray()) {
            ArrayNode array = (ArrayNode) parent;
            if ("-".equals(token)) {
                array.add(value);
            } else {
                array.insert(index(token, array.size(), origin), value);
            }
        } else {
            throw new KustomizeException(origin + ": cannot add '" + token + "' to a " + parent.getNodeType());
        }
    }

    private static void remove(JsonNode parent, String token, String origin) {
        child(parent, token, origin);
        if (parent.isObject()) {
            ((ObjectNode) parent).remove(token);
        } else {
            ((ArrayNode) parent).remove(index(token, parent.size() - 1, origin));
        }
    }

    private static int index(String token, int max, String origin) {
        if (!token.matches("0|[1-9][0-9]*") || Integer.parseInt(token) > max) {
            throw new KustomizeException(origin + ": '" + token + "' is not a valid array index here");
        }
        return Integer.parseInt(token);
    }
}
