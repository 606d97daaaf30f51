package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import java.time.Instant;

/** An SLA clock ran out; the request moved up the tree. */
@EventType(context = Context.REQUEST, revision = 1)
public record RequestEscalated(
        String requestId,
        String districtId,
        Stage stage,
        String fromUnitId,
        @Nullable String toUnitId,
        Instant dueAt,
        Instant escalatedAt) implements DomainEvent {
}
