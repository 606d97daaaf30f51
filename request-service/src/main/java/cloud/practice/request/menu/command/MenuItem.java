package cloud.practice.request.menu.command;

import cloud.practice.events.request.MenuItemPublished;
import cloud.practice.events.request.MenuItemRetired;
import cloud.practice.request.menu.api.MenuCommands.PublishMenuItemCommand;
import cloud.practice.request.menu.api.MenuCommands.RetireMenuItemCommand;
import cloud.practice.request.menu.api.MenuField;
import cloud.practice.request.menu.api.MenuInternalEvents.MenuItemDefined;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.axon.ExpectedVersion;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One item of a district's service menu; publishing again publishes a new version; retired is final. */
@Aggregate
class MenuItem {

    @AggregateIdentifier
    private String itemId;
    private boolean retired;

    protected MenuItem() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(PublishMenuItemCommand command) {
        if (retired) {
            throw RuleViolation.conflict("item-retired", "Menu item '" + command.code()
                    + "' is retired; publish it under a new code");
        }
        requireUniqueFieldCodes(command.fields());
        apply(new MenuItemPublished(command.itemId(), command.districtId(), command.code(), command.name(),
                command.platform(), command.minimumSkillLevel(), command.expectedMinutes(), command.peopleNeeded(),
                List.copyOf(command.offeringUnitIds())));
        apply(new MenuItemDefined(command.itemId(), command.districtId(), command.description(),
                List.copyOf(command.keywords()), List.copyOf(command.fields()), command.sla(),
                command.reopenWindow()));
    }

    @CommandHandler
    public void handle(RetireMenuItemCommand command, Clock clock) {
        if (retired) {
            throw RuleViolation.conflict("illegal-transition", "Menu item '" + itemId + "' is already retired");
        }
        apply(new MenuItemRetired(itemId, command.districtId(), clock.instant()));
    }

    @CommandHandlerInterceptor
    public Object checkVersion(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        ExpectedVersion.check(command, "Menu item", itemId);
        return chain.proceed();
    }

    private static void requireUniqueFieldCodes(List<MenuField> fields) {
        Set<String> codes = new HashSet<>();
        for (MenuField field : fields) {
            if (!codes.add(field.code())) {
                throw RuleViolation.invalid("fields", "Field code '" + field.code() + "' appears twice");
            }
            boolean list = field.datatype() == MenuField.Datatype.SINGLEVALUELIST
                    || field.datatype() == MenuField.Datatype.MULTIVALUELIST;
            if (list == (field.values() == null || field.values().isEmpty())) {
                throw RuleViolation.invalid("fields", "Field '" + field.code() + "': list datatypes need values, "
                        + "other datatypes take none");
            }
        }
    }

    @EventSourcingHandler
    void on(MenuItemPublished event) {
        itemId = event.itemId();
    }

    @EventSourcingHandler
    void on(MenuItemRetired event) {
        retired = true;
    }
}
