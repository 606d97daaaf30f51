package cloud.practice.events.volunteer;

import cloud.practice.events.Context;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventType;
import cloud.practice.events.Nullable;

@EventType(context = Context.VOLUNTEER, revision = 1)
public record TeamDissolved(
        String teamId,
        String districtId,
        @Nullable String reason) implements DomainEvent {
}
