package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import java.time.Instant;

/**
 * A check-in or check-out was reported farther from the request's location than its district allows: it was
 * recorded all the same (the district's rule is to flag, not refuse) and waits for the station's review. Applied
 * right after the {@link RequestCheckedIn} or {@link RequestCheckedOut} it flags; carries the distance, never the
 * volunteer's coordinates. {@code at}: the check-in's or check-out's time.
 */
@EventType(context = Context.REQUEST, revision = 1)
public record RequestLocationFlagged(
        String requestId,
        String districtId,
        @Nullable String unitId,
        String volunteerId,
        VisitStage stage,
        int distanceMeters,
        int limitMeters,
        Instant at) implements DomainEvent {
}
