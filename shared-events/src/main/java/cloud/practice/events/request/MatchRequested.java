package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import java.time.Instant;

/** request-service asks volunteer-service for candidates (one attempt of the dispatch saga). */
@EventType(context = Context.REQUEST, revision = 1)
public record MatchRequested(
        String requestId,
        String districtId,
        int attempt,
        String menuItemId,
        ServicePlatform platform,
        int minimumSkillLevel,
        @Nullable GeoPoint location,
        String responsibleUnitId,
        @Nullable Instant windowFrom,
        @Nullable Instant windowTo,
        int peopleNeeded) implements DomainEvent {
}
