package cloud.practice.events.hierarchy;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;

import java.time.LocalDate;

@EventType(context = Context.HIERARCHY, revision = 1)
public record OrgUnitRenamed(
        String unitId,
        String districtId,
        String name,
        LocalDate effectiveDate) implements DomainEvent {
}
