package cloud.practice.deployment.compose;

import cloud.practice.deployment.yaml.YamlDocuments;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Compose file as Docker Compose reads it: YAML with merge keys, variables interpolated ({@code ${VAR}},
 * {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code $$} for a literal dollar), then checked against the Compose
 * specification's part that we use, as our own strict JSON Schema (see {@code compose/README.md}).
 */
public final class ComposeFile {

    public static final String SCHEMA_RESOURCE = "/compose/compose-subset.schema.json";
    private static final JsonSchema SCHEMA = loadSchema();
    private static final Pattern VARIABLE =
            Pattern.compile("\\$(\\$|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

    private final ObjectNode model;

    private ComposeFile(ObjectNode model) {
        this.model = model;
    }

    /** Reads a Compose file with the given environment (variables not in it take their defaults). */
    public static ComposeFile read(Path file, Map<String, String> environment) {
        try {
            return parse(Files.readString(file), file.toString(), environment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ComposeFile parse(String text, String origin, Map<String, String> environment) {
        List<JsonNode> documents = YamlDocuments.parse(text, origin);
        if (documents.size() != 1 || !documents.get(0).isObject()) {
            throw new IllegalArgumentException(origin + ": a Compose file is one YAML mapping");
        }
        JsonNode interpolated = interpolate(documents.get(0), name -> environment.get(name), origin);
        return new ComposeFile((ObjectNode) interpolated);
    }

    /** The model after merge keys and interpolation. */
    public ObjectNode model() {
        return model;
    }

    /** Violations of the Compose specification's schema; empty when valid. */
    public List<String> schemaViolations() {
        List<String> violations = new ArrayList<>();
        for (ValidationMessage message : SCHEMA.validate(model)) {
            violations.add(message.getMessage());
        }
        return violations;
    }

    public JsonNode service(String name) {
        return model.path("services").path(name);
    }

    static JsonNode interpolate(JsonNode node, Function<String, String> environment, String origin) {
        if (node.isTextual()) {
            return TextNode.valueOf(interpolate(node.asText(), environment, origin));
        }
        if (node.isArray()) {
            ArrayNode copy = YamlDocuments.JSON.createArrayNode();
            node.forEach(item -> copy.add(interpolate(item, environment, origin)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = YamlDocuments.JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), interpolate(field.getValue(), environment, origin));
            }
            return copy;
        }
        return node;
    }

    static String interpolate(String text, Function<String, String> environment, String origin) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if ("$".equals(matcher.group(1))) {
                replacement = "$";
            } else {
                String name = matcher.group(2) != null ? matcher.group(2) : matcher.group(5);
                String value = environment.apply(name);
                String operator = matcher.group(3);
                if (operator == null) {
                    replacement = value == null ? "" : value;
                } else if (operator.equals(":-")) {
                    replacement = value == null || value.isEmpty() ? matcher.group(4) : value;
                } else {
                    replacement = value == null ? matcher.group(4) : value;
                }
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        String interpolated = result.toString();
        if (interpolated.contains("${")) {
            throw new IllegalArgumentException(origin + ": unsupported or malformed variable in '" + text + "'");
        }
        return interpolated;
    }

    private static JsonSchema loadSchema() {
        if (ComposeFile.class.getResource(SCHEMA_RESOURCE) == null) {
            throw new IllegalStateException("missing " + SCHEMA_RESOURCE);
        }
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("classpath:" + SCHEMA_RESOURCE.substring(1)));
    }
}
