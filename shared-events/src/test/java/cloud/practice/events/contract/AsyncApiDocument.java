package cloud.practice.events.contract;

import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventCatalog;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds the AsyncAPI 3.0.0 document of the published topics and messages ({@code docs/asyncapi.yaml}) from the
 * {@link EventCatalog}: one channel per context topic and per dead-letter topic, the publishing and consuming
 * operations, and one message per catalogued event whose payload is its frozen JSON Schema.
 *
 * <p>The output is deterministic: named collections (channels, operations, messages) are sorted by name; every
 * other object keeps the fixed order in which it is built here. {@link AsyncApiDocumentTest} keeps the committed
 * file equal to it.
 */
final class AsyncApiDocument {

    /** The committed document, relative to {@code shared-events/} (the working directory of the tests). */
    static final Path FILE = Path.of("../docs/asyncapi.yaml");
    /** How to regenerate {@link #FILE}. */
    static final String REGENERATE = "./mvnw -pl shared-events test -Dcontracts.write=true";
    /** Keep equal to the project version in the poms; {@link AsyncApiDocumentTest} checks it. */
    static final String PROJECT_VERSION = "0.1.0-SNAPSHOT";

    static final String ASYNCAPI_VERSION = "3.0.0";
    static final String TITLE = "Practice Cloud events";
    static final String KAFKA_BINDING_VERSION = "0.5.0";
    static final String LOCAL_SERVER = "local";
    static final String LOCAL_BROKER = "127.0.0.1:29092";
    /** The frozen schemas, seen from the folder of {@link #FILE}. */
    static final String CONTRACTS_FROM_DOCS = "../shared-events/src/main/resources/events/";
    /** The one message of every dead-letter channel. */
    static final String DEAD_LETTER_MESSAGE = "DeadLetter";
    static final String CE = "ce_";

    static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String PREAMBLE = """
            # Generated from cloud.practice.events.EventCatalog by shared-events' AsyncApiDocumentTest.
            # Do not edit: run `%s` and commit the result.
            """.formatted(REGENERATE);

    private static final String DESCRIPTION = """
            The events Practice Cloud publishes on Kafka, one topic per publishing context.

            **Envelope.** Every record is a CloudEvent 1.0 in *binary mode*: the record value is the event as JSON
            (`content-type: application/json`, the frozen JSON Schema of its type and revision) and the attributes
            travel as `ce_*` headers: `ce_id` (unique per event), `ce_source` (the publishing service), `ce_type`
            (`cloud.practice.<context>.<Name>.v<revision>`), `ce_subject` (the aggregate id), `ce_time`, and the
            extensions `ce_district` (the tenant; equals the payload's `districtId`), `ce_aggregateseq` (the
            aggregate's sequence number of the event), `ce_aggregateprevseq` (the sequence number of the
            aggregate's previous *published* event, `-1` for its first; internal events use up sequence numbers
            too, so `ce_aggregateseq` has gaps), `ce_revision`, `ce_correlationid` and `ce_causationid`.

            **Keys and order.** The record key is the aggregate id (equal to `ce_subject`), so all events of one
            aggregate land on one partition, in order. Retention is infinite: every projection can be rebuilt by
            reading a topic from the beginning.

            **Delivery.** At least once: a consumer may receive an event more than once and, on replay, again
            long after it first saw it. Every consumer is idempotent and order-safe: it keeps, per aggregate
            (`ce_subject`), the highest `ce_aggregateseq` it applied and skips any event at or below it.

            **Dead letters.** A record a consumer cannot process is retried a bounded number of times (a malformed
            one not at all) and then published to the context's dead-letter topic (`<topic>.dlt`) with its key,
            value and headers as received plus a `practice_dlt_reason` header saying why. Nothing blocks a
            partition and nothing is dropped silently.
            """;

    private AsyncApiDocument() {
    }

    /** The services that consume a context's topic. A new context must name its consumers here. */
    static List<String> consumersOf(Context context) {
        return switch (context) {
            case HIERARCHY -> List.of("volunteer-service", "request-service", "reporting-service",
                    "notification-service");
            case VOLUNTEER -> List.of("request-service", "reporting-service", "notification-service");
            case REQUEST -> List.of("volunteer-service", "reporting-service", "notification-service");
            case MATCHING -> List.of("request-service", "reporting-service");
            // Published for whoever wants to count or audit notices; nobody consumes them yet.
            case NOTIFICATION -> List.of();
        };
    }

