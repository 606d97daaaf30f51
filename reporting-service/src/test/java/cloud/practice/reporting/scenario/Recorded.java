package cloud.practice.reporting.scenario;

import cloud.practice.events.DomainEvent;
import cloud.practice.support.kafka.InboundEvent;

import java.time.Instant;
import java.time.ZoneOffset;

/** An event as its aggregate stored it: subject (aggregate id), sequence and payload. */
public record Recorded(String subject, long seq, DomainEvent payload, Instant time) {

    public InboundEvent inbound() {
        return new InboundEvent(subject + "#" + seq, payload.getClass().getSimpleName(), subject,
                payload.districtId(), seq, time.atOffset(ZoneOffset.UTC), null, null, payload);
    }
}
