package cloud.practice.events.hierarchy;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;

import java.time.LocalDate;
import java.util.List;

/** The unit was merged into {@code survivorId}: its children and coverage moved there, and it closed. */
@EventType(context = Context.HIERARCHY, revision = 1)
public record OrgUnitMerged(
        String unitId,
        String districtId,
        String survivorId,
        List<String> movedChildIds,
        List<String> movedCommunities,
        LocalDate effectiveDate) implements DomainEvent {
}
