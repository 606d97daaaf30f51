package cloud.practice.scale;

import cloud.practice.events.DomainEvent;
import cloud.practice.support.kafka.CloudEventCodec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Turns one generated event into the record a service's outbox relay would have sent: the same
 * {@link CloudEventCodec} builds the envelope from an Axon domain event message, as {@code KafkaEventRelay} does.
 * Message ids come from the district's seeded stream (never {@code UUID.randomUUID}); every aggregate's published
 * events are numbered 0, 1, 2, ... with no internal events between them, so each record names the one before it
 * ({@code aggregateprevseq} = sequence - 1).
 */
final class EventWriter {

    private final CloudEventCodec codec = new CloudEventCodec();
    private final EventSink sink;
    private final Tally tally;
    private SplittableRandom ids;
    private DistrictTally district;

    EventWriter(EventSink sink, Tally tally) {
        this.sink = sink;
        this.tally = tally;
    }

    /** The district whose events follow, with the seed of its message ids. */
    void startDistrict(DistrictTally district, long idSeed) {
        this.district = district;
        this.ids = new SplittableRandom(idSeed);
    }

    /**
     * @param aggregateType the publishing aggregate's type, as Axon names it (kept in the message, not on the wire)
     * @param sequence      the aggregate's sequence number of this event
     * @param atMillis      when it happened: the CloudEvents {@code time}
     */
    void emit(String aggregateType, String aggregateId, long sequence, DomainEvent payload, long atMillis) {
        GenericDomainEventMessage<DomainEvent> message = new GenericDomainEventMessage<>(aggregateType, aggregateId,
                sequence, payload, MetaData.emptyInstance(), uuid(ids), Instant.ofEpochMilli(atMillis));
        ProducerRecord<String, byte[]> record = codec.encode(message, sequence - 1);
        sink.send(record);
        district.counted(payload.getClass());
        tally.counted(record.topic());
    }

    /** A version-4 UUID from the seeded stream. */
    static String uuid(SplittableRandom random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
