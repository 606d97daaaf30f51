package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import java.time.Instant;

/**
 * Revoked honour hours took the volunteer's cumulative hours below a star threshold they had reached; {@code stars}
 * is the level they hold now (0-4). Reaching the level again later publishes {@link StarLevelReached} again.
 */
@EventType(context = Context.VOLUNTEER, revision = 1)
public record StarLevelWithdrawn(
        String volunteerId,
        String districtId,
        int stars,
        int totalHalfHours,
        String reason,
        Instant withdrawnAt) implements DomainEvent {
}
