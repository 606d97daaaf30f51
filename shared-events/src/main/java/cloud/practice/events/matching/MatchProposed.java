package cloud.practice.events.matching;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import java.time.Instant;
import java.util.List;

/** volunteer-service's ranked answer to a MatchRequested. */
@EventType(context = Context.MATCHING, revision = 1)
public record MatchProposed(
        String requestId,
        String districtId,
        int attempt,
        List<Candidate> candidates,
        List<String> suggestedTeamIds,
        Instant proposedAt) implements DomainEvent {
}
