package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import java.time.LocalDate;
import java.util.List;

/** Weekly slots and dated exceptions (days the volunteer is away). */
@EventType(context = Context.VOLUNTEER, revision = 1)
public record VolunteerAvailabilityChanged(
        String volunteerId,
        String districtId,
        List<WeeklySlot> availability,
        List<LocalDate> unavailableDates,
        boolean contactConsent) implements DomainEvent {
}
