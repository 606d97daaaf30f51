package cloud.practice.support.kafka;

import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventCatalog;
import cloud.practice.support.json.EventJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.DomainEventMessage;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/**
 * Maps stored events to CloudEvents on Kafka (binary mode) and back. The one place that knows the envelope.
 */
public final class CloudEventCodec {

    /** Axon meta-data keys: the root message of the chain, and the message that directly caused this one. */
    static final String AXON_TRACE_ID = "traceId";
    static final String AXON_CORRELATION_ID = "correlationId";
    /** Set by the web layer from the caller's correlation id; wins over Axon's trace id. */
    public static final String REQUEST_CORRELATION_ID = "practice.correlationId";

    /** Larger payloads are refused on the way in: no event of ours comes near it. */
    static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    /** CloudEvents' Kafka binary mode: each attribute and extension in a header of this prefix. */
    private static final String HEADER_PREFIX = "ce_";
    private static final String TYPE_HEADER = HEADER_PREFIX + "type";
    private static final String SUBJECT_HEADER = HEADER_PREFIX + "subject";

    private final ObjectMapper json = EventJson.mapper();

    /**
     * A record without the previous published sequence, as published before it existed; consumers fall back to
     * expecting consecutive sequence numbers. Tests use it to play a publisher.
     */
    public ProducerRecord<String, byte[]> encode(DomainEventMessage<?> message) {
        return record(message, null);
    }

    /**
     * @param previousSequence the sequence number of the aggregate's previous published event, -1 for its first;
     *                         internal events in between use up sequence numbers (see the relay)
     */
    public ProducerRecord<String, byte[]> encode(DomainEventMessage<?> message, long previousSequence) {
        return record(message, previousSequence);
    }

    private ProducerRecord<String, byte[]> record(DomainEventMessage<?> message, Long previousSequence) {
        DomainEvent payload = (DomainEvent) message.getPayload();
        Context context = EventCatalog.contextOf(payload.getClass());
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withSource(URI.create(CloudEventAttributes.sourceOf(context)))
                .withType(CloudEventAttributes.typeOf(payload.getClass()))
                .withSubject(message.getAggregateIdentifier())
                .withTime(message.getTimestamp().atOffset(ZoneOffset.UTC))
                .withExtension(CloudEventAttributes.DISTRICT, payload.districtId())
                .withExtension(CloudEventAttributes.AGGREGATE_SEQUENCE, Long.toString(message.getSequenceNumber()))
                .withExtension(CloudEventAttributes.REVISION,
                        Integer.toString(EventCatalog.metaOf(payload.getClass()).revision()))
                .withData(CloudEventAttributes.CONTENT_TYPE, toJson(payload));
        if (previousSequence != null) {
            builder.withExtension(CloudEventAttributes.AGGREGATE_PREVIOUS_SEQUENCE, previousSequence.toString());
        }
        Object correlation = message.getMetaData().getOrDefault(REQUEST_CORRELATION_ID,
                message.getMetaData().get(AXON_TRACE_ID));
        if (correlation != null) {
            builder.withExtension(CloudEventAttributes.CORRELATION_ID, correlation.toString());
        }
        Object causation = message.getMetaData().get(AXON_CORRELATION_ID);
        if (causation != null) {
            builder.withExtension(CloudEventAttributes.CAUSATION_ID, causation.toString());
        }
        return KafkaMessageFactory.createWriter(context.topic(), message.getAggregateIdentifier())
                .writeBinary(builder.build());
    }

    /**
     * The payload type a record says it has, from its CloudEvents headers alone (nothing decoded or validated): empty
     * when the header is missing or names no known type and revision, which {@link #decode} then refuses.
     */
    public Optional<Class<? extends DomainEvent>> typeOf(ConsumerRecord<String, byte[]> record) {
        String type = header(record, TYPE_HEADER);
        return type == null ? Optional.empty() : EventCatalog.classOf(type);
    }

