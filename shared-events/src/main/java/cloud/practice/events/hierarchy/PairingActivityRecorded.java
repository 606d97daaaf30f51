package cloud.practice.events.hierarchy;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;

import java.time.LocalDate;

/** An activity held at a station on behalf of a pairing. {@code activityId} links to request-service if known. */
@EventType(context = Context.HIERARCHY, revision = 1)
public record PairingActivityRecorded(
        String pairingId,
        String districtId,
        String stationId,
        @Nullable String activityId,
        String title,
        LocalDate heldOn) implements DomainEvent {
}
