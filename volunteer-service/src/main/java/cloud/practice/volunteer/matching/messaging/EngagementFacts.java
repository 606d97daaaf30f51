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
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import cloud.practice.volunteer.matching.query.EngagementLedger;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * The order and activity facts matching learns from, into the {@link EngagementLedger} (availability, load and
 * rating): the windows orders and activities ask for, acceptances, sign-ups, check-outs, ratings and cancellations.
 * One thread and the processed-event ledger, so each order's facts apply in their order (an acceptance takes the
 * window its order asked for). Apart from {@link OrdersToMatch}, which answers on threads of its own.
 */
@Component
public class EngagementFacts extends RoutedEventHandler {

    private static final String REQUEST = "request";
    private static final String ACTIVITY = "activity";

    private final EngagementLedger engagements;

    public EngagementFacts(EngagementLedger engagements) {
        this.engagements = engagements;
    }

    @Override
    public String name() {
        return "match-engagements";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.REQUEST);
    }

    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                .on(MatchRequested.class, (e, at) -> engagements.window(REQUEST, e.districtId(), e.requestId(),
                        e.windowFrom(), e.windowTo()))
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
}
