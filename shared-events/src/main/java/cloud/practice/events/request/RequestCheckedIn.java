package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import cloud.practice.events.GeoPoint;
import java.time.Instant;

@EventType(context = Context.REQUEST, revision = 1)
public record RequestCheckedIn(
        String requestId,
        String districtId,
        String volunteerId,
        Instant at,
        @Nullable GeoPoint location) implements DomainEvent {
}
