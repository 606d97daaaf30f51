package cloud.practice.volunteer.hours.messaging;

import cloud.practice.events.Context;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.ActivityCheckedOut;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.events.request.RequestCheckedOut;
import cloud.practice.events.volunteer.HourSource;
import cloud.practice.support.axon.ConflictRetry;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import cloud.practice.volunteer.hours.api.HourCommands;
import cloud.practice.volunteer.hours.api.HourCommands.CreditServiceHoursCommand;
import cloud.practice.volunteer.hours.query.ActivitySchedules;
import cloud.practice.volunteer.hours.query.StarThresholds;
import cloud.practice.volunteer.registry.query.VolunteerQueries;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Set;

/**
 * Credit hours come only from check-out facts of request-service: {@code RequestCheckedOut} and
 * {@code ActivityCheckedOut} become one credit each, exactly once. The Kafka consumer skips what its ledger has seen;
 * a replay after a crash between crediting and recording reaches the hour ledger with the same credit id (source,
 * volunteer, check-in time) and changes nothing there. Activities' published start times are kept from
 * {@code ActivityPublished} (same topic and key as their check-outs, so they arrive first): time before the start
 * is not service.
 */
@Component
public class CheckOutCredits extends RoutedEventHandler {

    private static final Logger log = LoggerFactory.getLogger(CheckOutCredits.class);

    private final CommandGateway commands;
    private final StarThresholds thresholds;
    private final ActivitySchedules schedules;
    private final VolunteerQueries volunteers;

    public CheckOutCredits(CommandGateway commands, StarThresholds thresholds, ActivitySchedules schedules,
                           VolunteerQueries volunteers) {
        this.commands = commands;
        this.thresholds = thresholds;
        this.schedules = schedules;
        this.volunteers = volunteers;
    }

    @Override
    public String name() {
        return "check-out-credits";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.REQUEST);
    }

    /** Check-outs credit hours; an activity's schedule is remembered for its check-outs. */
    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                .on(ActivityPublished.class,
                        (e, at) -> schedules.remember(e.districtId(), e.activityId(), e.startsAt(), e.endsAt()))
                .on(RequestCheckedOut.class, (e, at) -> credit(e.districtId(), e.volunteerId(), HourSource.REQUEST,
                        e.requestId(), e.unitId(), e.platform(), e.checkedInAt(), e.checkedOutAt(), e.plannedMinutes(), null))
                .on(ActivityCheckedOut.class, (e, at) -> credit(e.districtId(), e.volunteerId(), HourSource.ACTIVITY,
                        e.activityId(), e.unitId(), e.platform(), e.checkedInAt(), e.checkedOutAt(), e.plannedMinutes(),
                        schedules.startsAt(e.districtId(), e.activityId()).orElse(null)));
    }

    private void credit(String districtId, String volunteerId, HourSource source, String sourceId, String unitId,
                        ServicePlatform platform, Instant in, Instant out, int plannedMinutes, Instant startsAt) {
        String creditId = HourCommands.creditId(source, sourceId, volunteerId, in);
        if (volunteers.volunteer(districtId, volunteerId).isEmpty()) {
            // Hours go only to a volunteer of the check-out's own district (request-service refuses to dispatch to
            // anyone else, so this is a guard): never open a ledger for someone of another district. Refused like
            // any record the service cannot apply: retried, then dead-lettered with this reason, never dropped.
            throw new IllegalStateException("Volunteer '" + volunteerId + "' is not registered in district '"
                    + districtId + "' (unknown, or of another district); no hours credited for " + creditId);
        }
        Object credited = ConflictRetry.onConflict(() -> commands.sendAndWait(new CreditServiceHoursCommand(
                HourCommands.ledgerId(volunteerId), districtId, volunteerId, creditId, source, sourceId, unitId,
                platform, in, out, plannedMinutes, startsAt, thresholds.of(districtId))));
        if (Boolean.FALSE.equals(credited)) {
            log.info("{} was credited before; nothing changed", creditId);
        }
    }
}
