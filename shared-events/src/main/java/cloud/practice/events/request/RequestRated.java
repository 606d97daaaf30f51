package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import java.time.Instant;

/** The requester rated the service 1-5 (评单). */
@EventType(context = Context.REQUEST, revision = 1)
public record RequestRated(
        String requestId,
        String districtId,
        int rating,
        boolean solved,
        @Nullable String comment,
        Instant ratedAt) implements DomainEvent {
}
