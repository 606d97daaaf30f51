package cloud.practice.hierarchy.pairing.messaging;

import cloud.practice.events.Context;
import cloud.practice.events.request.ActivityClosed;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.hierarchy.pairing.api.PairingCommands.RecordPairingActivityCommand;
import cloud.practice.hierarchy.pairing.query.PairingActivityLinks;
import cloud.practice.hierarchy.pairing.query.PairingActivityLinks.Link;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Set;

/**
 * Activities that request-service publishes on behalf of a pairing land in the pairing's activity log when they
 * close. The link between activity and pairing is remembered from {@code ActivityPublished}; recording is
 * idempotent per activity id, so redelivery changes nothing.
 *
 * <p>A pairing is only ever looked up inside the activity's own district: links are kept per district, and the
 * command targets the district's pairing aggregate (ids are scoped by district), so an activity of one district
 * naming another district's pairing id finds no pairing. An activity whose pairing does not exist in its district,
 * has ended, or does not pair the activity's station is not recorded: the pairing refuses it, which is logged and
 * the record consumed (retrying cannot change the answer). Anything else (the store away, a malformed link) goes
 * the usual way: retries, then the dead-letter topic.
 */
@Component
public class PairingActivityFeed extends RoutedEventHandler {

    private static final Logger log = LoggerFactory.getLogger(PairingActivityFeed.class);

    private final CommandGateway commands;
    private final PairingActivityLinks links;
    private final Clock districtClock;

    public PairingActivityFeed(CommandGateway commands, PairingActivityLinks links, Clock districtClock) {
        this.commands = commands;
        this.links = links;
        this.districtClock = districtClock;
    }

    @Override
    public String name() {
        return "pairing-activities";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.REQUEST);
    }

    /** A paired activity's link is remembered when it is published and recorded on the pairing when it closes. */
    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                .on(ActivityPublished.class, (e, at) -> {
                    if (e.pairingId() != null) {
                        links.remember(e.districtId(), e.activityId(), new Link(e.pairingId(), e.unitId(), e.title(),
                                e.startsAt().atZone(districtClock.getZone()).toLocalDate()));
                    }
                })
                .on(ActivityClosed.class,
                        (e, at) -> links.link(e.districtId(), e.activityId()).ifPresent(link -> record(e, link)));
    }

    private void record(ActivityClosed closed, Link link) {
        String pairingId = link.pairingId();
        try {
            commands.sendAndWait(new RecordPairingActivityCommand(pairingId, closed.districtId(),
                    link.stationId(), closed.activityId(), link.title(), link.heldOn()));
        } catch (RuntimeException e) {
            String refusal = refusal(e);
            if (refusal == null) {
                throw e;
            }
            log.warn("Activity '{}' of district '{}' is not recorded in pairing '{}': {}", closed.activityId(),
                    closed.districtId(), pairingId, refusal);
        }
    }

    /** Why the pairing refused the activity for good, or null when the failure may pass. */
    private static String refusal(RuntimeException e) {
        Throwable cause = e instanceof CommandExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof AggregateNotFoundException) {
            return "the district has no such pairing";
        }
        if (cause instanceof RuleViolation refused) {
            return refused.code() + " (" + refused.getMessage() + ")";
        }
        return null;
    }
}
