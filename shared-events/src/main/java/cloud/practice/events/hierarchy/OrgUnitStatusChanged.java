package cloud.practice.events.hierarchy;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;

import java.time.LocalDate;

/** Suspension, reactivation or closure of a unit. */
@EventType(context = Context.HIERARCHY, revision = 1)
public record OrgUnitStatusChanged(
        String unitId,
        String districtId,
        OrgUnitStatus status,
        @Nullable String reason,
        LocalDate effectiveDate) implements DomainEvent {
}
