package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import cloud.practice.events.GeoPoint;
import java.time.Instant;
import java.util.List;

/** A volunteer registered. Personal data never leaves volunteer-service: the name is masked (e.g. 张*明) and there is no phone or ID number. */
@EventType(context = Context.VOLUNTEER, revision = 1)
public record VolunteerRegistered(
        String volunteerId,
        String districtId,
        String maskedName,
        String homeUnitId,
        @Nullable GeoPoint approximateLocation,
        List<Skill> skills,
        List<String> languages,
        List<WeeklySlot> availability,
        boolean contactConsent,
        Instant registeredAt) implements DomainEvent {
}
