package cloud.practice.events.matching;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import java.time.Instant;
import java.util.List;

/** No volunteer fits; {@code reason} says why and which widening was tried. */
@EventType(context = Context.MATCHING, revision = 1)
public record NoMatchFound(
        String requestId,
        String districtId,
        int attempt,
        String reason,
        List<String> suggestedTeamIds,
        Instant answeredAt) implements DomainEvent {
}
