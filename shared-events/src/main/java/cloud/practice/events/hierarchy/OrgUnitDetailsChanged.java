package cloud.practice.events.hierarchy;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;
import cloud.practice.events.ServicePlatform;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Descriptive details changed. The contact is masked: raw phone numbers stay inside hierarchy-service. */
@EventType(context = Context.HIERARCHY, revision = 1)
public record OrgUnitDetailsChanged(
        String unitId,
        String districtId,
        @Nullable String divisionCode,
        @Nullable String maskedContact,
        @Nullable String openingHours,
        Set<ServicePlatform> platforms,
        List<String> communities,
        LocalDate effectiveDate) implements DomainEvent {
}
