package cloud.practice.hierarchy.pairing.command;

import cloud.practice.events.hierarchy.PartnerRegistered;
import cloud.practice.hierarchy.pairing.api.PairingCommands;
import cloud.practice.hierarchy.pairing.api.PairingCommands.RegisterPartnerCommand;
import cloud.practice.support.privacy.Masking;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A partner organisation of the pairing programme, keyed by its district and id (see {@link PairingCommands}). */
@Aggregate
class Partner {

    @AggregateIdentifier
    private String aggregateId;

    protected Partner() {
    }

    @CommandHandler
    public Partner(RegisterPartnerCommand command) {
        apply(new PartnerRegistered(command.partnerId(), command.districtId(), command.type(), command.name(),
                command.owningDepartment(), Masking.phone(command.contact())));
    }

    @EventSourcingHandler
    void on(PartnerRegistered event) {
        this.aggregateId = PairingCommands.partnerAggregateId(event.districtId(), event.partnerId());
    }
}
