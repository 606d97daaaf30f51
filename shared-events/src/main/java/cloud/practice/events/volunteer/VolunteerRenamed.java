package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;

/** The volunteer's name changed; only its masked form (e.g. 张*明) leaves volunteer-service. */
@EventType(context = Context.VOLUNTEER, revision = 1)
public record VolunteerRenamed(
        String volunteerId,
        String districtId,
        String maskedName) implements DomainEvent {
}
