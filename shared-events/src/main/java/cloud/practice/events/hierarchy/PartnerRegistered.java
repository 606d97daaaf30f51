package cloud.practice.events.hierarchy;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;

/** A partner organisation of the pairing programme (结对帮带) was registered. */
@EventType(context = Context.HIERARCHY, revision = 1)
public record PartnerRegistered(
        String partnerId,
        String districtId,
        PartnerType type,
        String name,
        @Nullable String owningDepartment,
        @Nullable String maskedContact) implements DomainEvent {
}
