package cloud.practice.events.request;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import java.time.Instant;

@EventType(context = Context.REQUEST, revision = 1)
public record ActivitySignUpCancelled(
        String activityId,
        String districtId,
        String participantId,
        String role,
        Instant cancelledAt) implements DomainEvent {
}
