package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.ServicePlatform;
import java.util.List;

/** A service-menu item was published or changed (the latest version wins). */
@EventType(context = Context.REQUEST, revision = 1)
public record MenuItemPublished(
        String itemId,
        String districtId,
        String code,
        String name,
        ServicePlatform platform,
        int minimumSkillLevel,
        int expectedMinutes,
        int peopleNeeded,
        List<String> offeringUnitIds) implements DomainEvent {
}
