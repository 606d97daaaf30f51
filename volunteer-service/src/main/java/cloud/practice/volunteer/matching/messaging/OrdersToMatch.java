package cloud.practice.volunteer.matching.messaging;

import cloud.practice.events.Context;
import cloud.practice.events.request.MatchRequested;
import cloud.practice.support.axon.ConflictRetry;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import cloud.practice.volunteer.matching.api.MatchingCommands.AnswerMatchCommand;
import cloud.practice.volunteer.matching.api.MatchingQueries.CandidatesView;
import cloud.practice.volunteer.matching.api.MatchingQueries.FindCandidatesQuery;
import cloud.practice.volunteer.matching.query.Matchmaker;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Set;

/**
 * volunteer-service's part in the dispatch saga: the Kafka consumer of residents' orders to match. A
 * {@code MatchRequested} is ranked and answered through {@code MatchAnswer} (one answer per request and attempt,
 * published by the outbox relay). The order and activity facts matching learns from come through
 * {@link EngagementFacts}, a consumer of their own: this one answers on three threads and needs no ledger.
 */
@Component
public class OrdersToMatch extends RoutedEventHandler {

    private static final Logger log = LoggerFactory.getLogger(OrdersToMatch.class);

    private final Matchmaker matchmaker;
    private final CommandGateway commands;
    private final Clock clock;

    public OrdersToMatch(Matchmaker matchmaker, CommandGateway commands, Clock clock) {
        this.matchmaker = matchmaker;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "matching";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.REQUEST);
    }

    /**
     * Each order is matched on its own (its events keyed by it, so they stay in order on one thread); what it reads —
     * volunteers, the tree, the engagements of others — no answer depends on having seen just before: orders to match
     * need not wait for each other's round trips.
     */
    @Override
    public int concurrency() {
        return 3;
    }

    /** The match aggregate answers each request and attempt once and ignores the question after: no ledger needed. */
    @Override
    public boolean idempotent() {
        return true;
    }

    /** Orders to match; the rest of the topic is passed over. */
    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>().on(MatchRequested.class, (e, at) -> answer(e));
    }

    private void answer(MatchRequested asked) {
        CandidatesView found = matchmaker.find(new FindCandidatesQuery(asked.districtId(), asked.menuItemId(),
                asked.platform(), asked.minimumSkillLevel(), asked.location(), asked.responsibleUnitId(),
                asked.windowFrom(), asked.windowTo(), asked.peopleNeeded(), null, null, null));
        Object recorded = ConflictRetry.onConflict(() -> commands.sendAndWait(new AnswerMatchCommand(
                asked.requestId(), asked.districtId(), asked.attempt(), found.candidates(), found.suggestedTeamIds(),
                found.reason(), clock.instant())));
        if (Boolean.FALSE.equals(recorded)) {
            log.info("Attempt {} of request {} was answered before; nothing new is published", asked.attempt(),
                    asked.requestId());
        }
    }
}
