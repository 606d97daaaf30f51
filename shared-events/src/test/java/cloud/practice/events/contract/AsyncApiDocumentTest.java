package cloud.practice.events.contract;

import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventCatalog;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static cloud.practice.events.contract.AsyncApiDocument.FILE;
import static cloud.practice.events.contract.AsyncApiDocument.REGENERATE;
import static cloud.practice.events.contract.AsyncApiDocument.YAML;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The AsyncAPI document ({@code docs/asyncapi.yaml}) cannot drift from the event catalogue: it must equal what
 * {@link AsyncApiDocument} generates now, every reference in it must resolve, and every catalogued event must be
 * in it exactly once.
 *
 * <p>After adding or changing an event, context or consumer: {@code ./mvnw -pl shared-events test
 * -Dcontracts.write=true} rewrites the document; review and commit it.
 */
class AsyncApiDocumentTest {

    private static final int MAX_DIFFERENCES_SHOWN = 10;

    @BeforeAll
    static void writeTheDocumentWhenAsked() {
        if (Boolean.getBoolean("contracts.write")) {
            AsyncApiDocument.write(FILE);
        }
    }

    @Test
    void shouldEqualWhatTheCatalogueGeneratesNow() throws IOException {
        JsonNode committed = committed();
        JsonNode generated = YAML.readTree(AsyncApiDocument.render());
        List<String> differences = new ArrayList<>();
        collectDifferences("", committed, generated, differences);
        if (!differences.isEmpty()) {
            fail("%s is out of date: it differs from what the event catalogue generates at %s%s.%n"
                            + "Regenerate it with `%s`, review the change and commit it.",
                    FILE.normalize(), differences.stream().limit(MAX_DIFFERENCES_SHOWN).toList(),
                    differences.size() > MAX_DIFFERENCES_SHOWN ? " and " + (differences.size()
                            - MAX_DIFFERENCES_SHOWN) + " more" : "", REGENERATE);
        }
    }

    @Test
    void shouldRenderTheSameTreeTheSameWayEveryTime() throws IOException {
        String rendered = AsyncApiDocument.render();
        assertThat(AsyncApiDocument.render()).isEqualTo(rendered);
        assertThat(rendered).doesNotContain("---").startsWith("# Generated");
        // YAML must not turn a string such as "1.0" into a number on the way back.
        assertThat(YAML.readTree(rendered)).isEqualTo(AsyncApiDocument.build());
    }