    /**
     * The aggregate and sequence a record says it carries, from its headers alone; empty when either is missing or
     * not a number.
     */
    public Optional<Position> positionOf(ConsumerRecord<String, byte[]> record) {
        String subject = header(record, SUBJECT_HEADER);
        String sequence = header(record, HEADER_PREFIX + CloudEventAttributes.AGGREGATE_SEQUENCE);
        if (subject == null || sequence == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Position(subject, Long.parseLong(sequence)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Where a record stands in its aggregate's history. */
    public record Position(String subject, long sequence) {
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Reads and validates a record.
     *
     * @throws MalformedEventException when it is not a CloudEvent of a known type and revision whose payload
     *                                 satisfies that revision's schema and agrees with its headers
     */
    public InboundEvent decode(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (CloudEventRWException | IllegalStateException e) {
            throw new MalformedEventException("not a CloudEvent in binary mode: " + e.getMessage(), e);
        }
        Class<? extends DomainEvent> type = EventCatalog.classOf(event.getType()).orElseThrow(() ->
                new MalformedEventException("unknown event type or revision '" + event.getType() + "'"));
        if (event.getData() == null) {
            throw new MalformedEventException("event " + event.getId() + " has no data");
        }
        byte[] data = event.getData().toBytes();
        if (data.length > MAX_PAYLOAD_BYTES) {
            throw new MalformedEventException("payload of " + data.length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
        }
        String district = requiredExtension(event, CloudEventAttributes.DISTRICT);
        long sequence;
        try {
            sequence = Long.parseLong(requiredExtension(event, CloudEventAttributes.AGGREGATE_SEQUENCE));
        } catch (NumberFormatException e) {
            throw new MalformedEventException("extension aggregateseq is not a number", e);
        }
        Long previousSequence = previousSequence(event, sequence);
        if (event.getSubject() == null || event.getSubject().isBlank()) {
            throw new MalformedEventException("event " + event.getId() + " has no subject (aggregate id)");
        }
        DomainEvent payload = readPayload(type, data);
        if (!district.equals(payload.districtId())) {
            throw new MalformedEventException("district header '" + district + "' differs from payload district '"
                    + payload.districtId() + "'");
        }
        return new InboundEvent(event.getId(), event.getType(), event.getSubject(), district, sequence,
                event.getTime(), optionalExtension(event, CloudEventAttributes.CORRELATION_ID),
                optionalExtension(event, CloudEventAttributes.CAUSATION_ID), payload, previousSequence);
    }

    /** Optional: records published before it existed lack it. */
    private static Long previousSequence(CloudEvent event, long sequence) {
        String value = optionalExtension(event, CloudEventAttributes.AGGREGATE_PREVIOUS_SEQUENCE);
        if (value == null) {
            return null;
        }
        long previous;
        try {
            previous = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new MalformedEventException("extension " + CloudEventAttributes.AGGREGATE_PREVIOUS_SEQUENCE
                    + " is not a number", e);
        }
        if (previous < -1 || previous >= sequence) {
            throw new MalformedEventException("extension " + CloudEventAttributes.AGGREGATE_PREVIOUS_SEQUENCE + " "
                    + previous + " is not between -1 and the event's own sequence " + sequence);
        }
        return previous;
    }

    private DomainEvent readPayload(Class<? extends DomainEvent> type, byte[] data) {
        JsonNode tree;
        try {
            tree = json.readTree(data);
        } catch (IOException e) {
            throw new MalformedEventException("payload is not JSON: " + e.getMessage(), e);
        }
        Set<String> violations = EventSchemas.violations(type, tree);
        if (!violations.isEmpty()) {
            throw new MalformedEventException("payload violates the schema of " + type.getSimpleName() + ": "
                    + String.join("; ", violations));
        }
        try {
            return json.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("payload cannot be read as " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private byte[] toJson(DomainEvent payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + payload.getClass().getName(), e);
        }
    }

    private static String requiredExtension(CloudEvent event, String name) {
        String value = optionalExtension(event, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("event " + event.getId() + " lacks the CloudEvents extension " + name);
        }
        return value;
    }

    private static String optionalExtension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }
}
