package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import java.time.Instant;

@EventType(context = Context.REQUEST, revision = 1)
public record RequestCompleted(
        String requestId,
        String districtId,
        Instant completedAt) implements DomainEvent {
}
