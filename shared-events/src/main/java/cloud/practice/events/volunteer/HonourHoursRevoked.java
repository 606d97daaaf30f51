package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import java.time.Instant;

@EventType(context = Context.VOLUNTEER, revision = 1)
public record HonourHoursRevoked(
        String volunteerId,
        String districtId,
        String grantId,
        String reason,
        String revokedBy,
        Instant revokedAt) implements DomainEvent {
}
