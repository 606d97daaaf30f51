package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import java.time.Instant;

/** {@code role} is VOLUNTEER or RESIDENT. */
@EventType(context = Context.REQUEST, revision = 1)
public record ActivitySignedUp(
        String activityId,
        String districtId,
        String participantId,
        String role,
        Instant signedUpAt) implements DomainEvent {
}
