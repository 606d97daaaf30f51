package cloud.practice.notification.rules.messaging;

import cloud.practice.events.Context;
import cloud.practice.events.hierarchy.PairingActivityRecorded;
import cloud.practice.events.hierarchy.PairingEnded;
import cloud.practice.events.hierarchy.PairingFormed;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.events.request.ActivitySignUpCancelled;
import cloud.practice.events.request.ActivitySignedUp;
import cloud.practice.events.request.RequestAccepted;
import cloud.practice.events.request.RequestCancelled;
import cloud.practice.events.request.RequestCheckedIn;
import cloud.practice.events.request.RequestCompleted;
import cloud.practice.events.request.RequestDispatched;
import cloud.practice.events.request.RequestEscalated;
import cloud.practice.events.request.RequestExpired;
import cloud.practice.events.request.RequestRejected;
import cloud.practice.events.request.RequestSubmitted;
import cloud.practice.events.request.SlaClockStarted;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.notification.rules.Rules;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.FactWaits;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * The consumer that raises notices, from the events of orders, activities, pairings and erasures, in the order each
 * aggregate's events come (an order's submission, which names who ordered, is applied before its acceptance is
 * announced). It runs on three threads, each with partitions of its own (one thread fell seconds behind the dispatches,
 * issue 26). The facts of other aggregates a notice names — the unit, the menu item — are kept by {@link NoticeFacts},
 * a consumer of its own: a rule whose fact it has not applied yet lets its record wait a moment for it
 * ({@link FactWaits}), which it can, since the fact comes on another thread than the one waiting.
 */
@Component
public class NoticeRules extends RoutedEventHandler {

    private final Rules rules;
    private final FactWaits waits;

    public NoticeRules(Rules rules, FactWaits waits) {
        this.rules = rules;
        this.waits = waits;
    }

    @Override
    protected EventRoutes<InboundEvent> routes() {
        // who leaves: their notices, preferences and reminders go
        return new EventRoutes<InboundEvent>().on(VolunteerErased.class, (e, at) -> rules.erased(e))
                // orders
                .on(RequestSubmitted.class, (e, at) -> rules.submitted(e))
                .on(SlaClockStarted.class, (e, at) -> rules.clockStarted(e))
                .on(RequestDispatched.class, (e, at) -> rules.dispatched(e))
                .on(RequestAccepted.class, (e, at) -> rules.accepted(e, cause(at)))
                .on(RequestCheckedIn.class, (e, at) -> rules.checkedIn(e, cause(at)))
                .on(RequestCompleted.class, (e, at) -> rules.completed(e, cause(at)))
                .on(RequestRejected.class, (e, at) -> rules.rejected(e, cause(at)))
                .on(RequestEscalated.class, (e, at) -> rules.escalated(e, cause(at)))
                .on(RequestCancelled.class, (e, at) -> rules.closed(e.districtId(), e.requestId()))
                .on(RequestExpired.class, (e, at) -> rules.closed(e.districtId(), e.requestId()))
                // activities
                .on(ActivityPublished.class, (e, at) -> rules.activityPublished(e))
                .on(ActivitySignedUp.class, (e, at) -> rules.signedUp(e, cause(at)))
                .on(ActivitySignUpCancelled.class, (e, at) -> rules.signUpCancelled(e))
                // pairings
                .on(PairingFormed.class, (e, at) -> rules.pairingFormed(e))
                .on(PairingActivityRecorded.class, (e, at) -> rules.pairingActive(e))
                .on(PairingEnded.class, (e, at) -> rules.pairingEnded(e));
    }

    /** The event's place in its aggregate's history: one notice per person per event, however often it comes. */
    private static String cause(InboundEvent event) {
        return event.subject() + "@" + event.sequence();
    }

    @Override
    public String name() {
        return "notice-rules";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.HIERARCHY, Context.VOLUNTEER, Context.REQUEST);
    }

    @Override
    public int concurrency() {
        return 3;
    }

    @Override
    public void handle(InboundEvent event) {
        waits.during(event, () -> super.handle(event));
    }
}
