package cloud.practice.support.kafka;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventCatalog;
import cloud.practice.events.EventType;
import cloud.practice.events.hierarchy.OrgUnitRenamed;
import cloud.practice.support.json.EventJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventCodecTest {

    private static final ObjectMapper JSON = EventJson.mapper();
    private final CloudEventCodec codec = new CloudEventCodec();

    static Stream<Class<? extends DomainEvent>> events() {
        return EventCatalog.all().stream();
    }

    /** The runtime format equals the contract: every golden sample survives encode and decode unchanged. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void shouldCarryEveryGoldenSampleThroughKafkaUnchanged(Class<? extends DomainEvent> type) throws IOException {
        JsonNode golden = goldenSample(type);
        DomainEvent event = JSON.treeToValue(golden, type);

        InboundEvent decoded = codec.decode(asConsumed(codec.encode(message(event, 4))));

        assertThat(decoded.payload()).isEqualTo(event);
        assertThat((JsonNode) JSON.valueToTree(decoded.payload())).isEqualTo(golden);
        assertThat(decoded.sequence()).isEqualTo(4);
        assertThat(decoded.subject()).isEqualTo("aggregate-1");
        assertThat(decoded.type()).endsWith("." + type.getSimpleName() + ".v" + type.getAnnotation(EventType.class).revision());
    }

    @Test
    void shouldWriteTheCloudEventsEnvelopeAsHeaders() {
        ProducerRecord<String, byte[]> record = codec.encode(message(renamed("cq-jiulongpo"), 7)
                .andMetaData(Map.of("traceId", "trace-1", "correlationId", "command-1")));

        assertThat(record.topic()).isEqualTo("practice.hierarchy.events");
        assertThat(record.key()).isEqualTo("aggregate-1");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_type")).isEqualTo("cloud.practice.hierarchy.OrgUnitRenamed.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/practice-cloud/hierarchy-service");
        assertThat(header(record, "ce_subject")).isEqualTo("aggregate-1");
        assertThat(header(record, "ce_district")).isEqualTo("cq-jiulongpo");
        assertThat(header(record, "ce_aggregateseq")).isEqualTo("7");
        assertThat(header(record, "ce_revision")).isEqualTo("1");
        assertThat(header(record, "ce_correlationid")).isEqualTo("trace-1");
        assertThat(header(record, "ce_causationid")).isEqualTo("command-1");
        assertThat(header(record, "ce_time")).isNotBlank();
        assertThat(header(record, "content-type")).isEqualTo("application/json");
    }

    @Test
    void shouldPreferTheCallersCorrelationId() {
        ProducerRecord<String, byte[]> record = codec.encode(message(renamed("cq-jiulongpo"), 0)
                .andMetaData(Map.of("traceId", "trace-1", CloudEventCodec.REQUEST_CORRELATION_ID, "req-42")));

        assertThat(header(record, "ce_correlationid")).isEqualTo("req-42");
    }

    /** Internal events between published ones use up sequence numbers: the record names its previous one. */
    @Test
    void shouldCarryTheSequenceOfThePreviousPublishedEvent() {
        ProducerRecord<String, byte[]> record = codec.encode(message(renamed("cq-jiulongpo"), 9), 4);
        ProducerRecord<String, byte[]> first = codec.encode(message(renamed("cq-jiulongpo"), 0), -1);

        assertThat(header(record, "ce_aggregateprevseq")).isEqualTo("4");
        assertThat(codec.decode(asConsumed(record))).satisfies(event -> {
            assertThat(event.sequence()).isEqualTo(9);
            assertThat(event.previousSequence()).isEqualTo(4L);
        });
        assertThat(codec.decode(asConsumed(first)).previousSequence()).isEqualTo(-1L);
    }

    /** Records published before the extension existed are still read; the consumer cannot know the previous one. */
    @Test
    void shouldReadARecordWithoutThePreviousSequence() {
        ProducerRecord<String, byte[]> record = codec.encode(message(renamed("cq-jiulongpo"), 9));

        assertThat(record.headers().lastHeader("ce_aggregateprevseq")).isNull();
        assertThat(codec.decode(asConsumed(record)).previousSequence()).isNull();
    }

    static Stream<Object[]> badPreviousSequences() {
        return Stream.of(
                new Object[]{"four", "is not a number"},
                new Object[]{"", "is not a number"},
                new Object[]{"9", "is not between -1 and the event's own sequence 9"},
                new Object[]{"12", "is not between -1 and the event's own sequence 9"},
                new Object[]{"-2", "is not between -1 and the event's own sequence 9"});
    }

    @ParameterizedTest(name = "aggregateprevseq ''{0}''")
    @MethodSource("badPreviousSequences")
    void shouldRefuseAMalformedPreviousSequence(String previous, String reason) {
        ProducerRecord<String, byte[]> record = codec.encode(message(renamed("cq-jiulongpo"), 9), 4);
        set(record, "ce_aggregateprevseq", previous);

        assertThatThrownBy(() -> codec.decode(asConsumed(record)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("aggregateprevseq").hasMessageContaining(reason);
    }

    /** Bad records: what was tried and the reason a consumer gives (the bad-input table for consumers). */
    static Stream<Object[]> malformed() {
        return Stream.of(
                bad("no CloudEvents headers", r -> r.headers().remove("ce_specversion"), "not a CloudEvent"),
                bad("unknown type", r -> set(r, "ce_type", "cloud.practice.hierarchy.Nonsense.v1"), "unknown event type"),
                bad("newer revision", r -> set(r, "ce_type", "cloud.practice.hierarchy.OrgUnitRenamed.v9"), "unknown event type"),
                bad("no district", r -> r.headers().remove("ce_district"), "lacks the CloudEvents extension district"),
                bad("no sequence", r -> r.headers().remove("ce_aggregateseq"), "aggregateseq"),
                bad("sequence not a number", r -> set(r, "ce_aggregateseq", "seven"), "not a number"),
                bad("other district in header", r -> set(r, "ce_district", "cq-yuzhong"), "differs from payload"),
                bad("no subject", r -> r.headers().remove("ce_subject"), "no subject"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void shouldRefuseAMalformedRecordWithItsReason(String what, Consumer<ProducerRecord<String, byte[]>> damage,
                                                   String reason) {
        ProducerRecord<String, byte[]> record = codec.encode(message(renamed("cq-jiulongpo"), 0));
        damage.accept(record);

        assertThatThrownBy(() -> codec.decode(asConsumed(record)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining(reason);
    }

    static Stream<Object[]> badPayloads() {
        return Stream.of(
                new Object[]{"not JSON", "{\"unitId\":", "not JSON"},
                new Object[]{"missing field", "{\"unitId\":\"u\",\"districtId\":\"cq-jiulongpo\",\"name\":\"n\"}", "effectiveDate"},
                new Object[]{"wrong type", "{\"unitId\":\"u\",\"districtId\":\"cq-jiulongpo\",\"name\":5,\"effectiveDate\":\"2026-03-07\"}", "name"},
                new Object[]{"date with time", "{\"unitId\":\"u\",\"districtId\":\"cq-jiulongpo\",\"name\":\"n\",\"effectiveDate\":\"2026-03-07T00:00\"}", "effectiveDate"},
                new Object[]{"unknown field", "{\"unitId\":\"u\",\"districtId\":\"cq-jiulongpo\",\"name\":\"n\",\"effectiveDate\":\"2026-03-07\",\"x\":1}", "x"},
                new Object[]{"too large", "\"" + "长".repeat(100_000) + "\"", "exceeds"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPayloads")
    void shouldRefuseAPayloadThatBreaksItsSchema(String what, String payload, String reason) {
        ProducerRecord<String, byte[]> valid = codec.encode(message(renamed("cq-jiulongpo"), 0));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(valid.topic(), null, valid.key(),
                payload.getBytes(StandardCharsets.UTF_8), valid.headers());

        assertThatThrownBy(() -> codec.decode(asConsumed(record)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining(reason);
    }

    private static Object[] bad(String what, Consumer<ProducerRecord<String, byte[]>> damage, String reason) {
        return new Object[]{what, damage, reason};
    }

    private static void set(ProducerRecord<String, byte[]> record, String header, String value) {
        record.headers().remove(header);
        record.headers().add(header, value.getBytes(StandardCharsets.UTF_8));
    }

    private static OrgUnitRenamed renamed(String district) {
        return new OrgUnitRenamed("aggregate-1", district, "九龙镇文明实践所", LocalDate.of(2026, 3, 7));
    }

    private static GenericDomainEventMessage<DomainEvent> message(DomainEvent event, long sequence) {
        return new GenericDomainEventMessage<>("Test", "aggregate-1", sequence, event, MetaData.emptyInstance());
    }

    private static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> record) {
        return new ConsumerRecord<>(record.topic(), 0, 0L, 0L, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                -1, record.value() == null ? -1 : record.value().length, record.key(), record.value(),
                new RecordHeaders(record.headers().toArray()), Optional.empty());
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static JsonNode goldenSample(Class<?> type) throws IOException {
        EventType meta = type.getAnnotation(EventType.class);
        String path = "events/" + meta.context().id() + "/" + type.getSimpleName() + "/v" + meta.revision()
                + ".sample.json";
        try (InputStream in = CloudEventCodecTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as("golden sample %s on the class path", path).isNotNull();
            return JSON.readTree(in);
        }
    }
}
