package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import java.time.Instant;

/** Honour hours granted by an admin with a reason and reference; kept apart from credit hours. */
@EventType(context = Context.VOLUNTEER, revision = 1)
public record HonourHoursGranted(
        String volunteerId,
        String districtId,
        String grantId,
        int halfHours,
        String reason,
        @Nullable String reference,
        String grantedBy,
        Instant grantedAt) implements DomainEvent {
}
