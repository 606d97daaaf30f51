package cloud.practice.deployment.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * YAML as kubectl and Compose read it, strictly: duplicate keys are errors, merge keys ({@code <<}) are resolved,
 * and every document becomes a Jackson tree.
 */
public final class YamlDocuments {

    public static final ObjectMapper JSON = new ObjectMapper();

    private YamlDocuments() {
    }

    /** Every non-empty document of the text, as JSON trees. */
    public static List<JsonNode> parse(String text, String origin) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(100);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<JsonNode> documents = new ArrayList<>();
        try {
            for (Object document : yaml.loadAll(text)) {
                if (document != null) {
                    documents.add(JSON.valueToTree(document));
                }
            }
        } catch (YAMLException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    public static List<JsonNode> read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one document of a file that must hold exactly one mapping. */
    public static ObjectNode readSingleObject(Path file) {
        List<JsonNode> documents = read(file);
        if (documents.size() != 1 || !documents.get(0).isObject()) {
            throw new IllegalArgumentException(file + ": expected exactly one YAML mapping, found " + documents.size()
                    + " document(s)");
        }
        return (ObjectNode) documents.get(0);
    }

    /** Every document of a file, each of which must be a mapping (a Kubernetes object). */
    public static List<ObjectNode> readObjects(Path file) {
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode document : read(file)) {
            if (!document.isObject()) {
                throw new IllegalArgumentException(file + ": every document must be a mapping, found "
                        + document.getNodeType());
            }
            objects.add((ObjectNode) document);
        }
        return objects;
    }

    /** Text of a field, or null when it is absent or not a string. */
    public static String text(JsonNode node, String... path) {
        JsonNode current = Objects.requireNonNull(node);
        for (String field : path) {
            current = current.path(field);
        }
        return current.isTextual() ? current.asText() : null;
    }
}
