package cloud.practice.system;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The web module's API snapshots ({@code web/openapi/<name>.json}): a service's OpenAPI document without its
 * {@code servers} (the host it was fetched through), keys sorted, written with a 2-space indent, non-ASCII as UTF-8 and
 * a final newline — the layout of Python's {@code json.dumps(indent=2, sort_keys=True, ensure_ascii=False)}, so that a
 * refreshed snapshot differs from the committed one only where the API changed.
 */
final class OpenApiSnapshots {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter LAYOUT = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEntrySpacing(Separators.Spacing.NONE)
            .withArrayValueSpacing(Separators.Spacing.NONE)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private OpenApiSnapshots() {
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text.substring(0, Math.min(200, text.length())), e);
        }
    }

    /** What the snapshot keeps of a served document: all but {@code servers}, keys in order. */
    static JsonNode snapshotOf(JsonNode served) {
        JsonNode document = sorted(served);
        if (document instanceof ObjectNode object) {
            object.remove("servers");
        }
        return document;
    }

    /** The snapshot file's text. */
    static String write(JsonNode document) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
            generator.setPrettyPrinter(new DefaultPrettyPrinter(LAYOUT));
            JSON.writeTree(generator, sorted(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            new TreeSet<>(names(node)).forEach(name -> copy.set(name, sorted(node.get(name))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    /**
     * Where the two documents differ, as JSON Pointers (RFC 6901) with what each side has there, in document order;
     * at most {@code limit} of them.
     */
    static List<String> differences(JsonNode snapshot, JsonNode served, int limit) {
        List<String> found = new ArrayList<>();
        compare("", snapshot, served, found, limit);
        return found;
    }

    private static void compare(String at, JsonNode snapshot, JsonNode served, List<String> found, int limit) {
        if (found.size() >= limit) {
            return;
        }
        if (snapshot.isObject() && served.isObject()) {
            TreeSet<String> names = new TreeSet<>(names(snapshot));
            names.addAll(names(served));
            for (String name : names) {
                String path = at + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!served.has(name)) {
                    add(found, limit, path + ": only in the snapshot");
                } else if (!snapshot.has(name)) {
                    add(found, limit, path + ": only in the service's document");
                } else {
                    compare(path, snapshot.get(name), served.get(name), found, limit);
                }
            }
        } else if (snapshot.isArray() && served.isArray()) {
            for (int i = 0; i < Math.max(snapshot.size(), served.size()); i++) {
                if (i >= served.size()) {
                    add(found, limit, at + "/" + i + ": only in the snapshot");
                } else if (i >= snapshot.size()) {
                    add(found, limit, at + "/" + i + ": only in the service's document");
                } else {
                    compare(at + "/" + i, snapshot.get(i), served.get(i), found, limit);
                }
            }
        } else if (!sameValue(snapshot, served)) {
            // Long texts (summaries, descriptions) are shown from a little before where they part.
            int from = snapshot.isTextual() && served.isTextual()
                    ? Math.max(0, commonPrefix(snapshot.asText(), served.asText()) - 20) : 0;
            add(found, limit, (at.isEmpty() ? "/" : at) + ": snapshot " + shortly(snapshot, from) + ", service "
                    + shortly(served, from));
        }
    }

    /** 90 and 90.0 are one value (a parser's choice of number type is not an API change). */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String shortly(JsonNode node, int from) {
        String text = from > 0 ? "\"..." + node.asText().substring(from) + "\"" : node.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static int commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static void add(List<String> found, int limit, String difference) {
        if (found.size() < limit) {
            found.add(difference);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
