package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import java.time.Instant;

/** The responsible unit rejected the request with a reason the requester sees. */
@EventType(context = Context.REQUEST, revision = 1)
public record RequestRejected(
        String requestId,
        String districtId,
        String unitId,
        String reason,
        Instant rejectedAt) implements DomainEvent {
}
