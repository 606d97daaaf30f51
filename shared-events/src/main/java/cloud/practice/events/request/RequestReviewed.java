package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import java.time.Instant;

/** The responsible unit accepted the request for dispatch (审单). */
@EventType(context = Context.REQUEST, revision = 1)
public record RequestReviewed(
        String requestId,
        String districtId,
        String unitId,
        @Nullable String reviewerId,
        Instant reviewedAt) implements DomainEvent {
}
