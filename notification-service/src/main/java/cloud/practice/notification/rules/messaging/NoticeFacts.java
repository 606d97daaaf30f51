package cloud.practice.notification.rules.messaging;

import cloud.practice.events.Context;
import cloud.practice.events.hierarchy.ManagerAssigned;
import cloud.practice.events.hierarchy.ManagerRevoked;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.hierarchy.OrgUnitRenamed;
import cloud.practice.events.hierarchy.PartnerRegistered;
import cloud.practice.events.request.MenuItemPublished;
import cloud.practice.events.volunteer.TeamFormed;
import cloud.practice.events.volunteer.TeamLeaderChanged;
import cloud.practice.events.volunteer.VolunteerAccountLinked;
import cloud.practice.notification.rules.Rules;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Who is who, for the notices: units' and partners' names, managers, volunteers' accounts, team leaders, menu items —
 * into the directory, on one thread of its own. Apart from {@link NoticeRules}, so that a notice waiting for one of
 * these facts never holds up the thread that brings it.
 */
@Component
public class NoticeFacts extends RoutedEventHandler {

    private final Rules rules;

    public NoticeFacts(Rules rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return "notice-facts";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.HIERARCHY, Context.VOLUNTEER, Context.REQUEST);
    }

    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                .on(OrgUnitEstablished.class, (e, at) -> rules.unitNamed(e.districtId(), e.unitId(), e.name()))
                .on(OrgUnitRenamed.class, (e, at) -> rules.unitNamed(e.districtId(), e.unitId(), e.name()))
                .on(ManagerAssigned.class, (e, at) -> rules.managerAssigned(e))
                .on(ManagerRevoked.class, (e, at) -> rules.managerRevoked(e))
                .on(VolunteerAccountLinked.class, (e, at) -> rules.linked(e))
                .on(TeamFormed.class, (e, at) -> rules.teamLed(e.districtId(), e.teamId(), e.leaderVolunteerId()))
                .on(TeamLeaderChanged.class,
                        (e, at) -> rules.teamLed(e.districtId(), e.teamId(), e.leaderVolunteerId()))
                .on(MenuItemPublished.class, (e, at) -> rules.menuItem(e))
                .on(PartnerRegistered.class, (e, at) -> rules.partner(e));
    }
}
