package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import cloud.practice.events.ServicePlatform;
import java.time.Instant;

/** Credit hours from a check-in/check-out fact, in half-hour units, capped at the planned duration. */
@EventType(context = Context.VOLUNTEER, revision = 1)
public record ServiceHoursCredited(
        String volunteerId,
        String districtId,
        String creditId,
        HourSource source,
        String sourceId,
        @Nullable String unitId,
        ServicePlatform platform,
        int halfHours,
        Instant servedFrom,
        Instant servedTo,
        boolean overlapFlagged) implements DomainEvent {
}
