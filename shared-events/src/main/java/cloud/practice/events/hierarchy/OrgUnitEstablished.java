package cloud.practice.events.hierarchy;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** A unit of the network was established. {@code parentId} is null only for the center. */
@EventType(context = Context.HIERARCHY, revision = 1)
public record OrgUnitEstablished(
        String unitId,
        String districtId,
        String code,
        String name,
        OrgTier tier,
        @Nullable String parentId,
        @Nullable String divisionCode,
        @Nullable String address,
        @Nullable GeoPoint location,
        Set<ServicePlatform> platforms,
        List<String> communities,
        LocalDate effectiveDate) implements DomainEvent {
}
