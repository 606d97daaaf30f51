package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import java.time.Instant;

/** One volunteer or team accepted (接单); exactly one wins. */
@EventType(context = Context.REQUEST, revision = 1)
public record RequestAccepted(
        String requestId,
        String districtId,
        @Nullable String volunteerId,
        @Nullable String teamId,
        Instant acceptedAt) implements DomainEvent {
}
