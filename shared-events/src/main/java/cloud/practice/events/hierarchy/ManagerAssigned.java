package cloud.practice.events.hierarchy;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;

import java.time.LocalDate;

@EventType(context = Context.HIERARCHY, revision = 1)
public record ManagerAssigned(
        String unitId,
        String districtId,
        String userId,
        String role,
        LocalDate effectiveDate) implements DomainEvent {
}
