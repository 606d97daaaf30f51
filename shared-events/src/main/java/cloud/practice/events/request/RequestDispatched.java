package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import java.time.Instant;
import java.util.List;

/** Offers went to named volunteers or a team (派单); {@code mode} is AUTOMATIC, MANUAL or CLAIMED. */
@EventType(context = Context.REQUEST, revision = 1)
public record RequestDispatched(
        String requestId,
        String districtId,
        String unitId,
        List<String> volunteerIds,
        @Nullable String teamId,
        String mode,
        int attempt,
        Instant dispatchedAt) implements DomainEvent {
}
