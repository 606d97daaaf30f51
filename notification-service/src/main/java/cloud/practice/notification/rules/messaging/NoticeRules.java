package cloud.practice.notification.rules.messaging;

import cloud.practice.events.Context;
import cloud.practice.events.hierarchy.ManagerAssigned;
import cloud.practice.events.hierarchy.ManagerRevoked;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.hierarchy.OrgUnitRenamed;
import cloud.practice.events.hierarchy.PairingActivityRecorded;
import cloud.practice.events.hierarchy.PairingEnded;
import cloud.practice.events.hierarchy.PairingFormed;
import cloud.practice.events.hierarchy.PartnerRegistered;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.events.request.ActivitySignUpCancelled;
import cloud.practice.events.request.ActivitySignedUp;
import cloud.practice.events.request.MenuItemPublished;
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
import cloud.practice.events.volunteer.TeamFormed;
import cloud.practice.events.volunteer.TeamLeaderChanged;
import cloud.practice.events.volunteer.VolunteerAccountLinked;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.notification.rules.Rules;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.InboundEventHandler;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * The one consumer of the platform's events: keeps the directory and raises notices, in the order each aggregate's
 * events come (an order's submission, which names who ordered, is applied before its acceptance is announced). One
 * consumer rather than two so the facts a rule needs are never behind the event that needs them.
 */
@Component
public class NoticeRules implements InboundEventHandler {

    private final EventRoutes<InboundEvent> routes = new EventRoutes<>();

    public NoticeRules(Rules rules) {
        // who is who
        routes.on(OrgUnitEstablished.class, (e, at) -> rules.unitNamed(e.districtId(), e.unitId(), e.name()))
                .on(OrgUnitRenamed.class, (e, at) -> rules.unitNamed(e.districtId(), e.unitId(), e.name()))
                .on(ManagerAssigned.class, (e, at) -> rules.managerAssigned(e))
                .on(ManagerRevoked.class, (e, at) -> rules.managerRevoked(e))
                .on(VolunteerAccountLinked.class, (e, at) -> rules.linked(e))
                .on(VolunteerErased.class, (e, at) -> rules.erased(e))
                .on(TeamFormed.class, (e, at) -> rules.teamLed(e.districtId(), e.teamId(), e.leaderVolunteerId()))
                .on(TeamLeaderChanged.class,
                        (e, at) -> rules.teamLed(e.districtId(), e.teamId(), e.leaderVolunteerId()))
                .on(MenuItemPublished.class, (e, at) -> rules.menuItem(e))
                .on(PartnerRegistered.class, (e, at) -> rules.partner(e))
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
    public Set<Class<?>> types() {
        return routes.types();
    }

    @Override
    public void handle(InboundEvent event) {
        routes.dispatch(event.payload(), event);
    }
}