    /** Where a context's relay reads the events it publishes. */
    static String outboxOf(Context context) {
        return switch (context) {
            case HIERARCHY, VOLUNTEER, REQUEST, MATCHING -> "the event store";
            // Notices are documents (ADR 0023): each keeps its unpublished events in an outbox of its own.
            case NOTIFICATION -> "the notices' outboxes";
        };
    }

    /** The document as a tree. */
    static ObjectNode build() {
        ObjectNode document = NODES.objectNode();
        document.put("asyncapi", ASYNCAPI_VERSION);
        ObjectNode info = document.putObject("info");
        info.put("title", TITLE);
        info.put("version", PROJECT_VERSION);
        info.put("description", DESCRIPTION);
        ObjectNode local = document.putObject("servers").putObject(LOCAL_SERVER);
        local.put("host", LOCAL_BROKER);
        local.put("protocol", "kafka");
        local.put("description", "The Kafka broker of the local platform.");
        document.put("defaultContentType", CloudEventAttributes.CONTENT_TYPE);
        document.set("channels", channels());
        document.set("operations", operations());
        ObjectNode components = document.putObject("components");
        components.set("messages", messages());
        ObjectNode correlationIds = components.putObject("correlationIds");
        ObjectNode correlation = correlationIds.putObject("correlationId");
        correlation.put("description", "The correlation id of the request or process that led to the event.");
        correlation.put("location", "$message.header#/" + CE + CloudEventAttributes.CORRELATION_ID);
        return document;
    }

    /** The document as YAML, as committed. */
    static String render() {
        try {
            return PREAMBLE + YAML.writeValueAsString(build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the AsyncAPI document", e);
        }
    }

    static void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, render());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String eventChannel(Context context) {
        return context.id() + "Events";
    }

    static String deadLetterChannel(Context context) {
        return context.id() + "DeadLetters";
    }

    /** The component message of an event: its simple name, which must be unique across contexts. */
    static String messageName(Class<?> event) {
        return event.getSimpleName();
    }

    /** Where the payload schema of the current revision of an event is, relative to {@link #FILE}. */
    static String payloadRef(Class<?> event) {
        return CONTRACTS_FROM_DOCS + EventCatalog.contextOf(event).id() + "/" + event.getSimpleName() + "/v"
                + EventCatalog.metaOf(event).revision() + ".schema.json";
    }

