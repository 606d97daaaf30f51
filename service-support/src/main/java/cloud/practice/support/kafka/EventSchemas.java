package cloud.practice.support.kafka;

import cloud.practice.events.EventCatalog;
import cloud.practice.events.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The frozen JSON Schemas shipped in shared-events, loaded once per event class. */
final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<Class<?>, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** @return the violations, empty when the payload is valid */
    static Set<String> violations(Class<?> eventClass, JsonNode payload) {
        return SCHEMAS.computeIfAbsent(eventClass, EventSchemas::load).validate(payload).stream()
                .map(ValidationMessage::getMessage).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static JsonSchema load(Class<?> eventClass) {
        EventType meta = EventCatalog.metaOf(eventClass);
        String path = "events/" + meta.context().id() + "/" + eventClass.getSimpleName() + "/v" + meta.revision()
                + ".schema.json";
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No schema on the class path at " + path);
            }
            return FACTORY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
