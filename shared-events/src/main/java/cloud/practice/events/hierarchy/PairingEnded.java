package cloud.practice.events.hierarchy;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;

import java.time.LocalDate;

@EventType(context = Context.HIERARCHY, revision = 1)
public record PairingEnded(
        String pairingId,
        String districtId,
        @Nullable String reason,
        LocalDate endDate) implements DomainEvent {
}
