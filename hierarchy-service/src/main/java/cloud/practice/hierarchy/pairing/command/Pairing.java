package cloud.practice.hierarchy.pairing.command;

import cloud.practice.events.hierarchy.PairingActivityRecorded;
import cloud.practice.events.hierarchy.PairingEnded;
import cloud.practice.events.hierarchy.PairingFormed;
import cloud.practice.hierarchy.pairing.api.PairingCommands;
import cloud.practice.hierarchy.pairing.api.PairingCommands.EndPairingCommand;
import cloud.practice.hierarchy.pairing.api.PairingCommands.FormPairingCommand;
import cloud.practice.hierarchy.pairing.api.PairingCommands.RecordPairingActivityCommand;
import cloud.practice.support.domain.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A partner paired with one or more stations under one of the three models, with its activity log. Keyed by its
 * district and id (see {@link PairingCommands}), so a command of one district never reaches another's pairing.
 */
@Aggregate
class Pairing {

    @AggregateIdentifier
    private String aggregateId;
    private String pairingId;
    private String districtId;
    private final Set<String> stationIds = new HashSet<>();
    private final Set<String> recordedActivities = new HashSet<>();
    private LocalDate startDate;
    private LocalDate endDate;
    private boolean ended;

    protected Pairing() {
    }

    /** Stations and partner are checked against the read models before this command is sent. */
    @CommandHandler
    public Pairing(FormPairingCommand command) {
        if (command.endDate() != null && command.endDate().isBefore(command.startDate())) {
            throw RuleViolation.invalid("endDate", "endDate is before startDate");
        }
        apply(new PairingFormed(command.pairingId(), command.districtId(), command.partnerId(),
                List.copyOf(command.stationIds()), command.model(), command.activitiesPerQuarter(),
                command.startDate(), command.endDate()));
    }

    @CommandHandler
    public void handle(RecordPairingActivityCommand command) {
        requireOpen(command.heldOn());
        if (!stationIds.contains(command.stationId())) {
            throw RuleViolation.refused("station-not-paired", "Station '" + command.stationId()
                    + "' is not part of pairing '" + pairingId + "'");
        }
        if (command.heldOn().isBefore(startDate)) {
            throw RuleViolation.refused("before-start", "The pairing started on " + startDate);
        }
        if (command.activityId() != null && recordedActivities.contains(command.activityId())) {
            return; // the same activity reported again (e.g. redelivered from request-service): already recorded
        }
        apply(new PairingActivityRecorded(pairingId, districtId, command.stationId(), command.activityId(),
                command.title(), command.heldOn()));
    }

    @CommandHandler
    public void handle(EndPairingCommand command) {
        if (ended) {
            throw RuleViolation.conflict("illegal-transition", "Pairing '" + pairingId + "' has already ended");
        }
        if (command.endDate().isBefore(startDate)) {
            throw RuleViolation.invalid("endDate", "endDate is before the pairing's start " + startDate);
        }
        apply(new PairingEnded(pairingId, districtId, command.reason(), command.endDate()));
    }

    private void requireOpen(LocalDate on) {
        if (ended || endDate != null && on.isAfter(endDate)) {
            throw RuleViolation.refused("pairing-ended", "Pairing '" + pairingId + "' is not running on " + on);
        }
    }

    @EventSourcingHandler
    void on(PairingFormed event) {
        aggregateId = PairingCommands.pairingAggregateId(event.districtId(), event.pairingId());
        pairingId = event.pairingId();
        districtId = event.districtId();
        stationIds.addAll(event.stationIds());
        startDate = event.startDate();
        endDate = event.endDate();
    }

    @EventSourcingHandler
    void on(PairingActivityRecorded event) {
        if (event.activityId() != null) {
            recordedActivities.add(event.activityId());
        }
    }

    @EventSourcingHandler
    void on(PairingEnded event) {
        ended = true;
        endDate = event.endDate();
    }
}
