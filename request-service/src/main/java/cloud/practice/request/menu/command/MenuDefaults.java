package cloud.practice.request.menu.command;

import cloud.practice.request.menu.api.MenuInternalEvents.LocationRuleSet;
import cloud.practice.request.menu.api.MenuCommands.SetLocationRuleCommand;
import cloud.practice.request.menu.api.MenuCommands.SetPhotoRuleCommand;
import cloud.practice.request.menu.api.MenuInternalEvents.PhotoRuleSet;
import cloud.practice.request.menu.api.MenuCommands.SetMenuDefaultsCommand;
import cloud.practice.request.menu.api.MenuInternalEvents.MenuDefaultsSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A district's defaults: for its menu, SLA targets per stage and the reopen window, used where an item sets none;
 * for its requests, the check-in location rule and the photo rule.
 */
@Aggregate
class MenuDefaults {

    @AggregateIdentifier
    private String districtId;

    protected MenuDefaults() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetMenuDefaultsCommand command) {
        apply(new MenuDefaultsSet(command.districtId(), command.sla(), command.reopenWindow()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetLocationRuleCommand command) {
        apply(new LocationRuleSet(command.districtId(), command.limitMeters(), command.beyond()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetPhotoRuleCommand command) {
        apply(new PhotoRuleSet(command.districtId(), command.keepLocation()));
    }

    @EventSourcingHandler
    void on(PhotoRuleSet event) {
        districtId = event.districtId();
    }

    @EventSourcingHandler
    void on(MenuDefaultsSet event) {
        districtId = event.districtId();
    }

    @EventSourcingHandler
    void on(LocationRuleSet event) {
        districtId = event.districtId();
    }
}
