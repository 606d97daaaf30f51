package cloud.practice.volunteer.matching.command;

import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.volunteer.matching.api.MatchingCommands.AnswerMatchCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Matching's answers to one request, keyed by the request id: at most one answer per attempt. A redelivered
 * {@code MatchRequested} finds its attempt answered and appends nothing; two deliveries racing each other collide on
 * the event store's unique (aggregate, sequence) key, and the loser retries and finds the attempt answered. The
 * relay publishes the answers to {@code practice.matching.events}, keyed (and ordered) by the request id.
 */
@Aggregate
class MatchAnswer {

    @AggregateIdentifier
    private String requestId;
    private final Set<Integer> answered = new HashSet<>();

    protected MatchAnswer() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(AnswerMatchCommand command) {
        if (answered.contains(command.attempt())) {
            return false;
        }
        List<String> teams = List.copyOf(command.suggestedTeamIds());
        if (command.candidates().isEmpty()) {
            apply(new NoMatchFound(command.requestId(), command.districtId(), command.attempt(), command.reason(),
                    teams, command.answeredAt()));
        } else {
            apply(new MatchProposed(command.requestId(), command.districtId(), command.attempt(),
                    List.copyOf(command.candidates()), teams, command.answeredAt()));
        }
        return true;
    }

    @EventSourcingHandler
    void on(MatchProposed event) {
        requestId = event.requestId();
        answered.add(event.attempt());
    }

    @EventSourcingHandler
    void on(NoMatchFound event) {
        requestId = event.requestId();
        answered.add(event.attempt());
    }
}