    @Test
    void shouldResolveEveryReference() throws IOException {
        JsonNode document = committed();
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            if (ref.startsWith("#")) {
                assertThat(document.at(JsonPointer.compile(ref.substring(1))).isMissingNode())
                        .as("%s points into the document at nothing", ref).isFalse();
            } else {
                Path target = FILE.getParent().resolve(ref).normalize();
                assertThat(target).as("%s (resolved against %s)", ref, FILE.getParent()).isRegularFile();
            }
        }
    }

    @Test
    void shouldLetEveryOperationUseOnlyMessagesOfItsChannel() throws IOException {
        JsonNode operations = committed().path("operations");
        assertThat(operations.size()).isPositive();
        operations.fields().forEachRemaining(operation -> {
            String channel = operation.getValue().path("channel").path("$ref").asText();
            assertThat(channel).as("channel of %s", operation.getKey()).startsWith("#/channels/");
            assertThat(operation.getValue().path("messages")).as("messages of %s", operation.getKey()).isNotEmpty();
            operation.getValue().path("messages").forEach(message -> assertThat(message.path("$ref").asText())
                    .as("message of %s", operation.getKey()).startsWith(channel + "/messages/"));
        });
    }

    @Test
    void shouldDescribeEveryCataloguedEventExactlyOnce() throws IOException {
        JsonNode document = committed();
        JsonNode messages = document.path("components").path("messages");
        Map<String, List<String>> messagesByType = StreamSupport.stream(
                        ((Iterable<Map.Entry<String, JsonNode>>) messages::fields).spliterator(), false)
                .filter(message -> message.getValue().path("headers").path("properties").has("ce_type"))
                .collect(Collectors.groupingBy(
                        message -> message.getValue().at("/headers/properties/ce_type/const").asText(),
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList())));

        assertThat(new TreeSet<>(messagesByType.keySet())).as("CloudEvents types of the messages")
                .isEqualTo(EventCatalog.all().stream().map(CloudEventAttributes::typeOf)
                        .collect(Collectors.toCollection(TreeSet::new)));
        for (Class<? extends DomainEvent> event : EventCatalog.all()) {
            String type = CloudEventAttributes.typeOf(event);
            assertThat(messagesByType.get(type)).as("messages of type %s", type)
                    .containsExactly(AsyncApiDocument.messageName(event));
            JsonNode message = messages.path(AsyncApiDocument.messageName(event));
            assertThat(message.at("/payload/$ref").asText()).as("payload of %s", type)
                    .isEqualTo(AsyncApiDocument.payloadRef(event));
            assertThat(FILE.getParent().resolve(message.at("/payload/$ref").asText()).toAbsolutePath().normalize())
                    .as("payload of %s", type)
                    .isEqualTo(EventContractTest.schemaFile(event, EventCatalog.metaOf(event).revision())
                            .toAbsolutePath().normalize());
            assertThat(message.at("/headers/properties/ce_source/const").asText()).as("source of %s", type)
                    .isEqualTo(CloudEventAttributes.sourceOf(EventCatalog.contextOf(event)));
            // Header values are strings on the wire: "1.0" and "1" must not be read back as numbers.
            assertThat(message.at("/headers/properties/ce_specversion/const")).as("specversion of %s", type)
                    .isEqualTo(TextNode.valueOf("1.0"));
            assertThat(message.at("/headers/properties/ce_revision/const")).as("revision of %s", type)
                    .isEqualTo(TextNode.valueOf(Integer.toString(EventCatalog.metaOf(event).revision())));
            // Records published before the previous published sequence existed lack it: documented, not required.
            String previous = "ce_" + CloudEventAttributes.AGGREGATE_PREVIOUS_SEQUENCE;
            assertThat(message.at("/headers/properties/" + previous + "/pattern").asText())
                    .as("%s of %s", previous, type).isEqualTo("^(-1|[0-9]+)$");
            assertThat(message.at("/headers/required")).extracting(JsonNode::asText).as("required headers of %s", type)
                    .contains("ce_" + CloudEventAttributes.AGGREGATE_SEQUENCE).doesNotContain(previous);

            String ref = "#/components/messages/" + AsyncApiDocument.messageName(event);
            List<String> channels = new ArrayList<>();
            document.path("channels").fields().forEachRemaining(channel -> channel.getValue().path("messages")
                    .forEach(entry -> {
                        if (ref.equals(entry.path("$ref").asText())) {
                            channels.add(channel.getValue().path("address").asText());
                        }
                    }));
            assertThat(channels).as("channels carrying %s", type)
                    .containsExactly(EventCatalog.contextOf(event).topic());
        }
    }

    @Test
    void shouldHaveAChannelPerTopicAndDeadLetterTopic() throws IOException {
        List<String> addresses = new ArrayList<>();
        committed().path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        List<String> topics = new ArrayList<>();
        for (Context context : Context.values()) {
            topics.add(context.topic());
            topics.add(context.deadLetterTopic());
        }
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(topics);
    }

    @Test
    void shouldCarryTheProjectVersion() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        String version = XPathFactory.newInstance().newXPath().evaluate("/project/parent/version", pom);
        assertThat(AsyncApiDocument.PROJECT_VERSION).as("AsyncApiDocument.PROJECT_VERSION").isEqualTo(version);
    }

    private static JsonNode committed() throws IOException {
        assertThat(FILE).as("%s (run `%s` to create it)", FILE.normalize(), REGENERATE).isRegularFile();
        return YAML.readTree(Files.readString(FILE));
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.path("$ref").isTextual()) {
            refs.add(node.path("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    /** JSON pointers of the places where the two trees differ, in document order. */
    private static void collectDifferences(String at, JsonNode committed, JsonNode generated, List<String> out) {
        if (committed.isObject() && generated.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            committed.fieldNames().forEachRemaining(names::add);
            generated.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = at + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!committed.has(name) || !generated.has(name)) {
                    out.add(child + (committed.has(name) ? " (not generated)" : " (missing)"));
                } else {
                    collectDifferences(child, committed.get(name), generated.get(name), out);
                }
            }
        } else if (committed.isArray() && generated.isArray() && committed.size() == generated.size()) {
            for (int i = 0; i < committed.size(); i++) {
                collectDifferences(at + "/" + i, committed.get(i), generated.get(i), out);
            }
        } else if (!committed.equals(generated)) {
            out.add(at.isEmpty() ? "/" : at);
        }
    }
}
