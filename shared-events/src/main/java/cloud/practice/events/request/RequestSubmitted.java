package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import java.time.Instant;

/** A service was ordered (点单). The requester's contact is masked outside request-service. */
@EventType(context = Context.REQUEST, revision = 1)
public record RequestSubmitted(
        String requestId,
        String districtId,
        String menuItemId,
        ServicePlatform platform,
        String responsibleUnitId,
        @Nullable GeoPoint location,
        @Nullable String grid,
        Channel channel,
        @Nullable String requesterId,
        @Nullable String maskedContact,
        @Nullable Instant preferredFrom,
        @Nullable Instant preferredTo,
        Instant submittedAt) implements DomainEvent {
}
