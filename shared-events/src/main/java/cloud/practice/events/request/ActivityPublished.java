package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import java.time.Instant;

/** A unit published an activity (文明实践活动). */
@EventType(context = Context.REQUEST, revision = 1)
public record ActivityPublished(
        String activityId,
        String districtId,
        String unitId,
        ServicePlatform platform,
        String title,
        @Nullable String place,
        @Nullable GeoPoint location,
        Instant startsAt,
        Instant endsAt,
        int volunteerCapacity,
        int residentCapacity,
        Instant signUpOpens,
        Instant signUpCloses,
        @Nullable String pairingId) implements DomainEvent {
}
