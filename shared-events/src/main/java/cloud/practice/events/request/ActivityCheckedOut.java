package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import cloud.practice.events.ServicePlatform;
import java.time.Instant;

/** Attendance of one volunteer; volunteer-service credits hours from it. */
@EventType(context = Context.REQUEST, revision = 1)
public record ActivityCheckedOut(
        String activityId,
        String districtId,
        String volunteerId,
        @Nullable String unitId,
        ServicePlatform platform,
        Instant checkedInAt,
        Instant checkedOutAt,
        int plannedMinutes) implements DomainEvent {
}
