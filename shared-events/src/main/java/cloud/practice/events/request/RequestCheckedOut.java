package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import cloud.practice.events.ServicePlatform;
import java.time.Instant;

/** Check-out closes a service session; volunteer-service credits hours from it, capped at {@code plannedMinutes}. */
@EventType(context = Context.REQUEST, revision = 1)
public record RequestCheckedOut(
        String requestId,
        String districtId,
        String volunteerId,
        @Nullable String unitId,
        ServicePlatform platform,
        Instant checkedInAt,
        Instant checkedOutAt,
        int plannedMinutes) implements DomainEvent {
}
