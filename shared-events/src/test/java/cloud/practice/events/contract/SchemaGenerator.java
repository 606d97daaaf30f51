package cloud.practice.events.contract;

import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.EventCatalog;
import cloud.practice.events.Nullable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collection;
import java.util.Set;

/**
 * Derives the JSON Schema (draft 2020-12) of an event record. Committed schemas are snapshots of this output; the
 * contract test fails when a record no longer matches the committed schema of its current revision.
 */
final class SchemaGenerator {

    static final String INSTANT_PATTERN = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$";
    static final String DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";
    static final String TIME_PATTERN = "^\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SchemaGenerator() {
    }

    static ObjectNode schemaOf(Class<?> eventClass) {
        ObjectNode root = JSON.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "urn:practice-cloud:events:" + EventCatalog.contextOf(eventClass).id() + ":"
                + eventClass.getSimpleName() + ":v" + EventCatalog.metaOf(eventClass).revision());
        root.put("title", eventClass.getSimpleName());
        root.put("description", CloudEventAttributes.typeOf(eventClass));
        root.setAll(recordSchema(eventClass));
        return root;
    }

    private static ObjectNode recordSchema(Class<?> recordClass) {
        ObjectNode schema = JSON.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (RecordComponent component : recordClass.getRecordComponents()) {
            boolean nullable = component.isAnnotationPresent(Nullable.class);
            properties.set(component.getName(), typeSchema(component.getGenericType(), nullable));
            required.add(component.getName());
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode typeSchema(Type type, boolean nullable) {
        ObjectNode schema = JSON.objectNode();
        if (type instanceof ParameterizedType parameterized
                && Collection.class.isAssignableFrom((Class<?>) parameterized.getRawType())) {
            schema.set("type", types("array", nullable));
            schema.set("items", typeSchema(parameterized.getActualTypeArguments()[0], false));
            if (Set.class.isAssignableFrom((Class<?>) parameterized.getRawType())) {
                schema.put("uniqueItems", true);
            }
            return schema;
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            schema.set("type", types("string", nullable));
        } else if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            schema.set("type", types("integer", nullable));
        } else if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class) {
            schema.set("type", types("number", nullable));
        } else if (raw == boolean.class || raw == Boolean.class) {
            schema.set("type", types("boolean", nullable));
        } else if (raw == Instant.class) {
            schema.set("type", types("string", nullable));
            schema.put("format", "date-time");
            schema.put("pattern", INSTANT_PATTERN);
        } else if (raw == LocalDate.class) {
            schema.set("type", types("string", nullable));
            schema.put("format", "date");
            schema.put("pattern", DATE_PATTERN);
        } else if (raw == LocalTime.class) {
            schema.set("type", types("string", nullable));
            schema.put("pattern", TIME_PATTERN);
        } else if (raw.isEnum()) {
            ArrayNode values = schema.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            if (nullable) {
                values.addNull();
            }
        } else if (raw.isRecord()) {
            ObjectNode record = recordSchema(raw);
            if (!nullable) {
                return record;
            }
            schema.putArray("anyOf").add(JSON.objectNode().put("type", "null")).add(record);
        } else {
            throw new IllegalArgumentException("No JSON Schema mapping for " + raw.getName());
        }
        return schema;
    }

    private static JsonNode types(String type, boolean nullable) {
        if (!nullable) {
            return JSON.textNode(type);
        }
        return JSON.arrayNode().add(type).add("null");
    }
}
