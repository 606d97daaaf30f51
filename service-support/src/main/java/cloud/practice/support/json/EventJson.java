package cloud.practice.support.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The JSON format of event payloads, in the event store and on Kafka: ISO-8601 strings for times and dates, enums
 * by name, every field written. Identical to the format of the golden samples in shared-events (a test reads them).
 * The mapper itself is tolerant of unknown fields (Axon stores its own objects with it too); consumers validate each
 * inbound record against the JSON Schema of its type and revision before reading it.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // Sets keep the order they were written in, so a payload reads back and re-serialises identically.
            .addModule(new SimpleModule().addAbstractTypeMapping(Set.class, LinkedHashSet.class))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private EventJson() {
    }

    /** A fresh copy of the configured mapper (callers may not reconfigure the shared one). */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }
}
