package cloud.practice.events.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The wire format of event payloads: ISO-8601 strings for times and dates, enums by name, every field written
 * (nulls included). service-support's {@code EventJson} must produce the same; its tests read these samples.
 */
final class ContractJson {

    /** Strict reader: an unknown, missing or mistyped field is an error. */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // Sets keep the order they were written in, so a payload reads back and re-serialises identically.
            .addModule(new SimpleModule().addAbstractTypeMapping(Set.class, LinkedHashSet.class))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ContractJson() {
    }
}
