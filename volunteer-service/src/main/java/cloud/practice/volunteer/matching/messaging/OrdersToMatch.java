package cloud.practice.volunteer.matching.messaging;

import cloud.practice.events.Context;
import cloud.practice.events.request.ActivityCheckedOut;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.events.request.ActivitySignUpCancelled;
import cloud.practice.events.request.ActivitySignedUp;
import cloud.practice.events.request.MatchRequested;
import cloud.practice.events.request.RequestAccepted;
import cloud.practice.events.request.RequestCancelled;
import cloud.practice.events.request.RequestCheckedOut;
import cloud.practice.events.request.RequestRated;
import cloud.practice.support.axon.ConflictRetry;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.InboundEventHandler;
import cloud.practice.volunteer.matching.api.MatchingCommands.AnswerMatchCommand;
import cloud.practice.volunteer.matching.api.MatchingQueries.CandidatesView;
import cloud.practice.volunteer.matching.api.MatchingQueries.FindCandidatesQuery;
import cloud.practice.volunteer.matching.query.EngagementLedger;
import cloud.practice.volunteer.matching.query.Matchmaker;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Set;

/**
 * volunteer-service's part in the dispatch saga: the Kafka consumer of residents' orders to match, and of the order
 * and activity facts matching learns from. A {@code MatchRequested} is ranked and answered through
 * {@code MatchAnswer} (one answer per request and attempt, published by the outbox relay); acceptances, sign-ups,
 * check-outs, ratings and cancellations feed the {@link EngagementLedger} (availability, load and rating).
 */
@Component
public class OrdersToMatch implements InboundEventHandler {

    private static final Logger log = LoggerFactory.getLogger(OrdersToMatch.class);
    private static final String REQUEST = "request";
    private static final String ACTIVITY = "activity";

    private final Matchmaker matchmaker;
    private final EngagementLedger engagements;
    private final CommandGateway commands;
    private final Clock clock;

    private final EventRoutes<InboundEvent> routes;

    public OrdersToMatch(Matchmaker matchmaker, EngagementLedger engagements, CommandGateway commands, Clock clock) {
        this.matchmaker = matchmaker;
        this.engagements = engagements;
        this.commands = commands;
        this.clock = clock;
        this.routes = routes();
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

    @Override
    public Set<Class<?>> types() {
        return routes.types();
    }

    @Override
    public void handle(InboundEvent event) {
        routes.dispatch(event.payload(), event);
    }

    /** Orders to match, and the order and activity facts matching learns from; the rest of the topic is passed over. */
    private EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                .on(MatchRequested.class, (e, at) -> answer(e))
                .on(RequestAccepted.class, (e, at) -> {
                    if (e.volunteerId() != null) {
                        engagements.taken(REQUEST, e.districtId(), e.requestId(), e.volunteerId(), e.acceptedAt());
                    }
                })
                .on(RequestCheckedOut.class, (e, at) -> engagements.served(REQUEST, e.districtId(), e.requestId(),
                        e.volunteerId(), e.checkedInAt(), e.checkedOutAt()))
                .on(RequestRated.class, (e, at) -> engagements.rated(e.districtId(), e.requestId(), e.rating()))
                .on(RequestCancelled.class,
                        (e, at) -> engagements.cancelled(REQUEST, e.districtId(), e.requestId(), null))
                .on(ActivityPublished.class, (e, at) -> engagements.window(ACTIVITY, e.districtId(), e.activityId(),
                        e.startsAt(), e.endsAt()))
                .on(ActivitySignedUp.class, (e, at) -> {
                    if ("VOLUNTEER".equals(e.role())) {
                        engagements.taken(ACTIVITY, e.districtId(), e.activityId(), e.participantId(), e.signedUpAt());
                    }
                })
                .on(ActivitySignUpCancelled.class, (e, at) -> {
                    if ("VOLUNTEER".equals(e.role())) {
                        engagements.cancelled(ACTIVITY, e.districtId(), e.activityId(), e.participantId());
                    }
                })
                .on(ActivityCheckedOut.class, (e, at) -> engagements.served(ACTIVITY, e.districtId(), e.activityId(),
                        e.volunteerId(), e.checkedInAt(), e.checkedOutAt()));
    }

    private void answer(MatchRequested asked) {
        engagements.window(REQUEST, asked.districtId(), asked.requestId(), asked.windowFrom(), asked.windowTo());
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
