package cloud.practice.events.hierarchy;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;

import java.time.LocalDate;
import java.util.List;

@EventType(context = Context.HIERARCHY, revision = 1)
public record PairingFormed(
        String pairingId,
        String districtId,
        String partnerId,
        List<String> stationIds,
        PairingModel model,
        int activitiesPerQuarter,
        LocalDate startDate,
        @Nullable LocalDate endDate) implements DomainEvent {
}
