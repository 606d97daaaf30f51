package cloud.practice.events.hierarchy;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;

import java.time.LocalDate;
import java.util.List;

/** Part of the unit's coverage was split off into the new unit {@code newUnitId}. */
@EventType(context = Context.HIERARCHY, revision = 1)
public record OrgUnitSplit(
        String unitId,
        String districtId,
        String newUnitId,
        List<String> movedCommunities,
        LocalDate effectiveDate) implements DomainEvent {
}
