package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import java.time.Instant;

/** Cumulative hours crossed a star threshold (1-5 stars). */
@EventType(context = Context.VOLUNTEER, revision = 1)
public record StarLevelReached(
        String volunteerId,
        String districtId,
        int stars,
        int totalHalfHours,
        Instant reachedAt) implements DomainEvent {
}
