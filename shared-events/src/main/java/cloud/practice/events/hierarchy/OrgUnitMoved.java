package cloud.practice.events.hierarchy;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;

import java.time.LocalDate;

/** The unit (and its whole subtree) moved under another parent from {@code effectiveDate} on. */
@EventType(context = Context.HIERARCHY, revision = 1)
public record OrgUnitMoved(
        String unitId,
        String districtId,
        String fromParentId,
        String toParentId,
        LocalDate effectiveDate) implements DomainEvent {
}
