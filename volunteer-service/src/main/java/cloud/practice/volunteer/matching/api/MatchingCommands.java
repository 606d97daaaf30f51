package cloud.practice.volunteer.matching.api;

import cloud.practice.events.matching.Candidate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Commands of matching's write side: the one answer per request and attempt. */
public final class MatchingCommands {

    private MatchingCommands() {
    }

    /**
     * Records the answer to attempt {@code attempt} of a request's match: a proposal when there are candidates,
     * otherwise "no match" with {@code reason}. Answers {@code false} when that attempt was answered before.
     */
    public record AnswerMatchCommand(@TargetAggregateIdentifier String requestId, String districtId, int attempt,
                                     List<Candidate> candidates, List<String> suggestedTeamIds, String reason,
                                     Instant answeredAt) {
    }
}
