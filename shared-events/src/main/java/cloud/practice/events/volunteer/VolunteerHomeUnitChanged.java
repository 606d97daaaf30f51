package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import cloud.practice.events.GeoPoint;

@EventType(context = Context.VOLUNTEER, revision = 1)
public record VolunteerHomeUnitChanged(
        String volunteerId,
        String districtId,
        String homeUnitId,
        @Nullable GeoPoint approximateLocation) implements DomainEvent {
}
