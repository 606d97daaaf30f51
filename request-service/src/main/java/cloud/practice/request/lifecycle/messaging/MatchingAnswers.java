package cloud.practice.request.lifecycle.messaging;

import cloud.practice.events.Context;
import cloud.practice.events.matching.Candidate;
import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.request.lifecycle.api.RequestCommands.DispatchProposedCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.RecordNoMatchCommand;
import cloud.practice.support.axon.ConflictRetry;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * The dispatch process's other half: volunteer-service's answers to {@code MatchRequested} become automatic
 * dispatches (派单) to the ranked candidates, or a recorded "no match" that leaves the request to its unit. The
 * request aggregate ignores answers to older attempts and redeliveries, so this handler is idempotent. It also offers
 * the request only to candidates this service knows as active volunteers of the request's district (the others are
 * skipped, and none left counts as no match): a record is never failed for a candidate not known here yet.
 */
@Component
public class MatchingAnswers extends RoutedEventHandler {

    private static final Logger log = LoggerFactory.getLogger(MatchingAnswers.class);

    private final CommandGateway commands;

    public MatchingAnswers(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "matching-answers";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.MATCHING);
    }

    /**
     * Each answer is about one request (keyed by it, so its attempts stay in order on one thread) and reads only the
     * volunteer directory, which another consumer keeps: answers to different requests need not wait for each other.
     */
    @Override
    public int concurrency() {
        return 3;
    }

    /** The request aggregate ignores an answer to an older attempt, or one applied already: no ledger needed. */
    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public void handle(InboundEvent event) {
        try {
            super.handle(event);
        } catch (AggregateNotFoundException e) {
            log.warn("Matching answered for unknown request {}; ignored", e.getAggregateIdentifier());
        }
    }

    /** Matching's answer, proposed candidates or none, is the request's next step. */
    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                .on(MatchProposed.class, (e, at) -> ConflictRetry.onConflict(() -> commands.sendAndWait(
                        new DispatchProposedCommand(e.requestId(), e.attempt(),
                                e.candidates().stream().map(Candidate::volunteerId).toList()))))
                .on(NoMatchFound.class, (e, at) -> ConflictRetry.onConflict(() -> commands.sendAndWait(
                        new RecordNoMatchCommand(e.requestId(), e.attempt(), e.reason()))));
    }
}