    /** The messages of a context's events, sorted. */
    static SortedSet<String> messageNames(Context context) {
        return EventCatalog.all().stream()
                .filter(event -> EventCatalog.contextOf(event) == context)
                .map(AsyncApiDocument::messageName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static ObjectNode channels() {
        TreeMap<String, ObjectNode> channels = new TreeMap<>();
        for (Context context : Context.values()) {
            ObjectNode events = NODES.objectNode();
            events.put("address", context.topic());
            events.put("title", "Events of the " + context.id() + " context");
            events.put("description", "Every event of the " + context.id() + " context, published by "
                    + context.publisher() + " and keyed by aggregate id.");
            ObjectNode messages = events.putObject("messages");
            messageNames(context).forEach(name -> messages.set(name, ref("#/components/messages/" + name)));
            events.set("bindings", topicBinding(context.topic()));
            channels.put(eventChannel(context), events);

            ObjectNode deadLetters = NODES.objectNode();
            deadLetters.put("address", context.deadLetterTopic());
            deadLetters.put("title", "Dead letters of the " + context.id() + " context");
            deadLetters.put("description", "Records of " + context.topic() + " that a consumer could not process"
                    + " after bounded retries (malformed ones at once), with key, value and headers as received"
                    + " plus the " + CloudEventAttributes.DEAD_LETTER_REASON + " header.");
            deadLetters.putObject("messages")
                    .set(DEAD_LETTER_MESSAGE, ref("#/components/messages/" + DEAD_LETTER_MESSAGE));
            deadLetters.set("bindings", topicBinding(context.deadLetterTopic()));
            channels.put(deadLetterChannel(context), deadLetters);
        }
        return sorted(channels);
    }

    private static ObjectNode topicBinding(String topic) {
        ObjectNode bindings = NODES.objectNode();
        ObjectNode kafka = bindings.putObject("kafka");
        kafka.put("topic", topic);
        ObjectNode configuration = kafka.putObject("topicConfiguration");
        configuration.putArray("cleanup.policy").add("delete");
        configuration.put("retention.ms", -1);
        kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
        return bindings;
    }

    private static ObjectNode operations() {
        TreeMap<String, ObjectNode> operations = new TreeMap<>();
        for (Context context : Context.values()) {
            String events = context.id() + " events";
            String channel = eventChannel(context);
            String capitalised = capitalise(context.id());

            ObjectNode send = operation("send", channel, context.publisher(),
                    context.publisher() + " publishes the " + events,
                    "The outbox relay sends every event of the " + context.id() + " context from "
                            + outboxOf(context) + ", keyed by aggregate id; a failed batch is sent again (at least"
                            + " once).");
            addChannelMessages(send, channel, messageNames(context));
            operations.put(context.publisher() + ".send" + capitalised + "Events", send);

            for (String consumer : consumersOf(context)) {
                ObjectNode receive = operation("receive", channel, consumer, consumer + " consumes the " + events,
                        "Idempotent and order-safe: skips an event whose ce_" + CloudEventAttributes.AGGREGATE_SEQUENCE
                                + " is at or below the last one applied for its aggregate (ce_subject).");
                addChannelMessages(receive, channel, messageNames(context));
                operations.put(consumer + ".receive" + capitalised + "Events", receive);

                String deadLetterChannel = deadLetterChannel(context);
                ObjectNode deadLetter = operation("send", deadLetterChannel, consumer,
                        consumer + " dead-letters " + events + " it cannot process",
                        "After bounded retries (a malformed record at once) the record goes to "
                                + context.deadLetterTopic() + " with the reason in "
                                + CloudEventAttributes.DEAD_LETTER_REASON + ".");
                addChannelMessages(deadLetter, deadLetterChannel, List.of(DEAD_LETTER_MESSAGE));
                operations.put(consumer + ".send" + capitalised + "DeadLetters", deadLetter);
            }
        }
        return sorted(operations);
    }

    private static ObjectNode operation(String action, String channel, String service, String title,
                                        String description) {
        ObjectNode operation = NODES.objectNode();
        operation.put("action", action);
        operation.set("channel", ref("#/channels/" + channel));
        operation.put("title", title);
        operation.put("description", description);
        operation.putArray("tags").addObject().put("name", service);
        return operation;
    }

    private static void addChannelMessages(ObjectNode operation, String channel, Iterable<String> names) {
        ArrayNode messages = operation.putArray("messages");
        names.forEach(name -> messages.add(ref("#/channels/" + channel + "/messages/" + name)));
    }

    private static ObjectNode messages() {
        TreeMap<String, ObjectNode> messages = new TreeMap<>();
        for (Class<? extends DomainEvent> event : EventCatalog.all()) {
            ObjectNode previous = messages.put(messageName(event), eventMessage(event));
            if (previous != null) {
                throw new IllegalStateException("two events are named " + messageName(event)
                        + ": AsyncApiDocument.messageName must tell them apart");
            }
        }
        messages.put(DEAD_LETTER_MESSAGE, deadLetterMessage());
        return sorted(messages);
    }

    private static ObjectNode eventMessage(Class<? extends DomainEvent> event) {
        Context context = EventCatalog.contextOf(event);
        String type = CloudEventAttributes.typeOf(event);
        int revision = EventCatalog.metaOf(event).revision();

        ObjectNode message = NODES.objectNode();
        message.put("name", messageName(event));
        message.put("title", title(event.getSimpleName()));
        message.put("summary", type + ", published by " + context.publisher() + " on " + context.topic() + ".");
        message.put("contentType", CloudEventAttributes.CONTENT_TYPE);

        ObjectNode headers = message.putObject("headers");
        headers.put("type", "object");
        ArrayNode required = headers.putArray("required");
        ObjectNode properties = headers.putObject("properties");
        header(properties, required, "content-type", true,
                "The content type of the value (CloudEvents datacontenttype).")
                .put("const", CloudEventAttributes.CONTENT_TYPE);
        header(properties, required, CE + "specversion", true, "The CloudEvents version.").put("const", "1.0");
        header(properties, required, CE + "id", true, "Unique per event.");
        header(properties, required, CE + "source", true, "The publishing service.")
                .put("const", CloudEventAttributes.sourceOf(context));
        header(properties, required, CE + "type", true, "The event's type and revision.").put("const", type);
        header(properties, required, CE + "subject", true, "The aggregate id; equals the record key.");
        header(properties, required, CE + "time", true, "When the event happened (RFC 3339).")
                .put("format", "date-time");
        header(properties, required, CE + CloudEventAttributes.DISTRICT, true,
                "The district (tenant); equals the payload's districtId.");
        header(properties, required, CE + CloudEventAttributes.AGGREGATE_SEQUENCE, true,
                "The aggregate's sequence number of this event, from 0; consumers skip what they have applied.")
                .put("pattern", "^[0-9]+$");
        header(properties, required, CE + CloudEventAttributes.AGGREGATE_PREVIOUS_SEQUENCE, false,
                "The ce_aggregateseq of the aggregate's previous published event, -1 for its first; a consumer that"
                        + " has not applied it knows an event is missing. Absent from records published before it.")
                .put("pattern", "^(-1|[0-9]+)$");
        header(properties, required, CE + CloudEventAttributes.REVISION, true, "The revision of the payload contract.")
                .put("const", Integer.toString(revision));
        header(properties, required, CE + CloudEventAttributes.CORRELATION_ID, false,
                "The correlation id of the request or process that led to the event.");
        header(properties, required, CE + CloudEventAttributes.CAUSATION_ID, false,
                "The id of the message that directly caused the event.");

        message.set("payload", ref(payloadRef(event)));
        message.set("correlationId", ref("#/components/correlationIds/correlationId"));
        message.set("bindings", keyBinding("The aggregate id (equal to ce_subject), so each aggregate's events stay"
                + " in order."));
        return message;
    }

    private static ObjectNode deadLetterMessage() {
        ObjectNode message = NODES.objectNode();
        message.put("name", DEAD_LETTER_MESSAGE);
        message.put("title", "Dead letter");
        message.put("summary", "A record a consumer could not process, as it was received, with the reason.");
        ObjectNode headers = message.putObject("headers");
        headers.put("type", "object");
        headers.put("description", "The headers of the original record (its ce_* headers, if it had them) plus"
                + " the reason; Spring Kafka adds its kafka_dlt-* headers (original topic, partition, offset).");
        ArrayNode required = headers.putArray("required");
        ObjectNode properties = headers.putObject("properties");
        header(properties, required, CloudEventAttributes.DEAD_LETTER_REASON, true,
                "Why the record could not be processed: the simple name of the exception and its message.");
        ObjectNode payload = message.putObject("payload");
        payload.put("description", "The original record value, unchanged; not necessarily valid JSON.");
        message.set("bindings", keyBinding("The key of the original record (the aggregate id)."));
        return message;
    }

    private static ObjectNode header(ObjectNode properties, ArrayNode required, String name, boolean isRequired,
                                     String description) {
        ObjectNode header = properties.putObject(name);
        header.put("type", "string");
        header.put("description", description);
        if (isRequired) {
            required.add(name);
        }
        return header;
    }

    private static ObjectNode keyBinding(String description) {
        ObjectNode bindings = NODES.objectNode();
        ObjectNode kafka = bindings.putObject("kafka");
        ObjectNode key = kafka.putObject("key");
        key.put("type", "string");
        key.put("description", description);
        kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
        return bindings;
    }

    private static ObjectNode ref(String target) {
        return NODES.objectNode().put("$ref", target);
    }

    private static ObjectNode sorted(TreeMap<String, ObjectNode> byName) {
        ObjectNode node = NODES.objectNode();
        byName.forEach(node::set);
        return node;
    }

    /** {@code OrgUnitEstablished} becomes {@code Org unit established}. */
    static String title(String simpleName) {
        String words = String.join(" ", simpleName.split("(?<=[a-z0-9])(?=[A-Z])"));
        return words.charAt(0) + words.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
