package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import java.time.Instant;

@EventType(context = Context.REQUEST, revision = 1)
public record RequestCancelled(
        String requestId,
        String districtId,
        @Nullable String reason,
        Instant cancelledAt) implements DomainEvent {
}
