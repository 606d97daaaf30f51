package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import java.time.Instant;

/** The volunteer's personal data was erased on request; hours stay counted under the opaque id. */
@EventType(context = Context.VOLUNTEER, revision = 1)
public record VolunteerErased(
        String volunteerId,
        String districtId,
        Instant erasedAt) implements DomainEvent {
}
