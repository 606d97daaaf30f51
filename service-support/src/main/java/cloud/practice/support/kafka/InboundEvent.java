package cloud.practice.support.kafka;

import cloud.practice.events.DomainEvent;

import java.time.OffsetDateTime;

/**
 * A validated event from another service, with its CloudEvents attributes.
 *
 * @param id             unique event id
 * @param type           CloudEvents type (versioned)
 * @param subject        aggregate id
 * @param districtId     the tenant
 * @param sequence       the aggregate's sequence number of this event
 * @param time           when the event happened
 * @param correlationId  correlation id of the originating request, if any
 * @param causationId    id of the message that caused it, if any
 * @param payload        the event record
 * @param previousSequence the sequence number of the aggregate's previous published event (-1 for its first), or
 *                       null when the record does not say (published before it was added); internal events use
 *                       up sequence numbers, so it is often below {@code sequence - 1}
 */
public record InboundEvent(String id, String type, String subject, String districtId, long sequence,
                           OffsetDateTime time, String correlationId, String causationId, DomainEvent payload,
                           Long previousSequence) {

    /** An event whose record does not carry the previous published sequence. */
    public InboundEvent(String id, String type, String subject, String districtId, long sequence,
                        OffsetDateTime time, String correlationId, String causationId, DomainEvent payload) {
        this(id, type, subject, districtId, sequence, time, correlationId, causationId, payload, null);
    }
}
