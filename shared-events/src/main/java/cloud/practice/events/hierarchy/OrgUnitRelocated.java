package cloud.practice.events.hierarchy;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import cloud.practice.events.GeoPoint;

import java.time.LocalDate;

/** The unit's site moved (address and location); its place in the tree did not. */
@EventType(context = Context.HIERARCHY, revision = 1)
public record OrgUnitRelocated(
        String unitId,
        String districtId,
        String address,
        @Nullable GeoPoint location,
        LocalDate effectiveDate) implements DomainEvent {
}
